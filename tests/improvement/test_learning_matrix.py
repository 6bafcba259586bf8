"""The ideas by schools matrix, the spread and the move to adoption, on a network built
with the factories and counted by hand (the cycles of tests/analytics/improvement).

Teams at North One, North Two and South One; ideas "Grade checks", "Advisory calls" and
"Peer tutoring" (never tested):

    Grade checks,   North One: Sep 1-15 adapt, Sep 20-Oct 10 adopt  -> 2 cycles, adopt
    Grade checks,   North Two: Sep 10-30 adapt, from Oct 5 (do)     -> 2, in progress
    Grade checks,   South One: Oct 1-20 abandon                      -> 1, abandon
    Advisory calls, North One: from Oct 1 (plan)                     -> 1, in progress
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from districtwise.improvement.selectors import learning as selectors
from tests import factories as f
from tests.improvement.matrix import matrix_network


def d(month: int, day: int) -> dt.date:
    return dt.date(2025, month, day)


def closed_cycle(team, idea, starts, ends, decision):
    return f.CycleFactory(
        team=team,
        change_idea=idea,
        planned_start=starts,
        started_on=starts,
        stage="closed",
        decision=decision,
        closed_on=ends,
    )


@pytest.fixture
def network(cast):
    network = matrix_network(cast)
    north_1 = network.teams.get()
    north_2 = f.TeamFactory(network=network, school=cast.north_2)
    south_1 = f.TeamFactory(network=network, school=cast.south_1)
    grades = f.ChangeIdeaFactory(network=network, title="Grade checks")
    calls = f.ChangeIdeaFactory(network=network, title="Advisory calls")
    f.ChangeIdeaFactory(network=network, title="Peer tutoring")
    closed_cycle(north_1, grades, d(9, 1), d(9, 15), "adapt")
    closed_cycle(north_1, grades, d(9, 20), d(10, 10), "adopt")
    closed_cycle(north_2, grades, d(9, 10), d(9, 30), "adapt")
    f.CycleFactory(team=north_2, change_idea=grades, planned_start=d(10, 5), stage="do")
    closed_cycle(south_1, grades, d(10, 1), d(10, 20), "abandon")
    f.CycleFactory(team=north_1, change_idea=calls, planned_start=d(10, 1), stage="plan")
    return network


def cells_of(matrix):
    return {
        (row.idea.title, cell["team"].school.name): (
            cell["cycles"],
            cell["latest"].code if cell["latest"] else None,
        )
        for row in matrix.rows
        for cell in row.cells
    }


def test_the_matrix_counts_cycles_and_the_latest_decision_per_idea_and_school(cast, network):
    matrix = selectors.learning_matrix(user=cast["coach_north_1"], network=network)
    n1, n2, s1 = cast.north_1.name, cast.north_2.name, cast.south_1.name
    assert [t.school.name for t in matrix.teams] == sorted([n1, n2, s1])
    assert cells_of(matrix) == {
        ("Advisory calls", n1): (1, "in_progress"),
        ("Advisory calls", n2): (0, None),
        ("Advisory calls", s1): (0, None),
        ("Grade checks", n1): (2, "adopt"),
        ("Grade checks", n2): (2, "in_progress"),
        ("Grade checks", s1): (1, "abandon"),
        ("Peer tutoring", n1): (0, None),
        ("Peer tutoring", n2): (0, None),
        ("Peer tutoring", s1): (0, None),
    }
    assert [(r.idea.title, r.total, r.schools) for r in matrix.rows] == [
        ("Advisory calls", 1, 1),
        ("Grade checks", 5, 3),
        ("Peer tutoring", 0, 0),
    ]
    per_team = dict(zip([t.school.name for t in matrix.teams], matrix.team_totals, strict=True))
    assert per_team == {n1: 3, n2: 2, s1: 1}
    assert matrix.total == 6


def test_the_spread_says_where_each_tested_idea_went(cast, network):
    rows = selectors.idea_spread(user=cast["family"], network=network)
    found = {
        r.idea.title: (
            r.spread.tested,
            r.spread.adopted,
            r.spread.adapted,
            r.spread.abandoned,
            r.spread.in_progress,
        )
        for r in rows
    }
    assert found == {"Grade checks": (3, 1, 0, 1, 1), "Advisory calls": (1, 0, 0, 0, 1)}
    assert rows[0].idea.title == "Grade checks"  # the most adopted first
    shares = [(s["decision"].code, s["count"], s["x"], s["w"]) for s in rows[0].segments]
    assert shares == [
        ("adopt", 1, 0.0, 1 / 3),
        ("abandon", 1, 1 / 3, 1 / 3),
        ("in_progress", 1, 2 / 3, 1 / 3),
    ]


def test_the_move_to_adoption_is_dated_per_school(cast, network):
    rows = selectors.moved_to_adoption(user=cast["superintendent"], network=network)
    assert [
        (r.idea.title, r.team.school, r.first_tested, r.first_adopted, r.days) for r in rows
    ] == [("Grade checks", cast.north_1, d(9, 1), d(10, 10), 39)]


def test_the_page_shows_the_matrix_with_words_beside_the_colours(client_as, cast, network):
    page = client_as("principal_north_1").get(reverse("improvement:learning", args=[network.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<caption>Cycles run and the latest decision" in html
    assert 'scope="row">Grade checks' in html
    assert "2 cycles" in html and "✓</span> Adopt" in html and "✕</span> Abandon" in html
    assert "Not tested" in html
    assert "3 of 3" in html  # Grade checks was tested at all three schools
    assert "39 days" in html  # North One: first test to adoption
    assert "Spread of each change idea across the network" in html  # the table alternative


def test_a_retired_idea_stays_in_the_matrix_only_if_it_was_tested(cast, network):
    from django.utils import timezone

    network.change_ideas.filter(title__in=["Peer tutoring", "Advisory calls"]).update(
        retired_at=timezone.now()
    )
    matrix = selectors.learning_matrix(user=cast["north_lead"], network=network)
    assert [r.idea.title for r in matrix.rows] == ["Advisory calls", "Grade checks"]


def test_an_empty_network_says_so(client_as, cast):
    network = matrix_network(cast)
    html = client_as("family").get(reverse("improvement:learning", args=[network.pk])).content
    assert b"no change ideas yet" in html
    assert b"No change idea has been tested yet" in html
    assert b"No school has adopted a change idea yet" in html


def test_another_networks_learning_is_not_found(client_as, cast):
    other = f.ImprovementNetworkFactory(district=cast.district, name="South attendance")
    f.TeamFactory(network=other, school=cast.south_1)
    url = reverse("improvement:learning", args=[other.pk])
    assert client_as("family").get(url).status_code == 404
    assert client_as("superintendent").get(url).status_code == 200
