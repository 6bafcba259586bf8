"""Who reads succession plans: the superintendent and human resources everything, a network
lead their network's school positions; everyone else (the system administrator, other
departments, principals even about their own post) finds nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from districtwise.core.roles import Role
from tests import factories as f
from tests.access_matrix import person
from tests.leadership.matrix import matrix_position, matrix_teacher_leader_role


@pytest.fixture
def positions(cast):
    """A post at North One (the matrix's), one at South One, one central-office lead."""
    north = matrix_position(cast)
    south = f.KeyPositionFactory(district=cast.district, school=cast.south_1, title="South post")
    central = f.KeyPositionFactory(
        district=cast.district,
        kind="central_office_lead",
        school=None,
        department=cast.department,
        title="Head of Teaching and Learning",
    )
    return {"north": north, "south": south, "central": central}


@pytest.fixture
def hr_member(cast):
    """A staff member of a human-resources department of the cast's district."""
    hr = f.DepartmentFactory(district=cast.district, name="People Office", is_human_resources=True)
    member = f.PersonFactory(district=cast.district, department=hr, given_name="Harper")
    f.MembershipFactory(person=member, role=Role.DEPARTMENT_STAFF, department=hr)
    return member.user


def titles(response) -> set[str]:
    return {row.position.title for row in response.context["page"].object_list}


@pytest.mark.parametrize("who", ["superintendent", "hr"])
def test_the_superintendent_and_human_resources_read_every_position(
    client, cast, positions, hr_member, who
):
    client.force_login(hr_member if who == "hr" else cast["superintendent"])
    response = client.get(reverse("leadership:succession"))
    assert titles(response) == {p.title for p in positions.values()}
    for found in positions.values():
        assert client.get(reverse("leadership:position", args=[found.pk])).status_code == 200


def test_human_resources_keeps_candidates(client, cast, positions, hr_member):
    client.force_login(hr_member)
    url = reverse("leadership:candidate_new", args=[positions["central"].pk])
    chosen = person(cast, "principal_north_2")
    response = client.post(url, {"person": chosen.pk, "readiness": "ready_now"})
    assert response.status_code == 302
    assert positions["central"].candidates.get().person == chosen


def test_a_network_lead_reads_their_networks_positions_only(client, cast, positions):
    client.force_login(cast["north_lead"])
    response = client.get(reverse("leadership:succession"))
    assert titles(response) == {"Matrix principal post"}
    for name in ("south", "central"):
        url = reverse("leadership:position", args=[positions[name].pk])
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["department_lead", "sysadmin", "principal_north_1"])
def test_others_find_no_succession_plan_even_about_themselves(client, cast, positions, who):
    client.force_login(cast[who])
    assert client.get(reverse("leadership:succession")).status_code == 404
    assert client.get(reverse("leadership:pipeline")).status_code == 404
    # principal_north_1 holds the North One post, and still may not read it
    url = reverse("leadership:position", args=[positions["north"].pk])
    assert client.get(url).status_code == 404


def test_a_network_lead_cannot_add_a_position_at_another_networks_school(client, cast):
    client.force_login(cast["north_lead"])
    response = client.post(
        reverse("leadership:position_new"),
        {"kind": "principal", "title": "Sneaky", "school": cast.south_1.pk,
         "departure_reason": "none_known", "departure_likelihood": "unlikely"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Choose one of the schools listed" in response.content.decode()


def test_the_leaders_of_another_school_do_not_see_its_teacher_leaders(client, cast):
    role = matrix_teacher_leader_role(cast)
    client.force_login(cast["principal_north_2"])
    response = client.get(reverse("leadership:teacher_leaders"))
    assert list(response.context["page"].object_list) == []
    url = reverse("leadership:teacher_leader_edit", args=[role.pk])
    assert client.get(url).status_code == 404


def test_a_network_lead_reads_teacher_leaders_but_does_not_change_them(client, cast):
    role = matrix_teacher_leader_role(cast)
    client.force_login(cast["north_lead"])
    response = client.get(reverse("leadership:teacher_leaders"))
    assert [r.pk for r in response.context["page"].object_list] == [role.pk]
    url = reverse("leadership:teacher_leader_edit", args=[role.pk])
    data = {"school": cast.north_1.pk, "person": role.person_id, "kind": "mentor",
            "hours_per_week": "3", "school_year": "2026"}  # fmt: skip
    assert client.post(url, data).status_code == 403
    role.refresh_from_db()
    assert role.kind == "coach"
