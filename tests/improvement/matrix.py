"""Authorization-matrix rows of the improvement URLs, gathered by the matrix test.

The matrix network is convened by the North network lead; it has a team at North One
whose members are North One's coach (staff) and the cast's family member. It reads to
district-wide roles, its lead, its members and the staff of North One; its lead and the
cabinet run it; the team's members edit their team.
"""

from __future__ import annotations

from django.urls import reverse

from tests.access_matrix import DISTRICT_WIDE, EVERYONE_SIGNED_IN, PEOPLE, Row, expect

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


# ---- networks ----
# Convening is for the cabinet, department leads and network leads (404 for the rest, as a
# page they have no use for); the network and team pages read to READERS; the network's
# runners change its name, aim, teams and members (readers 403). The sign-in page of a new
# student or family member is open to anyone holding a link: a link that does not work says
# so (200 for everyone). POST-only URLs answer 405 to a GET.
CONVENERS = CABINET | {"department_lead", "north_lead", "south_lead"}
NOT_HERE = {p: 405 for p in PEOPLE}


def matrix_family_member(cast):
    """The cast's family member on the matrix team."""
    return matrix_team(cast).members.get(kind="family")


def _running(build):
    return (build, expect(RUNNERS, forbidden=READERS - RUNNERS))


ROWS |= {
    "improvement:network_new": (lambda c: reverse("improvement:network_new"), expect(CONVENERS)),
    "improvement:network": (
        lambda c: reverse("improvement:network", args=[matrix_network(c).pk]),
        expect(READERS),
    ),
    "improvement:network_edit": _running(
        lambda c: reverse("improvement:network_edit", args=[matrix_network(c).pk])
    ),
    "improvement:network_archive": (
        lambda c: reverse("improvement:network_archive", args=[matrix_network(c).pk]),
        NOT_HERE,
    ),
    "improvement:teams_add": _running(
        lambda c: reverse("improvement:teams_add", args=[matrix_network(c).pk])
    ),
    "improvement:team": (
        lambda c: reverse("improvement:team", args=[matrix_team(c).pk]),
        expect(READERS),
    ),
    "improvement:team_remove": _running(
        lambda c: reverse("improvement:team_remove", args=[matrix_team(c).pk])
    ),
    "improvement:member_add": _running(
        lambda c: reverse("improvement:member_add", args=[matrix_team(c).pk])
    ),
    "improvement:member_invite": _running(
        lambda c: reverse("improvement:member_invite", args=[matrix_team(c).pk])
    ),
    "improvement:member_edit": _running(
        lambda c: reverse("improvement:member_edit", args=[matrix_family_member(c).pk])
    ),
    "improvement:member_remove": (
        lambda c: reverse("improvement:member_remove", args=[matrix_family_member(c).pk]),
        NOT_HERE,
    ),
    "improvement:member_link": (
        lambda c: reverse("improvement:member_link", args=[matrix_family_member(c).pk]),
        NOT_HERE,
    ),
    "improvement:welcome": (
        lambda c: reverse("improvement:welcome", args=["MQ", "no-such-token"]),
        {p: 200 for p in PEOPLE},
    ),
}
# ---- end networks ----

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


# ---- diagram ----
def matrix_diagram(cast):
    """The matrix network's working diagram: version 1, a primary driver with a change
    idea under it. Returns (network, primary driver, placement)."""
    from districtwise.improvement.models import IdeaPlacement
    from tests import factories as f

    network = matrix_network(cast)
    found = IdeaPlacement.objects.filter(driver__version__network=network).first()
    if found is not None:
        return network, found.driver, found
    version = f.DiagramVersionFactory(network=network, number=1)
    driver = f.DriverFactory(version=version, text="Students know where they stand")
    placement = f.IdeaPlacementFactory(driver=driver)
    return network, driver, placement


def _diagram_url(name: str, *extra):
    def build(cast):
        network, driver, placement = matrix_diagram(cast)
        objects = {"driver": driver.pk, "placement": placement.pk, "idea": placement.idea_id}
        return reverse(
            f"improvement:{name}", args=[network.pk, *(objects.get(e, e) for e in extra)]
        )

    return build


DIAGRAM_RUNNING = expect(RUNNERS, forbidden=READERS - RUNNERS)
NOT_GET = {p: 405 for p in expect(set())}
ROWS |= {
    "improvement:diagram": (_diagram_url("diagram"), expect(READERS)),
    "improvement:diagram_edit": (_diagram_url("diagram_edit"), DIAGRAM_RUNNING),
    "improvement:diagram_driver_add": (_diagram_url("diagram_driver_add"), NOT_GET),
    "improvement:diagram_driver_rename": (
        _diagram_url("diagram_driver_rename", "driver"),
        NOT_GET,
    ),
    "improvement:diagram_driver_move": (_diagram_url("diagram_driver_move", "driver"), NOT_GET),
    "improvement:diagram_driver_remove": (
        _diagram_url("diagram_driver_remove", "driver"),
        DIAGRAM_RUNNING,
    ),
    "improvement:diagram_idea_place": (_diagram_url("diagram_idea_place", "driver"), NOT_GET),
    "improvement:diagram_placement_remove": (
        _diagram_url("diagram_placement_remove", "placement"),
        NOT_GET,
    ),
    "improvement:diagram_record": (_diagram_url("diagram_record"), DIAGRAM_RUNNING),
    "improvement:diagram_versions": (_diagram_url("diagram_versions"), expect(READERS)),
    "improvement:diagram_version": (_diagram_url("diagram_version", 1), expect(READERS)),
    "improvement:change_ideas": (_diagram_url("change_ideas"), expect(READERS)),
    "improvement:change_idea_edit": (_diagram_url("change_idea_edit", "idea"), DIAGRAM_RUNNING),
    "improvement:change_idea_retire": (_diagram_url("change_idea_retire", "idea"), NOT_GET),
    "improvement:change_idea_delete": (_diagram_url("change_idea_delete", "idea"), NOT_GET),
}
# ---- end diagram ----


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
