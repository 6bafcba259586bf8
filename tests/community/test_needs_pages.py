"""School-needs pages: recording a need (bad input answered next to its field, nothing
lost), changing and resolving it (the school's leaders can, a reader is refused 403, an
outsider finds nothing), the list's filters, the map's gaps and duplicates, what a partner
sees (its schools, its categories, the district only as totals), text kept as text, and
the matrix as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from districtwise.community.models import Partnership, SchoolNeed
from districtwise.community.selectors.needs import needs_map
from districtwise.core.models import AuditEntry
from tests import factories as f
from tests.access_matrix import PEOPLE, expect
from tests.community.matrix import (
    SOUTH_1_NEED_READERS,
    SOUTH_1_NEED_WRITERS,
    matrix_partnership,
    matrix_school_need,
    needs_matrix_need,
)

pytestmark = pytest.mark.django_db
NEW = reverse("community:need_new")
MAP = reverse("community:needs_map")
LIST = reverse("community:needs")


def form_data(cast, **changes):
    data = {
        "school": cast.south_1.pk,
        "category": "mental_health",
        "description": "Counselling for students after a hard year; the waiting list is long.",
        "priority": "high",
        "students_affected": "40",
    }
    return data | changes


def partner_setup(cast):
    """The partner delivers tutoring at South One; South One also needs mental health
    support (outside what the partner delivers) and North One needs tutoring."""
    matrix_partnership(cast)
    tutoring = matrix_school_need(cast)
    mental = matrix_school_need(cast, category="mental_health")
    north = matrix_school_need(cast, school="north_1")
    return tutoring, mental, north


# ---------------------------------------------------------------- recording


def test_a_principal_records_a_need_of_their_school_and_it_is_a_gap(client_as, cast):
    client = client_as("principal_south_1")
    response = client.post(NEW, form_data(cast))
    need = SchoolNeed.objects.get(school=cast.south_1, category="mental_health")
    assert response.status_code == 302
    assert response.url == reverse("community:school_needs", args=[cast.south_1.pk])
    assert need.priority == "high" and need.students_affected == 40
    assert need.recorded_by == cast["principal_south_1"]
    assert AuditEntry.objects.filter(object_type="community.schoolneed", action="create").exists()
    page = client.get(MAP).content.decode()
    assert "✗ gap" in page and "1 open need without a partner" in page


def test_the_form_starts_on_the_school_asked_for_and_ignores_a_garbled_one(client_as, cast):
    client = client_as("superintendent")
    chosen = client.get(NEW, {"school": cast.north_2.pk}).context["form"]["school"].value()
    assert chosen == cast.north_2.pk
    assert client.get(NEW, {"school": "north"}).status_code == 200


def test_a_school_outside_the_users_reach_is_refused_next_to_the_field(client_as, cast):
    response = client_as("principal_south_1").post(NEW, form_data(cast, school=cast.north_1.pk))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose one of the schools you record needs for" in page
    assert "Counselling for students after a hard year" in page  # what was typed is kept
    assert not SchoolNeed.objects.exists()


def test_an_empty_description_is_refused_and_the_rest_is_kept(client_as, cast):
    response = client_as("south_lead").post(NEW, form_data(cast, description="   "))
    assert response.status_code == 400
    page = response.content.decode()
    assert "the description is empty" in page and 'value="40"' in page
    assert not SchoolNeed.objects.exists()


def test_a_network_lead_records_for_their_networks_schools_only(client_as, cast):
    client = client_as("north_lead")
    assert client.post(NEW, form_data(cast, school=cast.north_2.pk)).status_code == 302
    assert client.post(NEW, form_data(cast, school=cast.south_1.pk)).status_code == 400
    assert list(SchoolNeed.objects.values_list("school", flat=True)) == [cast.north_2.pk]


def test_a_script_in_the_description_is_stored_as_text_and_escaped(client_as, cast):
    text = "<script>alert('x')</script> reading help"
    client = client_as("superintendent")
    client.post(NEW, form_data(cast, description=text, category="tutoring"))
    assert SchoolNeed.objects.get().description == text
    for url in (LIST, MAP, reverse("community:school_needs", args=[cast.south_1.pk])):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page, url


# ---------------------------------------------------------------- changing, resolving


def test_the_schools_principal_changes_and_resolves_a_need_and_can_reopen_it(client_as, cast):
    need = matrix_school_need(cast)
    client = client_as("principal_south_1")
    edit = reverse("community:need_edit", args=[need.pk])
    response = client.post(edit, form_data(cast, category="tutoring", priority="low"))
    need.refresh_from_db()
    assert response.status_code == 302 and need.priority == "low"
    resolve = reverse("community:need_resolve", args=[need.pk])
    client.post(resolve)
    need.refresh_from_db()
    assert need.resolved_on is not None
    assert "0 open needs without a partner" in client.get(MAP).content.decode()
    client.post(resolve, {"reopen": "1"})
    need.refresh_from_db()
    assert need.resolved_on is None
    actions = set(
        AuditEntry.objects.filter(object_id=str(need.pk)).values_list("action", flat=True)
    )
    assert {"update", "resolve", "reopen"} <= actions


def test_a_reader_who_does_not_record_for_the_school_is_refused_403(client_as, cast):
    need = matrix_school_need(cast)
    client = client_as("data_steward")
    assert client.post(reverse("community:need_resolve", args=[need.pk])).status_code == 403
    edit = client.post(reverse("community:need_edit", args=[need.pk]), form_data(cast))
    assert edit.status_code == 403
    need.refresh_from_db()
    assert need.resolved_on is None


def test_another_schools_principal_and_an_outsider_find_nothing(client_as, cast):
    need = matrix_school_need(cast)
    for name in ("principal_north_1", "outsider"):
        client = client_as(name)
        assert client.post(reverse("community:need_resolve", args=[need.pk])).status_code == 404
        assert client.get(reverse("community:need_edit", args=[need.pk])).status_code == 404
        school = reverse("community:school_needs", args=[cast.south_1.pk])
        assert client.get(school).status_code == 404


# ---------------------------------------------------------------- the list


def test_the_list_filters_by_school_network_category_met_and_state(client_as, cast):
    tutoring, mental, north = partner_setup(cast)
    north.resolved_on = dt.date(2026, 1, 5)
    north.save()
    client = client_as("superintendent")

    def shown(**query) -> set[int]:
        return {row.need.pk for row in client.get(LIST, query).context["rows"]}

    assert shown() == {tutoring.pk, mental.pk}
    assert shown(state="all") == {tutoring.pk, mental.pk, north.pk}
    assert shown(state="resolved") == {north.pk}
    assert shown(met="met") == {tutoring.pk}
    assert shown(met="unmet") == {mental.pk}
    assert shown(category="mental_health") == {mental.pk}
    assert shown(school=str(cast.north_1.pk), state="all") == {north.pk}
    assert shown(network=str(cast.south.pk)) == {tutoring.pk, mental.pk}


# ---------------------------------------------------------------- what each one sees


def test_the_partner_sees_south_ones_tutoring_need_only(client_as, cast):
    tutoring, mental, _north = partner_setup(cast)
    client = client_as("partner")
    assert {row.need.pk for row in client.get(LIST, {"state": "all"}).context["rows"]} == {
        tutoring.pk
    }
    school = client.get(reverse("community:school_needs", args=[cast.south_1.pk]))
    assert [row.need.pk for row in school.context["view"].needs] == [tutoring.pk]
    assert client.get(reverse("community:school_needs", args=[cast.north_1.pk])).status_code == 404
    page = client.get(MAP)
    view = page.context["view"]
    assert [row.school for row in view.rows] == [cast.south_1]
    assert [need.pk for need in view.gaps] == []  # its tutoring need is met by the partner
    cells = dict(view.rows[0].cells)
    assert cells["tutoring"].state == "met" and cells["mental_health"] is None
    # the district's mental-health and North One needs reach the partner as totals only
    totals = {t.category: (t.needs, t.met) for t in view.totals}
    assert totals["tutoring"] == (2, 1) and totals["mental_health"] == (1, 0)
    text = page.content.decode()
    assert "North One" not in text and mental.description not in text


def test_the_principal_sees_their_school_and_the_superintendent_every_school(cast):
    partner_setup(cast)
    mine = needs_map(user=cast["principal_south_1"], district=cast.district)
    assert [r.school for r in mine.rows] == [cast.south_1]
    assert {n.category for n in mine.gaps} == {"mental_health"}
    everyone = needs_map(user=cast["superintendent"], district=cast.district)
    assert {r.school for r in everyone.rows} == {cast.north_1, cast.north_2, cast.south_1}
    assert {(n.school, n.category) for n in everyone.gaps} == {
        (cast.south_1, "mental_health"),
        (cast.north_1, "tutoring"),
    }


def test_the_map_shows_one_network_when_asked_and_keeps_the_district_totals(client_as, cast):
    partner_setup(cast)
    view = client_as("superintendent").get(MAP, {"network": cast.north.pk}).context["view"]
    assert [r.school for r in view.rows] == [cast.north_1, cast.north_2]
    assert [(n.school, n.category) for n in view.gaps] == [(cast.north_1, "tutoring")]
    assert {t.category: t.needs for t in view.totals}["tutoring"] == 2


def test_the_map_names_duplicates_and_an_ended_partnership_counts_for_nothing(client_as, cast):
    partner_setup(cast)
    other = f.PartnershipFactory(district=cast.district, title="Second tutoring")
    other.schools.set([cast.south_1, cast.north_1])
    f.PartnerServiceFactory(partnership=other, category="tutoring")
    view = needs_map(user=cast["superintendent"], district=cast.district)
    assert [(r.school, r.duplicated) for r in view.duplicated] == [(cast.south_1, ["tutoring"])]
    assert (cast.north_1, "tutoring") not in {(n.school, n.category) for n in view.gaps}
    other.status = Partnership.Status.ENDED
    other.save()
    view = needs_map(user=cast["superintendent"], district=cast.district)
    assert view.duplicated == []
    assert (cast.north_1, "tutoring") in {(n.school, n.category) for n in view.gaps}
    page = client_as("superintendent").get(
        reverse("community:school_needs", args=[cast.north_1.pk])
    )
    assert "no partner meets it" in page.content.decode()


def test_schools_without_a_location_are_listed_off_the_map(client_as, cast):
    partner_setup(cast)
    cast.north_1.latitude, cast.north_1.longitude = 45.5, -122.6
    cast.north_1.save()
    cast.south_1.latitude, cast.south_1.longitude = 45.4, -122.5
    cast.south_1.save()
    page = client_as("superintendent").get(MAP)
    view = page.context["view"]
    assert {p.school for p in view.points} == {cast.north_1, cast.south_1}
    assert view.without_place == [cast.north_2]
    text = page.content.decode()
    assert "<svg" in text and "North One Elementary: 1 unmet" in text
    assert "Not on the map" in text and "North Two Middle" in text


def test_a_school_name_with_markup_is_drawn_as_text_on_the_map(client_as, cast):
    cast.south_1.name = "South <b>One</b> High"
    cast.south_1.latitude, cast.south_1.longitude = 45.4, -122.5
    cast.south_1.save()
    text = client_as("superintendent").get(MAP).content.decode()
    assert "<b>One</b>" not in text
    assert "South &lt;b&gt;One&lt;/b&gt; High: 0 unmet" in text


def test_without_any_location_the_page_says_why_there_is_no_map(client_as, cast):
    text = client_as("superintendent").get(MAP).content.decode()
    assert "No map: none of these schools has a recorded location" in text


# ---------------------------------------------------------------- export


def test_the_matrix_downloads_as_csv_for_managers(client_as, cast):
    partner_setup(cast)
    response = client_as("department_lead").get(reverse("community:needs_map_export"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, body = rows[0], {row[0]: row for row in rows[1:]}
    assert header[:3] == ["School", "Network", "Unmet needs"]
    south = dict(zip(header, body["South One High"], strict=True))
    assert south["Unmet needs"] == "1"
    assert south["Tutoring"] == "need met" and south["Mental health"] == "need unmet"
    assert body["North Two Middle"][2] == "0"


# ---------------------------------------------------------------- the write side, per person

RESOLVE_POST = expect(SOUTH_1_NEED_WRITERS, forbidden=SOUTH_1_NEED_READERS - SOUTH_1_NEED_WRITERS)
RESOLVE_POST.update({p: 302 for p in SOUTH_1_NEED_WRITERS})


@pytest.mark.parametrize("person", PEOPLE)
def test_resolving_south_ones_need_as_the_matrix_says(client, cast, person):
    """Its school's leaders and the managers resolve it; readers 403; the rest 404."""
    need = needs_matrix_need(cast)
    if person != "anonymous":
        client.force_login(cast[person])
    response = client.post(reverse("community:need_resolve", args=[need.pk]))
    assert response.status_code == RESOLVE_POST[person]
    need.refresh_from_db()
    assert (need.resolved_on is not None) == (person in SOUTH_1_NEED_WRITERS)
