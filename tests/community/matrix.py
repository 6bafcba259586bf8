"""Authorization-matrix rows of the partners-and-community URLs, gathered by the matrix test.

The matrix objects, each built once per test (later calls find it):
- a partnership of the cast's partner (Riverside Youth Services) serving South One, with
  a tutoring service there;
- a mental-health need of South One (outside what the partner delivers) and a tutoring
  need of South One (inside it), and a tutoring need of North One.
"""

from __future__ import annotations

from django.urls import reverse

from tests.access_matrix import DISTRICT_WIDE, EVERYONE_SIGNED_IN, Row, expect, post_only

CABINET = {"superintendent", "sysadmin"}
MANAGERS = CABINET | {"department_lead"}
COMMUNITY_MEMBERS = EVERYONE_SIGNED_IN - {"family"}
STAFF = EVERYONE_SIGNED_IN - {"partner", "family"}
# The matrix partnership serves South One: its principal, the South lead, the partner
# and the district-wide roles read it.
PARTNERSHIP_READERS = DISTRICT_WIDE | {"south_lead", "principal_south_1", "partner"}
PARTNERSHIP_LOGGERS = MANAGERS | {"partner"}


def matrix_partnership(cast):
    """The cast partner's partnership at South One, with a tutoring service."""
    from districtwise.community.models import Partnership
    from tests import factories as f

    found = Partnership.objects.filter(district=cast.district, title="Matrix partnership")
    if found.exists():
        return found.get()
    partnership = f.PartnershipFactory(
        district=cast.district, partner=cast.partner, title="Matrix partnership"
    )
    partnership.schools.set([cast.south_1])
    f.PartnerServiceFactory(partnership=partnership, category="tutoring", name="Matrix tutoring")
    return partnership


def matrix_service(cast):
    return matrix_partnership(cast).services.get()


def matrix_school_need(cast, *, category: str = "tutoring", school: str = "south_1"):
    """A need of a cast school; South One's tutoring need is what the partner serves."""
    from districtwise.community.models import SchoolNeed
    from tests import factories as f

    at = getattr(cast, school)
    found = SchoolNeed.objects.filter(district=cast.district, school=at, category=category)
    return found.first() or f.SchoolNeedFactory(
        district=cast.district,
        school=at,
        category=category,
        recorded_by=cast["principal_south_1"],
    )


ROWS: dict[str, Row] = {
    "community:overview": (lambda c: reverse("community:overview"), expect(COMMUNITY_MEMBERS)),
}


# Each part appends its own rows below, in a fenced block:
# ---- partners ----
def matrix_partner(cast):
    """The cast's partner, read through the matrix partnership (South One)."""
    matrix_partnership(cast)
    return cast.partner


def matrix_contact(cast):
    from districtwise.community.models import PartnerContact

    found = PartnerContact.objects.filter(partner=cast.partner, name="Matrix contact").first()
    return found or PartnerContact.objects.create(partner=cast.partner, name="Matrix contact")


def matrix_agreement(cast):
    """The matrix partnership with an agreement document kept under DATA_DIR."""
    from pathlib import Path

    from django.conf import settings

    partnership = matrix_partnership(cast)
    if not partnership.agreement.name:
        target = Path(settings.DATA_DIR) / "partnerships" / "matrix-agreement"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"%PDF-1.4 matrix agreement")
        partnership.agreement.name = "partnerships/matrix-agreement"
        partnership.agreement_name = "agreement.pdf"
        partnership.save()
    return partnership


PARTNERSHIP_REVIEWERS = MANAGERS | {"partner"}


def _partnership_url(name: str, builder=matrix_partnership):
    return lambda c: reverse(f"community:{name}", args=[builder(c).pk])


def _writes(ok: set[str]) -> dict:
    return expect(ok, forbidden=PARTNERSHIP_READERS - ok)


ROWS.update(
    {
        "community:partners": (lambda c: reverse("community:partners"), expect(COMMUNITY_MEMBERS)),
        "community:partner_new": (lambda c: reverse("community:partner_new"), expect(MANAGERS)),
        "community:partner": (
            _partnership_url("partner", matrix_partner),
            expect(PARTNERSHIP_READERS),
        ),
        "community:partner_edit": (
            _partnership_url("partner_edit", matrix_partner),
            _writes(MANAGERS),
        ),
        "community:contact_new": (
            _partnership_url("contact_new", matrix_partner),
            _writes(MANAGERS),
        ),
        "community:contact_edit": (
            lambda c: (
                matrix_partnership(c),
                reverse("community:contact_edit", args=[matrix_contact(c).pk]),
            )[1],
            _writes(MANAGERS),
        ),
        "community:contact_remove": (
            lambda c: (
                matrix_partnership(c),
                reverse("community:contact_remove", args=[matrix_contact(c).pk]),
            )[1],
            _writes(MANAGERS),
        ),
        "community:partnerships": (
            lambda c: reverse("community:partnerships"),
            expect(COMMUNITY_MEMBERS),
        ),
        "community:partnership_new": (
            lambda c: reverse("community:partnership_new"),
            expect(MANAGERS),
        ),
        "community:partnership_health": (
            lambda c: reverse("community:partnership_health"),
            expect(COMMUNITY_MEMBERS),
        ),
        "community:partnership": (_partnership_url("partnership"), expect(PARTNERSHIP_READERS)),
        "community:partnership_edit": (_partnership_url("partnership_edit"), _writes(MANAGERS)),
        "community:partnership_agreement": (
            _partnership_url("partnership_agreement", matrix_agreement),
            expect(PARTNERSHIP_READERS),
        ),
        "community:service_new": (_partnership_url("service_new"), _writes(MANAGERS)),
        "community:service_edit": (
            _partnership_url("service_edit", matrix_service),
            _writes(MANAGERS),
        ),
        "community:service_remove": (
            _partnership_url("service_remove", matrix_service),
            _writes(MANAGERS),
        ),
        "community:delivery_new": (_partnership_url("delivery_new"), _writes(PARTNERSHIP_LOGGERS)),
        "community:review_new": (_partnership_url("review_new"), _writes(PARTNERSHIP_REVIEWERS)),
    }
)
# ---- end partners ----
# ---- needs ----
# School needs. Everyone of the section reads the list and the map (their own schools;
# the outsider their own district's, empty); the matrix need is South One's tutoring need,
# seen by the district-wide roles, South One's principal and network lead, and the cast
# partner (who delivers tutoring there). School leaders record needs for their school,
# network leads for their network's, managers for any; readers who may not: 403.
NEED_RECORDERS = MANAGERS | {"north_lead", "south_lead", "principal_north_1"}
NEED_RECORDERS |= {"principal_north_2", "principal_south_1", "outsider"}
SOUTH_1_NEED_READERS = DISTRICT_WIDE | {"south_lead", "principal_south_1", "partner"}
SOUTH_1_NEED_WRITERS = MANAGERS | {"south_lead", "principal_south_1"}


def needs_matrix_need(cast):
    """South One's tutoring need, with the partner's partnership delivering tutoring."""
    matrix_partnership(cast)
    return matrix_school_need(cast)


ROWS.update(
    {
        "community:needs": (lambda c: reverse("community:needs"), expect(COMMUNITY_MEMBERS)),
        "community:need_new": (lambda c: reverse("community:need_new"), expect(NEED_RECORDERS)),
        "community:need_edit": (
            lambda c: reverse("community:need_edit", args=[needs_matrix_need(c).pk]),
            expect(SOUTH_1_NEED_WRITERS, forbidden=SOUTH_1_NEED_READERS - SOUTH_1_NEED_WRITERS),
        ),
        "community:need_resolve": (
            lambda c: reverse("community:need_resolve", args=[needs_matrix_need(c).pk]),
            post_only(SOUTH_1_NEED_READERS),
        ),
        "community:needs_map": (
            lambda c: (needs_matrix_need(c), reverse("community:needs_map"))[1],
            expect(COMMUNITY_MEMBERS),
        ),
        "community:needs_map_export": (
            lambda c: (needs_matrix_need(c), reverse("community:needs_map_export"))[1],
            expect(MANAGERS),
        ),
        "community:school_needs": (
            lambda c: reverse("community:school_needs", args=[needs_matrix_need(c).school_id]),
            expect(SOUTH_1_NEED_READERS),
        ),
    }
)
# ---- end needs ----
# ---- surveys ----
from tests.access_matrix import PEOPLE  # noqa: E402

SURVEY_BUILDERS = CABINET | {"department_lead"}
# Readers of the matrix survey's results (it is not shared with partners).
SURVEY_SEERS = SURVEY_BUILDERS | {
    "north_lead",
    "south_lead",
    "principal_north_1",
    "principal_north_2",
    "principal_south_1",
}
# Who opens the survey list: readers, the partner, and the outsider (a principal at home).
SURVEY_LISTERS = SURVEY_SEERS | {"partner", "outsider"}
EVENT_READERS = EVERYONE_SIGNED_IN - {"partner", "family"}
EVENT_RECORDERS = SURVEY_SEERS | {"outsider"}
# The matrix event is held at North One.
EVENT_EDITORS = SURVEY_BUILDERS | {"north_lead", "principal_north_1"}


def matrix_survey(cast):
    """An open English and Spanish survey of the cast's district, not shared."""
    from districtwise.community.models import Survey
    from tests import factories as f

    found = Survey.objects.filter(district=cast.district, title="Matrix survey").first()
    return found or f.open_survey(cast.district, title="Matrix survey")


def matrix_question(cast):
    return matrix_survey(cast).questions.first()


def matrix_link(cast):
    return matrix_survey(cast).links.get(school=cast.north_1)


def matrix_event(cast):
    from districtwise.community.models import EngagementEvent
    from tests import factories as f

    found = EngagementEvent.objects.filter(district=cast.district, title="Matrix event").first()
    return found or f.EngagementEventFactory(
        district=cast.district, school=cast.north_1, title="Matrix event"
    )


def _survey_url(name: str, *extra):
    return lambda c: reverse(name, args=[matrix_survey(c).pk, *extra])


def _question_url(name: str):
    return lambda c: reverse(name, args=[matrix_question(c).pk])


SURVEY_BUILDING = expect(SURVEY_BUILDERS, forbidden=SURVEY_SEERS - SURVEY_BUILDERS)
SURVEY_READERS_REACH = SURVEY_LISTERS

ROWS.update(
    {
        "community:surveys": (lambda c: reverse("community:surveys"), expect(SURVEY_LISTERS)),
        "community:survey_new": (
            lambda c: reverse("community:survey_new"),
            expect(SURVEY_BUILDERS),
        ),
        "community:survey": (_survey_url("community:survey"), expect(SURVEY_SEERS)),
        "community:survey_edit": (_survey_url("community:survey_edit"), SURVEY_BUILDING),
        "community:survey_question_new": (
            _survey_url("community:survey_question_new"),
            SURVEY_BUILDING,
        ),
        "community:survey_question_edit": (
            _question_url("community:survey_question_edit"),
            SURVEY_BUILDING,
        ),
        "community:survey_question_move": (
            _question_url("community:survey_question_move"),
            post_only(SURVEY_READERS_REACH),
        ),
        "community:survey_question_remove": (
            _question_url("community:survey_question_remove"),
            post_only(SURVEY_READERS_REACH),
        ),
        "community:survey_translate": (
            _survey_url("community:survey_translate", "es"),
            SURVEY_BUILDING,
        ),
        "community:survey_open": (
            _survey_url("community:survey_open"),
            post_only(SURVEY_READERS_REACH),
        ),
        "community:survey_close": (
            _survey_url("community:survey_close"),
            post_only(SURVEY_READERS_REACH),
        ),
        "community:survey_links": (_survey_url("community:survey_links"), expect(SURVEY_SEERS)),
        "community:survey_links_add": (
            _survey_url("community:survey_links_add"),
            post_only(SURVEY_READERS_REACH),
        ),
        "community:survey_results": (
            _survey_url("community:survey_results"),
            expect(SURVEY_SEERS),
        ),
        "community:survey_results_csv": (
            _survey_url("community:survey_results_csv"),
            expect(SURVEY_SEERS),
        ),
        # The public page: no login, the same for everyone.
        "community:survey_answer": (
            lambda c: reverse("community:survey_answer", args=[matrix_link(c).key]),
            {p: 200 for p in PEOPLE},
        ),
        "community:events": (lambda c: reverse("community:events"), expect(EVENT_READERS)),
        "community:event_new": (
            lambda c: reverse("community:event_new"),
            expect(EVENT_RECORDERS, forbidden=EVENT_READERS - EVENT_RECORDERS),
        ),
        "community:event_edit": (
            lambda c: reverse("community:event_edit", args=[matrix_event(c).pk]),
            expect(EVENT_EDITORS, forbidden=EVENT_READERS - EVENT_EDITORS - {"outsider"}),
        ),
    }
)
# ---- end surveys ----
# ---- stakeholders ----
# The stakeholder map is district staff only: the cabinet, the department lead and the
# network leads read it (the cast has no department staff); the cabinet and the
# department lead change it. Data steward, school staff, partner, family and the outsider
# get 404; the network leads get 403 on the forms.
STAKEHOLDER_READERS = CABINET | {"department_lead", "north_lead", "south_lead"}
STAKEHOLDER_EDITORS = CABINET | {"department_lead"}
STAKEHOLDER_WRITE = expect(STAKEHOLDER_EDITORS, forbidden=STAKEHOLDER_READERS - STAKEHOLDER_EDITORS)


def matrix_stakeholder_group(cast):
    """The cast district's school board on the map, with a position and an engagement."""
    from districtwise.community.models import StakeholderGroup
    from tests import factories as f

    found = StakeholderGroup.objects.filter(district=cast.district, name="Matrix board")
    if found.exists():
        return found.get()
    group = f.StakeholderGroupFactory(
        district=cast.district, name="Matrix board", kind="board", interest=5, influence=5
    )
    f.StakeholderPositionFactory(group=group, goal=matrix_plan_goal(cast), stance="supportive")
    f.EngagementFactory(group=group)
    return group


def matrix_plan_goal(cast):
    """A goal of the cast district's plan (the plan made if it is missing)."""
    from districtwise.strategy.models import Goal, Plan
    from tests import factories as f

    plan, _ = Plan.objects.get_or_create(district=cast.district)
    return Goal.objects.filter(plan=plan).first() or f.GoalFactory(plan=plan)


def _stakeholder(name: str):
    return lambda c: reverse(f"community:{name}", args=[matrix_stakeholder_group(c).pk])


ROWS.update(
    {
        "community:stakeholders": (
            lambda c: reverse("community:stakeholders"),
            expect(STAKEHOLDER_READERS),
        ),
        "community:stakeholder_grid": (
            lambda c: reverse("community:stakeholder_grid"),
            expect(STAKEHOLDER_READERS),
        ),
        "community:stakeholder_new": (
            lambda c: reverse("community:stakeholder_new"),
            STAKEHOLDER_WRITE,
        ),
        "community:stakeholder": (_stakeholder("stakeholder"), expect(STAKEHOLDER_READERS)),
        "community:stakeholder_edit": (_stakeholder("stakeholder_edit"), STAKEHOLDER_WRITE),
        "community:stakeholder_position": (
            _stakeholder("stakeholder_position"),
            STAKEHOLDER_WRITE,
        ),
        "community:stakeholder_engagement": (
            _stakeholder("stakeholder_engagement"),
            STAKEHOLDER_WRITE,
        ),
        "community:stakeholder_priority": (
            lambda c: reverse("community:stakeholder_priority", args=[matrix_plan_goal(c).pk]),
            expect(STAKEHOLDER_READERS),
        ),
    }
)
# ---- end stakeholders ----
