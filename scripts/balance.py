"""Print the balance report of a content pack: how often each option wins (used by make balance).

Over random plausible workshops (see :mod:`workshop.engine.balance`) it prints each option's
win share
by weighted sum and by TOPSIS, the same within each situation of the pack, and which options
each criterion's weight favours, and flags options that look too strong or never win.  It is a
report for content authors, not a gate: the exit code is 0 whatever the numbers say.

    python scripts/balance.py [--n 4000] [--seed 1] [--pack PATH] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from workshop.content import ContentPack
from workshop.engine.balance import WinShares, criterion_leanings, situation_shares, win_shares
from workshop.packs import PackError, default_pack, load_pack

#: An option winning more than this share of all workshops (by WSM) wins too easily.
TOO_STRONG = 1 / 3
#: An option winning less than this share (by WSM) has hardly any workshop it suits.
NO_REAL_HOME = 0.03
#: Within one situation, an option winning more than this share (either method) dominates it.
DOMINATES_SITUATION = 0.60


@dataclass(frozen=True)
class Flag:
    """One finding worth a content author's look."""

    kind: str  # "too strong", "no real home" or "dominates situation"
    option: str
    method: str  # "WSM" or "TOPSIS"
    share: float
    situation: str | None = None

    def describe(self, names: Mapping[str, str]) -> str:
        """The finding as one line of the report."""
        who = f"{self.option} ({names.get(self.option, self.option)})"
        share = percent(self.share)
        if self.kind == "too strong":
            return f"too strong: {who} wins {share} by WSM (above 1/3)"
        if self.kind == "no real home":
            return f"no real home: {who} wins {share} by WSM (below {percent(NO_REAL_HOME)})"
        limit = percent(DOMINATES_SITUATION)
        return f"situation {self.situation}: {who} wins {share} by {self.method} (above {limit})"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line: sample size, seed, pack and output format."""
    parser = argparse.ArgumentParser(description="Balance report of a workshop content pack.")
    parser.add_argument("--n", type=int, default=4000, help="random workshops (default 4000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--pack", help="content pack to check (default: the built-in pack)")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    return args


def percent(share: float) -> str:
    """A share as a percentage with one decimal, e.g. ``12.3 %``."""
    return f"{100 * share:.1f} %"


def option_names(pack: ContentPack) -> dict[str, str]:
    """English names of every pure option and hybrid, by id."""
    return {o.id: o.name.en for o in pack.options} | {h.id: h.name.en for h in pack.hybrids}


def situation_names(pack: ContentPack) -> dict[str, str]:
    """English names of the pack's situations, by id."""
    return {scenario.id: scenario.name.en for scenario in pack.scenarios}


def largest(shares: Mapping[str, float]) -> tuple[str, float]:
    """The option with the largest share (the first in model order on a tie)."""
    option = max(shares, key=lambda key: shares[key])
    return option, shares[option]


def find_flags(overall: WinShares, situations: Mapping[str, WinShares]) -> list[Flag]:
    """Options too strong or without a home overall, and options dominating a situation."""
    flags = [
        Flag("too strong", option, "WSM", share)
        for option, share in overall.wsm.items()
        if share > TOO_STRONG
    ]
    flags += [
        Flag("no real home", option, "WSM", share)
        for option, share in overall.wsm.items()
        if share < NO_REAL_HOME
    ]
    for situation, result in situations.items():
        for method, shares in (("WSM", result.wsm), ("TOPSIS", result.topsis)):
            flags += [
                Flag("dominates situation", option, method, share, situation)
                for option, share in shares.items()
                if share > DOMINATES_SITUATION
            ]
    return flags


def share_table(result: WinShares, names: Mapping[str, str], hybrids: set[str]) -> list[str]:
    """Lines of a table: option id, kind, English name, WSM share, TOPSIS share."""
    width = max(len(option) for option in result.wsm)
    name_width = max(len(names.get(option, option)) for option in result.wsm)
    head = f"  {'option':<{width}}  {'kind':<6}  {'name':<{name_width}}  {'WSM':>7}  {'TOPSIS':>7}"
    lines = [head]
    for option, share in result.wsm.items():
        kind = "hybrid" if option in hybrids else "pure"
        name = names.get(option, option)
        lines.append(
            f"  {option:<{width}}  {kind:<6}  {name:<{name_width}}  "
            f"{percent(share):>7}  {percent(result.topsis[option]):>7}"
        )
    return lines


def largest_line(result: WinShares, names: Mapping[str, str]) -> str:
    """The largest share by each method, in one line."""
    parts = []
    for method, shares in (("WSM", result.wsm), ("TOPSIS", result.topsis)):
        option, share = largest(shares)
        parts.append(f"{option} ({names.get(option, option)}) {percent(share)} by {method}")
    return "Largest share: " + "; ".join(parts)


def text_report(
    pack: ContentPack,
    args: argparse.Namespace,
    overall: WinShares,
    situations: Mapping[str, WinShares],
    leanings: Mapping[str, list[tuple[str, float]]],
    seconds: float,
) -> str:
    """The whole report as plain English text."""
    names = option_names(pack)
    hybrids = {h.id for h in pack.hybrids}
    lines = [
        f"Balance report: {pack.name.en} ({pack.id} {pack.version})",
        f"{overall.n} random workshops (seed {args.seed}, computed in {seconds:.1f} s):",
        "  context factors and hybrid parameters uniform over their ranges,",
        "  priorities uniform over all weightings (Dirichlet(1, ..., 1));",
        "  a tie goes to the first option in pack order.",
        "",
        "Overall win shares",
        *share_table(overall, names, hybrids),
        largest_line(overall, names),
    ]
    titles = situation_names(pack)
    for situation, result in situations.items():
        lines += ["", f"Situation {situation}: {titles.get(situation, situation)}"]
        lines += [*share_table(result, names, hybrids), largest_line(result, names)]
    lines += ["", "Criterion leanings: WSM win shares among the draws where the criterion's"]
    lines += ["weight is in its top decile (top 3)"]
    width = max(len(c) for c in pack.criterion_ids)
    for criterion in pack.criteria:
        favoured = ", ".join(f"{o} {percent(s)}" for o, s in leanings[criterion.id])
        lines.append(f"  {criterion.id:<{width}}  {criterion.name.en}: {favoured or '-'}")
    flags = find_flags(overall, situations)
    lines += ["", "Flags"]
    lines += [f"  ! {flag.describe(names)}" for flag in flags] or ["  none"]
    return "\n".join(lines)


def json_report(
    pack: ContentPack,
    args: argparse.Namespace,
    overall: WinShares,
    situations: Mapping[str, WinShares],
    leanings: Mapping[str, list[tuple[str, float]]],
) -> str:
    """The numbers of the report as JSON."""
    data: dict[str, Any] = {
        "pack": {"id": pack.id, "version": pack.version},
        "n": overall.n,
        "seed": args.seed,
        "overall": {"wsm": overall.wsm, "topsis": overall.topsis},
        "largest": {
            method: dict(zip(("option", "share"), largest(shares), strict=True))
            for method, shares in (("wsm", overall.wsm), ("topsis", overall.topsis))
        },
        "situations": {
            key: {"wsm": result.wsm, "topsis": result.topsis} for key, result in situations.items()
        },
        "criteria": {
            criterion: [{"option": o, "share": s} for o, s in favoured]
            for criterion, favoured in leanings.items()
        },
        "flags": [asdict(flag) for flag in find_flags(overall, situations)],
    }
    return json.dumps(data, indent=2)


def main(argv: Sequence[str] | None = None) -> int:
    """Compute and print the report; 0 whatever the numbers say (1 if the pack cannot load)."""
    args = parse_args(argv)
    try:
        pack = default_pack() if args.pack is None else load_pack(args.pack)
    except (PackError, OSError) as error:
        print(f"Cannot load the pack: {error}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    overall = win_shares(pack, args.n, args.seed)
    situations = situation_shares(pack, args.n, args.seed)
    leanings = criterion_leanings(pack, args.n, args.seed)
    seconds = time.perf_counter() - started
    if args.json:
        print(json_report(pack, args, overall, situations, leanings))
    else:
        print(text_report(pack, args, overall, situations, leanings, seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
