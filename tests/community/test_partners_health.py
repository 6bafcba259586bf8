"""Partnership health on hand-built deliveries (figures worked out by hand), agreements
due for renewal, and the renewal reminder that tells each lead once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from typer.testing import CliRunner

from districtwise.cli import app
from districtwise.community.models import Partnership, PartnershipReview, ServiceDelivery
from districtwise.community.selectors import partners as selectors
from districtwise.community.services import partners as services
from districtwise.core.models import Notification
from tests import factories as f
from tests.access_matrix import person

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 2)


def deliver(service, school, *, sessions, students=0, families=0, user):
    return ServiceDelivery.objects.create(
        service=service,
        school=school,
        delivered_on=DAY,
        what="Session",
        sessions=sessions,
        students_reached=students,
        families_reached=families,
        logged_by=user,
    )


@pytest.fixture
def partnership(cast):
    """Tutoring (40 sessions, 100 students committed) and family nights (10 sessions, 60
    families) at North One and South One."""
    found = f.PartnershipFactory(district=cast.district, partner=cast.partner, title="Hand-built")
    found.schools.set([cast.north_1, cast.south_1])
    tutoring = f.PartnerServiceFactory(
        partnership=found, name="Tutoring", committed_sessions=40, committed_reach=100
    )
    nights = f.PartnerServiceFactory(
        partnership=found,
        name="Family nights",
        category="family_support",
        reaches="families",
        committed_sessions=10,
        committed_reach=60,
    )
    user = cast["partner"]
    deliver(tutoring, cast.north_1, sessions=6, students=30, user=user)
    deliver(tutoring, cast.south_1, sessions=4, students=20, user=user)
    deliver(nights, cast.south_1, sessions=2, students=5, families=15, user=user)
    return found


def test_each_service_counts_delivered_against_committed_in_its_own_unit(cast, partnership):
    health = selectors.partnership_health(
        user=cast["superintendent"], district=cast.district, partnership=partnership
    )
    by_name = {row.service.name: row for row in health.services}
    tutoring, nights = by_name["Tutoring"], by_name["Family nights"]
    assert (tutoring.sessions, tutoring.reach) == (10, 50)
    assert (tutoring.sessions_share, tutoring.reach_share) == (Decimal(25), Decimal(50))
    # Family nights commit to families: the five students there do not count as reach.
    assert (nights.sessions, nights.reach) == (2, 15)
    assert (nights.sessions_share, nights.reach_share) == (Decimal(20), Decimal(25))
    assert (health.sessions, health.committed_sessions) == (12, 50)
    assert (health.reach, health.committed_reach, health.reach_share) == (65, 160, Decimal(41))


def test_reach_is_counted_per_school(cast, partnership):
    health = selectors.partnership_health(
        user=cast["superintendent"], district=cast.district, partnership=partnership
    )
    rows = {r.school: (r.sessions, r.students, r.families) for r in health.schools}
    assert rows == {"North One Elementary": (6, 30, 0), "South One High": (6, 25, 15)}


def test_a_service_with_nothing_committed_has_no_share(cast, partnership):
    service = f.PartnerServiceFactory(
        partnership=partnership, name="Open", committed_sessions=0, committed_reach=0
    )
    health = selectors.partnership_health(
        user=cast["superintendent"], district=cast.district, partnership=partnership
    )
    row = next(r for r in health.services if r.service == service)
    assert row.sessions_share is None and row.reach_share is None


def test_the_latest_review_of_each_side_is_shown(cast, partnership):
    for side, period, on in [
        ("district", "Spring", dt.date(2026, 5, 1)),
        ("district", "Fall", dt.date(2026, 11, 1)),
        ("partner", "Fall", dt.date(2026, 11, 1)),
    ]:
        services.review_write(
            actor=cast["superintendent"],
            partnership=partnership,
            side=side,
            period=period,
            rating="on_track" if side == "partner" else "some_concerns",
            today=on,
        )
    [row] = selectors.health_list(
        user=cast["superintendent"],
        district=cast.district,
        partnerships=Partnership.objects.filter(pk=partnership.pk),
    )
    assert row.latest_district_review.period == "Fall"
    assert row.latest_partner_review.rating == PartnershipReview.Rating.ON_TRACK
    assert row.sessions == 12


def test_the_health_list_reads_in_the_same_queries_however_many_partnerships(cast, partnership):
    def queries() -> int:
        found = selectors.partnership_list(user=cast["superintendent"], district=cast.district)
        with CaptureQueriesContext(connection) as captured:
            selectors.health_list(
                user=cast["superintendent"], district=cast.district, partnerships=found
            )
        return len(captured)

    before = queries()
    for n in range(4):
        more = f.PartnershipFactory(district=cast.district, partner=cast.partner, title=f"P{n}")
        f.PartnerServiceFactory(partnership=more)
    assert queries() == before


def test_outcomes_show_each_indicators_latest_figure(cast, partnership):
    from districtwise.strategy.models import IndicatorValue

    indicator = f.IndicatorFactory(district=cast.district, name="Reading at grade level")
    for on, value in [(dt.date(2025, 6, 30), "0.41"), (dt.date(2026, 6, 30), "0.47")]:
        IndicatorValue.objects.create(indicator=indicator, measured_on=on, value=Decimal(value))
    partnership.outcome_indicators.add(indicator)
    [outcome] = selectors.partnership_outcomes(
        user=cast["superintendent"], district=cast.district, partnership=partnership
    )
    assert (outcome.name, outcome.measured_on) == ("Reading at grade level", dt.date(2026, 6, 30))
    assert outcome.figure == "47.0 %"


# ----- renewal ---------------------------------------------------------------------------
def ending(cast, *, days: int, title: str, status: str = "active", lead=None):
    found = f.PartnershipFactory(
        district=cast.district,
        partner=cast.partner,
        title=title,
        status=status,
        starts_on=DAY - dt.timedelta(days=300),
        ends_on=DAY + dt.timedelta(days=days),
        district_lead=lead,
    )
    return found


def test_agreements_ending_within_ninety_days_are_listed_as_expiring(cast):
    ending(cast, days=89, title="Soon")
    ending(cast, days=91, title="Later")
    ending(cast, days=30, title="Over", status="ended")
    found = selectors.partnership_list(
        user=cast["superintendent"], district=cast.district, expiring=True, today=DAY
    )
    assert [p.title for p in found] == ["Soon"]
    assert selectors.ends_soon(found[0], DAY)


def test_the_reminder_tells_the_lead_once_per_agreement(cast):
    lead = person(cast, "department_lead")
    soon = ending(cast, days=60, title="Soon", lead=lead)
    ending(cast, days=120, title="Later", lead=lead)
    first = services.partnership_renewals_remind(district=cast.district, today=DAY)
    again = services.partnership_renewals_remind(district=cast.district, today=DAY)
    assert [p.title for p in first] == ["Soon"] and again == []
    told = Notification.objects.filter(kind=Notification.Kind.PARTNERSHIP_RENEWAL)
    assert [(n.user, n.url) for n in told] == [
        (cast["department_lead"], f"/community/partnerships/{soon.pk}/")
    ]
    soon.refresh_from_db()
    assert soon.renewal_reminded_on == DAY


def test_without_a_lead_the_reminder_goes_to_the_partnership_managers(cast):
    ending(cast, days=10, title="Leaderless")
    services.partnership_renewals_remind(district=cast.district, today=DAY)
    told = Notification.objects.filter(kind=Notification.Kind.PARTNERSHIP_RENEWAL)
    names = {n.user.username for n in told}
    assert names == {"superintendent", "sysadmin", "department_lead"}


def test_a_new_end_date_is_reminded_of_again(cast):
    soon = ending(cast, days=10, title="Extended", lead=person(cast, "department_lead"))
    services.partnership_renewals_remind(district=cast.district, today=DAY)
    services.partnership_update(
        actor=cast["superintendent"], partnership=soon, ends_on=DAY + dt.timedelta(days=40)
    )
    assert [
        p.title for p in services.partnership_renewals_remind(district=cast.district, today=DAY)
    ] == ["Extended"]


def test_the_remind_renewals_command_notifies_once(cast):
    ending(cast, days=20, title="By command", lead=person(cast, "department_lead"))
    runner = CliRunner()
    args = ["community", "remind-renewals", "--district", "riverside", "--today", DAY.isoformat()]
    first = runner.invoke(app, args)
    second = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "Reminded: By command ends on" in first.output
    assert "0 partnership(s) reminded" in second.output
    assert Notification.objects.filter(kind="partnership_renewal").count() == 1


def test_the_command_names_an_unknown_district(cast):
    result = CliRunner().invoke(app, ["community", "remind-renewals", "--district", "nowhere"])
    assert result.exit_code == 2
    assert "there is no district 'nowhere'" in result.output
