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
# ---- learning ----
# The learning pages are read by every reader of the network; the log is written by the
# network's members (its teams' members) and runners; an entry is changed by its author
# (here North One's coach) and the runners (tests/improvement/test_learning_log.py).
LEARNING_WRITERS = RUNNERS | {"coach_north_1", "family"}
ENTRY_CHANGERS = RUNNERS | {"coach_north_1"}


def learning_entry(cast):
    """An entry of the matrix network's learning log, written by North One's coach."""
    import datetime as dt

    from districtwise.improvement.models import LearningEntry

    network = matrix_network(cast)
    entry, _ = LearningEntry.objects.get_or_create(
        network=network,
        text="Matrix entry",
        defaults={"written_on": dt.date(2025, 10, 6), "author": cast["coach_north_1"]},
    )
    return entry


def _learning_url(name: str, suffix: str = ""):
    return lambda c: reverse(f"improvement:{name}", args=[matrix_network(c).pk]) + suffix


ROWS |= {
    "improvement:learning": (_learning_url("learning"), expect(READERS)),
    "improvement:learning_log": (_learning_url("learning_log"), expect(READERS)),
    "improvement:learning_entry_edit": (
        lambda c: reverse(
            "improvement:learning_entry_edit", args=[matrix_network(c).pk, learning_entry(c).pk]
        ),
        expect(ENTRY_CHANGERS, forbidden=READERS - ENTRY_CHANGERS),
    ),
    "improvement:learning_entry_delete": (
        lambda c: reverse(
            "improvement:learning_entry_delete", args=[matrix_network(c).pk, learning_entry(c).pk]
        ),
        {p: 405 for p in expect(set())},
    ),
    "improvement:learning_summary": (
        _learning_url("learning_summary", "?month=2025-10"),
        expect(READERS),
    ),
    "improvement:learning_summary_pdf": (
        _learning_url("learning_summary_pdf", "?month=2025-10"),
        expect(READERS),
    ),
}
# ---- end learning ----
