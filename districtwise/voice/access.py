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

from districtwise.core.access import one_or_404
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


def person_ids(user, district) -> frozenset[int]:
    """The user's person records in ``district`` (a user has at most one per district)."""
    cache = user.__dict__.setdefault("_districtwise_voice_people", {})
    if district.pk not in cache:
        found = Person.objects.filter(user_id=user.pk, district=district)
        cache[district.pk] = frozenset(found.values_list("pk", flat=True))
    return cache[district.pk]


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


# ---- end guidance ----


# ---- dilemmas (part) ----
# Imported here so the part's lines stay inside its own fenced block.
from django.core.exceptions import PermissionDenied  # noqa: E402
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
