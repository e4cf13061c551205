"""Fall oder Kunde? / Case or Customer? — the workshop package.

Public entry points for notebooks and scripts::

    import workshop
    pack = workshop.default_pack()
    matrix = workshop.engine.scoring.profile_matrix(pack)
    workshop.engine.scoring.weighted_sum(matrix, {c: 1 for c in pack.criterion_ids}, scale=(1, 5))
"""

from workshop.content import ContentPack
from workshop.engine import group, scoring
from workshop.packs import PackError, default_pack, load_pack

__all__ = ["ContentPack", "PackError", "default_pack", "group", "load_pack", "scoring"]
