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


# ---- cycles ----
def matrix_cycle(cast, *, closed: bool = False):
    """A cycle of the matrix team (an open one, or a closed one that adopted its idea)."""
    from districtwise.improvement.models import Cycle
    from tests import factories as f

    team = matrix_team(cast)
    title = "Matrix closed cycle" if closed else "Matrix cycle"
    found = Cycle.objects.filter(team=team, title=title).first()
    if found is not None:
        return found
    extra = {"stage": "closed", "decision": "adopt"} if closed else {}
    return f.CycleFactory(team=team, title=title, **extra)


def matrix_attachment(cast):
    """A small text file kept with the matrix cycle (written under the test's DATA_DIR)."""
    from django.conf import settings

    from districtwise.improvement.models import CycleAttachment

    cycle = matrix_cycle(cast)
    found = cycle.attachments.first()
    if found is None:
        found = CycleAttachment.objects.create(
            cycle=cycle,
            name="notes.txt",
            path="improvement/matrix-notes",
            content_type="text/plain",
            size=5,
        )
    target = settings.DATA_DIR / found.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"notes")
    return found


CYCLE_EDIT_GET = expect(TEAM_EDITORS, forbidden=READERS - TEAM_EDITORS)
CYCLES_POST_ONLY = {p: 405 for p in expect(set())}

ROWS |= {
    "improvement:network_cycles": (
        lambda c: reverse("improvement:network_cycles", args=[matrix_network(c).pk]),
        expect(READERS),
    ),
    "improvement:cycles_export": (
        lambda c: reverse("improvement:cycles_export", args=[matrix_network(c).pk]),
        expect(READERS),
    ),
    "improvement:team_cycles": (
        lambda c: reverse("improvement:team_cycles", args=[matrix_team(c).pk]),
        expect(READERS),
    ),
    "improvement:cycle_new": (
        lambda c: reverse("improvement:cycle_new", args=[matrix_team(c).pk]),
        CYCLE_EDIT_GET,
    ),
    "improvement:cycle": (
        lambda c: reverse("improvement:cycle", args=[matrix_cycle(c).pk]),
        expect(READERS),
    ),
    "improvement:cycle_next": (
        lambda c: reverse("improvement:cycle_next", args=[matrix_cycle(c, closed=True).pk]),
        CYCLE_EDIT_GET,
    ),
    "improvement:cycle_stage": (
        lambda c: reverse("improvement:cycle_stage", args=[matrix_cycle(c).pk]),
        CYCLES_POST_ONLY,
    ),
    "improvement:cycle_step_back": (
        lambda c: reverse("improvement:cycle_step_back", args=[matrix_cycle(c).pk]),
        CYCLES_POST_ONLY,
    ),
    "improvement:cycle_attachment_new": (
        lambda c: reverse("improvement:cycle_attachment_new", args=[matrix_cycle(c).pk]),
        CYCLES_POST_ONLY,
    ),
    "improvement:cycle_attachment": (
        lambda c: reverse("improvement:cycle_attachment", args=[matrix_attachment(c).pk]),
        expect(READERS),
    ),
    "improvement:cycle_attachment_delete": (
        lambda c: reverse("improvement:cycle_attachment_delete", args=[matrix_attachment(c).pk]),
        CYCLES_POST_ONLY,
    ),
}
# ---- end cycles ----
