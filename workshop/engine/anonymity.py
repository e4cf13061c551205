"""Which counts may be shown: small cells are withheld, and so is whatever would reveal them.

A count below the anonymity threshold names too few people ("the one person from Vertrieb"),
so it is withheld.  Withholding one cell is not enough when the total is known: with
Service 5, Vertrieb 1 and a total of 6, the withheld cell is 6 − 5 = 1.  *Complementary
suppression* therefore withholds further cells, smallest first, until what is withheld
together is either nobody or at least the threshold — then no withheld cell can be worked out
from the shown ones and the total.  People who gave no area are a cell like any other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

#: The key of the people who gave no area among the cells.
NO_AREA = ""


@dataclass(frozen=True)
class Cells:
    """Counts per cell after suppression: ``shown`` with their counts, ``withheld`` by name.

    ``withheld_people`` is how many people the withheld cells hold together: 0 or at least
    the threshold, never a number that singles anyone out.
    """

    shown: Mapping[str, int]
    withheld: frozenset[str]
    withheld_people: int


def suppress(counts: Mapping[str, int], threshold: int) -> Cells:
    """Withhold every cell below `threshold` and, complementarily, what would reveal one.

    `counts` maps a cell's name to its number of people (use :data:`NO_AREA` for people
    without an area); zero cells are cells too, since showing "0" beside a withheld cell
    tells where the withheld people are.
    """
    withheld = {name for name, count in counts.items() if count < threshold}
    rest = sum(counts[name] for name in withheld)
    shown = sorted((n for n in counts if n not in withheld), key=lambda n: (counts[n], n))
    while 0 < rest < threshold and shown:
        smallest = shown.pop(0)
        withheld.add(smallest)
        rest += counts[smallest]
    return Cells(
        shown={name: counts[name] for name in counts if name not in withheld},
        withheld=frozenset(withheld),
        withheld_people=rest,
    )
