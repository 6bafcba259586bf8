"""Authorization-matrix rows of the partners-and-community URLs, gathered by the matrix test.

The matrix objects, each built once per test (later calls find it):
- a partnership of the cast's partner (Riverside Youth Services) serving South One, with
  a tutoring service there;
- a mental-health need of South One (outside what the partner delivers) and a tutoring
  need of South One (inside it), and a tutoring need of North One.
"""

from __future__ import annotations

from django.urls import reverse

from tests.access_matrix import DISTRICT_WIDE, EVERYONE_SIGNED_IN, Row, expect

CABINET = {"superintendent", "sysadmin"}
MANAGERS = CABINET | {"department_lead"}
COMMUNITY_MEMBERS = EVERYONE_SIGNED_IN - {"family"}
STAFF = EVERYONE_SIGNED_IN - {"partner", "family"}
# The matrix partnership serves South One: its principal, the South lead, the partner
# and the district-wide roles read it.
PARTNERSHIP_READERS = DISTRICT_WIDE | {"south_lead", "principal_south_1", "partner"}
PARTNERSHIP_LOGGERS = MANAGERS | {"partner"}


def post_only(reach: set[str]) -> dict:
    """A POST-only URL: GET answers 405 to those who reach it, 404 to the rest."""
    table = expect(set())
    table.update({p: 405 for p in reach})
    return table


def person(cast, name: str):
    return cast[name].people.get(district=cast.district)


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
# ---- end partners ----
# ---- needs ----
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
# ---- end stakeholders ----
