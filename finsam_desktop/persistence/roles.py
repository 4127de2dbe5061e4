"""Roles enforced by the database server (issue 17, docs/postgresql.md): which tables each kansli role may write.

Every table belongs to one *area*. The area is the model module's (``MODULE_AREAS``: the module a table is
declared in decides, so a new table in ``models/budget.py`` is budget's without anyone remembering to list it);
``TABLE_AREAS`` names the few tables whose area is not their module's (the meeting and its agenda belong to
sammanträden although they live in ``core``; the review of a stickprov is the ordförande's part of intern
kontroll). ``tests/persistence/test_roles.py`` checks that every table of ``Base.metadata`` has an area.

On PostgreSQL, ``apply`` makes one group role (NOLOGIN) per kansli role and grants: SELECT on every table to
every role; INSERT/UPDATE/DELETE on the tables of the role's areas (and USAGE on their id sequences); INSERT
only on the append-only logs (the audit log, the seals) for every role that writes; UPDATE on the signing
columns of the justering record for the ordförande/justerare. Nobody gets UPDATE, DELETE or TRUNCATE on the
logs. What the roles may not do stays refused by the server even with raw SQL; what nobody may do (change a
justerat protocol) is the protection triggers' work and holds for the database owner as well.

A person's login is a member of one group role (``create_login``); the password is set with PostgreSQL's own
means (``\\password`` in psql, or the server's authentication), never stored by this program.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Connection

#: The areas a table can belong to, with the words a message uses for them.
AREAS: dict[str, str] = {
    "forbund": "förbundets uppgifter (medlemmar, personer, mandat, organ)",
    "sammantraden": "sammanträden",
    "justering": "justering och anslag",
    "attest": "attest- och delegationsordningen",
    "internkontroll": "den interna kontrollen",
    "stickprovsgranskning": "granskningen av stickprov",
    "budget": "budgeten",
    "arsredovisning": "årsredovisningen",
    "arshjul": "årshjulet",
    "verksamhet": "verksamheten",
    "installningar": "inställningarna",
    "logg": "ändringsloggen",
}

#: The area of each model module's tables (``finsam_desktop.persistence.models.<module>``).
MODULE_AREAS: dict[str, str] = {
    "core": "forbund",
    "sammantraden": "sammantraden",
    "justering": "justering",
    "attest": "attest",
    "internkontroll": "internkontroll",
    "budget": "budget",
    "arsredovisning": "arsredovisning",
    "arshjul": "arshjul",
    "integrity": "logg",
    "verksamhet": "verksamhet",
    "verksamhet_aktiviteter": "verksamhet",
    "verksamhet_uppfoljning": "verksamhet",
    "verksamhetsplan": "verksamhet",
}

#: Tables whose area is not their module's.
TABLE_AREAS: dict[str, str] = {
    "meeting": "sammantraden",
    "agenda_item": "sammantraden",
    "audit_log": "logg",
    "setting": "installningar",
    # The review of a drawn stickprov: each item's judgement, the granskning and the controls' traffic lights.
    "ik_stickprov_item": "stickprovsgranskning",
    "ik_granskning": "stickprovsgranskning",
    "ik_control_status": "stickprovsgranskning",
    "ik_finding_atgard": "stickprovsgranskning",
}

#: Tables made by a migration's SQL, outside the models (0002's search index, kept with the agenda it indexes).
RAW_TABLES: dict[str, str] = {"fts_paragraph": "sammantraden"}

#: Append-only areas: INSERT for every role that writes, never UPDATE or DELETE (the triggers refuse those too).
APPEND_ONLY = frozenset({"logg"})
#: Areas every role that writes anything may write (remembered import mappings and the like).
SHARED = frozenset({"installningar"})

#: The columns of the justering record that signing the justerat protocol sets (``services/justering/archive``);
#: ``record_sha256`` is the record's own hash, renewed at the same commit.
SIGNING_COLUMNS = ("signed_pdf", "signed_at", "signers", "record_sha256")


@dataclass(frozen=True)
class DbRole:
    name: str
    label: str
    areas: frozenset[str]
    #: Column-level UPDATE grants beyond the areas: ``{table: columns}``.
    column_updates: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: What the role may change, for the help text and messages (Swedish).
    summary: str = ""

    @property
    def writes(self) -> bool:
        return bool(self.areas or self.column_updates)


_WRITABLE = frozenset(AREAS) - APPEND_ONLY - SHARED

ROLES: tuple[DbRole, ...] = (
    DbRole("finsam_forbundschef", "förbundschef", _WRITABLE, summary="allt"),
    DbRole(
        "finsam_sekreterare",
        "sekreterare",
        frozenset({"sammantraden", "justering"}),
        summary="sammanträden, justering och anslag",
    ),
    DbRole(
        "finsam_ordforande",
        "ordförande/justerare",
        frozenset({"stickprovsgranskning"}),
        column_updates=(("protocol_justering", SIGNING_COLUMNS),),
        summary="signaturerna på justerade protokoll, granskningen av stickprov",
    ),
    DbRole(
        "finsam_ekonom",
        "ekonom",
        frozenset({"budget", "arsredovisning"}),
        summary="budget, utfall och årsredovisning med deras importer",
    ),
    DbRole("finsam_revisor", "revisor", frozenset(), summary="ingenting (läser allt)"),
)
ROLE_BY_NAME = {r.name: r for r in ROLES}
#: ``--roll`` accepts the role's short name (``revisor``) as well as its database name (``finsam_revisor``).
ROLE_BY_SHORT = {r.name.removeprefix("finsam_"): r for r in ROLES}


class RoleError(ValueError):
    """A role or user name that cannot be used (Swedish message)."""


def table_areas() -> dict[str, str]:
    """Every table of the models (and the migrations' raw tables) → its area."""
    from finsam_desktop.persistence.models import Base

    out: dict[str, str] = dict(RAW_TABLES)
    for mapper in Base.registry.mappers:
        table = mapper.local_table
        module = mapper.class_.__module__.rpartition(".")[2]
        area = TABLE_AREAS.get(table.name) or MODULE_AREAS.get(module)
        if area is None:
            raise LookupError(f"{table.name} ({module}) har inget område i persistence/roles.py")
        out[table.name] = area
    return out


def area_label(table: str) -> str:
    area = table_areas().get(table)
    return AREAS[area] if area else f"tabellen {table}"


def role_for(name: str) -> DbRole:
    role = ROLE_BY_NAME.get(name) or ROLE_BY_SHORT.get(name)
    if role is None:
        names = ", ".join(ROLE_BY_SHORT)
        raise RoleError(f"Rollen ”{name}” finns inte. Välj en av: {names}.")
    return role


_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def check_user_name(name: str) -> str:
    if not _IDENTIFIER.match(name):
        raise RoleError(
            f"Användarnamnet ”{name}” kan inte användas: små bokstäver a–z, siffror och _ (högst 63 tecken), "
            "börjar inte med en siffra."
        )
    if name in ROLE_BY_NAME:
        raise RoleError(f"{name} är en grupproll; ge personen ett eget användarnamn.")
    return name


@dataclass(frozen=True)
class Grant:
    role: str
    privileges: str  # "INSERT, UPDATE, DELETE", "INSERT", "UPDATE (a, b)"
    table: str


def grants(tables: Iterable[str]) -> list[Grant]:
    """The write grants of every role on ``tables`` (the tables the database has)."""
    areas = table_areas()
    present = set(tables)
    out: list[Grant] = []
    for role in ROLES:
        for table in sorted(present):
            area = areas.get(table)
            if area in role.areas:
                out.append(Grant(role.name, "INSERT, UPDATE, DELETE", table))
            elif role.writes and area in SHARED:
                out.append(Grant(role.name, "INSERT, UPDATE, DELETE", table))
            elif role.writes and area in APPEND_ONLY:
                out.append(Grant(role.name, "INSERT", table))
        for table, columns in role.column_updates:
            if table in present:
                out.append(Grant(role.name, f"UPDATE ({', '.join(columns)})", table))
    return out


def _tables(conn: Connection) -> list[str]:
    sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    return [r[0] for r in conn.execute(text(sql))]


def _sequences(conn: Connection) -> dict[str, list[str]]:
    """Table → the sequences it owns (its SERIAL id's): INSERT needs USAGE on them."""
    sql = (
        "SELECT t.relname, s.relname FROM pg_class s JOIN pg_depend d ON d.objid = s.oid AND d.deptype = 'a' "
        "JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace n ON n.oid = s.relnamespace "
        "WHERE s.relkind = 'S' AND n.nspname = current_schema()"
    )
    out: dict[str, list[str]] = {}
    for table, sequence in conn.execute(text(sql)):
        out.setdefault(table, []).append(sequence)
    return out


def _existing_roles(conn: Connection) -> set[str]:
    return {r[0] for r in conn.execute(text("SELECT rolname FROM pg_roles"))}


def apply(conn: Connection) -> list[str]:
    """Create the group roles that are missing and set their grants on this database from scratch (idempotent:
    a grant taken out of the description is revoked). Returns the roles created now."""
    existing = _existing_roles(conn)
    created = []
    for role in ROLES:
        if role.name not in existing:
            conn.execute(text(f"CREATE ROLE {role.name} NOLOGIN"))
            created.append(role.name)
    database = conn.execute(text("SELECT current_database()")).scalar()
    schema = conn.execute(text("SELECT current_schema()")).scalar()
    tables = _tables(conn)
    for role in ROLES:
        conn.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO {role.name}'))
        conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO {role.name}'))
        conn.execute(text(f'REVOKE ALL ON ALL TABLES IN SCHEMA "{schema}" FROM {role.name}'))
        conn.execute(text(f'REVOKE ALL ON ALL SEQUENCES IN SCHEMA "{schema}" FROM {role.name}'))
        conn.execute(text(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO {role.name}'))
        # Tables a later upgrade makes (as this login) are readable at once; writing waits for the next run.
        conn.execute(text(f'ALTER DEFAULT PRIVILEGES IN SCHEMA "{schema}" GRANT SELECT ON TABLES TO {role.name}'))
    sequences = _sequences(conn)
    for grant in grants(tables):
        conn.execute(text(f'GRANT {grant.privileges} ON "{grant.table}" TO {grant.role}'))
        if "INSERT" in grant.privileges:
            for sequence in sequences.get(grant.table, ()):
                conn.execute(text(f'GRANT USAGE ON SEQUENCE "{sequence}" TO {grant.role}'))
    return created


def regrant_after_upgrade(conn: Connection) -> bool:
    """After an upgrade of a database whose roles are set: the new tables' grants, at once (in a savepoint of the
    upgrade's transaction: a login that may not grant leaves them to the next ``finsam db roles``, and the upgrade
    stands). Returns True when the grants were renewed."""
    from sqlalchemy.exc import DBAPIError

    from finsam_desktop.domain.common.errors import PermissionDeniedError

    if not {r.name for r in ROLES} <= _existing_roles(conn):
        return False
    granted = "SELECT has_table_privilege('finsam_revisor', 'audit_log', 'SELECT')"
    if not conn.execute(text(granted)).scalar():
        return False  # roles of the server, never set on this database: that takes ``finsam db roles``
    savepoint = conn.begin_nested()
    try:
        apply(conn)
    except (DBAPIError, PermissionDeniedError):
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def create_login(conn: Connection, user: str, role_name: str) -> bool:
    """A LOGIN role ``user`` that is a member of the group role (created when missing, else given the role).
    Without a password: PostgreSQL's own means set it. Returns True when the user was created now."""
    role = role_for(role_name)
    check_user_name(user)
    created = user not in _existing_roles(conn)
    if created:
        conn.execute(text(f"CREATE ROLE {user} LOGIN IN ROLE {role.name}"))
    else:
        conn.execute(text(f"GRANT {role.name} TO {user}"))
    return created


def memberships(conn: Connection) -> list[tuple[str, str]]:
    """(login, group role) for every member of the FINSAM group roles, by role and login."""
    names = ", ".join(f"'{r.name}'" for r in ROLES)
    sql = (
        "SELECT u.rolname, g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
        f"JOIN pg_roles u ON u.oid = m.member WHERE g.rolname IN ({names}) ORDER BY g.rolname, u.rolname"
    )
    return [(r[0], r[1]) for r in conn.execute(text(sql))]


#: The login of a connection and its FINSAM group roles (run once per new connection, persistence/database.py).
SESSION_SQL = (
    "SELECT session_user, coalesce(string_agg(g.rolname, ', ' ORDER BY g.rolname), '') "
    "FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
    "WHERE u.rolname = session_user AND g.rolname LIKE 'finsam\\_%'"
)

_DENIED = re.compile(r"permission denied for (?:table|relation|sequence) (\w+)", re.I)


def permission_message(server_text: str, user: str | None, roles: str | None) -> str:
    """The Swedish message for the server's refusal (SQLSTATE 42501) of a change the login's role may not make."""
    match = _DENIED.search(server_text or "")
    table = match.group(1) if match else ""
    if table.endswith("_id_seq"):
        table = table.removesuffix("_id_seq")
    who = roles or user or "okänd"
    if not table:
        return f"Din databasroll ({who}) får inte göra det här: {server_text}"
    message = f"Din databasroll ({who}) får inte ändra {area_label(table)} (tabellen {table})."
    known = [ROLE_BY_NAME[r.strip()] for r in (roles or "").split(",") if r.strip() in ROLE_BY_NAME]
    if known:
        message += " " + "; ".join(f"Rollen {r.label} får ändra: {r.summary}" for r in known) + "."
    return message + " Behörigheterna sätts av databasens ägare med ”finsam db roles”."
