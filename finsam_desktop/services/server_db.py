"""A shared kansli database on a PostgreSQL server (docs/postgresql.md): its address, the URL built from it, and
its password in the system keyring.

The password is kept under the service ``FINSAM Kansli`` and the key ``user@host:port/database``; it is never
written to the program's settings or a file, and never shown: what the window, the settings and the messages show
is ``user@host/database`` or the URL without its password. The URL is built with SQLAlchemy's ``URL.create``, so
any character in the user name or password works (the UI layer imports no SQLAlchemy: it asks here).
"""

from __future__ import annotations

from dataclasses import dataclass

from finsam_desktop.domain.common.errors import ValidationError, clip
from finsam_desktop.services import keyring_store

KEYRING_SERVICE = "FINSAM Kansli"
DRIVER = "postgresql+psycopg"
DEFAULT_PORT = 5432
FIELD = "Delad databas"
CONNECT_TIMEOUT = 10  # seconds


@dataclass(frozen=True)
class ServerAddress:
    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT

    @property
    def key(self) -> str:
        """The keyring's key for this database's password."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    @property
    def shown(self) -> str:
        """What the window title, the status bar and messages show: never a password."""
        port = "" if self.port == DEFAULT_PORT else f":{self.port}"
        return f"{self.user}@{self.host}{port}/{self.database}"

    def url(self, password: str | None = None) -> str:
        """The SQLAlchemy URL to connect with (with ``password`` when given)."""
        from sqlalchemy.engine import URL

        url = URL.create(
            DRIVER,
            username=self.user or None,
            password=password or None,
            host=self.host,
            port=self.port,
            database=self.database,
            # A laptop that has lost the network is told so within seconds instead of waiting minutes for TCP.
            query={"connect_timeout": str(CONNECT_TIMEOUT)},
        )
        return url.render_as_string(hide_password=False)


def address(host: str, database: str, user: str, port: int | str | None = DEFAULT_PORT) -> ServerAddress:
    """The address as typed in the dialog, checked; bad input raises a Swedish ``ValidationError``."""
    host, database, user = host.strip(), database.strip(), user.strip()
    if not host or any(c.isspace() for c in host):
        raise ValidationError("ange serverns namn eller adress, t.ex. dbserver.kansli.local.", FIELD)
    if not database:
        raise ValidationError("ange databasens namn, t.ex. finsam.", FIELD)
    if not user:
        raise ValidationError("ange användarnamnet på databasservern.", FIELD)
    try:
        number = DEFAULT_PORT if port in (None, "") else int(port)
    except (TypeError, ValueError):
        raise ValidationError(f"porten ”{clip(str(port))}” är inget tal (standard {DEFAULT_PORT}).", FIELD) from None
    if not 0 < number < 65536:
        raise ValidationError(f"porten {number} finns inte (1–65535).", FIELD)
    return ServerAddress(host, database, user, number)


def parse(url: str) -> ServerAddress:
    """The address of a server URL (its password, if any, is left out)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return ServerAddress(parsed.host or "", parsed.database or "", parsed.username or "", parsed.port or DEFAULT_PORT)


def password_of(url: str) -> str | None:
    """The password written in a URL (``--db``), or None."""
    from sqlalchemy.engine import make_url

    return make_url(url).password or None


def without_password(url: str) -> str:
    """The URL as it may be remembered (settings, the recent list): the password dropped, not masked."""
    from sqlalchemy.engine import URL, make_url

    u = make_url(url)  # (URL.set(password=None) would keep the password: None there means "unchanged")
    return URL.create(u.drivername, u.username, None, u.host, u.port, u.database, u.query).render_as_string(
        hide_password=False
    )


def shown(url: str) -> str:
    """``user@host/database`` for a server URL."""
    return parse(url).shown


def keyring_available() -> bool:
    return keyring_store.available()


def stored_password(server: ServerAddress) -> str | None:
    return keyring_store.get_password(KEYRING_SERVICE, server.key)


def store_password(server: ServerAddress, password: str) -> bool:
    """Keep the password in the keyring; False when there is none (then it is asked for each time)."""
    return keyring_store.set_password(KEYRING_SERVICE, server.key, password)


def forget_password(server: ServerAddress) -> None:
    keyring_store.delete_password(KEYRING_SERVICE, server.key)


def with_stored_password(url: str) -> str:
    """``url`` with the keyring's password for it when it has none of its own (``--db URL``, the recent list);
    unchanged when the URL has a password or the keyring has none."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.password or not parsed.username or not parsed.host:
        return url
    password = stored_password(parse(url))
    if not password:
        return url
    return parsed.set(password=password).render_as_string(hide_password=False)


def open_failure(server: ServerAddress, reason: str, password: str | None = None) -> str:
    """The Swedish message for a server database that did not open: names the server and the database, never the
    password (also scrubbed from the server's own words)."""
    if password:
        reason = reason.replace(password, "***")
    return (
        f"Kan inte öppna databasen {server.database} på servern {server.host} (port {server.port}) "
        f"som {server.user}.\n\n{reason}\n\n"
        "Kontrollera att datorn är ansluten till nätverket, att servern är igång och att användarnamn och lösenord "
        "stämmer."
    )


def connection_lost(exc: BaseException) -> bool:
    """True for the error of a server that stopped answering mid-session (network gone, server stopped)."""
    from sqlalchemy.exc import DisconnectionError, OperationalError

    return isinstance(exc, OperationalError | DisconnectionError) or bool(getattr(exc, "connection_invalidated", 0))


def connection_lost_message(url: str) -> str:
    server = parse(url)
    return (
        f"Förbindelsen med databasen {server.database} på servern {server.host} är bruten – datorn kan ha tappat "
        "nätverket, eller servern har stannat.\n\nDet du just gjorde kan ha gått förlorat: kontrollera det när "
        "förbindelsen är tillbaka. Programmet ansluter på nytt av sig självt vid nästa åtgärd."
    )
