"""The demo district in the database: organisation, one log-in per role, scoped right."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.db import transaction
from django.test import override_settings

from districtwise.core.models import Membership, StudentRecordGrant
from districtwise.core.roles import Role
from districtwise.core.scopes import scope_for
from districtwise.demo.build import (
    DEMO_PASSWORD,
    ROLE_ORDER,
    DemoExists,
    DemoResult,
    demo_build,
    parse_size,
)
from districtwise.organization.models import District, Network, Person, School
from districtwise.organization.selectors import school_list


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[DemoResult]:
    """The small demo district, built once for the tests of ``TestTheSmallDemo`` inside a
    transaction rolled back when the last of them ends (each test nests in it, so what one
    test changes the next does not see)."""
    outer = transaction.atomic()
    with override_settings(DATA_DIR=tmp_path_factory.mktemp("demo-build")):
        with django_db_blocker.unblock():
            outer.__enter__()
            try:
                # The demo's log-in names are the role names; the suite's cast uses some too.
                StudentRecordGrant.objects.all().delete()
                get_user_model().objects.all().delete()
                School.objects.all().delete()
                District.objects.all().delete()
                built = demo_build(seed=7, students=2500)
            except BaseException:
                outer.__exit__(*sys.exc_info())
                raise
        yield built
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.mark.django_db
class TestTheSmallDemo:
    """Tests that read (or change, then roll back) one built small demo."""

    def test_it_builds_the_district_from_the_generated_files(self, demo):
        district = demo.district
        assert (demo.files_dir / "schools.csv").exists()
        assert (demo.files_dir / "manifest.json").exists()
        assert School.objects.filter(district=district).count() >= 5
        assert Network.objects.filter(district=district).count() >= 2
        assert district.school_years.filter(is_current=True).get().year == 2026
        staff = Person.objects.filter(district=district).exclude(staff_id="")
        assert staff.filter(title="Teacher").count() > 100
        # Every school has its principal as a member with the principal role.
        for school in School.objects.filter(district=district):
            assert Membership.objects.filter(school=school, role="principal").count() == 1

    def test_there_is_one_log_in_per_role_and_each_works(self, demo):
        usernames = [username for _, username in ROLE_ORDER]
        assert [login[0] for login in demo.logins] == usernames
        for username in usernames:
            assert authenticate(username=username, password=DEMO_PASSWORD) is not None, username
        assert "superintendent" in demo.describe()

    def test_each_demo_log_in_sees_what_its_role_may(self, demo):
        district = demo.district
        users = {p.user.username: p.user for p in Person.objects.filter(user__isnull=False)}
        all_schools = School.objects.filter(district=district).count()
        assert school_list(user=users["superintendent"], district=district).count() == all_schools
        assert school_list(user=users["principal"], district=district).count() == 1
        network = Membership.objects.get(
            person__user=users["network_lead"], district=district
        ).network
        seen = set(school_list(user=users["network_lead"], district=district))
        assert seen == set(School.objects.filter(network=network))
        assert school_list(user=users["partner"], district=district).count() == 3
        assert school_list(user=users["family"], district=district).count() == 0
        assert scope_for(users["data_steward"], district).student_records
        assert not scope_for(users["superintendent"], district).student_records
        assert StudentRecordGrant.objects.filter(district=district).count() == 1
        assert users["admin"].is_superuser

    def test_the_superintendent_and_admin_can_switch_to_a_second_district(self, demo):
        second = District.objects.exclude(pk=demo.district.pk).get()
        members = Membership.objects.filter(district=second).values_list(
            "person__user__username", flat=True
        )
        assert sorted(members) == ["admin", "superintendent"]

    def test_partners_leave_the_planted_mental_health_needs_unmet(self, demo):
        from districtwise.community.models import ServiceCategory
        from districtwise.community.selectors.needs import needs_map

        superintendent = get_user_model().objects.get(username="superintendent")
        principal = Membership.objects.get(
            district=demo.district, role=Role.PRINCIPAL, person__user__username="principal"
        )
        found = needs_map(user=superintendent, district=demo.district)
        unmet_networks = {
            need.school.network_id
            for need in found.gaps
            if need.category == ServiceCategory.MENTAL_HEALTH
        }
        assert principal.school.network_id in unmet_networks
        assert found.duplicated, "no school shows two partners tutoring there"

    def test_the_bilingual_survey_has_answers_in_both_languages_and_hides_a_small_school(
        self, demo
    ):
        from districtwise.community.models import Response, Survey
        from districtwise.community.selectors.surveys import survey_results

        survey = Survey.objects.get(district=demo.district, status=Survey.Status.OPEN)
        languages = set(Response.objects.filter(survey=survey).values_list("language", flat=True))
        assert languages == {"en", "es"}
        superintendent = get_user_model().objects.get(username="superintendent")
        results = survey_results(user=superintendent, district=demo.district, survey=survey)
        assert results.shown and results.responses > results.minimum
        assert any(figure.hidden for figure in results.by_school)

    def test_every_school_team_completed_a_self_assessment(self, demo):
        from districtwise.leadership.models import Assessment

        schools = School.objects.filter(
            district=demo.district, membership__role=Role.PRINCIPAL
        ).distinct()
        assessed = Assessment.objects.filter(
            district=demo.district, status=Assessment.Status.CLOSED, school__in=schools
        )
        assert set(assessed.values_list("school_id", flat=True)) == set(
            schools.values_list("pk", flat=True)
        )
        assert all(a.answers.values("person").distinct().count() >= 2 for a in assessed)

    def test_the_planted_principal_post_is_at_risk_on_the_succession_table(self, demo):
        import datetime as dt

        from districtwise.demo.leadership_succession import planted_position
        from districtwise.leadership.selectors.succession import position_rows

        planted = planted_position(demo.district)
        assert planted is not None
        superintendent = get_user_model().objects.get(username="superintendent")
        rows = position_rows(
            user=superintendent, district=demo.district, today=dt.date.today(), at_risk=True
        )
        assert planted.pk in {row.position.pk for row in rows}

    def test_it_refuses_to_overwrite_unless_asked_and_rebuilds_the_same(self, demo, tmp_path):
        names = sorted(Person.objects.values_list("given_name", "family_name", "staff_id"))
        with override_settings(DATA_DIR=tmp_path):
            with pytest.raises(DemoExists):
                demo_build(seed=7, students=2500)
            kept = demo_build(seed=7, students=2500, if_missing=True)
            assert not kept.built
            demo_build(seed=7, students=2500, replace=True)
        assert sorted(Person.objects.values_list("given_name", "family_name", "staff_id")) == names


@pytest.mark.parametrize(
    ("size", "students"),
    [("small", 2500), ("default", 25000), ("large", 150000), ("1,000,000", 1_000_000)],
)
def test_sizes_by_name_or_number(size, students):
    assert parse_size(size) == students


@pytest.mark.parametrize("size", ["huge", "0", "2000000", "-5"])
def test_a_bad_size_is_refused_with_a_reason(size):
    with pytest.raises(ValueError, match="--size"):
        parse_size(size)


def test_the_daily_attendance_file_is_written_when_asked(db, tmp_path):
    StudentRecordGrant.objects.all().delete()
    get_user_model().objects.all().delete()
    with override_settings(DATA_DIR=tmp_path):
        result = demo_build(seed=3, students=500, daily_attendance=True)
    assert (result.files_dir / "attendance_daily.csv").stat().st_size > 0
