"""Building a survey through its pages: questions in English, each language's texts,
opening (refused while a language lacks a text, listing what), closing; what readers may
not change; and engagement events with their totals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from districtwise.community.models import EngagementEvent, Survey, SurveyLink
from districtwise.community.services import surveys as services
from districtwise.core.models import AuditEntry
from tests import factories as f

pytestmark = pytest.mark.django_db


def start(client, **extra) -> Survey:
    response = client.post(
        reverse("community:survey_new"),
        {"title": "Spring family survey", "languages": ["es"], **extra},
    )
    assert response.status_code == 302
    return Survey.objects.get(title="Spring family survey")


def add_choice_question(client, survey: Survey):
    response = client.post(
        reverse("community:survey_question_new", args=[survey.pk]),
        {"kind": "choice", "text": "How do you hear from us?", "choices": "Text\nE-mail\nPaper"},
    )
    assert response.status_code == 302
    return survey.questions.get()


def test_a_builder_starts_a_draft_in_english_and_spanish(cast, client_as):
    survey = start(client_as("department_lead"))
    assert survey.is_draft and survey.languages == ["en", "es"]
    assert survey.texts.get(language="en").title == "Spring family survey"
    assert AuditEntry.objects.filter(object_type="community.survey", action="create").exists()


def test_opening_is_refused_while_spanish_lacks_texts_and_says_which(cast, client_as):
    client = client_as("superintendent")
    survey = start(client)
    add_choice_question(client, survey)
    response = client.post(reverse("community:survey_open", args=[survey.pk]), follow=True)
    text = response.content.decode()
    assert "cannot open while texts are missing" in text
    assert "Español: the survey&#x27;s title, question 1&#x27;s text" in text
    survey.refresh_from_db()
    assert survey.is_draft and not SurveyLink.objects.filter(survey=survey).exists()


def test_the_translation_page_shows_the_english_beside_and_what_is_missing(cast, client_as):
    client = client_as("superintendent")
    survey = start(client)
    add_choice_question(client, survey)
    page = client.get(reverse("community:survey_translate", args=[survey.pk, "es"]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Still missing in Español" in text and "How do you hear from us?" in text


def test_a_spanish_choice_list_of_another_length_is_refused_next_to_its_field(cast, client_as):
    client = client_as("superintendent")
    survey = start(client)
    question = add_choice_question(client, survey)
    url = reverse("community:survey_translate", args=[survey.pk, "es"])
    refused = client.post(
        url,
        {
            "title": "Encuesta",
            f"q{question.pk}_text": "¿Cómo?",
            f"q{question.pk}_choices": "Sí\nNo",
        },
    )
    assert refused.status_code == 400
    assert refused.context["form"].errors[f"q{question.pk}_choices"] == [
        "List 3 choices, one a line, in the English order (2 given)."
    ]
    assert not question.texts.filter(language="es").exists()


def test_once_translated_the_survey_opens_with_a_link_per_school(cast, client_as):
    client = client_as("superintendent")
    survey = start(client)
    question = add_choice_question(client, survey)
    saved = client.post(
        reverse("community:survey_translate", args=[survey.pk, "es"]),
        {
            "title": "Encuesta de primavera",
            f"q{question.pk}_text": "¿Cómo recibe noticias?",
            f"q{question.pk}_choices": "Mensaje\nCorreo\nPapel",
        },
    )
    assert saved.status_code == 302
    client.post(reverse("community:survey_open", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.is_open
    schools = {link.school_id for link in survey.links.all()}
    assert schools == {cast.north_1.pk, cast.north_2.pk, cast.south_1.pk}
    links = client.get(reverse("community:survey_links", args=[survey.pk]))
    assert links.content.decode().count("/community/s/") == 3


def test_questions_are_reordered_and_frozen_once_open(cast, client_as):
    client = client_as("superintendent")
    survey = start(client)
    first = add_choice_question(client, survey)
    client.post(
        reverse("community:survey_question_new", args=[survey.pk]),
        {"kind": "text", "text": "Anything else?"},
    )
    second = survey.questions.exclude(pk=first.pk).get()
    client.post(reverse("community:survey_question_move", args=[second.pk]), {"direction": "up"})
    assert list(survey.questions.values_list("pk", flat=True)) == [second.pk, first.pk]
    opened = f.open_survey(cast.district, title="Open one")
    with pytest.raises(ValidationError, match="only while the survey is a draft"):
        services.question_remove(actor=None, question=opened.questions.first())


def test_a_scale_question_needs_what_its_ends_mean(cast, client_as):
    client = client_as("superintendent")
    survey = start(client)
    refused = client.post(
        reverse("community:survey_question_new", args=[survey.pk]),
        {"kind": "scale", "text": "Do you feel welcome?"},
    )
    assert refused.status_code == 400
    assert "Say what 1 and 5 mean" in refused.content.decode()
    assert not survey.questions.exists()


def test_a_principal_reads_the_survey_but_may_not_change_or_open_it(cast, client_as):
    survey = f.open_survey(cast.district)
    client = client_as("principal_north_1")
    assert client.get(reverse("community:survey", args=[survey.pk])).status_code == 200
    assert client.post(reverse("community:survey_close", args=[survey.pk])).status_code == 403
    edit = client.post(reverse("community:survey_edit", args=[survey.pk]), {"title": "Mine"})
    assert edit.status_code == 403
    survey.refresh_from_db()
    assert survey.is_open and survey.title == "Family survey"


def test_a_principal_sees_their_schools_link_only(cast, client_as):
    survey = f.open_survey(cast.district)
    page = client_as("principal_north_1").get(reverse("community:survey_links", args=[survey.pk]))
    assert [link.school for link in page.context["links"]] == [cast.north_1]


def test_drafts_are_the_builders_only(cast, client_as):
    draft = f.SurveyFactory(district=cast.district)
    url = reverse("community:survey", args=[draft.pk])
    assert client_as("department_lead").get(url).status_code == 200
    assert client_as("principal_north_1").get(url).status_code == 404


def test_another_districts_survey_is_not_found(cast, client_as):
    theirs = f.open_survey(cast.other_district)
    client = client_as("superintendent")
    assert client.get(reverse("community:survey", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("community:survey_results", args=[theirs.pk])).status_code == 404


def test_closing_an_open_survey(cast, client_as):
    survey = f.open_survey(cast.district)
    client_as("department_lead").post(reverse("community:survey_close", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.status == Survey.Status.CLOSED and survey.closed_at is not None


# ----- engagement events -----------------------------------------------------------------
def event_data(school, **extra) -> dict:
    data = {
        "title": "Family literacy night",
        "school": school.pk if school else "",
        "place": "",
        "held_on": "2026-03-12",
        "attendance": "45",
        "languages": ["en", "es"],
        "notes": "",
    }
    return {**data, **extra}


def test_a_principal_records_an_event_at_their_school(cast, client_as):
    response = client_as("principal_north_1").post(
        reverse("community:event_new"), event_data(cast.north_1)
    )
    assert response.status_code == 302
    event = EngagementEvent.objects.get(district=cast.district)
    assert (event.school, event.attendance, event.languages) == (cast.north_1, 45, ["en", "es"])
    assert event.held_on == dt.date(2026, 3, 12)


def test_a_principal_may_not_record_an_event_at_another_school(cast, client_as):
    refused = client_as("principal_north_1").post(
        reverse("community:event_new"), event_data(cast.south_1)
    )
    assert refused.status_code == 400
    assert "you record events at your own schools only" in refused.content.decode()
    assert not EngagementEvent.objects.exists()


def test_an_event_needs_a_school_or_a_place_and_a_count(cast, client_as):
    refused = client_as("superintendent").post(
        reverse("community:event_new"), event_data(None, attendance="-3")
    )
    assert refused.status_code == 400
    assert refused.context["form"].errors["attendance"] == ["Attendance is zero or more."]
    again = client_as("superintendent").post(reverse("community:event_new"), event_data(None))
    assert again.context["form"].errors["place"] == [
        "Name the school or the place where the event was held."
    ]
    assert not EngagementEvent.objects.exists()


def test_events_are_totalled_per_school_and_per_language(cast, client_as):
    f.EngagementEventFactory(district=cast.district, school=cast.north_1, attendance=40)
    f.EngagementEventFactory(
        district=cast.district, school=cast.north_1, attendance=10, languages=["en"]
    )
    f.EngagementEventFactory(
        district=cast.district, school=None, place="Library", attendance=5, languages=["so"]
    )
    f.EngagementEventFactory(district=cast.other_district, attendance=999)
    page = client_as("coach_north_1").get(reverse("community:events"))
    totals = page.context["totals"]
    assert (totals.events, totals.attendance) == (3, 55)
    assert totals.by_school == [
        {"place": "Elsewhere than a school", "events": 1, "attendance": 5},
        {"place": "North One Elementary", "events": 2, "attendance": 50},
    ]
    assert totals.by_language == [
        {"language": "English", "events": 2, "attendance": 50},
        {"language": "Spanish", "events": 1, "attendance": 40},
        {"language": "Somali", "events": 1, "attendance": 5},
    ]
    assert not page.context["records"]


def test_a_coach_reads_events_but_may_not_change_one(cast, client_as):
    event = f.EngagementEventFactory(district=cast.district, school=cast.north_1)
    url = reverse("community:event_edit", args=[event.pk])
    assert client_as("coach_north_1").post(url, event_data(cast.north_1)).status_code == 403
    saved = client_as("north_lead").post(url, event_data(cast.north_1, attendance="60"))
    assert saved.status_code == 302
    event.refresh_from_db()
    assert event.attendance == 60


def test_a_long_list_of_events_comes_in_pages_while_the_totals_count_them_all(cast, client_as):
    f.EngagementEventFactory.create_batch(55, district=cast.district, school=cast.north_1)
    client = client_as("superintendent")
    first = client.get(reverse("community:events"))
    second = client.get(reverse("community:events"), {"page": 2})
    assert len(first.context["events"]) == 50 and len(second.context["events"]) == 5
    assert first.context["totals"].events == 55
    assert b"Page 1 of 2" in first.content


def test_an_open_surveys_text_may_be_corrected_but_not_emptied(cast, client_as):
    survey = f.open_survey(cast.district)
    question = survey.questions.get(kind="text")
    url = reverse("community:survey_translate", args=[survey.pk, "es"])
    client = client_as("superintendent")
    page = client.get(url)
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    emptied = client.post(url, {**data, f"q{question.pk}_text": ""})
    assert emptied.status_code == 400
    assert emptied.context["form"].non_field_errors() == [
        "An open survey's texts cannot be emptied (now missing: question 3's text); "
        "nothing was saved."
    ]
    assert question.texts.get(language="es").text.startswith("¿Qué")
    corrected = client.post(url, {**data, f"q{question.pk}_text": "¿Qué haría usted?"})
    assert corrected.status_code == 302
    assert question.texts.get(language="es").text == "¿Qué haría usted?"


def test_a_school_opened_later_gets_its_link_when_a_builder_asks(cast, client_as):
    survey = f.open_survey(cast.district)
    late = f.SchoolFactory(district=cast.district, name="Late Start Elementary")
    links_url = reverse("community:survey_links", args=[survey.pk])
    builder = client_as("superintendent")
    page = builder.get(links_url)
    # Reading the page writes nothing; it says what is missing and offers to add it.
    assert not SurveyLink.objects.filter(survey=survey, school=late).exists()
    assert page.context["without_link"] == 1
    assert "1 school opened since the survey opened has no link yet." in page.content.decode()
    add = reverse("community:survey_links_add", args=[survey.pk])
    assert builder.get(add).status_code == 405
    assert client_as("principal_north_1").post(add).status_code == 403
    assert not SurveyLink.objects.filter(survey=survey, school=late).exists()
    builder = client_as("superintendent")  # the one test client, logged in again
    added = builder.post(add, follow=True)
    assert "1 school link added." in added.content.decode()
    assert SurveyLink.objects.filter(survey=survey, school=late).count() == 1
    assert added.context["without_link"] == 0
    entry = AuditEntry.objects.filter(object_id=str(survey.pk)).latest("pk")
    assert entry.changes == {"school links": [3, 4]}
    again = builder.post(add, follow=True)
    assert "Every school already has its link." in again.content.decode()
    assert SurveyLink.objects.filter(survey=survey).count() == 4


def test_links_are_added_only_to_an_open_survey(cast, client_as):
    survey = f.open_survey(cast.district)
    services.survey_close(actor=None, survey=survey)
    f.SchoolFactory(district=cast.district)
    builder = client_as("superintendent")
    assert (
        builder.get(reverse("community:survey_links", args=[survey.pk])).context["without_link"]
        == 0
    )
    refused = builder.post(reverse("community:survey_links_add", args=[survey.pk]), follow=True)
    assert "Links are added only while the survey is open; this one is closed." in (
        refused.content.decode()
    )
    assert survey.links.count() == 3
