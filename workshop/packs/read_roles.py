"""Reading "what changes for me": the pack's roles and what each option changes for each role.

``[[roles]]`` names the roles of the service unit; ``[[role_changes]]`` says, for one option or
hybrid and one role, what changes in responsibility, decision authority, skills, support, emotional
load and career, with the sources it rests on.  A pack that names roles must describe every
option and hybrid for every role, so that no participant finds their role left out.  Entries have
no id; they are named by their pair (``role_changes[case_owner/agent]``) in problems.
"""

from __future__ import annotations

from collections.abc import Sequence

from workshop.content import ROLE_CHANGE_ASPECTS, Role, RoleChange, Text
from workshop.packs.reader import NO_TEXT, Reader, Table, join, read_items

_ROLE_FIELDS = ("id", "name", "description")
_ROLE_CHANGE_FIELDS = ("option", "role", *ROLE_CHANGE_ASPECTS, "sources")
_SECTION = "role_changes"

Pair = tuple[str, str]


def read_roles(
    r: Reader, data: Table, option_ids: Sequence[str]
) -> tuple[tuple[Role, ...], tuple[RoleChange, ...]]:
    """Read ``[[roles]]`` and ``[[role_changes]]``; `option_ids` are the pure and hybrid ids.

    When the pack declares roles, every pair of an id in `option_ids` and a role must have an
    entry; role changes without any roles are a problem of their own.
    """
    roles = read_items(r, data, "roles", "", "role", _read_role)
    role_ids = tuple(role.id for role in roles)
    if not _declared(data, "roles"):
        if _declared(data, _SECTION):
            r.report(_SECTION, "role changes need roles: the pack declares no [[roles]]")
        return roles, ()
    changes, described = _read_changes(r, data, frozenset(option_ids), frozenset(role_ids))
    for option_id in option_ids:
        for role_id in role_ids:
            if (option_id, role_id) not in described:
                message = f"no role change for option '{option_id}' and role '{role_id}'"
                r.report(_SECTION, message)
    return roles, changes


def _declared(data: Table, key: str) -> bool:
    """Whether the pack has a non-empty value at `key` (an empty array declares nothing)."""
    value = data.get(key)
    return value is not None and value != [] and value != ()


def _read_changes(
    r: Reader, data: Table, option_ids: frozenset[str], role_ids: frozenset[str]
) -> tuple[tuple[RoleChange, ...], set[Pair]]:
    """Read every role change; return them and the (option, role) pairs they describe.

    An entry with other problems still describes its pair, so that the completeness check does
    not report the pair a second time as missing.
    """
    changes: list[RoleChange] = []
    described: set[Pair] = set()
    for index, _, table in r.tables(data, _SECTION, "", "role change", False):
        change = _read_change(r, table, _change_location(index, table), option_ids, role_ids)
        if change is None:
            continue
        pair = (change.option, change.role)
        if pair in described:
            message = f"duplicate role change for option '{pair[0]}' and role '{pair[1]}'"
            r.report(f"{_SECTION}[#{index + 1}]", message)
            continue
        described.add(pair)
        changes.append(change)
    return tuple(changes), described


def _change_location(index: int, table: Table) -> str:
    """Name an entry by its option and role when both are strings, else by its position."""
    option, role = table.get("option"), table.get("role")
    if isinstance(option, str) and option and isinstance(role, str) and role:
        return f"{_SECTION}[{option}/{role}]"
    return f"{_SECTION}[#{index + 1}]"


def _read_change(
    r: Reader, t: Table, loc: str, option_ids: frozenset[str], role_ids: frozenset[str]
) -> RoleChange | None:
    """Read one entry of ``[[role_changes]]``; None if its option or role is unusable."""
    r.check_fields(t, _ROLE_CHANGE_FIELDS, loc)
    option = r.reference(t, "option", loc, option_ids, "option or hybrid")
    role = r.reference(t, "role", loc, role_ids, "role")

    def aspect(name: str) -> Text:
        return r.text(t, name, loc) or NO_TEXT

    change = RoleChange(
        option=option or "",
        role=role or "",
        responsibility=aspect("responsibility"),
        authority=aspect("authority"),
        skills=aspect("skills"),
        support=aspect("support"),
        load=aspect("load"),
        career=aspect("career"),
        sources=_read_sources(r, t, loc),
    )
    return change if option is not None and role is not None else None


def _read_sources(r: Reader, t: Table, loc: str) -> tuple[str, ...]:
    """Read the sources an entry rests on: required, at least one, each a known source."""
    if "sources" not in t:
        r.report(loc, "missing required field 'sources'")
        return ()
    value = t["sources"]
    if isinstance(value, list | tuple) and not value:
        r.report(join(loc, "sources"), "at least one source is needed")
    return r.references(t, "sources", loc, r.source_ids, "source")


def _read_role(r: Reader, t: Table, loc: str) -> Role | None:
    """Read one entry of ``[[roles]]``."""
    r.check_fields(t, _ROLE_FIELDS, loc)
    role_id = r.ident(t, "id", loc)
    name, description = r.text(t, "name", loc), r.text(t, "description", loc)
    if role_id is None:
        return None
    return Role(role_id, name or NO_TEXT, description or NO_TEXT)
