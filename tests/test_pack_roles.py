"""Roles and "what changes for me" in a content pack: the model, each rule, and the round trips."""

from __future__ import annotations

import copy
import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from workshop.content import ROLE_CHANGE_ASPECTS, ContentPack, RoleChange, Text
from workshop.export import import_session
from workshop.export.json_export import json_bytes
from workshop.export.snapshot import build_snapshot
from workshop.packs import (
    PACKS_DIR,
    PackError,
    default_pack,
    load_pack,
    pack_from_data,
    pack_to_data,
)
from workshop.store import open_store

Data = dict[str, Any]
SOURCE = "roles.toml"
OPTIONS = ("pool", "owner", "known")  # two pure options and a hybrid
ROLES = ("agent", "lead")

BASE = """\
id = "roles"
version = "1"
name = { de = "Rollen", en = "Roles" }
description = { de = "Was sich für mich ändert", en = "What changes for me" }

[[sources]]
id = "src"
citation = "Someone (2020): A study."

[[criteria]]
id = "REL"
name = { de = "Beziehung", en = "Relationship" }
definition = { de = "Wie persönlich", en = "How personal" }
low = { de = "anonym", en = "anonymous" }
high = { de = "persönlich", en = "personal" }

[[options]]
id = "pool"
name = { de = "Pool", en = "Pool" }
summary = { de = "Alle für alle", en = "Everyone for everyone" }
profile.REL = { value = 1, rationale = { de = "anonym", en = "anonymous" } }

[[options]]
id = "owner"
name = { de = "Eigentümer", en = "Owner" }
summary = { de = "Eine Person je Kunde", en = "One person per customer" }
profile.REL = { value = 5, rationale = { de = "persönlich", en = "personal" } }

[[hybrids]]
id = "known"
name = { de = "Bekannt", en = "Known" }
summary = { de = "Bekannte Person zuerst", en = "Known agent first" }
kind = "pull"
a = "pool"
b = "owner"
pulls = { REL = 1.0 }

[[hybrids.parameters]]
id = "strength"
name = { de = "Stärke", en = "Strength" }
description = { de = "Treffer", en = "Hits" }
minimum = 0
maximum = 1
default = 0.6
step = 0.1

[[roles]]
id = "agent"
name = { de = "Mitarbeitende im Service", en = "Service agent" }
description = { de = "Nimmt Anliegen an", en = "Takes issues" }

[[roles]]
id = "lead"
name = { de = "Teamleitung", en = "Team lead" }
description.de = "Führt das Team"
description.en = "Leads the team"
"""


def change_toml(option: str, role: str) -> str:
    """One ``[[role_changes]]`` entry whose texts name its option, role and aspect."""
    lines = ["[[role_changes]]", f'option = "{option}"', f'role = "{role}"']
    for aspect in ROLE_CHANGE_ASPECTS:
        de, en = f"{option} {role} {aspect} de", f"{option} {role} {aspect} en"
        lines.append(f'{aspect} = {{ de = "{de}", en = "{en}" }}')
    lines.append('sources = ["src"]')
    return "\n".join(lines) + "\n"


PACK_TEXT = BASE + "\n" + "\n".join(change_toml(o, r) for o in OPTIONS for r in ROLES)


def data() -> Data:
    """The valid pack as parsed data, a fresh copy to break."""
    return tomllib.loads(PACK_TEXT)


def entry(d: Data, option: str, role: str) -> Data:
    """The role change entry for a pair in parsed data."""
    found: Data = next(c for c in d["role_changes"] if (c["option"], c["role"]) == (option, role))
    return found


def problems(edit: Callable[[Data], object]) -> list[tuple[str, str]]:
    """Break the valid pack with `edit`, validate it, and return the (location, message) list."""
    d = data()
    edit(d)
    with pytest.raises(PackError) as caught:
        pack_from_data(d, source=SOURCE)
    assert all(p.file == SOURCE for p in caught.value.problems)
    return [(p.location, p.message) for p in caught.value.problems]


# ----------------------------------------------------------------------------- the model


def test_valid_pack_with_roles_loads_from_a_file(tmp_path: Path) -> None:
    """Roles and every option × role change load; role_change finds pure and hybrid options."""
    path = tmp_path / "roles.toml"
    path.write_text(PACK_TEXT, encoding="utf-8")
    pack = load_pack(path)
    assert tuple(r.id for r in pack.roles) == ROLES
    assert pack.role("lead").name == Text(de="Teamleitung", en="Team lead")
    assert pack.role("lead").description.en == "Leads the team"
    assert len(pack.role_changes) == len(OPTIONS) * len(ROLES)
    change = pack.role_change("known", "agent")
    assert isinstance(change, RoleChange)
    assert change.skills == Text(de="known agent skills de", en="known agent skills en")
    assert change.aspect("load") == change.load
    assert [change.aspect(a).en for a in ROLE_CHANGE_ASPECTS] == [
        f"known agent {a} en" for a in ROLE_CHANGE_ASPECTS
    ]
    assert change.sources == ("src",)
    assert pack.role_change("owner", "lead") is not None
    assert pack.role_change("pool", "nobody") is None
    assert pack.role_change("nothing", "agent") is None


def test_unknown_role_and_aspect_are_key_errors() -> None:
    """role() and aspect() raise KeyError for names the pack or the model does not know."""
    pack = pack_from_data(data())
    with pytest.raises(KeyError):
        pack.role("nobody")
    change = pack.role_change("pool", "agent")
    assert change is not None
    with pytest.raises(KeyError):
        change.aspect("salary")


def test_aspects_are_the_agreed_six() -> None:
    """The aspects, in display order, are the fields of a role change."""
    assert ROLE_CHANGE_ASPECTS == (
        "responsibility",
        "authority",
        "skills",
        "support",
        "load",
        "career",
    )


def test_pack_without_roles_still_loads() -> None:
    """A pack (or an old session's pack) without roles loads with none and no role changes."""
    d = data()
    del d["roles"], d["role_changes"]
    pack = pack_from_data(d)
    assert (pack.roles, pack.role_changes) == ((), ())
    assert pack.role_change("pool", "agent") is None
    d.update(roles=[], role_changes=[])
    assert pack_from_data(d) == pack


def test_default_pack_keeps_loading() -> None:
    """The built-in pack loads, and any roles it declares cover every option and hybrid."""
    pack = default_pack()
    everything = (*pack.option_ids, *(h.id for h in pack.hybrids))
    for role in pack.roles:
        assert all(pack.role_change(o, role.id) is not None for o in everything)


# ----------------------------------------------------------------------------- roles


def test_invalid_role_id() -> None:
    """A role id outside the id rule is reported (and the role takes no part in completeness)."""
    bad = {"id": "team lead", "name": {"de": "T", "en": "T"}, "description": {"de": "d", "en": "d"}}
    assert problems(lambda d: d["roles"].append(bad)) == [
        (
            "roles[team lead].id",
            "'team lead' is not a valid id: start with a letter, then use letters, digits, '_' "
            "or '-'",
        )
    ]


def test_duplicate_role_id() -> None:
    """A role defined twice is reported by position."""
    assert problems(lambda d: d["roles"].append(copy.deepcopy(d["roles"][0]))) == [
        ("roles[#3]", "duplicate role id 'agent'")
    ]


def test_role_missing_field_and_unknown_field() -> None:
    """A role needs a name; a field the format does not know is reported."""

    def edit(d: Data) -> None:
        del d["roles"][0]["name"]
        d["roles"][1]["title"] = "Chef"

    assert problems(edit) == [
        ("roles[agent]", "missing required field 'name'"),
        ("roles[lead].title", "unknown field 'title' (allowed: id, name, description)"),
    ]


# ----------------------------------------------------------------------------- role changes


def test_role_change_on_unknown_option() -> None:
    """An option that is neither pure nor hybrid is reported, and its real pair is missing."""
    assert problems(lambda d: entry(d, "pool", "agent").update(option="ghost")) == [
        ("role_changes[ghost/agent].option", "unknown option or hybrid 'ghost'"),
        ("role_changes", "no role change for option 'pool' and role 'agent'"),
    ]


def test_role_change_for_unknown_role() -> None:
    """A role the pack does not declare is reported."""
    assert problems(lambda d: entry(d, "known", "lead").update(role="boss")) == [
        ("role_changes[known/boss].role", "unknown role 'boss'"),
        ("role_changes", "no role change for option 'known' and role 'lead'"),
    ]


def test_role_change_without_option_is_named_by_position() -> None:
    """An entry without an option is named by its position."""
    assert problems(lambda d: entry(d, "pool", "agent").pop("option")) == [
        ("role_changes[#1]", "missing required field 'option'"),
        ("role_changes", "no role change for option 'pool' and role 'agent'"),
    ]


@pytest.mark.parametrize("aspect", ROLE_CHANGE_ASPECTS)
def test_role_change_missing_aspect(aspect: str) -> None:
    """Every aspect is required (and the flawed entry still counts as present)."""
    assert problems(lambda d: entry(d, "owner", "agent").pop(aspect)) == [
        ("role_changes[owner/agent]", f"missing required field '{aspect}'")
    ]


@pytest.mark.parametrize("aspect", ROLE_CHANGE_ASPECTS)
@pytest.mark.parametrize(("lang", "language"), [("de", "German"), ("en", "English")])
def test_role_change_aspect_needs_both_languages(aspect: str, lang: str, language: str) -> None:
    """An aspect with an empty (or blank) German or English text is reported by language."""
    blank = "" if lang == "de" else "  "
    assert problems(lambda d: entry(d, "owner", "lead")[aspect].update({lang: blank})) == [
        (f"role_changes[owner/lead].{aspect}", f"missing {language} text ({lang})")
    ]


def test_role_change_aspect_that_is_not_a_text() -> None:
    """A plain string where a bilingual text is expected is a wrong type."""
    assert problems(lambda d: entry(d, "owner", "lead").update(skills="viel")) == [
        (
            "role_changes[owner/lead].skills",
            "expected a table with German (de) and English (en) text, got the string 'viel'",
        )
    ]


def test_role_change_without_sources() -> None:
    """Sources are required for a role change."""
    assert problems(lambda d: entry(d, "owner", "agent").pop("sources")) == [
        ("role_changes[owner/agent]", "missing required field 'sources'")
    ]


def test_role_change_with_no_sources() -> None:
    """An empty list of sources is reported."""
    assert problems(lambda d: entry(d, "owner", "agent").update(sources=[])) == [
        ("role_changes[owner/agent].sources", "at least one source is needed")
    ]


def test_role_change_with_unknown_source() -> None:
    """Every source cited must be defined in [[sources]]."""
    assert problems(lambda d: entry(d, "owner", "agent").update(sources=["src", "rumour"])) == [
        ("role_changes[owner/agent].sources", "unknown source 'rumour'")
    ]


def test_role_change_with_unknown_field() -> None:
    """A field the format does not know is reported with the allowed fields."""
    allowed = "option, role, responsibility, authority, skills, support, load, career, sources"
    assert problems(lambda d: entry(d, "pool", "lead").update(salary="mehr")) == [
        ("role_changes[pool/lead].salary", f"unknown field 'salary' (allowed: {allowed})")
    ]


def test_duplicate_role_change() -> None:
    """A second entry for the same option and role is reported by position."""
    assert problems(
        lambda d: d["role_changes"].append(copy.deepcopy(entry(d, "owner", "agent")))
    ) == [("role_changes[#7]", "duplicate role change for option 'owner' and role 'agent'")]


def test_every_missing_pair_is_reported() -> None:
    """With roles declared, every option and hybrid needs an entry for every role."""

    def edit(d: Data) -> None:
        d["role_changes"] = [
            c
            for c in d["role_changes"]
            if (c["option"], c["role"]) not in {("pool", "lead"), ("known", "agent")}
        ]

    assert problems(edit) == [
        ("role_changes", "no role change for option 'pool' and role 'lead'"),
        ("role_changes", "no role change for option 'known' and role 'agent'"),
    ]


def test_roles_without_any_role_changes() -> None:
    """Declaring roles without role changes reports all pairs, pure options before hybrids."""
    assert problems(lambda d: d.pop("role_changes")) == [
        ("role_changes", f"no role change for option '{o}' and role '{r}'")
        for o in OPTIONS
        for r in ROLES
    ]


def test_role_changes_without_roles() -> None:
    """Role changes in a pack that declares no roles are one problem, not one per entry."""
    assert problems(lambda d: d.pop("roles")) == [
        ("role_changes", "role changes need roles: the pack declares no [[roles]]")
    ]


def test_role_change_that_is_not_a_table() -> None:
    """An entry that is not a table is a wrong type, and its pair is then missing."""
    assert problems(lambda d: d["role_changes"].__setitem__(0, 3)) == [
        ("role_changes[#1]", "expected a table, got the number 3"),
        ("role_changes", "no role change for option 'pool' and role 'agent'"),
    ]


# ----------------------------------------------------------------------------- round trips


def test_round_trip_keeps_roles_and_role_changes() -> None:
    """pack_from_data(pack_to_data(p)) == p with roles, also through JSON; every key is written."""
    pack = pack_from_data(data())
    written = pack_to_data(pack)
    assert [r["id"] for r in written["roles"]] == list(ROLES)
    first = written["role_changes"][0]
    assert list(first) == ["option", "role", *ROLE_CHANGE_ASPECTS, "sources"]
    assert pack_from_data(written) == pack
    assert pack_from_data(json.loads(json.dumps(written))) == pack


def test_round_trip_of_a_pack_without_roles() -> None:
    """A pack without roles writes empty sections and reads back equal."""
    d = data()
    del d["roles"], d["role_changes"]
    pack = pack_from_data(d)
    written = pack_to_data(pack)
    assert (written["roles"], written["role_changes"]) == ([], [])
    assert pack_from_data(written) == pack


def with_roles(pack: ContentPack) -> Data:
    """The pack's data with two roles and a role change for every option and hybrid."""
    d = pack_to_data(pack)
    source = d["sources"][0]["id"]
    d["roles"] = [
        {"id": r, "name": {"de": r, "en": r}, "description": {"de": r, "en": r}} for r in ROLES
    ]
    everything = [o["id"] for o in d["options"]] + [h["id"] for h in d["hybrids"]]
    d["role_changes"] = [
        {
            "option": o,
            "role": r,
            **{a: {"de": f"{o} {a}", "en": f"{o} {a}"} for a in ROLE_CHANGE_ASPECTS},
            "sources": [source],
        }
        for o in everything
        for r in ROLES
    ]
    return d


def test_session_export_and_import_keep_roles(tmp_path: Path) -> None:
    """A session created from a pack with roles, exported to JSON and imported, keeps them."""
    pack_data = with_roles(default_pack())
    pack = pack_from_data(pack_data)
    with open_store(f"sqlite:///{tmp_path / 'roles.sqlite3'}") as store:
        created = store.create_session("Rollen", "de", pack_to_data(pack))
        snapshot = build_snapshot(store, created.code, created.facilitator_key)
        imported = import_session(store, json_bytes(snapshot))
        again = pack_from_data(store.get_session(imported.code).pack_data)
    assert again == pack
    assert len(again.role_changes) == len(pack_data["role_changes"])


# ----------------------------------------------------------------------------- FORMAT.md


def test_format_roles_example_completes_the_small_example() -> None:
    """The roles example in FORMAT.md, added to its small example, is a valid pack."""
    text = (PACKS_DIR / "FORMAT.md").read_text(encoding="utf-8")
    small = text.split("## A small example", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    roles = text.split("## `[[roles]]` and `[[role_changes]]`", 1)[1]
    example = roles.split("```toml\n", 1)[1].split("```", 1)[0]
    pack = pack_from_data(tomllib.loads(small + "\n" + example), source="FORMAT.md")
    assert [r.id for r in pack.roles] == ["agent"]
    assert {(c.option, c.role) for c in pack.role_changes} == {
        ("case_owner", "agent"),
        ("dedicated", "agent"),
        ("affinity", "agent"),
    }
