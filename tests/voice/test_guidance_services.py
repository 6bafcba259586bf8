"""Guidance writes: version 1 with a new document, the next version only on top of the
version its editor read, acknowledging only the current version, who must acknowledge and
who has, notifications to those who must, retiring with an audit row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from districtwise.core.models import AuditEntry, Membership, Notification
from districtwise.core.roles import Role
from districtwise.voice.models import GuidanceAcknowledgement
from districtwise.voice.selectors.guidance import acknowledgement_tracking, current_version
from districtwise.voice.services import guidance as services
from tests import factories as f
from tests.access_matrix import person
from tests.voice.matrix import matrix_document, matrix_need

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 1, 12)


def _document(cast, **changes):
    data = {
        "actor": cast["department_lead"],
        "district": cast.district,
        "department": cast.department,
        "kind": "guardrail",
        "title": "Family letters",
        "schools": [cast.north_1, cast.north_2],
        "roles": [Role.PRINCIPAL, Role.TEACHER_LEADER],
        "body": "Every family letter goes out in the family's language.",
        "schools_decide": "Which translation service to use.",
        "effective_on": TODAY,
        "review_on": TODAY + dt.timedelta(days=180),
    }
    return services.guidance_document_create(**(data | changes))


def _publish(cast, document, based_on, **changes):
    data = {
        "actor": cast["department_lead"],
        "document": document,
        "based_on": based_on,
        "body": "Every family letter goes out in the family's language within a week.",
        "schools_decide": "Which translation service to use.",
        "change_summary": "Letters now have a deadline.",
        "effective_on": TODAY,
        "review_on": TODAY + dt.timedelta(days=180),
    }
    return services.guidance_version_publish(**(data | changes))


def test_a_new_document_is_published_as_version_1_and_audited(cast):
    document = _document(cast)
    version = current_version(document)
    assert version.number == 1
    assert version.published_by == cast["department_lead"]
    assert set(document.schools.all()) == {cast.north_1, cast.north_2}
    assert AuditEntry.objects.filter(object_type="voice.guidancedocument").count() == 1
    assert AuditEntry.objects.filter(object_type="voice.guidanceversion").count() == 1


def test_publishing_notifies_exactly_those_who_must_acknowledge(cast):
    _document(cast)
    told = set(
        Notification.objects.filter(kind=Notification.Kind.GUIDANCE_TO_ACKNOWLEDGE).values_list(
            "user__username", flat=True
        )
    )
    # Principals and the coach of North One and North Two; not South One, not the lead.
    assert told == {"principal_north_1", "principal_north_2", "coach_north_1"}


def test_a_document_needs_a_role_and_a_review_date_after_it_takes_effect(cast):
    with pytest.raises(ValidationError) as no_role:
        _document(cast, roles=[Role.NETWORK_LEAD])
    assert "roles" in no_role.value.message_dict
    with pytest.raises(ValidationError) as early:
        _document(cast, title="Other", review_on=TODAY - dt.timedelta(days=1))
    assert "review_on" in early.value.message_dict


def test_the_next_version_links_what_prompted_it(cast):
    document = _document(cast)
    need = matrix_need(cast)
    item = f.AgendaItemFactory(meeting=f.PrincipalMeetingFactory(district=cast.district))
    version = _publish(cast, document, 1, needs=[need], items=[item])
    assert version.number == 2
    assert list(version.prompted_by_needs.all()) == [need]
    assert list(version.prompted_by_items.all()) == [item]


def test_a_version_from_v2_on_says_what_changed(cast):
    document = _document(cast)
    with pytest.raises(ValidationError) as refused:
        _publish(cast, document, 1, change_summary="  ")
    assert "change_summary" in refused.value.message_dict
    assert document.versions.count() == 1


def test_publishing_on_top_of_an_old_version_saves_nothing_and_says_who_published(cast):
    document = _document(cast)
    _publish(cast, document, 1, actor=cast["superintendent"])
    with pytest.raises(services.StaleVersion) as stale:
        _publish(cast, document, 1, body="My own rewrite.")
    assert stale.value.current.number == 2
    assert "Superintendent Testperson published version 2" in str(stale.value)
    assert document.versions.count() == 2
    assert not document.versions.filter(body="My own rewrite.").exists()


def test_a_superseded_version_cannot_be_acknowledged_and_the_current_one_is_named(cast):
    document = _document(cast)
    first = current_version(document)
    _publish(cast, document, 1)
    principal = person(cast, "principal_north_1")
    with pytest.raises(ValidationError) as refused:
        services.guidance_acknowledge(
            actor=cast["principal_north_1"], person=principal, version=first
        )
    assert "replaced by version 2" in refused.value.messages[0]
    assert not GuidanceAcknowledgement.objects.exists()


def test_acknowledging_twice_keeps_the_first(cast):
    document = _document(cast)
    version = current_version(document)
    principal = person(cast, "principal_north_1")
    first = services.guidance_acknowledge(
        actor=cast["principal_north_1"], person=principal, version=version
    )
    again = services.guidance_acknowledge(
        actor=cast["principal_north_1"], person=principal, version=version
    )
    assert first.pk == again.pk
    assert version.acknowledgements.count() == 1


def _tracked(cast, version):
    return {
        (row.school.name, person.name, bool(person.acknowledged_at))
        for row in acknowledgement_tracking(
            user=cast["department_lead"], district=cast.district, version=version
        )
        for person in row.people
    }


def test_tracking_lists_who_must_acknowledge_per_school_and_who_has(cast):
    document = _document(cast)
    version = current_version(document)
    services.guidance_acknowledge(
        actor=cast["coach_north_1"], person=person(cast, "coach_north_1"), version=version
    )
    assert _tracked(cast, version) == {
        ("North One Elementary", "Principal North 1 Testperson", False),
        ("North One Elementary", "Coach North 1 Testperson", True),
        ("North Two Middle", "Principal North 2 Testperson", False),
    }


def test_tracking_starts_again_for_a_new_version_and_skips_ended_memberships(cast):
    document = _document(cast)
    services.guidance_acknowledge(
        actor=cast["coach_north_1"],
        person=person(cast, "coach_north_1"),
        version=current_version(document),
    )
    Membership.objects.filter(person=person(cast, "principal_north_2")).update(
        ends_on=dt.date(2020, 1, 1)
    )
    second = _publish(cast, document, 1)
    assert _tracked(cast, second) == {
        ("North One Elementary", "Principal North 1 Testperson", False),
        ("North One Elementary", "Coach North 1 Testperson", False),
    }


def test_a_document_for_every_school_asks_every_school(cast):
    document = matrix_document(cast)
    version = current_version(document)
    schools = {name for name, _, _ in _tracked(cast, version)}
    assert schools == {"North One Elementary", "North Two Middle", "South One High"}


def test_retiring_is_audited_and_stops_new_versions(cast):
    document = _document(cast)
    services.guidance_document_retire(actor=cast["department_lead"], document=document)
    document.refresh_from_db()
    assert document.retired_at is not None
    assert AuditEntry.objects.filter(
        object_type="voice.guidancedocument", action="update", object_id=str(document.pk)
    ).exists()
    with pytest.raises(ValidationError):
        _publish(cast, document, 1)
