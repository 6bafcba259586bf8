"""The pages of partners and partnerships: a manager creates and edits, a reader may not
write (403), an outsider sees nothing (404); the cast's partner logs at South One and is
refused at North One; bad input is named next to its field; typed text stays text."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from districtwise.community.models import (
    PartnerContact,
    Partnership,
    PartnershipReview,
    ServiceDelivery,
)
from districtwise.core.models import AuditEntry
from tests import factories as f
from tests.community.matrix import matrix_contact, matrix_partnership, matrix_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "var"


def yesterday() -> str:
    return (timezone.localdate() - dt.timedelta(days=1)).isoformat()


def delivery(cast, school, **changes) -> dict:
    data = {
        "service": matrix_service(cast).pk,
        "school": school.pk,
        "delivered_on": yesterday(),
        "what": "Homework club",
        "students_reached": "14",
        "families_reached": "0",
        "sessions": "1",
    }
    data.update(changes)
    return data


def partnership_form(cast, **changes) -> dict:
    data = {
        "partner": cast.partner.pk,
        "title": "After-school reading",
        "status": "active",
        "shared_goals": "Every child reads by third grade.",
        "starts_on": "2026-08-01",
        "ends_on": "2027-06-30",
        "schools": [cast.north_1.pk, cast.south_1.pk],
    }
    data.update(changes)
    return data


# ----- deliveries: the cast's partner ----------------------------------------------------
def test_the_partner_logs_a_delivery_at_a_school_it_serves(client_as, cast):
    partnership = matrix_partnership(cast)
    url = reverse("community:delivery_new", args=[partnership.pk])
    response = client_as("partner").post(url, delivery(cast, cast.south_1))
    assert response.status_code == 302
    logged = ServiceDelivery.objects.get(what="Homework club")
    assert (logged.school, logged.students_reached, logged.logged_by) == (
        cast.south_1,
        14,
        cast["partner"],
    )


def test_the_partner_is_refused_at_north_one_by_name_and_nothing_is_logged(client_as, cast):
    partnership = matrix_partnership(cast)
    url = reverse("community:delivery_new", args=[partnership.pk])
    response = client_as("partner").post(url, delivery(cast, cast.north_1))
    page = response.content.decode()
    assert response.status_code == 400
    assert "North One Elementary is not a school this partnership serves" in page
    assert 'id="id_school-error"' in page and "Nothing was saved" in page
    assert not ServiceDelivery.objects.exists()


def test_the_delivery_form_says_counts_only_and_has_no_names_field(client_as, cast):
    url = reverse("community:delivery_new", args=[matrix_partnership(cast).pk])
    page = client_as("partner").get(url).content.decode()
    assert "Counts only" in page
    fields = set(re.findall(r'<(?:input|select|textarea)[^>]* name="([a-z_]+)"', page))
    assert fields == {
        "csrfmiddlewaretoken",
        "service",
        "school",
        "delivered_on",
        "what",
        "students_reached",
        "families_reached",
        "sessions",
    }


def test_negative_counts_and_a_future_date_are_named_next_to_their_fields(client_as, cast):
    url = reverse("community:delivery_new", args=[matrix_partnership(cast).pk])
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client_as("partner").post(
        url, delivery(cast, cast.south_1, students_reached="-3", delivered_on=tomorrow)
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "A count cannot be negative." in page
    assert "is in the future" in page
    assert not ServiceDelivery.objects.exists()


def test_a_reader_may_not_log_and_an_outsider_sees_nothing(client_as, cast):
    url = reverse("community:delivery_new", args=[matrix_partnership(cast).pk])
    assert client_as("principal_south_1").post(url, delivery(cast, cast.south_1)).status_code == 403
    assert client_as("outsider").post(url, delivery(cast, cast.south_1)).status_code == 404
    assert client_as("principal_north_1").post(url, delivery(cast, cast.south_1)).status_code == 404
    assert not ServiceDelivery.objects.exists()


def test_script_in_what_was_delivered_is_shown_as_text(client_as, cast):
    partnership = matrix_partnership(cast)
    client_as("partner").post(
        reverse("community:delivery_new", args=[partnership.pk]),
        delivery(cast, cast.south_1, what="<script>alert(1)</script>"),
    )
    page = client_as("superintendent").get(reverse("community:partnership", args=[partnership.pk]))
    html = page.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html


# ----- partnerships: create and edit -----------------------------------------------------
def test_a_manager_records_a_partnership_and_the_partner_serves_its_schools(client_as, cast):
    response = client_as("department_lead").post(
        reverse("community:partnership_new"), partnership_form(cast)
    )
    created = Partnership.objects.get(title="After-school reading")
    assert response.status_code == 302
    assert response.url == reverse("community:partnership", args=[created.pk])
    assert set(cast.partner.schools.all()) == {cast.north_1, cast.south_1}


def test_an_agreement_ending_before_it_starts_is_named_at_the_end_date(client_as, cast):
    response = client_as("superintendent").post(
        reverse("community:partnership_new"),
        partnership_form(cast, starts_on="2026-09-01", ends_on="2026-06-30"),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_ends_on-error"' in page
    assert "before it starts on 01 September 2026" in page
    assert not Partnership.objects.filter(title="After-school reading").exists()


def test_a_school_or_partner_of_another_district_is_refused_by_the_form(client_as, cast):
    other = f.PartnerFactory(district=cast.other_district, name="Lakeside Club")
    response = client_as("superintendent").post(
        reverse("community:partnership_new"),
        partnership_form(cast, partner=other.pk, schools=[cast.other_school.pk]),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "That partner is not one of this district&#x27;s partners." in page
    assert f"School {cast.other_school.pk} is not a school of this district." in page


def test_a_goal_of_another_districts_plan_is_refused(client_as, cast):
    other_goal = f.GoalFactory(plan__district=cast.other_district)
    response = client_as("superintendent").post(
        reverse("community:partnership_new"), partnership_form(cast, goals=[other_goal.pk])
    )
    assert response.status_code == 400
    assert f"Goal {other_goal.pk} is not a goal of this district" in response.content.decode()


def test_an_edit_keeps_what_was_typed_when_refused(client_as, cast):
    partnership = matrix_partnership(cast)
    url = reverse("community:partnership_edit", args=[partnership.pk])
    response = client_as("superintendent").post(
        url, partnership_form(cast, title="Kept title", starts_on="2027-09-01")
    )
    assert response.status_code == 400
    assert 'value="Kept title"' in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.title == "Matrix partnership"


def test_a_reader_may_not_edit_a_partnership_and_an_outsider_sees_nothing(client_as, cast):
    url = reverse("community:partnership_edit", args=[matrix_partnership(cast).pk])
    assert client_as("partner").post(url, partnership_form(cast)).status_code == 403
    assert client_as("principal_south_1").post(url, partnership_form(cast)).status_code == 403
    assert client_as("outsider").post(url, partnership_form(cast)).status_code == 404


def test_a_manager_adds_a_service_at_one_of_the_partnerships_schools(client_as, cast):
    partnership = matrix_partnership(cast)
    response = client_as("superintendent").post(
        reverse("community:service_new", args=[partnership.pk]),
        {
            "category": "food",
            "name": "Weekend food bags",
            "reaches": "families",
            "committed_reach": "40",
            "committed_sessions": "30",
            "schools": [cast.south_1.pk],
        },
    )
    assert response.status_code == 302
    service = partnership.services.get(name="Weekend food bags")
    assert list(service.schools.all()) == [cast.south_1]


def test_an_agreement_is_downloaded_by_readers_only(client_as, cast):
    upload = SimpleUploadedFile("signed.pdf", b"%PDF-1.4 signed")
    data = partnership_form(cast, agreement=upload)
    client_as("superintendent").post(reverse("community:partnership_new"), data)
    created = Partnership.objects.get(title="After-school reading")
    url = reverse("community:partnership_agreement", args=[created.pk])
    response = client_as("principal_south_1").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 signed"
    assert "signed.pdf" in response["Content-Disposition"]
    assert client_as("outsider").get(url).status_code == 404


def test_a_refused_agreement_file_is_named_at_its_field(client_as, cast):
    upload = SimpleUploadedFile("signed.pdf", b"<svg onload=alert(1)></svg>")
    response = client_as("superintendent").post(
        reverse("community:partnership_new"), partnership_form(cast, agreement=upload)
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_agreement-error"' in page and "is not a kind of file" in page


# ----- the directory ---------------------------------------------------------------------
def test_a_partners_login_sees_only_its_own_organisation(client_as, cast):
    f.PartnerFactory(district=cast.district, name="Museum of Rivers")
    page = client_as("partner").get(reverse("community:partners")).content.decode()
    assert "Riverside Youth Services" in page and "Museum of Rivers" not in page
    every = client_as("data_steward").get(reverse("community:partners")).content.decode()
    assert "Museum of Rivers" in every


def test_a_manager_adds_a_partner_and_a_contact(client_as, cast):
    client = client_as("superintendent")
    response = client.post(
        reverse("community:partner_new"), {"name": "Museum of Rivers", "kind": "cultural"}
    )
    assert response.status_code == 302
    partner = cast.district.partners.get(name="Museum of Rivers")
    response = client.post(
        reverse("community:contact_new", args=[partner.pk]),
        {
            "name": "Ada Lane",
            "title": "Education lead",
            "email": "ada@example.org",
            "is_primary": "on",
        },
    )
    assert response.status_code == 302
    contact = PartnerContact.objects.get(partner=partner)
    assert (contact.name, contact.is_primary) == ("Ada Lane", True)


def test_a_manager_removes_a_contact_who_left_and_the_history_keeps_them(client_as, cast):
    matrix_partnership(cast)
    contact = matrix_contact(cast)
    url = reverse("community:contact_remove", args=[contact.pk])
    assert client_as("partner").post(url).status_code == 403
    assert client_as("outsider").post(url).status_code == 404
    client = client_as("superintendent")
    asked = client.get(url)
    assert "Remove Matrix contact as a contact of Riverside Youth Services" in (
        asked.content.decode()
    )
    assert PartnerContact.objects.filter(pk=contact.pk).exists()  # asking removes nothing
    done = client.post(url, follow=True)
    assert "Matrix contact is no longer a contact of Riverside Youth Services." in (
        done.content.decode()
    )
    assert not PartnerContact.objects.filter(pk=contact.pk).exists()
    entry = AuditEntry.objects.get(action="delete", object_id=str(contact.pk))
    assert entry.changes["name"] == ["Matrix contact", None]
    assert entry.actor == cast["superintendent"]


def test_a_service_without_deliveries_is_removed_and_one_with_them_is_kept(client_as, cast):
    service = matrix_service(cast)
    partnership = service.partnership
    url = reverse("community:service_remove", args=[service.pk])
    client = client_as("superintendent")
    ServiceDelivery.objects.create(
        service=service,
        school=cast.south_1,
        delivered_on=dt.date(2026, 3, 2),
        what="Homework club",
        students_reached=12,
        logged_by=cast["partner"],
    )
    kept = client.get(url).content.decode()
    assert "1 delivery is logged against this service, so it stays" in kept
    refused = client.post(url)
    assert refused.status_code == 400
    assert "removing it would lose them. Nothing was removed" in refused.content.decode()
    assert partnership.services.filter(pk=service.pk).exists()
    ServiceDelivery.objects.filter(service=service).delete()
    assert client_as("partner").post(url).status_code == 403
    client = client_as("superintendent")  # the one test client, logged in again
    done = client.post(url, follow=True)
    assert f"{service.name} is removed from {partnership.title}." in done.content.decode()
    assert not partnership.services.filter(pk=service.pk).exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(service.pk)).exists()


def test_a_reader_may_not_edit_a_partner(client_as, cast):
    matrix_partnership(cast)
    url = reverse("community:partner_edit", args=[cast.partner.pk])
    response = client_as("partner").post(url, {"name": "Renamed", "kind": "nonprofit"})
    assert response.status_code == 403
    cast.partner.refresh_from_db()
    assert cast.partner.name == "Riverside Youth Services"


# ----- reviews and health ----------------------------------------------------------------
def test_each_side_writes_its_own_review(client_as, cast):
    partnership = matrix_partnership(cast)
    url = reverse("community:review_new", args=[partnership.pk])
    review = {"period": "Fall 2026", "rating": "some_concerns", "went_well": "Attendance"}
    assert client_as("partner").post(url, review).status_code == 302
    assert client_as("department_lead").post(url, review).status_code == 302
    sides = sorted(PartnershipReview.objects.values_list("side", flat=True))
    assert sides == ["district", "partner"]
    assert client_as("south_lead").post(url, review).status_code == 403


def test_the_partnership_page_shows_delivered_against_committed(client_as, cast):
    partnership = matrix_partnership(cast)
    client_as("partner").post(
        reverse("community:delivery_new", args=[partnership.pk]),
        delivery(cast, cast.south_1, sessions="10", students_reached="25"),
    )
    page = client_as("south_lead").get(reverse("community:partnership", args=[partnership.pk]))
    html = page.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html
    assert "Matrix tutoring: 10 of 40 sessions, 25 of 100 students." in html
    assert "10 (25 %)" in html


def test_the_health_list_flags_an_agreement_due_for_renewal(client_as, cast):
    partnership = matrix_partnership(cast)
    partnership.ends_on = timezone.localdate() + dt.timedelta(days=30)
    partnership.save()
    page = client_as("partner").get(reverse("community:partnership_health")).content.decode()
    assert "Matrix partnership" in page and "Renewal due" in page
    expiring = client_as("superintendent").get(reverse("community:partnerships") + "?expiring=1")
    assert "Matrix partnership" in expiring.content.decode()


def test_a_principal_counts_only_the_partnerships_at_their_school(client_as, cast):
    matrix_partnership(cast)
    elsewhere = f.PartnershipFactory(district=cast.district, partner=cast.partner, title="Far")
    elsewhere.schools.set([cast.north_1])
    page = client_as("principal_south_1").get(reverse("community:partners")).content.decode()
    row = page.split("Riverside Youth Services</a></th>")[1].split("</tr>")[0]
    assert row.strip().endswith("<td>1</td>")
    every = client_as("superintendent").get(reverse("community:partners")).content.decode()
    assert (
        every.split("Riverside Youth Services</a></th>")[1]
        .split("</tr>")[0]
        .strip()
        .endswith("<td>2</td>")
    )
