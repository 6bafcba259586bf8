"""Who may see and change partnerships, school needs, family feedback and stakeholders.

Partnerships
- The cabinet and the department leads manage every partnership of the district (create,
  edit, log services, review); the other district-wide roles read them all.
- Network leads and school staff read the partnerships serving their schools.
- A partner's own login reads only its organisation's partnerships, logs the services it
  delivered at the schools each one serves, and writes the partner side of a review.

School needs
- School leaders record and close the needs of their own school; network leads those of
  their network's schools; partnership managers any school's.
- District-wide roles read every school's needs; network leads and school staff their
  schools'; a partner reads the needs of the schools it serves, in the categories it
  delivers there, and aggregates beyond that.

Family feedback and stakeholders: see each part's block below.

What a user may not see answers 404; what they may see but not change answers 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from districtwise.community.models import (
    EngagementEvent,
    PartnerContact,
    PartnerService,
    Partnership,
    Question,
    SchoolNeed,
    StakeholderGroup,
    Survey,
    SurveyLink,
)
from districtwise.core.access import one_or_404, person_ids
from districtwise.core.roles import CABINET, SCHOOL_LEADERS, Role
from districtwise.core.scopes import Scope, scope_for
from districtwise.organization.models import Partner, School

# Who opens the section at all: every member but family and student team members, who
# answer surveys through a public link instead.
COMMUNITY_MEMBERS = frozenset(Role) - {Role.FAMILY_MEMBER}
# The district's staff (not partners, not families).
STAFF = frozenset(Role) - {Role.PARTNER, Role.FAMILY_MEMBER}
# Who manages partnerships for the district.
PARTNERSHIP_MANAGERS = CABINET | {Role.DEPARTMENT_LEAD}


def is_partner_only(scope: Scope) -> bool:
    """The user reaches the district only as a partner's login."""
    return bool(scope.roles) and scope.roles <= {Role.PARTNER}


def manages_partnerships(scope: Scope) -> bool:
    return scope.has_any(PARTNERSHIP_MANAGERS)


def visible_partnerships(user, district) -> QuerySet[Partnership]:
    """The partnerships the user may read (see the module's rules)."""
    scope = scope_for(user, district)
    found = Partnership.objects.filter(district=district)
    if scope.district_wide:
        return found
    rule = Q(partner_id__in=scope.partner_ids)
    if scope.school_ids:
        rule |= Q(schools__id__in=scope.school_ids)
    return found.filter(rule).distinct()


def get_partnership_for_user(user, district, pk: int) -> Partnership:
    return one_or_404(visible_partnerships(user, district), pk)


def edits_partnership(scope: Scope, partnership: Partnership) -> bool:
    """The partnership's terms, schools and services: the district's managers only."""
    return manages_partnerships(scope) and partnership.district_id == scope.district_id


def speaks_for_partner(scope: Scope, partnership: Partnership) -> bool:
    """The partner's own login (logs deliveries, writes the partner side of a review)."""
    return Role.PARTNER in scope.roles and partnership.partner_id in scope.partner_ids


def logs_services(scope: Scope, partnership: Partnership) -> bool:
    """Who may log a delivery for the partnership: its partner, or a manager."""
    return speaks_for_partner(scope, partnership) or edits_partnership(scope, partnership)


def partner_categories(scope: Scope) -> dict[int, frozenset[str]]:
    """For a partner's login: per school it serves, the categories it delivers there
    (through the services of its partnerships that are not ended)."""
    served: dict[int, set[str]] = {}
    services = PartnerService.objects.filter(
        partnership__partner_id__in=scope.partner_ids,
        partnership__district_id=scope.district_id,
    ).exclude(partnership__status=Partnership.Status.ENDED)
    for service in services.prefetch_related("schools", "partnership__schools"):
        schools = service.schools.all() or service.partnership.schools.all()
        for school in schools:
            served.setdefault(school.pk, set()).add(service.category)
    return {school: frozenset(categories) for school, categories in served.items()}


def visible_school_needs(user, district) -> QuerySet[SchoolNeed]:
    """The school needs the user may read (see the module's rules)."""
    scope = scope_for(user, district)
    found = SchoolNeed.objects.filter(district=district)
    if scope.district_wide:
        return found
    rule = Q(school_id__in=scope.school_ids)
    if Role.PARTNER in scope.roles:
        for school, categories in partner_categories(scope).items():
            rule |= Q(school_id=school, category__in=categories)
    return found.filter(rule)


def need_schools(scope: Scope) -> frozenset[int] | None:
    """The schools whose needs the user records; None means every school."""
    if manages_partnerships(scope):
        return None
    led = scope.schools_where(SCHOOL_LEADERS)
    if scope.network_ids:
        led |= frozenset(
            School.objects.filter(network_id__in=scope.network_ids).values_list("id", flat=True)
        )
    return led


def records_needs(scope: Scope) -> bool:
    schools = need_schools(scope)
    return schools is None or bool(schools)


def records_need_at(scope: Scope, school_id: int) -> bool:
    schools = need_schools(scope)
    return schools is None or school_id in schools


def get_school_need_for_user(user, district, pk: int) -> SchoolNeed:
    return one_or_404(visible_school_needs(user, district), pk)


# ---- partners access ----
# Partner organisations: the district-wide roles see every one; a partner's login only its
# own; network leads and school staff the partners of the partnerships they read.
def _forbid(message: str):
    raise PermissionDenied(message)


def visible_partners(user, district):
    """The partner organisations the user may read (see above)."""
    scope = scope_for(user, district)
    found = Partner.objects.filter(district=district)
    if scope.district_wide:
        return found
    seen = visible_partnerships(user, district).values("partner_id")
    return found.filter(Q(pk__in=scope.partner_ids) | Q(pk__in=seen)).distinct()


def get_partner_for_user(user, district, pk: int):
    return one_or_404(visible_partners(user, district), pk)


def get_partner_for_edit(user, district, pk: int):
    """A partner the user may read (else 404) and manage (else 403)."""
    partner = get_partner_for_user(user, district, pk)
    if not manages_partnerships(scope_for(user, district)):
        _forbid("You may see this partner but not change it.")
    return partner


def get_contact_for_edit(user, district, pk: int):
    partners = visible_partners(user, district)
    contact = one_or_404(PartnerContact.objects.filter(partner__in=partners), pk)
    get_partner_for_edit(user, district, contact.partner_id)
    return contact


def get_partnership_for_edit(user, district, pk: int) -> Partnership:
    """A partnership the user may read (else 404) and edit (else 403)."""
    partnership = get_partnership_for_user(user, district, pk)
    if not edits_partnership(scope_for(user, district), partnership):
        _forbid("You may see this partnership but not change it.")
    return partnership


def get_service_for_edit(user, district, pk: int) -> PartnerService:
    services = PartnerService.objects.filter(
        partnership__in=visible_partnerships(user, district)
    ).select_related("partnership")
    service = one_or_404(services, pk)
    get_partnership_for_edit(user, district, service.partnership_id)
    return service


def get_partnership_for_logging(user, district, pk: int) -> Partnership:
    """A partnership the user may read (else 404) and log deliveries for (else 403)."""
    partnership = get_partnership_for_user(user, district, pk)
    if not logs_services(scope_for(user, district), partnership):
        _forbid("Only the partner and the district's managers log deliveries.")
    return partnership


def review_side(user, district, partnership: Partnership) -> str | None:
    """Which side of a review the user writes: "district" for the managers and the
    partnership's district lead, "partner" for the partner's login, else None."""
    scope = scope_for(user, district)
    if edits_partnership(scope, partnership) or partnership.district_lead_id in person_ids(
        user, district
    ):
        return "district"
    if speaks_for_partner(scope, partnership):
        return "partner"
    return None


def get_partnership_for_review(user, district, pk: int) -> tuple[Partnership, str]:
    """A partnership the user may read (else 404) and review (else 403), with the side."""
    partnership = get_partnership_for_user(user, district, pk)
    side = review_side(user, district, partnership)
    if side is None:
        _forbid("Only the two sides of the partnership review it.")
    return partnership, side or ""


# ---- end partners access ----
# ---- needs access ----
def needs_partnership_ids(scope: Scope) -> frozenset[int] | None:
    """Whose services count when the user is shown met needs, gaps and duplicates: a
    partner's login sees only its own partnerships (never another partner's work); the
    district's staff see every partnership (None)."""
    if not is_partner_only(scope):
        return None
    return frozenset(
        Partnership.objects.filter(
            district_id=scope.district_id, partner_id__in=scope.partner_ids
        ).values_list("id", flat=True)
    )


def needs_map_schools(scope: Scope) -> dict[int, frozenset[str] | None]:
    """The schools the user sees on the needs map, each with the categories shown there
    (None: every category). District-wide roles: every school; network leads and school
    staff: their schools; a partner: the schools it serves, in the categories it delivers
    there."""
    if scope.district_wide:
        found = School.objects.filter(district_id=scope.district_id)
        return dict.fromkeys(found.values_list("id", flat=True))
    shown: dict[int, frozenset[str] | None] = {}
    if Role.PARTNER in scope.roles:
        shown.update(partner_categories(scope))
    shown.update(dict.fromkeys(scope.school_ids))
    return shown


def get_need_school_for_user(user, district, pk: int):
    """A school whose needs page the user may open (one on their needs map), else 404."""
    shown = needs_map_schools(scope_for(user, district))
    return one_or_404(School.objects.filter(district=district, pk__in=list(shown)), pk)


def get_school_need_for_edit(user, district, pk: int) -> SchoolNeed:
    """A need the user may change: 404 if they may not see it, 403 if they see it but do
    not record needs for its school."""
    need = get_school_need_for_user(user, district, pk)
    if not records_need_at(scope_for(user, district), need.school_id):
        raise PermissionDenied("You may see this need but not change it.")
    return need


# ---- end needs access ----
# ---- surveys access ----
# Family feedback (surveys and engagement events):
# - Survey builders (the cabinet, department leads and staff) build, translate, open and
#   close every survey of the district and read all its results, text answers included.
# - Network leads read the results of their network's schools, school leaders (principals,
#   assistant principals) those of their own school; both see those schools' links. They
#   never see drafts.
# - A partner's login reads only surveys marked "shared with partners", and only their
#   district-wide totals (no per-school figures, no text answers, no links).
# - Everyone else (coaches, the data steward, family members) finds no survey here:
#   families answer through the public link, which needs no login.
# - Engagement events: the district's staff read them all; builders record any, network
#   leads and school leaders those at their schools.


SURVEY_BUILDERS = CABINET | {Role.DEPARTMENT_LEAD, Role.DEPARTMENT_STAFF}
SURVEY_READERS = SURVEY_BUILDERS | {Role.NETWORK_LEAD, Role.PARTNER} | SCHOOL_LEADERS
EVENT_READERS = STAFF
EVENT_RECORDERS = SURVEY_BUILDERS | {Role.NETWORK_LEAD} | SCHOOL_LEADERS


def builds_surveys(scope: Scope) -> bool:
    return scope.has_any(SURVEY_BUILDERS)


def survey_schools(scope: Scope) -> frozenset[int] | None:
    """The schools whose survey results and links the user reads; None means every
    school (builders); empty for a partner, who reads district-wide totals only."""
    if builds_surveys(scope):
        return None
    schools = scope.schools_where(SCHOOL_LEADERS)
    if Role.NETWORK_LEAD in scope.roles and scope.network_ids:
        in_networks = School.objects.filter(network_id__in=scope.network_ids)
        schools |= frozenset(in_networks.values_list("id", flat=True))
    return schools


def reads_totals_only(scope: Scope) -> bool:
    """A partner's login: district-wide totals of shared surveys, nothing finer."""
    return not builds_surveys(scope) and not survey_schools(scope)


def visible_surveys(user, district) -> QuerySet[Survey]:
    """The surveys the user may read (see the rules above)."""
    scope = scope_for(user, district)
    found = Survey.objects.filter(district=district)
    if builds_surveys(scope):
        return found
    published = found.exclude(status=Survey.Status.DRAFT)
    if survey_schools(scope):
        return published
    if Role.PARTNER in scope.roles:
        return published.filter(shared_with_partners=True)
    return found.none()


def get_survey_for_user(user, district, pk: int) -> Survey:
    return one_or_404(visible_surveys(user, district), pk)


def get_survey_for_building(user, district, pk: int) -> Survey:
    """A survey the user builds: 404 if not visible, 403 if only readable."""
    found = get_survey_for_user(user, district, pk)
    if not builds_surveys(scope_for(user, district)):
        raise PermissionDenied("You may read this survey's results but not change it.")
    return found


def get_question_for_building(user, district, pk: int) -> Question:
    question = one_or_404(Question.objects.filter(survey__district=district), pk)
    get_survey_for_building(user, district, question.survey_id)
    return question


def visible_links(user, district, survey: Survey) -> QuerySet[SurveyLink]:
    """The survey's public links the user may hand out: their schools' (builders: all)."""
    schools = survey_schools(scope_for(user, district))
    links = survey.links.select_related("school")
    return links if schools is None else links.filter(school_id__in=schools)


def records_event_at(scope: Scope, school_id: int | None) -> bool:
    """Builders record any event; network leads and school leaders those at their
    schools (an event held elsewhere than at a school is the builders')."""
    if builds_surveys(scope):
        return True
    schools = survey_schools(scope) or frozenset()
    return school_id is not None and school_id in schools


def records_events(scope: Scope) -> bool:
    return builds_surveys(scope) or bool(survey_schools(scope))


def get_event_for_edit(user, district, pk: int) -> EngagementEvent:
    """An event of the district (the view admits event readers only): 403 for a reader
    who may not record events at its school."""
    scope = scope_for(user, district)
    if not scope.has_any(EVENT_READERS):
        raise Http404("Not found")
    found = one_or_404(EngagementEvent.objects.filter(district=district), pk)
    if not records_event_at(scope, found.school_id):
        raise PermissionDenied("You may read this event but not change it.")
    return found


# ---- end surveys access ----
# ---- stakeholders access ----


# The stakeholder map is the district's political picture: district staff only.
# Readers: the cabinet, department leads and staff, and the network leads (who meet the
# groups in their networks). Editors (groups, positions, engagements): the cabinet and the
# department leads. Everyone else (data stewards, school staff, partners, families)
# gets 404: the map does not exist for them.
STAKEHOLDER_READERS = CABINET | {Role.DEPARTMENT_LEAD, Role.DEPARTMENT_STAFF, Role.NETWORK_LEAD}
STAKEHOLDER_EDITORS = CABINET | {Role.DEPARTMENT_LEAD}


def reads_stakeholders(scope: Scope) -> bool:
    return scope.has_any(STAKEHOLDER_READERS)


def edits_stakeholders(scope: Scope) -> bool:
    return scope.has_any(STAKEHOLDER_EDITORS)


def visible_stakeholder_groups(user, district) -> QuerySet[StakeholderGroup]:
    """The district's stakeholder groups for a reader of the map; none for anyone else."""
    if not reads_stakeholders(scope_for(user, district)):
        return StakeholderGroup.objects.none()
    return StakeholderGroup.objects.filter(district=district)


def get_stakeholder_group_for_user(user, district, pk: int) -> StakeholderGroup:
    return one_or_404(visible_stakeholder_groups(user, district), pk)


def get_stakeholder_group_for_edit(user, district, pk: int) -> StakeholderGroup:
    """A group the user may change: 404 if they may not see it, 403 if they only read."""
    group = get_stakeholder_group_for_user(user, district, pk)
    if not edits_stakeholders(scope_for(user, district)):
        raise PermissionDenied("You may read the stakeholder map but not change it.")
    return group


def get_priority_goal_for_user(user, district, pk: int):
    """A goal of the district's plan, for a reader of the stakeholder map."""
    from districtwise.strategy.models import Goal

    if not reads_stakeholders(scope_for(user, district)):
        raise Http404("Not found")
    return one_or_404(Goal.objects.filter(plan__district=district), pk)


# ---- end stakeholders access ----
