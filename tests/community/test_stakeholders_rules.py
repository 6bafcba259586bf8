"""The stakeholder map's rules: the quadrant of a rating pair, where each group lands on the
grid (and in its drawing), and the latest position being the current stance."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from districtwise.community.charts.stakeholders import (
    CELL_H,
    CELL_W,
    cell_origin,
    stakeholder_grid_svg,
)
from districtwise.community.models.stakeholders import Quadrant, quadrant_of
from districtwise.community.selectors import stakeholders as selectors
from districtwise.community.services import stakeholders as services
from tests import factories as f
from tests.community.matrix import matrix_plan_goal

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("interest", "influence", "expected"),
    [
        (5, 5, Quadrant.MANAGE_CLOSELY),
        (3, 3, Quadrant.MANAGE_CLOSELY),  # the middle counts as high
        (2, 3, Quadrant.KEEP_SATISFIED),
        (1, 5, Quadrant.KEEP_SATISFIED),
        (3, 2, Quadrant.KEEP_INFORMED),
        (5, 1, Quadrant.KEEP_INFORMED),
        (2, 2, Quadrant.MONITOR),
        (1, 1, Quadrant.MONITOR),
    ],
)
def test_the_quadrant_follows_influence_and_interest_with_three_counting_as_high(
    interest, influence, expected
):
    assert quadrant_of(interest=interest, influence=influence) == expected


def _group(cast, name: str, interest: int, influence: int, **fields):
    return f.StakeholderGroupFactory(
        district=cast.district, name=name, interest=interest, influence=influence, **fields
    )


def _point(points, name: str):
    return next(p for p in points if p.name == name)


def test_the_grid_numbers_groups_from_most_influence_then_most_interest(cast):
    _group(cast, "Board", 4, 5)
    _group(cast, "Union", 5, 5)
    _group(cast, "Newspaper", 2, 3)
    _group(cast, "Chamber", 1, 1)
    points = selectors.stakeholder_grid(user=cast["superintendent"], district=cast.district)
    assert [(p.number, p.name) for p in points] == [
        (1, "Union"),
        (2, "Board"),
        (3, "Newspaper"),
        (4, "Chamber"),
    ]
    cells = selectors.grid_cells(points)
    assert [p.name for p in cells[(2, 3)]] == ["Newspaper"]
    assert _point(points, "Newspaper").quadrant == Quadrant.KEEP_SATISFIED


def _drawn_at(svg: str, number: int) -> tuple[float, float]:
    found = re.search(rf'<text x="([\d.]+)" y="([\d.]+)" font-size="11" [^>]*>{number}</text>', svg)
    assert found, f"mark {number} is not drawn"
    return float(found.group(1)), float(found.group(2))


@pytest.mark.parametrize(("interest", "influence"), [(1, 1), (5, 5), (2, 4), (4, 2), (3, 1)])
def test_each_mark_is_drawn_inside_its_cell(cast, interest, influence):
    _group(cast, "Placed", interest, influence)
    _group(cast, "Elsewhere", 6 - interest, 6 - influence)
    points = selectors.stakeholder_grid(user=cast["superintendent"], district=cast.district)
    svg = stakeholder_grid_svg(points, title="Grid")
    x, y = _drawn_at(svg, _point(points, "Placed").number)
    left, top = cell_origin(interest, influence)
    assert left <= x <= left + CELL_W
    assert top <= y <= top + CELL_H


def test_a_full_cell_says_how_many_more_it_holds(cast):
    for i in range(30):
        _group(cast, f"Parent group {i:02d}", 4, 4)
    points = selectors.stakeholder_grid(user=cast["superintendent"], district=cast.district)
    svg = stakeholder_grid_svg(points, title="Grid")
    shown = len(re.findall(r'font-size="11" fill="#1b1b1b">\d+</text>', svg))
    more = re.search(r">\+(\d+)</text>", svg)
    assert more and shown + int(more.group(1)) == 30


def _record(cast, group, stance: str, on: dt.date, **fields):
    return services.stakeholder_position_record(
        actor=cast["superintendent"], group=group, stance=stance, as_of=on, **fields
    )


def test_the_latest_position_is_the_current_stance_not_the_last_recorded(cast):
    group = _group(cast, "Teachers' association", 5, 5)
    _record(cast, group, "supportive", dt.date(2026, 1, 10), priority="Later start times")
    _record(cast, group, "opposed", dt.date(2026, 3, 1), priority="Later start times")
    # an older position recorded afterwards is history, not the current stance
    _record(cast, group, "champion", dt.date(2025, 12, 1), priority="later start times")
    user = cast["superintendent"]
    listed = selectors.stakeholder_list(user=user, district=cast.district).get(pk=group.pk)
    assert listed.current_stance == "opposed"
    page = selectors.stakeholder_group_page(user=user, group=group)
    assert len(page.priorities) == 1  # the same priority, whatever its case
    history = page.priorities[0]
    assert history.current.stance == "opposed"
    assert [p.stance for p in history.positions] == ["opposed", "supportive", "champion"]


def test_of_two_positions_on_one_day_the_one_recorded_last_wins(cast):
    group = _group(cast, "City council", 3, 5)
    goal = matrix_plan_goal(cast)
    _record(cast, group, "concerned", dt.date(2026, 2, 2), goal=goal)
    _record(cast, group, "neutral", dt.date(2026, 2, 2), goal=goal)
    rows = selectors.priority_stances(
        user=cast["superintendent"], district=cast.district, goal=goal
    )
    assert [(r.group.name, r.stance) for r in rows] == [("City council", "neutral")]


def test_each_priority_keeps_its_own_current_stance_and_the_grid_can_show_one(cast):
    group = _group(cast, "Parents for safe routes", 5, 2)
    goal = matrix_plan_goal(cast)
    _record(cast, group, "champion", dt.date(2026, 1, 5), goal=goal)
    _record(cast, group, "opposed", dt.date(2026, 2, 5), priority="Bus route merger")
    user = cast["superintendent"]
    latest = selectors.stakeholder_grid(user=user, district=cast.district)
    on_goal = selectors.stakeholder_grid(user=user, district=cast.district, goal=goal)
    assert _point(latest, group.name).stance == "opposed"
    assert _point(on_goal, group.name).stance == "champion"
    page = selectors.stakeholder_group_page(user=user, group=group)
    assert {h.priority: h.current.stance for h in page.priorities} == {
        "Bus route merger": "opposed",
        f"{goal.code} {goal.title}": "champion",
    }


def test_a_group_with_no_position_is_unknown_and_found_by_the_unknown_filter(cast):
    silent = _group(cast, "Local radio", 2, 2)
    spoken = _group(cast, "Booster club", 4, 2)
    _record(cast, spoken, "supportive", dt.date(2026, 1, 5), priority="Athletics budget")
    user = cast["superintendent"]
    points = selectors.stakeholder_grid(user=user, district=cast.district)
    assert _point(points, silent.name).stance == "unknown"
    unknown = selectors.stakeholder_list(user=user, district=cast.district, stance="unknown")
    assert [g.name for g in unknown] == ["Local radio"]
    supportive = selectors.stakeholder_list(user=user, district=cast.district, stance="supportive")
    assert [g.name for g in supportive] == ["Booster club"]


def test_the_stances_on_a_goal_list_every_group_most_favourable_first(cast):
    goal = matrix_plan_goal(cast)
    quiet = _group(cast, "Quiet group", 1, 1)
    against = _group(cast, "Against", 3, 4)
    champion = _group(cast, "Champion", 2, 2)
    _record(cast, against, "opposed", dt.date(2026, 1, 5), goal=goal)
    _record(cast, champion, "champion", dt.date(2026, 1, 5), goal=goal)
    rows = selectors.priority_stances(
        user=cast["superintendent"], district=cast.district, goal=goal
    )
    assert [(r.group.pk, r.stance) for r in rows] == [
        (champion.pk, "champion"),
        (against.pk, "opposed"),
        (quiet.pk, "unknown"),
    ]
    assert dict(selectors.stance_counts(rows))["Opposed"] == 1


def test_readers_outside_the_map_get_nothing_from_the_selectors(cast):
    _group(cast, "Board", 5, 5)
    for name in ("principal_north_1", "partner", "data_steward"):
        assert selectors.stakeholder_grid(user=cast[name], district=cast.district) == []
        assert not selectors.stakeholder_list(user=cast[name], district=cast.district).exists()
