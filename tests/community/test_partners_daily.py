"""The worker reminds partnerships of their renewal by itself: once a day, every district,
each agreement once, so nobody has to remember to run the command."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from districtwise.core.models import Notification
from districtwise.data.worker import Daily
from tests import factories as f
from tests.access_matrix import person

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 5, 1)


def test_the_worker_reminds_each_ending_agreement_once_across_days(cast):
    ending = f.PartnershipFactory(
        district=cast.district,
        partner=cast.partner,
        title="Ending soon",
        starts_on=dt.date(2025, 8, 1),
        ends_on=TODAY + dt.timedelta(days=30),
        district_lead=person(cast, "department_lead"),
    )
    f.PartnershipFactory(  # ends in a year: not yet
        district=cast.district, partner=cast.partner, ends_on=TODAY + dt.timedelta(days=365)
    )
    said: list[str] = []
    daily = Daily(said.append)
    assert daily.run_if_due(TODAY) is True
    assert daily.run_if_due(TODAY) is False  # once a day
    assert daily.run_if_due(TODAY + dt.timedelta(days=1)) is True  # the next day: again
    told = Notification.objects.filter(kind=Notification.Kind.PARTNERSHIP_RENEWAL)
    assert [(n.user, ending.title in n.title) for n in told] == [(cast["department_lead"], True)]
    assert said == [f"{cast.district}: 1 partnership(s) reminded of their renewal."]


def test_the_worker_deletes_expired_survey_tickets_once_a_day(cast):
    from districtwise.community.models import ResponseTicket
    from districtwise.community.models.surveys import TICKET_DAYS
    from districtwise.community.services import surveys

    survey = f.open_survey(cast.district)
    link = survey.links.first()
    kept = surveys.ticket_issue(link=link)
    expired = surveys.ticket_issue(link=link)
    issued = timezone.now() - dt.timedelta(days=TICKET_DAYS + 1)
    ResponseTicket.objects.filter(pk=expired.pk).update(created_at=issued)
    said: list[str] = []
    daily = Daily(said.append)
    assert daily.run_if_due(TODAY) is True
    assert list(ResponseTicket.objects.values_list("pk", flat=True)) == [kept.pk]
    assert said == ["1 expired survey ticket(s) deleted."]
    ResponseTicket.objects.filter(pk=kept.pk).update(created_at=issued)
    assert daily.run_if_due(TODAY) is False  # once a day: the same day does nothing more
    assert ResponseTicket.objects.filter(pk=kept.pk).exists()
