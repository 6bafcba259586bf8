"""The succession pages: positions with their bench and risk, candidates, teacher-leader
roles; and the bad input they refuse, saying what is wrong and where."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from districtwise.core.models import AuditEntry
from districtwise.leadership.models import KeyPosition, TeacherLeaderRole
from districtwise.leadership.services import succession as services
from tests import factories as f
from tests.access_matrix import person
from tests.leadership.matrix import matrix_position


def position_data(cast, **changes) -> dict:
    data = {
        "kind": "principal",
        "title": "Principal, North Two",
        "school": cast.north_2.pk,
        "incumbent": person(cast, "principal_north_2").pk,
        "incumbent_since": "2012-08-01",
        "expected_departure": "",
        "departure_reason": "retirement_eligible",
        "departure_likelihood": "likely",
    }
    return data | changes


def test_a_likely_departure_shows_at_risk_until_someone_is_ready_now(client_as, cast):
    client = client_as("superintendent")
    response = client.post(reverse("leadership:position_new"), position_data(cast))
    position = KeyPosition.objects.get(title="Principal, North Two")
    assert response.status_code == 302
    page = client.get(reverse("leadership:position", args=[position.pk])).content.decode()
    assert "At risk</strong>: Departure likely, nobody ready now" in page
    client.post(
        reverse("leadership:candidate_new", args=[position.pk]),
        {"person": person(cast, "coach_north_1").pk, "readiness": "ready_now"},
    )
    page = client.get(reverse("leadership:position", args=[position.pk])).content.decode()
    assert "Not at risk" in page
    assert AuditEntry.objects.filter(object_type="leadership.candidate").count() == 1


def test_the_overview_lists_at_risk_positions_first_and_filters_them(client_as, cast):
    safe = matrix_position(cast)  # possible departure, no date: not at risk
    risky = f.KeyPositionFactory(
        district=cast.district, school=cast.south_1, title="Zeta post", incumbent=None
    )
    client = client_as("superintendent")
    rows = client.get(reverse("leadership:succession")).context["page"].object_list
    assert [r.position for r in rows] == [risky, safe]
    assert rows[0].bench.risk_reason == "Vacant"
    only = client.get(reverse("leadership:succession"), {"at_risk": "yes"})
    assert [r.position for r in only.context["page"].object_list] == [risky]
    north = client.get(reverse("leadership:succession"), {"network": cast.north.pk})
    assert [r.position for r in north.context["page"].object_list] == [safe]
    networks = client.get(reverse("leadership:succession")).context["networks"]
    assert [(n.name, n.positions, n.at_risk) for n in networks] == [
        ("North Network", 1, 0),
        ("South Network", 1, 1),
    ]


def test_years_in_role_count_from_the_incumbents_start():
    position = KeyPosition(incumbent_id=1, incumbent_since=dt.date(2016, 3, 1))
    assert position.years_in_role(dt.date(2026, 3, 1)) == pytest.approx(10.0)
    assert KeyPosition(incumbent_since=dt.date(2016, 3, 1)).years_in_role(dt.date.today()) is None


def test_an_expected_departure_before_the_start_is_refused_next_to_the_field(client_as, cast):
    client = client_as("superintendent")
    data = position_data(cast, expected_departure="2010-06-30")
    response = client.post(reverse("leadership:position_new"), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert "before the incumbent took the post" in form.errors["expected_departure"][0]
    page = response.content.decode()
    assert 'value="Principal, North Two"' in page  # kept
    assert f'<option value="{data["incumbent"]}" selected>' in page


def test_the_staff_choices_escape_the_names_they_list(client_as, cast):
    f.PersonFactory(district=cast.district, school=cast.north_1, given_name="<i>Ada</i>")
    page = client_as("superintendent").get(reverse("leadership:position_new")).content.decode()
    assert "&lt;i&gt;Ada&lt;/i&gt;" in page and "<i>Ada</i>" not in page
    assert not KeyPosition.objects.filter(title="Principal, North Two").exists()


def test_a_school_of_another_district_is_refused(cast):
    with pytest.raises(ValidationError) as refused:
        services.position_create(
            actor=None, district=cast.district, kind="principal", title="Elsewhere",
            school=cast.other_school,
        )  # fmt: skip
    assert "another district" in refused.value.message_dict["school"][0]


def test_a_candidate_of_another_district_is_refused_with_a_clear_message(client_as, cast):
    position = matrix_position(cast)
    stranger = cast["outsider"].people.get()
    with pytest.raises(ValidationError) as refused:
        services.candidate_add(
            actor=None, position=position, person=stranger, readiness="ready_now"
        )
    assert "works in another district" in refused.value.message_dict["person"][0]
    response = client_as("superintendent").post(
        reverse("leadership:candidate_new", args=[position.pk]),
        {"person": stranger.pk, "readiness": "ready_now"},
    )
    assert response.status_code == 400
    assert "Choose a person of this district" in response.context["form"].errors["person"][0]


def test_the_incumbent_cannot_be_their_own_candidate(client_as, cast):
    position = matrix_position(cast)
    response = client_as("superintendent").post(
        reverse("leadership:candidate_new", args=[position.pk]),
        {"person": position.incumbent_id, "readiness": "ready_now"},
    )
    assert response.status_code == 400
    assert "holds this position now" in response.context["form"].errors["person"][0]


def test_the_same_person_twice_on_a_position_is_refused(client_as, cast):
    position = matrix_position(cast)
    response = client_as("north_lead").post(
        reverse("leadership:candidate_new", args=[position.pk]),
        {"person": person(cast, "coach_north_1").pk, "readiness": "ready_now"},
    )
    assert response.status_code == 400
    assert "already a candidate" in response.context["form"].errors["person"][0]
    assert position.candidates.count() == 1


def test_a_development_plan_with_script_is_stored_as_text_and_escaped(client_as, cast):
    position = matrix_position(cast)
    candidate = position.candidates.get()
    client = client_as("superintendent")
    plan = "<script>alert('x')</script> Lead the PLC."
    client.post(
        reverse("leadership:candidate_edit", args=[candidate.pk]),
        {"readiness": "ready_now", "development_plan": plan},
    )
    candidate.refresh_from_db()
    assert candidate.development_plan == plan
    page = client.get(reverse("leadership:position", args=[position.pk])).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_removing_a_candidate_takes_them_off_the_bench_and_keeps_a_history(client_as, cast):
    candidate = matrix_position(cast).candidates.get()
    response = client_as("north_lead").post(
        reverse("leadership:candidate_remove", args=[candidate.pk])
    )
    assert response.status_code == 302
    assert not matrix_position(cast).candidates.exists()
    assert AuditEntry.objects.filter(action="delete", object_type="leadership.candidate").exists()


@pytest.mark.parametrize(("hours", "message"), [("41", "above 40"), ("-1", "below 0")])
def test_hours_outside_0_to_40_are_refused(client_as, cast, hours, message):
    data = {"school": cast.north_1.pk, "person": person(cast, "coach_north_1").pk,
            "kind": "coach", "hours_per_week": hours, "school_year": "2026"}  # fmt: skip
    response = client_as("principal_north_1").post(reverse("leadership:teacher_leader_new"), data)
    assert response.status_code == 400
    assert message in response.context["form"].errors["hours_per_week"][0]
    assert not TeacherLeaderRole.objects.exists()
    with pytest.raises(ValidationError):
        services.teacher_leader_role_create(
            actor=None, district=cast.district, school=cast.north_1,
            person=person(cast, "coach_north_1"), kind="coach", hours_per_week=41,
            school_year=2026,
        )  # fmt: skip


def test_a_principal_records_roles_at_their_school_only(client_as, cast):
    client = client_as("principal_north_1")
    data = {"school": cast.north_1.pk, "person": person(cast, "coach_north_1").pk,
            "kind": "mentor", "hours_per_week": "2.5", "school_year": "2026"}  # fmt: skip
    assert client.post(reverse("leadership:teacher_leader_new"), data).status_code == 302
    elsewhere = client.post(
        reverse("leadership:teacher_leader_new"), data | {"school": cast.north_2.pk}
    )
    assert elsewhere.status_code == 400
    assert TeacherLeaderRole.objects.count() == 1


def test_teacher_leader_totals_count_holders_and_hours_by_role(client_as, cast):
    coach = person(cast, "coach_north_1")
    f.TeacherLeaderRoleFactory(district=cast.district, school=cast.north_1, person=coach,
                               kind="coach", hours_per_week=10)  # fmt: skip
    f.TeacherLeaderRoleFactory(district=cast.district, school=cast.north_1, person=coach,
                               kind="mentor", hours_per_week=2)  # fmt: skip
    f.TeacherLeaderRoleFactory(district=cast.district, school=cast.south_1, kind="mentor",
                               hours_per_week="3.5")  # fmt: skip
    f.TeacherLeaderRoleFactory(district=cast.district, school=cast.south_1, kind="mentor",
                               hours_per_week=4, school_year=2025)  # fmt: skip
    response = client_as("superintendent").get(reverse("leadership:teacher_leaders"))
    totals = response.context["totals"]
    by_kind = {label: (holders, float(hours)) for label, holders, hours in totals.by_kind}
    assert by_kind["Coach"] == (1, 10.0)
    assert by_kind["Mentor"] == (2, 5.5)
    assert (totals.holders, totals.schools, float(totals.hours)) == (2, 2, 15.5)
    by_school = {name: (holders, float(hours)) for name, holders, hours in totals.by_school}
    assert by_school == {"North One Elementary": (1, 12.0), "South One High": (1, 3.5)}
    assert "Hours a week by role" in response.content.decode()


def test_a_candidate_cannot_be_named_incumbent_without_leaving_the_bench(client_as, cast):
    position = matrix_position(cast)
    coach = person(cast, "coach_north_1")  # the matrix position's candidate
    data = position_data(
        cast, title=position.title, school=cast.north_1.pk, incumbent=coach.pk,
        incumbent_since="2026-01-05",
    )  # fmt: skip
    response = client_as("north_lead").post(
        reverse("leadership:position_edit", args=[position.pk]), data
    )
    assert response.status_code == 400
    assert "remove the candidacy" in response.context["form"].errors["incumbent"][0]
    position.refresh_from_db()
    assert position.incumbent == person(cast, "principal_north_1")


def options(response) -> list[str]:
    """The labels of the staff picker's options (the empty choice left out)."""
    html = response.content.decode()
    picker = html[
        html.index('name="person"') : html.index("</select>", html.index('name="person"'))
    ]
    return [label for value, label in re.findall(r'<option value="(\d+)"[^>]*>([^<]*)<', picker)]


def test_a_large_staff_is_found_by_name_and_any_of_it_may_be_chosen(client_as, cast, monkeypatch):
    from districtwise.leadership.views import succession as views

    position = matrix_position(cast)
    for i in range(3):
        f.PersonFactory(
            district=cast.district, given_name="Rowan", family_name=f"Quill{i}", staff_id=f"Q{i}"
        )
    monkeypatch.setattr(views, "PICKER_LIMIT", 2)
    url = reverse("leadership:candidate_new", args=[position.pk])
    client = client_as("superintendent")
    first = client.get(url)
    assert len(options(first)) == 2
    assert "the first 2 are listed below; narrow the search to list others" in (
        first.content.decode()
    )
    found = client.get(url, {"find": "rowan quill2"})
    assert [label.split(" (")[0] for label in options(found)] == ["Rowan Quill2"]
    assert "1 person matches “rowan quill2”, all listed below." in found.content.decode()
    # Someone not listed on the page may still be chosen (the whole staff is the choice) ...
    quill0 = cast.district.people.get(staff_id="Q0")
    added = client.post(url, {"person": quill0.pk, "readiness": "ready_now"})
    assert added.status_code == 302
    # ... and a refused form keeps the chosen person in the list, whatever was searched.
    quill1 = cast.district.people.get(staff_id="Q1")
    refused = client.post(f"{url}?find=nobody-matches", {"person": quill1.pk})
    assert refused.status_code == 400
    assert [label.split(" (")[0] for label in options(refused)] == ["Rowan Quill1"]
    assert "No one on the staff matches “nobody-matches”." in refused.content.decode()
