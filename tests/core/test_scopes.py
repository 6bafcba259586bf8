"""Scopes: what each role reaches, and the student-record grant that no title implies."""

from __future__ import annotations

import pytest
from django.http import Http404

from districtwise.core.access import student_record_view_log
from districtwise.core.models import StudentRecordView
from districtwise.core.scopes import scope_for
from districtwise.organization.selectors import person_list, school_list


def test_a_network_lead_reaches_the_schools_of_their_network(cast):
    scope = scope_for(cast["north_lead"], cast.district)
    assert scope.school_ids == {cast.north_1.pk, cast.north_2.pk}
    assert not scope.district_wide


def test_a_partner_reaches_served_schools_as_aggregates_only(cast):
    scope = scope_for(cast["partner"], cast.district)
    assert scope.partner_school_ids == {cast.south_1.pk}
    assert scope.school_ids == frozenset()
    assert list(person_list(user=cast["partner"], district=cast.district)) == [
        cast["partner"].people.get()
    ]


def test_a_family_member_sees_no_school(cast):
    assert list(school_list(user=cast["family"], district=cast.district)) == []


def test_nobody_reaches_into_another_district(cast):
    for name in cast.users:
        schools = school_list(user=cast[name], district=cast.district)
        assert cast.other_school not in schools


@pytest.mark.parametrize("title_holder", ["superintendent", "sysadmin", "principal_north_1"])
def test_student_records_are_not_implied_by_any_title(cast, title_holder):
    assert scope_for(cast[title_holder], cast.district).student_records is False
    with pytest.raises(Http404):
        student_record_view_log(
            user=cast[title_holder], district=cast.district, student_id="0001", what="profile"
        )
    assert not StudentRecordView.objects.exists()


def test_the_data_steward_has_the_grant_and_every_view_is_logged(cast):
    steward = cast["data_steward"]
    assert scope_for(steward, cast.district).student_records is True
    student_record_view_log(user=steward, district=cast.district, student_id="0042", what="x")
    view = StudentRecordView.objects.get()
    assert (view.user, view.student_id) == (steward, "0042")


def test_a_revoked_grant_no_longer_counts(cast):
    from django.utils import timezone

    from districtwise.core.models import StudentRecordGrant

    StudentRecordGrant.objects.update(revoked_at=timezone.now())
    assert scope_for(cast["data_steward"], cast.district).student_records is False
