"""Who may see and change needs, meetings, dilemmas and guidance.

Needs
- The leaders of the school that raised a need (principal, assistant principals) see it
  and may close or reopen it; school leaders raise needs for their own school.
- The department a need is routed to (its lead and staff) sees and answers it.
- Network leads see the needs of their network's schools; the cabinet sees and may answer
  every need, and routes those no rule covers.
- Everyone else on the district's staff sees only the anonymised patterns.

Meetings and dilemmas
- A meeting reads to its participants, its convener, the network leads (of its network,
  or all of them for a district-wide meeting) and the district-wide roles; its convener,
  those network leads and the cabinet run it. Participants propose agenda items.
- A dilemma is confidential: only the meeting's participants (and its presenter) see it,
  until the presenter shares its lessons; then the meeting's readers see the dilemma and
  its lessons, never the peers' feedback.

Guidance
- A document reads to the people it applies to (the roles it names at its schools), the
  network leads of those schools, the district-wide roles and its department; the
  department's lead and staff and the cabinet edit it.

What a user may not see answers 404; what they may see but not change answers 403.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from districtwise.core.access import one_or_404, person_ids
from districtwise.core.roles import CABINET, DISTRICT_WIDE_ROLES, SCHOOL_LEADERS, Role
from districtwise.core.scopes import Scope, scope_for
from districtwise.organization.models import Person
from districtwise.voice.models import (
    Dilemma,
    GuidanceDocument,
    Need,
    PrincipalMeeting,
)

DEPARTMENT_ROLES = frozenset({Role.DEPARTMENT_LEAD, Role.DEPARTMENT_STAFF})
# Who reads the district-wide, anonymised patterns of needs: the district's staff.
PATTERN_READERS = frozenset(Role) - {Role.PARTNER, Role.FAMILY_MEMBER}
# Who may convene a principal meeting.
CONVENERS = CABINET | {Role.NETWORK_LEAD}


def person_of(user, district) -> Person | None:
    """The user's person record in ``district``, if any."""
    ids = person_ids(user, district)
    return Person.objects.filter(pk__in=ids).first() if ids else None


# ---- needs ----
def led_schools(scope: Scope) -> frozenset[int]:
    """The schools the user leads (principal or assistant principal) and so raises needs for."""
    return scope.schools_where(SCHOOL_LEADERS)


def answering_departments(scope: Scope) -> frozenset[int]:
    """The departments whose needs the user answers (as their lead or staff)."""
    return scope.department_ids if scope.has_any(DEPARTMENT_ROLES) else frozenset()


def visible_needs(user, district) -> QuerySet[Need]:
    """The needs of ``district`` the user may read one by one."""
    needs = Need.objects.filter(district=district)
    scope = scope_for(user, district)
    if scope.has_any(CABINET):
        return needs
    seen = Q(pk__in=[])
    if led_schools(scope):
        seen |= Q(school__in=led_schools(scope))
    if answering_departments(scope):
        seen |= Q(department__in=answering_departments(scope))
    if scope.has_any({Role.NETWORK_LEAD}):
        seen |= Q(school__network__in=scope.network_ids)
    return needs.filter(seen)


def get_need_for_user(user, district, pk: int) -> Need:
    """The need ``pk`` if the user may read it, else 404."""
    return one_or_404(visible_needs(user, district).select_related("school", "department"), pk)


def answers_need(user, district, need: Need) -> bool:
    """The department the need is routed to, or the cabinet."""
    scope = scope_for(user, district)
    return scope.has_any(CABINET) or (
        need.department_id is not None and need.department_id in answering_departments(scope)
    )


def speaks_for_school(user, district, need: Need) -> bool:
    """A leader of the school that raised the need."""
    return need.school_id in led_schools(scope_for(user, district))


def may_raise(scope: Scope) -> bool:
    """School leaders raise needs for the schools they lead."""
    return bool(led_schools(scope))


def may_read_patterns(scope: Scope) -> bool:
    return scope.has_any(PATTERN_READERS)


def may_route(scope: Scope) -> bool:
    """The cabinet sets the routes and the response targets."""
    return scope.has_any(CABINET)


# The needs part's own look-ups. They import inside the functions, so no name they bind
# clashes with another part's block when the parts are merged.


def get_need_for_acting(user, district, pk: int) -> Need:
    """The need ``pk`` for someone who takes part in it: its school's leaders, or who
    answers it. 404 if the user may not read it; 403 for a reader who only follows it
    (a network lead)."""
    from django.core.exceptions import PermissionDenied

    need = get_need_for_user(user, district, pk)
    if not (answers_need(user, district, need) or speaks_for_school(user, district, need)):
        raise PermissionDenied("You may read this need but not act on it.")
    return need


def get_need_attachment_for_user(user, district, pk: int):
    """A file of a need the user may read, else 404."""
    from districtwise.voice.models import NeedAttachment

    found = NeedAttachment.objects.filter(need__in=visible_needs(user, district))
    return one_or_404(found.select_related("need"), pk)


def works_queue(scope: Scope) -> bool:
    """Who answers needs: a department's lead and staff, and the cabinet."""
    return scope.has_any(CABINET) or bool(answering_departments(scope))


def queue_department_ids(scope: Scope, district) -> frozenset[int]:
    """The departments whose queues the user works: their own; all for the cabinet."""
    from districtwise.organization.models import Department

    if scope.has_any(CABINET):
        return frozenset(Department.objects.filter(district=district).values_list("pk", flat=True))
    return answering_departments(scope)


def get_queue_department(user, district, pk: int):
    """A department whose queue the user works, else 404."""
    from districtwise.organization.models import Department

    ids = queue_department_ids(scope_for(user, district), district)
    return one_or_404(Department.objects.filter(district=district, pk__in=ids), pk)


# ---- end needs ----


# ---- meetings ----
def visible_meetings(user, district) -> QuerySet[PrincipalMeeting]:
    """The principal meetings of ``district`` the user may read."""
    meetings = PrincipalMeeting.objects.filter(district=district)
    scope = scope_for(user, district)
    if scope.has_any(DISTRICT_WIDE_ROLES):
        return meetings
    people = person_ids(user, district)
    seen = Q(participations__person__in=people) | Q(convened_by__in=people)
    if scope.has_any({Role.NETWORK_LEAD}):
        seen |= Q(network__isnull=True) | Q(network__in=scope.network_ids)
    return meetings.filter(pk__in=PrincipalMeeting.objects.filter(seen).values("pk"))


def get_meeting_for_user(user, district, pk: int) -> PrincipalMeeting:
    return one_or_404(visible_meetings(user, district), pk)


def runs_meeting(user, district, meeting: PrincipalMeeting) -> bool:
    """Its convener, the cabinet, or a network lead of its network (any network lead for a
    district-wide meeting)."""
    scope = scope_for(user, district)
    if scope.has_any(CABINET) or meeting.convened_by_id in person_ids(user, district):
        return True
    if not scope.has_any({Role.NETWORK_LEAD}):
        return False
    return meeting.network_id is None or meeting.network_id in scope.network_ids


def is_participant(user, district, meeting: PrincipalMeeting) -> bool:
    people = person_ids(user, district)
    return (
        meeting.convened_by_id in people
        or meeting.participations.filter(person__in=people).exists()
    )


def may_convene(scope: Scope) -> bool:
    return scope.has_any(CONVENERS)


# ---- end meetings ----


# ---- dilemmas ----
def visible_dilemmas(user, district) -> QuerySet[Dilemma]:
    """Dilemmas the user may read: those of meetings they take part in or present at, and
    the shared ones of meetings they may read."""
    people = person_ids(user, district)
    dilemmas = Dilemma.objects.filter(meeting__district=district)
    in_room = (
        Q(presenter__in=people)
        | Q(meeting__participations__person__in=people)
        | Q(meeting__convened_by__in=people)
    )
    shared = Q(shared_at__isnull=False, meeting__in=visible_meetings(user, district))
    return dilemmas.filter(pk__in=Dilemma.objects.filter(in_room | shared).values("pk"))


def get_dilemma_for_user(user, district, pk: int) -> Dilemma:
    return one_or_404(visible_dilemmas(user, district).select_related("meeting", "presenter"), pk)


def in_dilemma_room(user, district, dilemma: Dilemma) -> bool:
    """A participant of the dilemma's meeting (or its presenter): sees the peers' feedback
    and may add to it."""
    return dilemma.presenter_id in person_ids(user, district) or is_participant(
        user, district, dilemma.meeting
    )


def presents(user, district, dilemma: Dilemma) -> bool:
    """The presenter keeps the record: the reflection, the lessons, whether to share."""
    return dilemma.presenter_id in person_ids(user, district)


# ---- end dilemmas ----


# ---- guidance ----
def visible_documents(user, district) -> QuerySet[GuidanceDocument]:
    """The guidance documents of ``district`` the user may read."""
    documents = GuidanceDocument.objects.filter(district=district)
    scope = scope_for(user, district)
    if scope.has_any(DISTRICT_WIDE_ROLES):
        return documents
    if not scope.is_member:
        return documents.none()
    # A district keeps tens of documents, not thousands: the rule reads plainly in Python.
    readable = [
        document.pk
        for document in documents.prefetch_related("schools")
        if applies_to(document, scope)
    ]
    return documents.filter(pk__in=readable)


def applies_to(document: GuidanceDocument, scope: Scope) -> bool:
    """The document concerns the user: they hold one of its roles at one of its schools (no
    schools: every school), or lead the network of one of its schools."""
    schools = {school.pk for school in document.schools.all()}
    if scope.has_any({Role.NETWORK_LEAD}) and (not schools or schools & scope.school_ids):
        return True
    return any(
        role in document.roles and (not schools or school in schools)
        for school, role in scope.school_roles
    )


def get_document_for_user(user, district, pk: int) -> GuidanceDocument:
    return one_or_404(visible_documents(user, district).select_related("department"), pk)


def edits_document(user, district, document: GuidanceDocument) -> bool:
    """The owning department's lead and staff, and the cabinet."""
    scope = scope_for(user, district)
    if scope.has_any(CABINET):
        return True
    return document.department_id in answering_departments(scope)


def may_publish_guidance(scope: Scope) -> bool:
    """Who may start a new document: department leads and staff (for their department) and
    the cabinet."""
    return scope.has_any(CABINET | DEPARTMENT_ROLES)


# The guidance part's look-ups.
from districtwise.organization.models import Department  # noqa: E402
from districtwise.voice.models import GuidanceVersion  # noqa: E402


def acknowledges(document: GuidanceDocument, scope: Scope) -> bool:
    """The user must acknowledge the document's versions: they hold one of its roles at one
    of its schools (no schools: any school), on an active membership."""
    schools = {school.pk for school in document.schools.all()}
    return any(
        role in document.roles and (not schools or school in schools)
        for school, role in scope.school_roles
    )


def get_document_for_edit(user, district, pk: int) -> GuidanceDocument:
    """The document ``pk`` if the user owns it; 404 if they may not read it, else 403."""
    from django.core.exceptions import PermissionDenied

    document = get_document_for_user(user, district, pk)
    if not edits_document(user, district, document):
        raise PermissionDenied("Only the owning department and the cabinet change this document.")
    return document


def get_version_for_user(user, district, pk: int) -> GuidanceVersion:
    """The version ``pk`` of a document the user may read, else 404."""
    versions = GuidanceVersion.objects.filter(document__in=visible_documents(user, district))
    return one_or_404(versions.select_related("document", "document__department"), pk)


def publishing_departments(user, district) -> QuerySet[Department]:
    """The departments the user may start a document for: their own, or all (the cabinet)."""
    departments = Department.objects.filter(district=district)
    scope = scope_for(user, district)
    if scope.has_any(CABINET):
        return departments
    return departments.filter(pk__in=answering_departments(scope))


# ---- end guidance ----


# ---- meetings (part) ----
# Imported here so the part's lines stay inside its own fenced block.
from django.core.exceptions import PermissionDenied  # noqa: E402

from districtwise.voice.models import AgendaItem, FollowUp  # noqa: E402


def may_convene_for(scope: Scope, network) -> bool:
    """The cabinet convenes district-wide meetings or any network's; a network lead
    convenes their own network's."""
    if scope.has_any(CABINET):
        return True
    return (
        network is not None
        and scope.has_any({Role.NETWORK_LEAD})
        and (network.pk in scope.network_ids)
    )


def get_meeting_for_running(user, district, pk: int) -> PrincipalMeeting:
    """The meeting ``pk`` if the user runs it: 404 if unseen, 403 if only read."""
    meeting = get_meeting_for_user(user, district, pk)
    if not runs_meeting(user, district, meeting):
        raise PermissionDenied("Only the meeting's convener and its network's leads change it.")
    return meeting


def may_propose(user, district, meeting: PrincipalMeeting) -> bool:
    """The meeting's participants (and those who run it) propose agenda items."""
    return is_participant(user, district, meeting) or runs_meeting(user, district, meeting)


def get_agenda_item_for_user(user, district, pk: int) -> AgendaItem:
    """An agenda item of a meeting the user may read, else 404."""
    items = AgendaItem.objects.filter(meeting__in=visible_meetings(user, district))
    return one_or_404(items.select_related("meeting", "proposed_by"), pk)


def get_agenda_item_for_running(user, district, pk: int) -> AgendaItem:
    """An agenda item of a meeting the user runs: 404 if unseen, 403 if only read."""
    item = get_agenda_item_for_user(user, district, pk)
    if not runs_meeting(user, district, item.meeting):
        raise PermissionDenied("Only the meeting's convener and its network's leads change it.")
    return item


def get_follow_up_for_user(user, district, pk: int) -> FollowUp:
    """A follow-up of a meeting the user may read, or one they own, else 404."""
    seen = Q(meeting__in=visible_meetings(user, district)) | Q(owner__in=person_ids(user, district))
    follow_ups = FollowUp.objects.filter(meeting__district=district).filter(seen)
    return one_or_404(follow_ups.select_related("meeting", "owner", "need"), pk)


def completes_follow_up(user, district, follow_up: FollowUp) -> bool:
    """Its owner marks it done; so may those who run its meeting."""
    return follow_up.owner_id in person_ids(user, district) or runs_meeting(
        user, district, follow_up.meeting
    )


# ---- end meetings (part) ----
# ---- patterns ----
from districtwise.voice.models import NeedIssue  # noqa: E402 (kept in this part's block)


def lead_departments(user, district) -> frozenset[int]:
    """The departments the user leads (department lead, not staff): they link needs
    routed there to issues and answer those issues."""
    from django.utils import timezone

    from districtwise.core.models import Membership

    cache = user.__dict__.setdefault("_districtwise_voice_lead_departments", {})
    if district.pk in cache:
        return cache[district.pk]
    today = timezone.localdate()
    found = (
        Membership.objects.filter(
            person__user_id=user.pk,
            district=district,
            role=Role.DEPARTMENT_LEAD,
            department__isnull=False,
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .values_list("department_id", flat=True)
    )
    cache[district.pk] = frozenset(found)
    return cache[district.pk]


def may_link_needs(scope: Scope) -> bool:
    """The cabinet and department leads link needs to issues (coarse check)."""
    return scope.has_any(CABINET | {Role.DEPARTMENT_LEAD})


def reads_needs_across_schools(scope: Scope) -> bool:
    """Who sees similar needs of several schools by name on the patterns page, and the
    issues: the cabinet, the departments (for needs routed to them), network leads (for
    their network's schools). Everyone else reads the anonymised counts only."""
    return scope.has_any(CABINET | DEPARTMENT_ROLES | {Role.NETWORK_LEAD})


def visible_issues(user, district) -> QuerySet[NeedIssue]:
    """Issues the user may read: every one for the cabinet; a department's own issues for
    its lead and staff; issues with a need of their network for a network lead."""
    issues = NeedIssue.objects.filter(district=district)
    scope = scope_for(user, district)
    if scope.has_any(CABINET):
        return issues
    seen = Q(pk__in=[])
    if answering_departments(scope):
        seen |= Q(department__in=answering_departments(scope))
    if scope.has_any({Role.NETWORK_LEAD}):
        seen |= Q(needs__school__network__in=scope.network_ids)
    return issues.filter(pk__in=NeedIssue.objects.filter(seen).values("pk"))


def get_issue_for_user(user, district, pk: int) -> NeedIssue:
    """The issue ``pk`` if the user may read it, else 404."""
    return one_or_404(visible_issues(user, district).select_related("department"), pk)


def edits_issue(user, district, issue: NeedIssue) -> bool:
    """The cabinet, or a lead of the issue's department: links, unlinks, answers."""
    if scope_for(user, district).has_any(CABINET):
        return True
    return issue.department_id in lead_departments(user, district)


def links_need(user, district, need: Need) -> bool:
    """The cabinet links any need; a department lead those routed to their department."""
    return links_department(user, district, need.department_id)


def links_department(user, district, department_id: int | None) -> bool:
    """Whether the user links needs routed to ``department_id`` (None: not routed)."""
    if scope_for(user, district).has_any(CABINET):
        return True
    return department_id is not None and department_id in lead_departments(user, district)


# ---- end patterns ----
# ---- dilemmas (part) ----
# Imported here so the part's lines stay inside its own fenced block.
from django.http import Http404  # noqa: E402

# Who reads the lessons principals share: the central office and the network leads.
LESSON_READERS = DISTRICT_WIDE_ROLES | {Role.NETWORK_LEAD}
# Who turns a shared lesson into a task: the cabinet, the departments, the network leads.
LESSON_ACTORS = CABINET | DEPARTMENT_ROLES | {Role.NETWORK_LEAD}


def may_bring_dilemma(user, district, meeting: PrincipalMeeting) -> bool:
    """A school leader taking part in the meeting brings their own dilemma to it."""
    if not scope_for(user, district).schools_where(SCHOOL_LEADERS):
        return False
    people = person_ids(user, district)
    return meeting.participations.filter(person__in=people).exists()


def get_meeting_for_bringing(user, district, pk: int) -> PrincipalMeeting:
    """The meeting ``pk`` to bring a dilemma to: 404 unless the user reads it, 403 unless
    they take part in it as a school leader."""
    meeting = get_meeting_for_user(user, district, pk)
    if not may_bring_dilemma(user, district, meeting):
        raise PermissionDenied("The principals taking part in the meeting bring dilemmas to it.")
    return meeting


def advances_protocol(user, district, dilemma: Dilemma) -> bool:
    """The presenter, or whoever runs the meeting from inside the room."""
    if presents(user, district, dilemma):
        return True
    return in_dilemma_room(user, district, dilemma) and runs_meeting(
        user, district, dilemma.meeting
    )


def get_dilemma_for_room(user, district, pk: int) -> Dilemma:
    """The dilemma ``pk`` to work on in the meeting: 404 unless the user reads it, 403
    unless they are in its room (a shared dilemma reads to more people than the room)."""
    dilemma = get_dilemma_for_user(user, district, pk)
    if not in_dilemma_room(user, district, dilemma):
        raise PermissionDenied("Only the meeting's participants work on its dilemmas.")
    return dilemma


def get_dilemma_for_presenter(user, district, pk: int) -> Dilemma:
    """The dilemma ``pk`` whose record the user keeps: 404 unless they read it, 403 unless
    they present it."""
    dilemma = get_dilemma_for_user(user, district, pk)
    if not presents(user, district, dilemma):
        raise PermissionDenied("Only the presenter keeps the dilemma's record.")
    return dilemma


def get_lesson_for_acting(user, district, pk: int) -> Dilemma:
    """The shared dilemma ``pk`` to act on: 404 unless it is shared and the user reads it,
    403 unless they are district staff who act on lessons."""
    dilemma = get_dilemma_for_user(user, district, pk)
    if dilemma.shared_at is None:
        raise Http404("Not found")
    if not scope_for(user, district).has_any(LESSON_ACTORS):
        raise PermissionDenied("The central office and network leads act on lessons.")
    return dilemma


# ---- end dilemmas (part) ----
