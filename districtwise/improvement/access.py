"""Who may see and change an improvement network.

- The network's leads run it: its aim, teams, members, theory and measures. The cabinet
  may run any network of the district.
- A team's members (staff, students and family members) edit their own team's cycles and
  measure values; they read the rest of their network.
- Staff who work at or oversee a member school (its principal, assistant principals and
  teacher leaders; the network lead of its school network) read the network.
- District-wide roles read every network.
- Family and student members see only the networks whose teams they are on.

A network a user may not see answers 404; one they may see but not change answers 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from districtwise.core.access import one_or_404, person_ids
from districtwise.core.roles import CABINET, Role
from districtwise.core.scopes import Scope, scope_for
from districtwise.improvement.models import (
    Cycle,
    CycleAttachment,
    ImprovementNetwork,
    Measure,
    Team,
)

# Who may convene a new network (and so become its first lead).
CONVENERS = CABINET | {Role.NETWORK_LEAD, Role.DEPARTMENT_LEAD}


def visible_networks(user, district) -> QuerySet[ImprovementNetwork]:
    """The improvement networks of ``district`` the user may read."""
    networks = ImprovementNetwork.objects.filter(district=district)
    scope = scope_for(user, district)
    if scope.district_wide:
        return networks
    if not scope.is_member:
        return networks.none()
    people = person_ids(user, district)
    seen = Q(leads__in=people) | Q(teams__members__person__in=people)
    if scope.school_ids:
        seen |= Q(teams__school__in=scope.school_ids)
    return networks.filter(pk__in=ImprovementNetwork.objects.filter(seen).values("pk"))


def runs_network(user, district, network: ImprovementNetwork) -> bool:
    """A lead of the network, or the cabinet."""
    if scope_for(user, district).has_any(CABINET):
        return True
    return network.leads.filter(pk__in=person_ids(user, district)).exists()


def may_convene(scope: Scope) -> bool:
    """Who may start a new network."""
    return scope.has_any(CONVENERS)


def is_team_member(user, district, team: Team) -> bool:
    return team.members.filter(person__in=person_ids(user, district)).exists()


def may_edit_team(user, district, team: Team) -> bool:
    """The team's own members and the network's runners write the team's cycles and
    measure values."""
    return is_team_member(user, district, team) or runs_network(user, district, team.network)


def editable_team_ids(user, district, network: ImprovementNetwork) -> frozenset[int]:
    """The teams of ``network`` whose cycles and values the user writes."""
    teams = network.teams.all()
    if not runs_network(user, district, network):
        teams = teams.filter(members__person__in=person_ids(user, district))
    return frozenset(teams.values_list("pk", flat=True))


def get_network_for_user(user, district, pk: int) -> ImprovementNetwork:
    """A network the user may read, else 404."""
    return one_or_404(visible_networks(user, district), pk)


def get_network_for_running(user, district, pk: int) -> ImprovementNetwork:
    """A network the user runs: 404 if they may not see it, 403 if they only read it."""
    network = get_network_for_user(user, district, pk)
    if not runs_network(user, district, network):
        raise PermissionDenied("Only the network's leads change this.")
    return network


def get_team_for_user(user, district, pk: int) -> Team:
    """A team of a network the user may read, else 404."""
    visible = visible_networks(user, district)
    return one_or_404(Team.objects.filter(network__in=visible).select_related("network"), pk)


def get_team_for_editing(user, district, pk: int) -> Team:
    """A team whose cycles and values the user writes: 404 if unseen, 403 if read only."""
    team = get_team_for_user(user, district, pk)
    if not may_edit_team(user, district, team):
        raise PermissionDenied("Only the team's members and the network's leads change this.")
    return team


# ---- learning ----
# The learning log is written by the network's members: a member of any of its teams (staff,
# students, family members) and the people who run it. Other readers read it. An entry is
# changed or removed by its author (while still a member) and by the network's runners.
def is_network_member(user, district, network: ImprovementNetwork) -> bool:
    """On one of the network's teams."""
    people = person_ids(user, district)
    return network.teams.filter(members__person__in=people).exists()


def may_write_learning(user, district, network: ImprovementNetwork) -> bool:
    """A member of the network or one who runs it."""
    return runs_network(user, district, network) or is_network_member(user, district, network)


def may_change_learning_entry(user, district, entry) -> bool:
    """The entry's author (while a member) or one who runs the network."""
    network = entry.network
    if runs_network(user, district, network):
        return True
    return entry.author_id == user.pk and is_network_member(user, district, network)


def get_network_for_learning(user, district, pk: int) -> ImprovementNetwork:
    """A network whose learning log the user writes: 404 if unseen, 403 if read only."""
    network = get_network_for_user(user, district, pk)
    if not may_write_learning(user, district, network):
        raise PermissionDenied("Only the network's members write in its learning log.")
    return network


def get_learning_entry_for_changing(user, district, pk: int, entry_pk: int):
    """An entry of the network's learning log the user may change: 404 if the network or
    the entry is unseen, 403 if the user only reads it."""
    network = get_network_for_user(user, district, pk)
    entry = one_or_404(network.learning_entries.select_related("network"), entry_pk)
    if not may_change_learning_entry(user, district, entry):
        raise PermissionDenied("Only the entry's author and the network's leads change it.")
    return entry


# ---- end learning ----


def get_measure_for_user(user, district, pk: int) -> Measure:
    """A measure of a network the user may read, else 404."""
    visible = visible_networks(user, district)
    found = Measure.objects.filter(network__in=visible).select_related("network__district")
    return one_or_404(found, pk)


def get_cycle_for_user(user, district, pk: int) -> Cycle:
    """A cycle of a network the user reads, else 404."""
    visible = visible_networks(user, district)
    cycles = Cycle.objects.filter(team__network__in=visible).select_related(
        "team__network", "team__school", "change_idea", "previous"
    )
    return one_or_404(cycles, pk)


def get_cycle_for_editing(user, district, pk: int) -> Cycle:
    """A cycle the user writes (a member of its team, a lead): 404 unseen, 403 read only."""
    cycle = get_cycle_for_user(user, district, pk)
    if not may_edit_team(user, district, cycle.team):
        raise PermissionDenied("Only the team's members and the network's leads change a cycle.")
    return cycle


def get_attachment_for_user(user, district, pk: int) -> CycleAttachment:
    """A file of a cycle the user reads, else 404."""
    visible = visible_networks(user, district)
    attachments = CycleAttachment.objects.filter(cycle__team__network__in=visible)
    return one_or_404(attachments.select_related("cycle__team__network"), pk)


def get_attachment_for_editing(user, district, pk: int) -> CycleAttachment:
    """A file of a cycle the user writes: 404 unseen, 403 read only."""
    attachment = get_attachment_for_user(user, district, pk)
    if not may_edit_team(user, district, attachment.cycle.team):
        raise PermissionDenied("Only the team's members and the network's leads change a cycle.")
    return attachment
