"""What is wrong with a content pack.

A :class:`PackProblem` is one mistake and where it is; a :class:`PackError` lists them all.
Both are re-exported by :mod:`workshop.packs`; import them from there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workshop.errors import InvalidInput


@dataclass(frozen=True)
class PackProblem:
    """One thing wrong with a pack: where it is and what is wrong."""

    file: str
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.location}: {self.message}"


class PackError(InvalidInput):
    """A pack cannot be used; `problems` lists every problem found, in file order."""

    code = "invalid_pack"
    message = "This content pack is not valid."

    def __init__(self, problems: Sequence[PackProblem]) -> None:
        self.problems: list[PackProblem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems), count=len(self.problems))
