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
