"""Published worked examples reproduced: TOPSIS, Kendall's W (with ties), Tastle–Wierman, Borda."""

from __future__ import annotations

import pandas as pd
import pytest

from workshop.engine import group, scoring


def test_topsis_hwang_yoon_1981_fighter_aircraft() -> None:
    """Hwang & Yoon (1981, pp. 133–134): closeness 0.643, 0.268, 0.613, 0.312; cost criterion.

    The book rounds its intermediate steps (its A3 is 0.6135 exactly), hence the tolerance of one
    unit in the third decimal.
    """
    matrix = pd.DataFrame(
        [
            [2.0, 1500, 20000, 5.5, 5, 9],
            [2.5, 2700, 18000, 6.5, 3, 5],
            [1.8, 2000, 21000, 4.5, 7, 7],
            [2.2, 1800, 20000, 5.0, 5, 5],
        ],
        index=["A1", "A2", "A3", "A4"],
        columns=["speed", "range", "payload", "cost", "reliability", "maneuverability"],
    )
    weights = dict(zip(matrix.columns, [0.2, 0.1, 0.1, 0.1, 0.2, 0.3], strict=True))
    closeness = scoring.topsis(matrix, weights, benefit=[True, True, True, False, True, True])
    assert closeness.tolist() == pytest.approx([0.643, 0.268, 0.613, 0.312], abs=1e-3)
    assert scoring.rank(closeness).tolist() == [1, 4, 2, 3]


def test_topsis_tzeng_huang_2011() -> None:
    """Tzeng & Huang (2011): closeness 0.5037, 0.6581, 0.7482, 0.3340 (scikit-criteria's test)."""
    matrix = pd.DataFrame([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], columns=["a", "b", "c"])
    closeness = scoring.topsis(matrix, {"a": 0.3, "b": 0.4, "c": 0.3})
    assert closeness.round(4).tolist() == [0.5037, 0.6581, 0.7482, 0.3340]


def test_kendalls_w_with_ties_nag_g08daf() -> None:
    """NAG Library G08DAF example: 3 raters × 10 items with tied ranks, W = 0.828."""
    ranks = pd.DataFrame(
        [
            [1.0, 4.5, 2.0, 4.5, 3.0, 7.5, 6.0, 9.0, 7.5, 10.0],
            [2.5, 1.0, 2.5, 4.5, 4.5, 8.0, 9.0, 6.5, 10.0, 6.5],
            [2.0, 1.0, 4.5, 4.5, 4.5, 4.5, 8.0, 8.0, 8.0, 10.0],
        ]
    )
    assert group.kendalls_w(ranks) == pytest.approx(0.828, abs=5e-4)


def test_kendalls_w_with_ties_from_ratings_desctools_anxiety() -> None:
    """DescTools KendallW(anxiety, TRUE), irr's kendall: ratings ranked per rater, W = 0.5396569."""
    ratings = pd.DataFrame(
        [
            [3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3],
            [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4],
            [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2],
        ]
    )
    ranks = group.average_ranks(ratings, higher_first=False)
    assert group.kendalls_w(ranks) == pytest.approx(0.5396569, abs=1e-7)


def test_kendalls_w_without_ties_siegel_castellan() -> None:
    """Siegel & Castellan (1988), 3 raters × 8 items without ties: W = 0.6560847."""
    ranks = pd.DataFrame(
        [[5, 6, 7, 1, 2, 4, 3, 8], [1, 7, 6, 2, 3, 5, 4, 8], [4, 5, 1, 3, 2, 7, 6, 8]]
    )
    assert group.kendalls_w(ranks) == pytest.approx(0.6560847, abs=1e-7)


def test_tastle_wierman_agrmt_example() -> None:
    """R package agrmt: frequencies (30, 40, 210, 130, 530, 50, 10) have consensus 0.7257."""
    value = group.tastle_wierman([30, 40, 210, 130, 530, 50, 10])
    assert round(value, 4) == 0.7257
    assert value == pytest.approx(0.7256876, abs=1e-7)


def test_tastle_wierman_stikpet_example_and_extremes() -> None:
    """stikpetP's example [3, 3, 2, 3, 7] → 0.33404; full agreement → 1; a split → 0."""
    assert group.tastle_wierman([3, 3, 2, 3, 7]) == pytest.approx(0.3340394927779964, abs=1e-12)
    assert group.tastle_wierman([0, 0, 9, 0, 0]) == 1.0
    assert group.tastle_wierman([5, 0, 0, 0, 5]) == pytest.approx(0.0, abs=1e-12)


def test_borda_tennessee_capital() -> None:
    """Wikipedia's Borda example: Memphis 126, Nashville 194, Chattanooga 173, Knoxville 107."""
    cities = ["Memphis", "Nashville", "Chattanooga", "Knoxville"]
    blocs = [
        (42, ["Memphis", "Nashville", "Chattanooga", "Knoxville"]),
        (26, ["Nashville", "Chattanooga", "Knoxville", "Memphis"]),
        (15, ["Chattanooga", "Knoxville", "Nashville", "Memphis"]),
        (17, ["Knoxville", "Chattanooga", "Nashville", "Memphis"]),
    ]
    ballots = [ranking for count, ranking in blocs for _ in range(count)]
    assert group.borda(ballots, cities).to_dict() == {
        "Memphis": 126,
        "Nashville": 194,
        "Chattanooga": 173,
        "Knoxville": 107,
    }
