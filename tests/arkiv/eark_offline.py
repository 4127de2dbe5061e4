"""Run eark-validator's command line offline: its CSIP vocabularies are read from the copies the package ships.

eark-validator fetches four vocabularies from the web when it is imported; this bootstrap maps those addresses
to its own ``ipxml/resources/vocabs`` files (the same vocabularies) and then runs ``eark_validator.cli.app.main``.
Run as ``python eark_offline.py PACKAGE`` with a Python that has eark-validator installed.
"""

import sys
import urllib.request
from pathlib import Path

import importlib_resources

_real_urlopen = urllib.request.urlopen
_VOCABS = importlib_resources.files("eark_validator.ipxml.resources.vocabs")


def _urlopen(url, *args, **kwargs):
    name = str(url).rsplit("/", 1)[-1]
    local = Path(str(_VOCABS.joinpath(name)))
    if str(url).startswith("https://earkcsip.dilcis.eu/schema/") and local.is_file():
        return open(local, "rb")
    raise OSError(f"offline: {url}")


urllib.request.urlopen = _urlopen

from eark_validator.cli import app  # noqa: E402

if __name__ == "__main__":
    sys.argv = ["eark-validator", *sys.argv[1:]]
    app.main()
