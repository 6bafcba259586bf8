"""The coherence page: findings grouped by kind with their counts first, each linking to the
objects behind it; the two matrices and the two charts with their tables; each reader
seeing what concerns them (the plan of ``coherence_fixtures``)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from districtwise.strategy.models import Goal, Initiative
from tests.strategy.coherence_fixtures import audit_with_enrolment, troubled_plan  # noqa: F401

URL = reverse("strategy:coherence")


def _page(client_as, person) -> str:
    response = client_as(person).get(URL)
    assert response.status_code == 200
    return response.content.decode()


def _finding_links(text: str) -> list[str]:
    items = re.findall(r'<li class="dw-finding.*?</li>', text, flags=re.S)
    return [url for item in items for url in re.findall(r'href="([^"#]+)"', item)]


@pytest.mark.usefixtures("troubled_plan")
def test_the_superintendent_reads_the_counts_first_then_every_finding(client_as, cast):
    text = _page(client_as, "superintendent")
    assert "6 findings" in text
    counts = text.index("Findings by kind")
    assert counts < text.index("North One Elementary carries 2 initiatives")
    assert "I1 and I2 both work through coaching in North One Elementary." in text
    assert "Consider stopping I3 Robotics club: it serves no goal." in text
    assert "G1 Readers by third grade is priority 1 but receives $10,000" in text


@pytest.mark.usefixtures("troubled_plan")
def test_every_finding_links_to_the_objects_behind_it_and_the_links_open(client_as, cast):
    client = client_as("superintendent")
    links = _finding_links(client.get(URL).content.decode())
    i3 = Initiative.objects.get(code="I3")
    g1 = Goal.objects.get(code="G1")
    assert reverse("strategy:initiative_detail", args=[i3.pk]) in links
    assert reverse("strategy:goal_detail", args=[g1.pk]) in links
    assert reverse("organization:school_detail", args=[cast.north_1.pk]) in links
    for url in set(links):
        assert client.get(url).status_code == 200, url


@pytest.mark.usefixtures("troubled_plan")
def test_the_matrices_are_tables_with_captions_headers_and_marks_in_words(client_as, cast):
    text = _page(client_as, "superintendent")
    assert "<caption>Which initiative serves which goal" in text
    assert "<caption>Which initiative runs in which school" in text
    assert 'scope="col"' in text and 'scope="row"' in text
    assert text.count("Runs here") == 4  # I1 at North One; I2 at North One and Two; I3
    assert text.count(">Serves<") == 2  # I1 serves G2, I2 serves G1 (I4 is completed)
    assert "2 <strong>(over the limit)</strong>" in text
    assert "<strong>Out of line</strong>" in text


@pytest.mark.usefixtures("troubled_plan")
def test_the_charts_are_named_images_with_tables_beside_them(client_as, cast):
    text = _page(client_as, "superintendent")
    assert len(re.findall(r"<svg role=\"img\" aria-labelledby=\"coherence-", text)) == 2
    assert '<title id="coherence-load-title">Initiatives per school against the limit' in text
    assert "Initiatives per school as a table" in text
    assert "Budget per goal as a table" in text


@pytest.mark.usefixtures("troubled_plan")
def test_a_principal_sees_their_school_and_the_plan_level_findings_only(client_as, cast):
    text = _page(client_as, "principal_south_1")
    assert "South One High" in text
    assert "North One" not in text and "Literacy coaching" not in text
    assert "Consider stopping I3 Robotics club" in text
    assert "G1 Readers by third grade is priority 1" in text


@pytest.mark.usefixtures("troubled_plan", "audit_with_enrolment")
def test_cost_per_student_is_shown_only_where_the_reader_may_see_the_enrolment(client_as, cast):
    steward = _page(client_as, "data_steward")
    assert "$1,000 per student reached" in steward
    superintendent = _page(client_as, "superintendent")
    assert "$1,000" not in superintendent
    assert "Unknown: no audit enrolment figure" in superintendent  # I3 at South One (5)
    assert '<td class="text-right">$250</td>' in superintendent  # I1: $50,000 / 200


@pytest.mark.usefixtures("troubled_plan")
@pytest.mark.parametrize("person", ["partner", "family"])
def test_partners_and_family_members_find_no_page(client_as, cast, person):
    assert client_as(person).get(URL).status_code == 404


@pytest.mark.usefixtures("troubled_plan")
def test_the_page_changes_nothing_and_refuses_writes(client_as, cast):
    for person in ("superintendent", "principal_north_1"):
        assert client_as(person).post(URL).status_code == 405


@pytest.mark.usefixtures("troubled_plan")
def test_an_outsider_sees_their_own_district_without_a_plan(client_as, cast):
    text = _page(client_as, "outsider")
    assert "no plan in Districtwise yet" in text
    assert "Robotics club" not in text
