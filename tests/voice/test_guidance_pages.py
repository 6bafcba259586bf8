"""The guidance pages as people use them: who a document applies to, publishing on top of
someone else's version (refused, nothing lost, the difference shown), acknowledging the
current version only, the library's search and badges, the tracking page and its CSV."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from districtwise.voice.models import GuidanceAcknowledgement, GuidanceDocument
from tests import factories as f
from tests.access_matrix import person
from tests.voice.matrix import matrix_document, matrix_need

pytestmark = pytest.mark.django_db


def _north_1_guidance(cast, **changes):
    """Guidance for North One's principal only, in one version."""
    data = {"district": cast.district, "department": cast.department, "title": "North One only"}
    document = f.GuidanceDocumentFactory(**(data | changes))
    document.schools.set([cast.north_1])
    f.GuidanceVersionFactory(document=document, number=1)
    return document


def _revision(document, based_on: int, body: str, **extra) -> dict:
    version = document.versions.get(number=based_on)
    return {
        "based_on": based_on,
        "body": body,
        "schools_decide": "",
        "change_summary": "Clearer deadline.",
        "effective_on": version.effective_on.isoformat(),
        "review_on": version.review_on.isoformat(),
        **extra,
    }


def test_a_principal_of_a_school_not_covered_finds_nothing(cast, client_as):
    document = _north_1_guidance(cast)
    url = reverse("voice:guidance_document", args=[document.pk])
    assert client_as("principal_north_1").get(url).status_code == 200
    assert client_as("principal_south_1").get(url).status_code == 404
    library = client_as("principal_south_1").get(reverse("voice:guidance"))
    assert "North One only" not in library.content.decode()


def test_a_teacher_leader_finds_nothing_when_only_principals_are_named(cast, client_as):
    document = matrix_document(cast)
    url = reverse("voice:guidance_document", args=[document.pk])
    assert client_as("coach_north_1").get(url).status_code == 404
    document.roles = ["principal", "teacher_leader"]
    document.save()
    assert client_as("coach_north_1").get(url).status_code == 200


def test_the_text_is_shown_as_paragraphs_and_lists_with_html_escaped(cast, client_as):
    document = _north_1_guidance(cast)
    document.versions.update(body="Do this:\n- <b>call</b> families\n- post the letter")
    page = client_as("principal_north_1").get(
        reverse("voice:guidance_document", args=[document.pk])
    )
    html = page.content.decode()
    assert "<li>&lt;b&gt;call&lt;/b&gt; families</li>" in html
    assert "<p>Do this:</p>" in html


def test_publishing_after_someone_else_saves_nothing_keeps_the_text_and_shows_the_difference(
    cast, client_as
):
    document = matrix_document(cast)
    url = reverse("voice:guidance_revise", args=[document.pk])
    assert client_as("department_lead").get(url).status_code == 200
    # Meanwhile the superintendent publishes version 2 from the same version 1.
    theirs = _revision(document, 1, "Schools post the letter in every language by Friday.")
    assert client_as("superintendent").post(url, theirs).status_code == 302
    mine = _revision(document, 1, "Schools post the family safety letter in plain words.")
    page = client_as("department_lead").post(url, mine)
    html = page.content.decode()
    assert page.status_code == 409
    assert "Superintendent Testperson published version 2" in html
    assert "Schools post the family safety letter in plain words.</textarea>" in html
    assert '<span class="usa-sr-only">[added: </span>family safety <' in html
    assert '<span class="usa-sr-only">[removed: </span>every language by Friday.<' in html
    assert '<span class="usa-sr-only">[added: </span>plain words.<' in html
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    assert 'name="based_on" value="2"' in html
    # Publishing again, having seen their version, builds on it.
    again = client_as("department_lead").post(url, _revision(document, 2, mine["body"]))
    assert again.status_code == 302
    assert document.versions.get(number=3).body == mine["body"]


def test_a_revision_without_a_summary_is_refused_next_to_the_field(cast, client_as):
    document = matrix_document(cast)
    url = reverse("voice:guidance_revise", args=[document.pk])
    page = client_as("department_lead").post(url, _revision(document, 1, "New", change_summary=""))
    assert page.status_code == 400
    assert "Say what changed from the previous version." in page.content.decode()
    assert document.versions.count() == 1


def test_acknowledging_a_superseded_version_names_and_links_the_current_one(cast, client_as):
    document = matrix_document(cast)
    first = document.versions.get()
    f.GuidanceVersionFactory(document=document, number=2, change_summary="Shorter.")
    client = client_as("principal_north_1")
    page = client.post(reverse("voice:guidance_acknowledge", args=[first.pk]))
    html = page.content.decode()
    assert page.status_code == 409
    assert "Version 1 has been replaced by version 2" in html
    assert reverse("voice:guidance_document", args=[document.pk]) in html
    assert not GuidanceAcknowledgement.objects.exists()


def test_those_it_applies_to_acknowledge_the_current_version(cast, client_as):
    document = matrix_document(cast)
    version = document.versions.get()
    url = reverse("voice:guidance_acknowledge", args=[version.pk])
    assert client_as("principal_north_1").post(url).status_code == 302
    assert client_as("north_lead").post(url).status_code == 403  # reads it, not asked
    assert client_as("coach_north_1").post(url).status_code == 404  # not for coaches
    done = GuidanceAcknowledgement.objects.values_list("person", flat=True)
    assert list(done) == [person(cast, "principal_north_1").pk]
    page = client_as("principal_north_1").get(
        reverse("voice:guidance_document", args=[document.pk])
    )
    assert "You acknowledged version 1" in page.content.decode()


def test_a_prompting_need_is_named_only_to_those_who_may_read_it(cast, client_as):
    document = matrix_document(cast)
    version = f.GuidanceVersionFactory(document=document, number=2, change_summary="Dates.")
    version.prompted_by_needs.set([matrix_need(cast)])
    url = reverse("voice:guidance_document", args=[document.pk])
    own = client_as("principal_north_1").get(url).content.decode()
    other = client_as("principal_south_1").get(url).content.decode()
    assert "Need: Matrix need" in own
    assert "Matrix need" not in other
    assert "A need from a school" in other


def test_the_library_searches_the_current_text_and_filters_by_kind(cast, client_as):
    document = matrix_document(cast)
    f.GuidanceVersionFactory(document=document, number=2, body="Fire drills happen monthly.")
    guardrail = _north_1_guidance(cast, title="No phones in exams", kind="guardrail")
    guardrail.versions.update(body="Phones stay in bags during exams.")
    client = client_as("principal_north_1")
    library = reverse("voice:guidance")

    def found(**query) -> set[str]:
        page = client.get(library, query)
        return {d.title for d in (document, guardrail) if d.title in page.content.decode()}

    assert found(q="drills") == {"Matrix guidance"}
    assert found(q="safety letter") == set()  # only in the superseded version
    assert found(kind="guardrail") == {"No phones in exams"}
    assert found(q="teaching") == {"Matrix guidance", "No phones in exams"}  # department


def test_the_library_marks_what_to_acknowledge_and_overdue_reviews_for_owners(cast, client_as):
    document = matrix_document(cast)
    document.versions.update(effective_on=dt.date(2024, 1, 1), review_on=dt.date(2025, 1, 1))
    library = reverse("voice:guidance")
    principal = client_as("principal_north_1").get(library).content.decode()
    assert "To acknowledge" in principal and "Review overdue" not in principal
    owner = client_as("department_lead").get(library).content.decode()
    assert "Review overdue" in owner and "To acknowledge" not in owner
    client_as("principal_north_1").post(
        reverse("voice:guidance_acknowledge", args=[document.versions.get().pk])
    )
    assert "To acknowledge" not in client_as("principal_north_1").get(library).content.decode()


def test_a_superseded_version_stays_readable_and_links_the_current_one(cast, client_as):
    document = matrix_document(cast)
    first = document.versions.get()
    f.GuidanceVersionFactory(document=document, number=2)
    page = client_as("principal_south_1").get(reverse("voice:guidance_version", args=[first.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Superseded" in html and "Read the current version 2" in html
    assert "I have read version 1" not in html


def test_the_difference_page_marks_words_and_refuses_a_missing_version(cast, client_as):
    document = matrix_document(cast)
    f.GuidanceVersionFactory(
        document=document,
        number=2,
        body="Schools post the family safety letter in every language of their families.",
        change_summary="Every language, not only the main ones.",
    )
    document.versions.filter(number=1).update(
        body="Schools post the family safety letter in the main languages of their families."
    )
    url = reverse("voice:guidance_diff", args=[document.pk])
    html = client_as("principal_north_1").get(url, {"from": 1, "to": 2}).content.decode()
    assert '<del><span class="usa-sr-only">[removed: </span>the main ' in html
    assert '<ins><span class="usa-sr-only">[added: </span>every ' in html
    assert "Every language, not only the main ones." in html
    bad = client_as("principal_north_1").get(url, {"from": 7, "to": 2})
    assert bad.status_code == 400
    assert "has no version 7" in bad.content.decode()


def test_the_owner_tracks_acknowledgements_and_downloads_them(cast, client_as):
    document = matrix_document(cast)
    client_as("principal_north_2").post(
        reverse("voice:guidance_acknowledge", args=[document.versions.get().pk])
    )
    page = client_as("department_lead").get(
        reverse("voice:guidance_acknowledgements", args=[document.pk])
    )
    assert "1 of 3 people have acknowledged" in page.content.decode()
    csv = client_as("department_lead").get(
        reverse("voice:guidance_acknowledgements_csv", args=[document.pk])
    )
    lines = csv.content.decode().splitlines()
    assert lines[0] == "school,person,role,version,acknowledged,acknowledged_at"
    assert [line.split(",")[:5] for line in lines[1:]] == [
        ["North One Elementary", "Principal North 1 Testperson", "Principal", "1", "no"],
        ["North Two Middle", "Principal North 2 Testperson", "Principal", "1", "yes"],
        ["South One High", "Principal South 1 Testperson", "Principal", "1", "no"],
    ]


def test_a_department_lead_starts_a_document_for_their_own_department_only(cast, client_as):
    other = f.DepartmentFactory(district=cast.district, name="Facilities")
    data = {
        "title": "Visitor sign-in",
        "kind": "guardrail",
        "department": other.pk,
        "schools": [cast.north_1.pk],
        "roles": ["principal"],
        "body": "Every visitor signs in at the front office.",
        "schools_decide": "Where the sign-in desk stands.",
        "effective_on": "2026-02-01",
        "review_on": "2026-08-01",
    }
    url = reverse("voice:guidance_new")
    refused = client_as("department_lead").post(url, data)
    assert refused.status_code == 400
    assert not GuidanceDocument.objects.filter(title="Visitor sign-in").exists()
    made = client_as("department_lead").post(url, data | {"department": cast.department.pk})
    assert made.status_code == 302
    document = GuidanceDocument.objects.get(title="Visitor sign-in")
    assert document.versions.get().number == 1


def test_a_review_date_before_the_effective_date_is_refused_next_to_it(cast, client_as):
    data = {
        "title": "Backwards",
        "kind": "guidance",
        "department": cast.department.pk,
        "roles": ["principal"],
        "body": "Text.",
        "effective_on": "2026-02-01",
        "review_on": "2026-01-01",
    }
    page = client_as("department_lead").post(reverse("voice:guidance_new"), data)
    assert page.status_code == 400
    assert "The review date comes on or after the effective date." in page.content.decode()


@pytest.mark.parametrize(
    ("name", "status"),
    [("department_lead", 302), ("north_lead", 403), ("principal_north_1", 403), ("family", 404)],
)
def test_only_owners_retire_a_document(cast, client_as, name, status):
    document = matrix_document(cast)
    response = client_as(name).post(reverse("voice:guidance_retire", args=[document.pk]))
    assert response.status_code == status
    document.refresh_from_db()
    assert (document.retired_at is not None) == (status == 302)
