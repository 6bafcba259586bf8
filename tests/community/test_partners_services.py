"""The writes of partners and partnerships: a partner's schools follow its live
partnerships, deliveries are refused where the partnership does not serve, and the
agreement's dates and everything linked must belong to the district."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from districtwise.community.models import Partnership, ServiceDelivery
from districtwise.community.services import partners as services
from districtwise.core.models import AuditEntry
from tests import factories as f

pytestmark = pytest.mark.django_db

TERMS = {
    "title": "Reading buddies",
    "status": "active",
    "shared_goals": "Every third grader reads at grade level.",
    "starts_on": dt.date(2026, 8, 1),
    "ends_on": dt.date(2027, 6, 30),
}


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "var"
    return settings.DATA_DIR


def new_partnership(cast, *, partner=None, schools=(), **changes):
    partner = partner or f.PartnerFactory(district=cast.district, name="Library Friends")
    return services.partnership_create(
        actor=cast["superintendent"],
        district=cast.district,
        partner=partner,
        schools=list(schools),
        **{**TERMS, **changes},
    )


# ----- a partner's schools ---------------------------------------------------------------
def test_a_partners_schools_are_those_of_its_live_partnerships(cast):
    partnership = new_partnership(cast, schools=[cast.north_1, cast.south_1])
    partner = partnership.partner
    assert set(partner.schools.all()) == {cast.north_1, cast.south_1}
    services.partnership_update(
        actor=cast["superintendent"], partnership=partnership, schools=[cast.north_2]
    )
    assert set(partner.schools.all()) == {cast.north_2}


def test_an_ended_partnership_no_longer_gives_its_schools_but_a_live_one_keeps_them(cast):
    first = new_partnership(cast, schools=[cast.north_1, cast.south_1])
    new_partnership(cast, partner=first.partner, schools=[cast.south_1], title="Second")
    services.partnership_update(
        actor=cast["superintendent"], partnership=first, status=Partnership.Status.ENDED
    )
    assert list(first.partner.schools.all()) == [cast.south_1]


def test_moving_a_partnership_to_another_partner_syncs_both(cast):
    partnership = new_partnership(cast, schools=[cast.north_1])
    old = partnership.partner
    other = f.PartnerFactory(district=cast.district, name="Museum of Rivers")
    services.partnership_update(
        actor=cast["superintendent"], partnership=partnership, partner=other
    )
    assert list(old.schools.all()) == []
    assert list(other.schools.all()) == [cast.north_1]


def test_a_partnership_write_leaves_an_audit_row(cast):
    partnership = new_partnership(cast, schools=[cast.north_1])
    services.partnership_update(
        actor=cast["superintendent"], partnership=partnership, title="Reading buddies 2"
    )
    rows = AuditEntry.objects.filter(object_type="community.partnership", object_id=partnership.pk)
    assert [r.action for r in rows.order_by("pk")] == ["create", "update"]
    assert rows.order_by("pk").last().changes["title"] == ["Reading buddies", "Reading buddies 2"]


# ----- refused input ---------------------------------------------------------------------
def test_an_agreement_that_ends_before_it_starts_is_refused_on_the_end_date(cast):
    with pytest.raises(ValidationError) as refused:
        new_partnership(cast, starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2026, 8, 31))
    assert "before it starts on 01 September 2026" in refused.value.message_dict["ends_on"][0]
    assert not Partnership.objects.filter(title="Reading buddies").exists()


def test_a_school_partner_goal_or_lead_of_another_district_is_refused(cast):
    other_partner = f.PartnerFactory(district=cast.other_district, name="Lakeside Club")
    other_goal = f.GoalFactory(plan__district=cast.other_district, code="L1", title="Lake goal")
    outsider = cast["outsider"].people.get()
    with pytest.raises(ValidationError) as refused:
        new_partnership(
            cast,
            partner=other_partner,
            schools=[cast.other_school],
            goals=[other_goal],
            district_lead=outsider,
        )
    errors = refused.value.message_dict
    assert "Lakeside Club is a partner of another district" in errors["partner"][0]
    assert "Lakeside Elementary is a school of another district" in errors["schools"][0]
    assert "L1 Lake goal is a goal of another district's plan" in errors["goals"][0]
    assert "district_lead" in errors
    assert not Partnership.objects.filter(title="Reading buddies").exists()


def test_a_contact_linked_to_a_person_of_another_district_is_refused(cast):
    with pytest.raises(ValidationError) as refused:
        services.contact_create(
            actor=cast["superintendent"],
            partner=cast.partner,
            name="Someone",
            person=cast["outsider"].people.get(),
        )
    assert "person" in refused.value.message_dict


def test_a_service_at_a_school_outside_the_partnership_is_refused(cast):
    partnership = new_partnership(cast, schools=[cast.south_1])
    with pytest.raises(ValidationError) as refused:
        services.service_create(
            actor=cast["superintendent"],
            partnership=partnership,
            schools=[cast.north_1],
            category="tutoring",
            name="Reading group",
        )
    assert "North One Elementary is not a school of this partnership" in str(refused.value)


# ----- deliveries ------------------------------------------------------------------------
def served_service(cast, *, service_schools=()):
    partnership = new_partnership(cast, schools=[cast.south_1, cast.north_2])
    return services.service_create(
        actor=cast["superintendent"],
        partnership=partnership,
        schools=list(service_schools),
        category="tutoring",
        name="Reading group",
        committed_reach=100,
        committed_sessions=40,
    )


def log(cast, service, school, **changes):
    fields = {
        "delivered_on": timezone.localdate() - dt.timedelta(days=1),
        "what": "Reading group, grade 3",
        "students_reached": 12,
        "sessions": 1,
    }
    fields.update(changes)
    return services.delivery_log(actor=cast["partner"], service=service, school=school, **fields)


def test_a_delivery_at_a_served_school_is_logged_as_counts(cast):
    service = served_service(cast)
    delivery = log(cast, service, cast.south_1)
    assert (delivery.school, delivery.students_reached, delivery.sessions) == (cast.south_1, 12, 1)


def test_a_delivery_at_a_school_the_partnership_does_not_serve_is_refused_by_name(cast):
    service = served_service(cast)
    with pytest.raises(ValidationError) as refused:
        log(cast, service, cast.north_1)
    message = refused.value.message_dict["school"][0]
    assert message.startswith("North One Elementary is not a school this partnership serves")
    assert not ServiceDelivery.objects.exists()


def test_a_delivery_at_a_partnership_school_the_service_does_not_cover_is_refused(cast):
    service = served_service(cast, service_schools=[cast.south_1])
    with pytest.raises(ValidationError) as refused:
        log(cast, service, cast.north_2)
    assert "North Two Middle is not a school “Reading group” serves" in str(refused.value)


def test_a_delivery_for_a_service_removed_meanwhile_is_refused(cast):
    service = served_service(cast, service_schools=[cast.south_1])
    services.service_remove(actor=cast["superintendent"], service=service)
    with pytest.raises(ValidationError, match="This service was removed: nothing was logged"):
        log(cast, service, cast.south_1)  # the form was opened before the removal
    assert not ServiceDelivery.objects.exists()
    entry = AuditEntry.objects.get(action="delete", object_id=str(service.pk))
    assert entry.changes["schools"] == [["South One High"], None]


def test_a_future_date_and_a_negative_count_are_refused(cast):
    service = served_service(cast)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        log(cast, service, cast.south_1, delivered_on=tomorrow, families_reached=-2)
    errors = refused.value.message_dict
    assert "is in the future" in errors["delivered_on"][0]
    assert errors["families_reached"] == ["A count cannot be negative."]


def test_nothing_is_logged_for_an_ended_partnership(cast):
    service = served_service(cast)
    services.partnership_update(
        actor=cast["superintendent"], partnership=service.partnership, status="ended"
    )
    with pytest.raises(ValidationError, match="has ended"):
        log(cast, service, cast.south_1)


# ----- the agreement document ------------------------------------------------------------
def test_an_agreement_document_is_kept_under_the_data_folder(cast, data_dir):
    upload = SimpleUploadedFile("signed.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    partnership = new_partnership(cast, agreement=upload)
    path = services.agreement_path(partnership)
    assert path is not None and path.read_bytes() == b"%PDF-1.4 signed"
    assert str(path).startswith(str(data_dir))
    assert partnership.agreement_name == "signed.pdf"


def test_an_html_agreement_is_refused_and_nothing_is_saved(cast, data_dir):
    upload = SimpleUploadedFile("signed.pdf", b"<html><script>x()</script></html>")
    with pytest.raises(ValidationError) as refused:
        new_partnership(cast, agreement=upload)
    assert "signed.pdf is not a kind of file" in refused.value.message_dict["file"][0]
    assert not Partnership.objects.filter(title="Reading buddies").exists()


def test_a_new_agreement_document_replaces_the_old_file(
    cast, data_dir, django_capture_on_commit_callbacks
):
    first = SimpleUploadedFile("first.pdf", b"%PDF-1.4 first")
    partnership = new_partnership(cast, agreement=first)
    old = services.agreement_path(partnership)
    with django_capture_on_commit_callbacks(execute=True):
        services.partnership_update(
            actor=cast["superintendent"],
            partnership=partnership,
            agreement=SimpleUploadedFile("second.pdf", b"%PDF-1.4 second"),
        )
    assert not old.exists()
    assert services.agreement_path(partnership).read_bytes() == b"%PDF-1.4 second"
    assert partnership.agreement_name == "second.pdf"
