"""Authorization-matrix rows of the improvement URLs, gathered by the matrix test.

The matrix network is convened by the North network lead; it has a team at North One
whose members are North One's coach (staff) and the cast's family member. It reads to
district-wide roles, its lead, its members and the staff of North One; its lead and the
cabinet run it; the team's members edit their team.
"""

from __future__ import annotations

from django.urls import reverse

from tests.access_matrix import DISTRICT_WIDE, EVERYONE_SIGNED_IN, Row, expect

CABINET = {"superintendent", "sysadmin"}
RUNNERS = CABINET | {"north_lead"}
TEAM_EDITORS = RUNNERS | {"coach_north_1", "family"}
READERS = DISTRICT_WIDE | {"north_lead", "principal_north_1", "coach_north_1", "family"}


def matrix_network(cast):
    """The matrix network (built once per test; later calls find it)."""
    from districtwise.improvement.models import ImprovementNetwork
    from tests import factories as f

    found = ImprovementNetwork.objects.filter(district=cast.district, name="Matrix network")
    if found.exists():
        return found.get()
    network = f.ImprovementNetworkFactory(district=cast.district, name="Matrix network")
    network.leads.add(cast["north_lead"].people.get())
    team = f.TeamFactory(network=network, school=cast.north_1)
    f.TeamMemberFactory(team=team, person=cast["coach_north_1"].people.get(), kind="staff")
    f.TeamMemberFactory(team=team, person=cast["family"].people.get(), kind="family")
    return network


def matrix_team(cast):
    """The matrix network's North One team."""
    return matrix_network(cast).teams.get()


ROWS: dict[str, Row] = {
    "improvement:overview": (
        lambda c: reverse("improvement:overview"),
        expect(EVERYONE_SIGNED_IN),
    ),
}


# ---- measures ----
def matrix_measure(cast):
    """The matrix network's entered weekly measure (built once per test)."""
    from tests import factories as f

    network = matrix_network(cast)
    found = network.measures.filter(name="Matrix measure").first()
    return found or f.MeasureFactory(network=network, name="Matrix measure")


MEASURES_POST_ONLY = {p: 405 for p in expect(set())}
ROWS |= {
    "improvement:measures": (
        lambda c: reverse("improvement:measures", args=[matrix_network(c).pk]),
        expect(READERS),
    ),
    "improvement:measure_create": (
        lambda c: reverse("improvement:measure_create", args=[matrix_network(c).pk]),
        expect(RUNNERS, forbidden=READERS - RUNNERS),
    ),
    "improvement:measures_refresh": (
        lambda c: reverse("improvement:measures_refresh", args=[matrix_network(c).pk]),
        MEASURES_POST_ONLY,
    ),
    "improvement:measures_export": (
        lambda c: reverse("improvement:measures_export", args=[matrix_network(c).pk]),
        expect(READERS),
    ),
    "improvement:measure": (
        lambda c: reverse("improvement:measure", args=[matrix_measure(c).pk]),
        expect(READERS),
    ),
    "improvement:measure_edit": (
        lambda c: reverse("improvement:measure_edit", args=[matrix_measure(c).pk]),
        expect(RUNNERS, forbidden=READERS - RUNNERS),
    ),
    "improvement:measure_retire": (
        lambda c: reverse("improvement:measure_retire", args=[matrix_measure(c).pk]),
        MEASURES_POST_ONLY,
    ),
    "improvement:measure_upload": (
        lambda c: reverse("improvement:measure_upload", args=[matrix_measure(c).pk]),
        expect(TEAM_EDITORS, forbidden=READERS - TEAM_EDITORS),
    ),
    "improvement:measure_team_values": (
        lambda c: reverse(
            "improvement:measure_team_values", args=[matrix_measure(c).pk, matrix_team(c).pk]
        ),
        expect(TEAM_EDITORS, forbidden=READERS - TEAM_EDITORS),
    ),
}
# ---- end measures ----


# ---- charts ----
def _charts_post_only():
    from tests.access_matrix import PEOPLE

    return {p: 405 for p in PEOPLE}


ROWS |= {
    # The chart board and a measure's chart read like the network; phases are added and
    # removed by POST only (tests/improvement/test_charts_pages.py holds the write side).
    "improvement:charts": (
        lambda c: reverse("improvement:charts", args=[matrix_network(c).pk]),
        expect(READERS),
    ),
    "improvement:measure_chart": (
        lambda c: (
            reverse("improvement:measure_chart", args=[matrix_measure(c).pk])
            + f"?team={matrix_team(c).pk}"
        ),
        expect(READERS),
    ),
    "improvement:chart_phase_new": (
        lambda c: reverse("improvement:chart_phase_new", args=[matrix_measure(c).pk]),
        _charts_post_only(),
    ),
    "improvement:chart_phase_delete": (
        lambda c: reverse("improvement:chart_phase_delete", args=[matrix_measure(c).pk, 1]),
        _charts_post_only(),
    ),
}
# ---- end charts ----
