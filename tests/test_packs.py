"""Content packs: the default pack, the round trip, and one test per kind of pack error."""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import json
import math
import random
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from workshop.content import ContentPack, Text
from workshop.packs import (
    DEFAULT_PACK_FILE,
    PACKS_DIR,
    PackError,
    PackProblem,
    default_pack,
    load_pack,
    pack_from_data,
    pack_to_data,
)

CRITERIA = (
    *("SPD", "FCR", "EFF", "REL", "CON", "AUT", "SKL", "EMO"),
    *("LB", "RES", "CST", "TTM", "ACC", "KNW", "CHG"),
)
#: The re-balanced base profiles (every option has real strengths and real costs; the balance
#: report and tests/test_default_pack_homes.py check what they lead to).
PROFILES = {
    "tiered": (3, 3, 2, 1, 4, 2, 4, 3, 4, 4, 4.5, 3, 2, 2, 5),
    "case_owner": (4, 4, 4, 2, 3, 4, 2, 3, 2, 2, 3, 3, 5, 3, 3),
    "dedicated": (2, 4, 5, 5, 2, 5, 2, 2, 1.5, 2, 2, 2, 5, 2, 2),
    "pods": (3, 4, 4, 4, 3, 4, 2, 3, 3, 3, 2, 3, 4, 3, 2),
    "swarming": (3, 3, 4, 2, 2, 5, 3, 3, 3, 4, 2.5, 4, 3, 4, 1),
    "front_back": (2, 2, 2, 1, 5, 2, 4, 3, 4, 4, 4, 3, 3, 2, 4),
}
FACTORS = (
    "complexity",
    "repeat_contacts",
    "value_concentration",
    "volatility",
    "async_share",
    "team_size",
    "experience",
    "regulation",
)

# A small valid pack; each error test breaks exactly one thing in it.
MINI = """\
id = "mini"
version = "1"
name = { de = "Mini", en = "Mini" }
description = { de = "Kleines Paket", en = "Small pack" }

[[sources]]
id = "src"
citation = "Someone (2020): A study."
url = "https://example.org"

[[criteria]]
id = "SPD"
name = { de = "Tempo", en = "Speed" }
definition = { de = "Wie schnell", en = "How fast" }
low = { de = "langsam", en = "slow" }
high = { de = "schnell", en = "fast" }
sources = ["src"]

[[criteria]]
id = "REL"
name = { de = "Beziehung", en = "Relationship" }
definition = { de = "Wie persönlich", en = "How personal" }
low = { de = "anonym", en = "anonymous" }
high = { de = "persönlich", en = "personal" }

[[options]]
id = "pool"
name = { de = "Pool", en = "Pool" }
short = { de = "P", en = "P" }
summary = { de = "Alle für alle", en = "Everyone for everyone" }
sources = ["src"]

[options.profile.SPD]
value = 4
rationale = { de = "schnell", en = "fast" }

[options.profile.REL]
value = 1
rationale = { de = "anonym", en = "anonymous" }

[[options]]
id = "owner"
name = { de = "Eigentümer", en = "Owner" }
summary = { de = "Eine Person je Kunde", en = "One person per customer" }

[options.profile.SPD]
value = 3
rationale = { de = "wartet", en = "waits" }

[options.profile.REL]
value = 5
rationale = { de = "persönlich", en = "personal" }

[[context_factors]]
id = "size"
name = { de = "Größe", en = "Size" }
description = { de = "Mitarbeitende", en = "Staff" }
low = { de = "klein", en = "small" }
high = { de = "groß", en = "large" }
unit = { de = "Personen", en = "people" }
minimum = 5
maximum = 300
neutral = 50
step = 5

[[context_factors.modifiers]]
option = "owner"
criterion = "REL"
beta = 0.5
rationale = { de = "mehr Vertretung", en = "more cover" }
sources = ["src"]

[[hybrids]]
id = "mix"
name = { de = "Mischung", en = "Mix" }
summary = { de = "Teils, teils", en = "Part and part" }
kind = "blend"
a = "pool"
b = "owner"
kappa = 0.5
coordination_criteria = ["SPD"]
sources = ["src"]

[[hybrids.parameters]]
id = "share"
name = { de = "Anteil", en = "Share" }
description = { de = "Anteil fest", en = "Share dedicated" }
minimum = 0
maximum = 1
default = 0.2
step = 0.05

[[hybrids.parameters]]
id = "intensity"
name = { de = "Intensität", en = "Intensity" }
description = { de = "Mehr Kontakte", en = "More contacts" }
minimum = 1
maximum = 5
default = 2
step = 0.5

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
"""


def write(tmp_path: Path, text: str) -> Path:
    """Write a pack file and return its path."""
    path = tmp_path / "pack.toml"
    path.write_text(text, encoding="utf-8")
    return path


def broken(tmp_path: Path, *edits: tuple[str, str]) -> list[tuple[str, str]]:
    """Apply (old, new) edits to MINI, load it, and return the (location, message) problems."""
    text = MINI
    for old, new in edits:
        assert text.count(old) == 1, f"edit target not unique: {old!r}"
        text = text.replace(old, new)
    path = write(tmp_path, text)
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert all(p.file == str(path) for p in caught.value.problems)
    return [(p.location, p.message) for p in caught.value.problems]


def texts(value: object) -> Iterator[Text]:
    """Every Text inside a pack, found by walking its dataclasses, tuples and mappings."""
    if isinstance(value, Text):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from texts(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)


# ----------------------------------------------------------------------------- the default pack


def test_default_pack_has_the_expected_shape() -> None:
    """The default pack has 15 criteria in order, 6 options, >= 8 factors and >= 3 hybrids."""
    pack = default_pack()
    assert pack.id == "case-or-customer"
    assert pack.name == Text(de="Fall oder Kunde?", en="Case or customer?")
    assert pack.criterion_ids == CRITERIA
    assert pack.option_ids == tuple(PROFILES)
    assert {f.id for f in pack.context_factors} >= set(FACTORS)
    assert {"segment", "affinity", "tiered_swarm"} <= {h.id for h in pack.hybrids}


def test_default_pack_profiles_match_the_domain_research() -> None:
    """Every base profile equals the re-balanced one (no model without a weakness)."""
    pack = default_pack()
    for option_id, values in PROFILES.items():
        assert tuple(pack.option(option_id).value(c) for c in CRITERIA) == values


def test_default_pack_is_cached_and_loads_from_its_file() -> None:
    """default_pack() is loaded once and equals a fresh load of the default file."""
    assert default_pack() is default_pack()
    assert load_pack(DEFAULT_PACK_FILE) == default_pack()
    assert DEFAULT_PACK_FILE.parent == PACKS_DIR


def test_every_text_has_german_and_english() -> None:
    """Every text in the default pack is non-empty in both languages."""
    found = list(texts(default_pack()))
    assert len(found) > 250
    assert all(t.de.strip() and t.en.strip() for t in found)


def test_default_pack_cites_its_evidence() -> None:
    """Every criterion but a few, every option and every hybrid cite sources with citations."""
    pack = default_pack()
    assert all(s.citation for s in pack.sources)
    assert all(o.sources for o in pack.options)
    assert all(h.sources for h in pack.hybrids)
    assert sum(bool(c.sources) for c in pack.criteria) >= 10


def test_default_modifiers_use_the_agreed_steps() -> None:
    """Modifier betas are ±0.5, ±1 or ±1.5 (strong), and each factor has at least one."""
    for factor in default_pack().context_factors:
        assert factor.modifiers
        assert {m.beta for m in factor.modifiers} <= {-1.5, -1.0, -0.5, 0.5, 1.0, 1.5}
        assert factor.minimum < factor.neutral < factor.maximum


def test_default_modifiers_point_the_right_way() -> None:
    """Spot checks of the direction of shifts where the 'bad' end of a factor is low."""
    pack = default_pack()

    def beta(factor: str, option: str, criterion: str) -> float:
        cells = pack.context_factor(factor).modifiers
        return next(m.beta for m in cells if (m.option, m.criterion) == (option, criterion))

    assert beta("team_size", "case_owner", "RES") > 0
    assert beta("team_size", "dedicated", "RES") > beta("team_size", "case_owner", "RES")
    assert beta("team_size", "front_back", "CST") > 0
    assert beta("experience", "dedicated", "SKL") > 0
    # Experienced staff swarm well and resolve more in the first tier themselves.
    assert beta("experience", "swarming", "SKL") > 0
    assert beta("experience", "tiered", "FCR") > 0
    # New issues hurt the tiers; the swarm's expert time pays off on them.
    assert beta("complexity", "tiered", "FCR") < 0 < beta("complexity", "swarming", "CST")
    # Peaks hurt fixed assignments; pooled models keep balancing (no gain for "mattering more").
    assert beta("volatility", "dedicated", "LB") < 0
    pooled = {"tiered", "swarming", "front_back"}
    assert not [m for m in pack.context_factor("volatility").modifiers if m.option in pooled]


def test_default_hybrids_have_the_agreed_parameters() -> None:
    """The hybrids give each part the work it suits (FORMAT.md, "Hybrids")."""
    pack = default_pack()
    segment = pack.hybrid("segment")
    assert (segment.kind, segment.a, segment.b, segment.kappa) == (
        "blend",
        "case_owner",
        "dedicated",
        0.25,
    )
    assert segment.defaults() == {"share": 0.2, "intensity": 2.0}
    intensity = segment.parameter("intensity")
    assert (intensity.minimum, intensity.maximum) == (1.0, 5.0)
    assert set(segment.coordination_criteria) == {"CON", "TTM"}
    assert segment.split_by == "repeat_contacts"
    assert (segment.value_criteria, segment.value_factor) == (("REL", "EFF"), "value_concentration")
    affinity = pack.hybrid("affinity")
    assert (affinity.kind, affinity.a, affinity.b, affinity.kappa) == (
        "pull",
        "case_owner",
        "dedicated",
        0.0,
    )
    assert dict(affinity.pulls) == {"REL": 0.6, "EFF": 0.5}
    assert dict(affinity.costs) == {"SPD": 0.5, "LB": 0.75, "RES": 0.5}
    assert affinity.defaults() == {"strength": 0.6}
    for hybrid_id, a in (("tiered_swarm", "tiered"), ("pods_swarm", "pods")):
        swarm = pack.hybrid(hybrid_id)
        assert (swarm.kind, swarm.a, swarm.b, swarm.kappa) == ("blend", a, "swarming", 0.25)
        assert swarm.split_by == "complexity"
    assert set(pack.hybrid("tiered_swarm").coordination_criteria) == {"CON", "ACC", "TTM"}
    assert pack.hybrid("tiered_swarm").defaults() == {"share": 0.5}


def test_default_pack_german_is_written_with_umlauts() -> None:
    """German texts use real umlauts, not ae/oe/ue spellings of common words."""
    german = " ".join(t.de for t in texts(default_pack()))
    assert "ä" in german and "ö" in german and "ü" in german
    assert not re.search(r"\b(fuer|koennen|muessen|Loesung|groess)", german)


# ----------------------------------------------------------------------------- serialisation


def test_round_trip_through_data_is_lossless() -> None:
    """pack_from_data(pack_to_data(p)) equals p, also after a trip through JSON."""
    pack = default_pack()
    data = pack_to_data(pack)
    assert pack_from_data(data) == pack
    assert pack_from_data(json.loads(json.dumps(data))) == pack


def test_round_trip_keeps_optional_fields_of_a_small_pack(tmp_path: Path) -> None:
    """Short labels, units, pulls and modifier sources survive the round trip."""
    pack = load_pack(write(tmp_path, MINI))
    again = pack_from_data(pack_to_data(pack))
    assert again == pack
    assert again.option("pool").short == Text(de="P", en="P")
    assert again.option("owner").short is None
    assert again.context_factor("size").modifiers[0].sources == ("src",)
    assert dict(again.hybrid("known").pulls) == {"REL": 1.0}


def test_format_example_is_a_valid_pack() -> None:
    """The small example in FORMAT.md loads without problems."""
    text = (PACKS_DIR / "FORMAT.md").read_text(encoding="utf-8")
    example = text.split("## A small example", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    pack = pack_from_data(tomllib.loads(example), source="FORMAT.md")
    assert isinstance(pack, ContentPack)
    assert pack.option_ids == ("case_owner", "dedicated")


# ----------------------------------------------------------------------------- file-level errors


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    """A TOML syntax error becomes a PackError located at its line and column."""
    path = write(tmp_path, 'id = "x"\n[criteria\nname = 1\n')
    with pytest.raises(PackError) as caught:
        load_pack(path)
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    assert problem.location.startswith("line 2, column")
    assert problem.message.startswith("invalid TOML: ")


def test_toml_error_at_end_of_file(tmp_path: Path) -> None:
    """A TOML error at the very end is located at the end of the file."""
    with pytest.raises(PackError) as caught:
        load_pack(write(tmp_path, 'id = "x'))
    (problem,) = caught.value.problems
    assert (problem.location, problem.message) == (
        "end of file",
        "invalid TOML: Unterminated string",
    )


def test_missing_file_is_a_pack_error(tmp_path: Path) -> None:
    """A file that cannot be read is reported as a PackError, not an OSError."""
    with pytest.raises(PackError) as caught:
        load_pack(tmp_path / "nope.toml")
    (problem,) = caught.value.problems
    assert problem.location == "(file)"
    assert problem.message.startswith("cannot read the file: ")


def test_non_utf8_file_is_a_pack_error(tmp_path: Path) -> None:
    """A file that is not UTF-8 is reported with the offending byte."""
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "Größe"'.encode("latin-1"))
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert [(p.location, p.message) for p in caught.value.problems] == [
        ("(file)", "the file is not UTF-8 text (byte 11)")
    ]


def test_data_that_is_not_a_table_is_a_pack_error() -> None:
    """pack_from_data on a list reports a problem instead of raising TypeError."""
    with pytest.raises(PackError) as caught:
        pack_from_data([1, 2], source="import.json")  # type: ignore[arg-type]
    problems = caught.value.problems
    assert problems[0] == PackProblem(
        "import.json", "(top level)", "expected a table, got an array"
    )


def test_error_string_lists_every_problem_one_per_line(tmp_path: Path) -> None:
    """str(PackError) has one 'file: location: message' line per problem."""
    path = write(tmp_path, MINI.replace('version = "1"\n', "").replace('id = "mini"', "id = 3"))
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert str(caught.value).splitlines() == [
        f"{path}: id: expected a string, got the number 3",
        f"{path}: (top level): missing required field 'version'",
    ]
    assert caught.value.code == "invalid_pack"


def test_several_problems_are_reported_at_once(tmp_path: Path) -> None:
    """A pack with problems in many sections reports all of them together."""
    problems = broken(
        tmp_path,
        ('version = "1"\n', ""),
        ('low = { de = "anonym", en = "anonymous" }', 'low = { de = "anonym" }'),
        ("value = 4\n", "value = 9\n"),
        ('option = "owner"', 'option = "ghost"'),
        ('kind = "pull"', 'kind = "push"'),
        ("default = 0.2", "default = 2"),
    )
    assert problems == [
        ("(top level)", "missing required field 'version'"),
        ("criteria[REL].low", "missing English text (en)"),
        ("options[pool].profile.SPD.value", "value 9 is outside the scale 1 to 5"),
        ("context_factors[size].modifiers[#1].option", "unknown option 'ghost'"),
        ("hybrids[mix].parameters[share].default", "default 2 is outside the range 0 to 1"),
        ("hybrids[known].kind", "unknown hybrid kind 'push' (use 'blend' or 'pull')"),
    ]


def test_corrupted_data_only_ever_raises_pack_error() -> None:
    """Randomly corrupted pack data loads or gives a PackError, never a KeyError or TypeError."""
    base = pack_to_data(default_pack())
    junk = [None, True, 3, math.nan, "", "x y", [], [1, "a"], {}, {"de": 1}, "SPD", 1e9]
    paths = list(_paths(base))
    rng = random.Random(20240601)
    rejected = 0
    for _ in range(300):
        data = copy.deepcopy(base)
        for path in rng.sample(paths, rng.randint(1, 3)):
            _replace(data, path, copy.deepcopy(rng.choice(junk)))
        try:
            pack_from_data(data)
        except PackError as error:
            assert error.problems
            rejected += 1
    assert rejected > 250


def _replace(data: Any, path: tuple[Any, ...], value: object) -> None:
    """Put `value` at `path` if the path still exists (an earlier change may have cut it)."""
    *parents, last = path
    with contextlib.suppress(KeyError, IndexError, TypeError):
        node = data
        for key in parents:
            node = node[key]
        node[last] = value


def _paths(node: object, prefix: tuple[object, ...] = ()) -> Iterator[tuple[object, ...]]:
    """Every path to a value inside nested dicts and lists."""
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, value in items:
        yield (*prefix, key)
        yield from _paths(value, (*prefix, key))


# ----------------------------------------------------------------------------- one test per kind


def test_valid_mini_pack_loads(tmp_path: Path) -> None:
    """The base pack used by the error tests is itself valid."""
    pack = load_pack(write(tmp_path, MINI))
    assert pack.criterion_ids == ("SPD", "REL")
    assert pack.hybrid("mix").defaults() == {"share": 0.2, "intensity": 2.0}


def test_missing_required_field(tmp_path: Path) -> None:
    """A missing required field is named at its table."""
    edit = ('definition = { de = "Wie schnell", en = "How fast" }\n', "")
    assert broken(tmp_path, edit) == [("criteria[SPD]", "missing required field 'definition'")]


def test_wrong_type(tmp_path: Path) -> None:
    """A value of the wrong type names what was expected and what was found."""
    edit = ("step = 5\n", 'step = "five"\n')
    assert broken(tmp_path, edit) == [
        ("context_factors[size].step", "expected a number, got the string 'five'")
    ]


def test_text_that_is_not_a_table(tmp_path: Path) -> None:
    """A plain string where a bilingual text is expected is a wrong type."""
    edit = ('summary = { de = "Alle für alle", en = "Everyone for everyone" }', 'summary = "x"')
    assert broken(tmp_path, edit) == [
        (
            "options[pool].summary",
            "expected a table with German (de) and English (en) text, got the string 'x'",
        )
    ]


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ('name = { en = "Speed" }', "missing German text (de)"),
        ('name = { de = "Tempo", en = "  " }', "missing English text (en)"),
    ],
)
def test_missing_language(tmp_path: Path, new: str, message: str) -> None:
    """A text without German or English (or with only blanks) is reported by language."""
    edit = ('name = { de = "Tempo", en = "Speed" }', new)
    assert broken(tmp_path, edit) == [("criteria[SPD].name", message)]


def test_unknown_field(tmp_path: Path) -> None:
    """A field the format does not know (a typo) is reported with the allowed fields."""
    edit = ('short = { de = "P", en = "P" }', 'shrot = { de = "P", en = "P" }')
    assert broken(tmp_path, edit) == [
        (
            "options[pool].shrot",
            "unknown field 'shrot' (allowed: id, name, short, summary, profile, sources)",
        )
    ]


def test_profile_value_missing(tmp_path: Path) -> None:
    """An option without a value for a criterion names the criterion."""
    edit = (
        '[options.profile.REL]\nvalue = 5\nrationale = { de = "persönlich", en = "personal" }\n',
        "",
    )
    assert broken(tmp_path, edit) == [("options[owner].profile", "no value for criterion 'REL'")]


def test_profile_value_out_of_scale(tmp_path: Path) -> None:
    """A profile value outside 1–5 is reported with the value."""
    assert broken(tmp_path, ("value = 5\n", "value = 0.5\n")) == [
        ("options[owner].profile.REL.value", "value 0.5 is outside the scale 1 to 5")
    ]


def test_profile_entry_for_unknown_criterion(tmp_path: Path) -> None:
    """A profile entry for a criterion the pack does not define is reported."""
    edit = ("[options.profile.SPD]\nvalue = 3\n", "[options.profile.XYZ]\nvalue = 3\n")
    assert broken(tmp_path, edit) == [
        ("options[owner].profile.XYZ", "unknown criterion 'XYZ'"),
        ("options[owner].profile", "no value for criterion 'SPD'"),
    ]


def test_invalid_id(tmp_path: Path) -> None:
    """An id with characters outside letters, digits, '_' and '-' is reported."""
    assert broken(tmp_path, ('id = "mix"', 'id = "m ix"')) == [
        (
            "hybrids[m ix].id",
            "'m ix' is not a valid id: start with a letter, then use letters, digits, '_' or '-'",
        )
    ]


@pytest.mark.parametrize(
    ("old", "new", "location", "message"),
    [
        ('id = "known"', 'id = "mix"', "hybrids[#2]", "duplicate hybrid id 'mix'"),
        (
            'id = "intensity"',
            'id = "share"',
            "hybrids[mix].parameters[#2]",
            "duplicate parameter id 'share'",
        ),
    ],
)
def test_duplicate_id(tmp_path: Path, old: str, new: str, location: str, message: str) -> None:
    """A second entry with an id already used in its section is reported by position."""
    assert broken(tmp_path, (old, new)) == [(location, message)]


def test_duplicate_criterion_and_option_ids(tmp_path: Path) -> None:
    """A criterion or option defined twice is reported by position; the first one counts."""
    criterion = MINI[MINI.index("[[criteria]]") : MINI.index('[[criteria]]\nid = "REL"')]
    start = MINI.index('[[options]]\nid = "owner"')
    option = MINI[start : MINI.index("[[context_factors]]")].replace('"owner"', '"pool"')
    problems = broken(
        tmp_path,
        ('[[options]]\nid = "pool"', criterion + '[[options]]\nid = "pool"'),
        ("[[context_factors]]", option + "[[context_factors]]"),
    )
    assert problems == [
        ("criteria[#3]", "duplicate criterion id 'SPD'"),
        ("options[#3]", "duplicate option id 'pool'"),
    ]


def test_duplicate_source_and_factor_ids(tmp_path: Path) -> None:
    """Duplicate source and context factor ids are reported too."""
    source = '[[sources]]\nid = "src"\ncitation = "Again."\n\n[[criteria]]\nid = "SPD"'
    factor = (
        '[[hybrids]]\nid = "mix"',
        '[[context_factors]]\nid = "size"\nname = { de = "G", en = "S" }\n'
        'description = { de = "d", en = "d" }\nlow = { de = "l", en = "l" }\n'
        'high = { de = "h", en = "h" }\nminimum = 0\nmaximum = 1\nneutral = 0\nstep = 1\n\n'
        '[[hybrids]]\nid = "mix"',
    )
    assert broken(tmp_path, ('[[criteria]]\nid = "SPD"', source), factor) == [
        ("sources[#2]", "duplicate source id 'src'"),
        ("context_factors[#2]", "duplicate context factor id 'size'"),
    ]


def test_modifier_on_unknown_option(tmp_path: Path) -> None:
    """A modifier naming an option the pack does not define is reported."""
    assert broken(tmp_path, ('option = "owner"', 'option = "boss"')) == [
        ("context_factors[size].modifiers[#1].option", "unknown option 'boss'")
    ]


def test_modifier_on_unknown_criterion(tmp_path: Path) -> None:
    """A modifier naming a criterion the pack does not define is reported."""
    assert broken(tmp_path, ('criterion = "REL"', 'criterion = "FUN"')) == [
        ("context_factors[size].modifiers[#1].criterion", "unknown criterion 'FUN'")
    ]


def test_modifier_beta_out_of_range(tmp_path: Path) -> None:
    """A modifier beta outside -2 to 2 is reported."""
    assert broken(tmp_path, ("beta = 0.5", "beta = 2.5")) == [
        ("context_factors[size].modifiers[#1].beta", "beta 2.5 is outside the range -2 to 2")
    ]


def test_duplicate_modifier(tmp_path: Path) -> None:
    """Two modifiers for the same option and criterion in one factor are reported."""
    second = (
        '\n[[context_factors.modifiers]]\noption = "owner"\ncriterion = "REL"\nbeta = -1\n'
        'rationale = { de = "nochmal", en = "again" }\n'
    )
    edit = ('sources = ["src"]\n\n[[hybrids]]', f'sources = ["src"]\n{second}\n[[hybrids]]')
    assert broken(tmp_path, edit) == [
        (
            "context_factors[size].modifiers[#2]",
            "duplicate modifier for option 'owner' and criterion 'REL'",
        )
    ]


def test_factor_minimum_not_below_maximum(tmp_path: Path) -> None:
    """A factor whose minimum is not below its maximum is reported."""
    assert broken(tmp_path, ("minimum = 5\n", "minimum = 300\n")) == [
        ("context_factors[size].minimum", "minimum 300 must be less than maximum 300")
    ]


def test_factor_neutral_outside_range(tmp_path: Path) -> None:
    """A neutral point outside the factor's range is reported."""
    assert broken(tmp_path, ("neutral = 50", "neutral = 400")) == [
        ("context_factors[size].neutral", "neutral 400 is outside the range 5 to 300")
    ]


def test_factor_step_not_positive(tmp_path: Path) -> None:
    """A step of zero or less is reported."""
    assert broken(tmp_path, ("step = 5\n", "step = 0\n")) == [
        ("context_factors[size].step", "step 0 must be greater than 0")
    ]


def test_factor_step_larger_than_range(tmp_path: Path) -> None:
    """A step larger than the whole range is reported."""
    assert broken(tmp_path, ("step = 5\n", "step = 500\n")) == [
        ("context_factors[size].step", "step 500 is larger than the range 5 to 300")
    ]


def test_hybrid_on_unknown_option(tmp_path: Path) -> None:
    """A hybrid naming an option the pack does not define is reported."""
    edit = ('kind = "pull"\na = "pool"', 'kind = "pull"\na = "robot"')
    assert broken(tmp_path, edit) == [("hybrids[known].a", "unknown option 'robot'")]


def test_hybrid_with_the_same_option_twice(tmp_path: Path) -> None:
    """A hybrid whose a and b are the same option is reported."""
    edit = ('kind = "pull"\na = "pool"', 'kind = "pull"\na = "owner"')
    assert broken(tmp_path, edit) == [
        ("hybrids[known].b", "a and b are both 'owner'; a hybrid mixes two different options")
    ]


def test_parameter_default_outside_range(tmp_path: Path) -> None:
    """A parameter default outside its range is reported."""
    assert broken(tmp_path, ("default = 2\n", "default = 6\n")) == [
        ("hybrids[mix].parameters[intensity].default", "default 6 is outside the range 1 to 5")
    ]


def test_unknown_hybrid_kind(tmp_path: Path) -> None:
    """A hybrid kind other than blend or pull is reported."""
    assert broken(tmp_path, ('kind = "blend"', 'kind = "average"')) == [
        ("hybrids[mix].kind", "unknown hybrid kind 'average' (use 'blend' or 'pull')")
    ]


def test_blend_without_share(tmp_path: Path) -> None:
    """A blend hybrid needs a parameter called share."""
    edit = ('id = "share"\nname = { de = "Anteil"', 'id = "portion"\nname = { de = "Anteil"')
    assert broken(tmp_path, edit) == [
        ("hybrids[mix].parameters", "a blend hybrid needs a parameter 'share'")
    ]


def test_blend_share_outside_unit_interval(tmp_path: Path) -> None:
    """A blend's share parameter must stay within 0 to 1."""
    edit = ("maximum = 1\ndefault = 0.2", "maximum = 2\ndefault = 0.2")
    assert broken(tmp_path, edit) == [
        ("hybrids[mix].parameters[share]", "parameter 'share' must stay within 0 to 1, got 0 to 2")
    ]


def test_blend_intensity_must_stay_positive(tmp_path: Path) -> None:
    """A blend's intensity parameter must stay above zero."""
    assert broken(tmp_path, ("minimum = 1\nmaximum = 5", "minimum = 0\nmaximum = 5")) == [
        (
            "hybrids[mix].parameters[intensity]",
            "parameter 'intensity' must stay above 0, got minimum 0",
        )
    ]


def test_blend_with_pulls(tmp_path: Path) -> None:
    """Pulls on a blend hybrid are reported (they only apply to pulls)."""
    edit = (
        'coordination_criteria = ["SPD"]',
        'coordination_criteria = ["SPD"]\npulls = { SPD = 1 }',
    )
    assert broken(tmp_path, edit) == [
        ("hybrids[mix].pulls", "pulls only apply to hybrids of kind 'pull'")
    ]


def test_pull_without_strength(tmp_path: Path) -> None:
    """A pull hybrid needs a parameter called strength."""
    assert broken(tmp_path, ('id = "strength"', 'id = "force"')) == [
        ("hybrids[known].parameters", "a pull hybrid needs a parameter 'strength'")
    ]


def test_pull_strength_outside_unit_interval(tmp_path: Path) -> None:
    """A pull's strength parameter must stay within 0 to 1."""
    edit = ("minimum = 0\nmaximum = 1\ndefault = 0.6", "minimum = -1\nmaximum = 1\ndefault = 0.6")
    assert broken(tmp_path, edit) == [
        (
            "hybrids[known].parameters[strength]",
            "parameter 'strength' must stay within 0 to 1, got -1 to 1",
        )
    ]


def test_pull_without_pulls(tmp_path: Path) -> None:
    """A pull hybrid without pulls is reported."""
    assert broken(tmp_path, ("pulls = { REL = 1.0 }\n", "")) == [
        ("hybrids[known]", "a pull hybrid needs 'pulls': the criteria it moves toward option b")
    ]


def test_pull_on_unknown_criterion(tmp_path: Path) -> None:
    """A pull on a criterion the pack does not define is reported."""
    assert broken(tmp_path, ("pulls = { REL = 1.0 }", "pulls = { REL = 1.0, XYZ = 0.5 }")) == [
        ("hybrids[known].pulls.XYZ", "unknown criterion 'XYZ'")
    ]


def test_pull_factor_outside_unit_interval(tmp_path: Path) -> None:
    """A pull factor outside 0 to 1 is reported."""
    assert broken(tmp_path, ("pulls = { REL = 1.0 }", "pulls = { REL = 1.5 }")) == [
        ("hybrids[known].pulls.REL", "pull 1.5 is outside the range 0 to 1")
    ]


def test_coordination_on_unknown_criterion(tmp_path: Path) -> None:
    """A coordination criterion the pack does not define is reported."""
    edit = ('coordination_criteria = ["SPD"]', 'coordination_criteria = ["SPD", "XYZ"]')
    assert broken(tmp_path, edit) == [
        ("hybrids[mix].coordination_criteria", "unknown criterion 'XYZ'")
    ]


def test_negative_kappa(tmp_path: Path) -> None:
    """A negative coordination cost is reported."""
    assert broken(tmp_path, ("kappa = 0.5", "kappa = -0.5")) == [
        ("hybrids[mix].kappa", "kappa -0.5 must not be negative")
    ]


def test_unknown_source(tmp_path: Path) -> None:
    """Citing a source id that the pack does not define is reported."""
    edit = (
        'high = { de = "schnell", en = "fast" }\nsources = ["src"]',
        'high = { de = "schnell", en = "fast" }\nsources = ["src", "rumour"]',
    )
    assert broken(tmp_path, edit) == [("criteria[SPD].sources", "unknown source 'rumour'")]


def test_no_criteria(tmp_path: Path) -> None:
    """A pack needs at least one criterion (and then no profile entries are known)."""
    start, end = MINI.index("[[criteria]]"), MINI.index("[[options]]")
    problems = broken(
        tmp_path, (MINI[start:end], ""), ('version = "1"\n', 'version = "1"\ncriteria = []\n')
    )
    assert problems[0] == ("criteria", "at least one criterion is needed")


def test_non_finite_number(tmp_path: Path) -> None:
    """nan and inf are not accepted as numbers."""
    assert broken(tmp_path, ("neutral = 50", "neutral = nan")) == [
        ("context_factors[size].neutral", "expected a finite number, got nan")
    ]
