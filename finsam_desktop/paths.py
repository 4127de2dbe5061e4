"""Where things live: the default data file, bundled resources and migrations.

Works both from a source checkout / editable install and from a PyInstaller bundle.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_path

APP_DIR_NAME = "FINSAM Kansli"
DB_ENV = "FINSAM_DB"


def project_root() -> Path:
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return project_root() / "resources"


def migrations_dir() -> Path:
    return project_root() / "migrations"


def default_db_path() -> Path:
    return user_data_path(APP_DIR_NAME, appauthor=False) / "finsam.sqlite"


def is_server_url(target: object) -> bool:
    """A SQLAlchemy URL of a database server (``postgresql+psycopg://user@host/finsam``), not a file path."""
    return isinstance(target, str) and "://" in target and not target.startswith("sqlite:")


def resolve_db_path(cli_value: str | os.PathLike | None = None) -> Path | str:
    """``--db`` wins over ``FINSAM_DB``, which wins over the user data directory. A server URL is returned as it
    is (a string); a file path as an absolute ``Path``."""
    for value in (cli_value, os.environ.get(DB_ENV)):
        if value and is_server_url(value):
            return str(value)
        if value:
            return Path(value).expanduser().resolve()
    return default_db_path()
