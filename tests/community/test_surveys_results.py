"""Survey results are totals only: counts under the district's minimum display n are
hidden, with a second one hidden when only one would be; a reader counts only the schools
they may see; text answers go to the survey's builders only; the CSV says the same."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from districtwise.community.selectors.surveys import survey_results
from districtwise.equity.models import EquitySettings
from tests import factories as f

pytestmark = pytest.mark.django_db
SCRIPT = '<script>alert("hi")</script>'


@pytest.fixture
def survey(cast):
    """North One: 20 answer 4 and 5 answer 5 (25); North Two: 3; South One: 12."""
    survey = f.open_survey(cast.district)
    f.survey_responses(survey, cast.north_1, 20, scale=4, choice=0, text=SCRIPT)
    f.survey_responses(survey, cast.north_1, 5, scale=5, choice=1, group="student")
    f.survey_responses(survey, cast.north_2, 3, scale=1, choice=2)
    f.survey_responses(survey, cast.south_1, 12, scale=2, choice=0, language="es")
    return survey


def counts(figures):
    return {f.label: f.count for f in figures}


def test_a_school_under_the_minimum_is_hidden_and_the_next_smallest_with_it(cast, survey):
    results = survey_results(user=cast["superintendent"], district=cast.district, survey=survey)
    assert results.minimum == 10 and results.responses == 40
    assert counts(results.by_school) == {
        "North One Elementary": 25,
        "North Two Middle": None,
        "South One High": None,  # complementary: else 40 - 25 - 12 gives North Two away
    }


def test_a_scale_question_hides_its_small_cells_and_shows_zeros_and_the_mean(cast, survey):
    results = survey_results(
        user=cast["superintendent"], district=cast.district, survey=survey, school=cast.north_1.pk
    )
    scale = results.questions[0]
    assert scale.shown and scale.answered == 25
    assert scale.mean == pytest.approx((20 * 4 + 5 * 5) / 25)
    figures = [fig.count for fig in scale.figures]
    # 5 answers of "5" are under 10: hidden, and the 20 of "4" with them; zeros stay zeros.
    assert figures == [0, 0, 0, None, None]


def test_a_selection_under_the_minimum_hides_every_figure(cast, survey):
    results = survey_results(
        user=cast["superintendent"], district=cast.district, survey=survey, school=cast.north_2.pk
    )
    assert results.responses == 3 and not results.shown
    assert all(not q.shown and not q.figures and q.mean is None for q in results.questions)


def test_the_district_minimum_display_n_is_the_one_applied(cast, survey):
    EquitySettings.objects.create(district=cast.district, minimum_display_n=3)
    results = survey_results(user=cast["superintendent"], district=cast.district, survey=survey)
    assert counts(results.by_school) == {
        "North One Elementary": 25,
        "North Two Middle": 3,
        "South One High": 12,
    }
    choice = results.questions[1]
    assert counts(choice.figures) == {"Text messages": 32, "E-mail": 5, "Paper": 3}


def test_filters_by_group_and_language_narrow_the_count(cast, survey):
    by_group = survey_results(
        user=cast["superintendent"], district=cast.district, survey=survey, group="student"
    )
    by_language = survey_results(
        user=cast["superintendent"], district=cast.district, survey=survey, language="es"
    )
    assert (by_group.responses, by_language.responses) == (5, 12)
    assert not by_group.shown and by_language.shown


def test_a_principal_counts_only_their_school_and_cannot_pick_another(cast, survey):
    mine = survey_results(user=cast["principal_north_1"], district=cast.district, survey=survey)
    other = survey_results(
        user=cast["principal_north_1"],
        district=cast.district,
        survey=survey,
        school=cast.south_1.pk,
    )
    assert mine.responses == 25 and counts(mine.by_school) == {"North One Elementary": 25}
    assert other.responses == 0


def test_a_network_lead_counts_their_networks_schools(cast, survey):
    results = survey_results(user=cast["north_lead"], district=cast.district, survey=survey)
    assert results.responses == 28
    assert counts(results.by_school) == {"North One Elementary": None, "North Two Middle": None}


def test_text_answers_go_to_builders_only(cast, survey, client_as):
    url = reverse("community:survey_results", args=[survey.pk])
    as_builder = client_as("department_lead").get(url, {"school": cast.north_1.pk})
    assert as_builder.status_code == 200
    assert as_builder.context["results"].questions[2].texts[:1] == [SCRIPT]
    as_principal = client_as("principal_north_1").get(url)
    assert as_principal.status_code == 200
    assert not as_principal.context["results"].texts_shown
    assert b"alert" not in as_principal.content


def test_script_in_a_text_answer_is_shown_escaped_on_the_results_page(cast, survey, client_as):
    url = reverse("community:survey_results", args=[survey.pk])
    page = client_as("superintendent").get(url).content.decode()
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;" in page


def test_a_shared_survey_shows_a_partner_district_totals_without_schools_or_texts(cast, client_as):
    shared = f.open_survey(cast.district, title="Shared", shared=True)
    f.survey_responses(shared, cast.north_1, 12, text="We need a crossing guard")
    f.survey_responses(shared, cast.south_1, 12)
    partner = client_as("partner")
    page = partner.get(reverse("community:survey_results", args=[shared.pk]))
    assert page.status_code == 200
    results = page.context["results"]
    assert results.totals_only and results.responses == 24 and results.by_school == []
    assert not results.texts_shown and b"crossing guard" not in page.content
    narrowed = partner.get(
        reverse("community:survey_results", args=[shared.pk]), {"school": cast.north_1.pk}
    )
    assert narrowed.context["results"].responses == 24
    links = partner.get(reverse("community:survey_links", args=[shared.pk]))
    assert links.status_code == 403


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_csv_hides_what_the_page_hides(cast, survey, client_as):
    url = reverse("community:survey_results_csv", args=[survey.pk])
    rows = read_csv(client_as("superintendent").get(url))
    by_school = {r[1]: r[3] for r in rows if r[0] == "by school"}
    assert by_school == {
        "North One Elementary": "25",
        "North Two Middle": "hidden (fewer than 10)",
        "South One High": "hidden (fewer than 10)",
    }
    narrowed = read_csv(client_as("superintendent").get(url, {"school": cast.north_2.pk}))
    assert [r[3] for r in narrowed if r[0].startswith("question")] == ["hidden (fewer than 10)"] * 3


def test_the_csv_keeps_script_as_text_and_defuses_formulas(cast, survey, client_as):
    f.survey_responses(survey, cast.north_1, 1, text='=HYPERLINK("http://x")')
    url = reverse("community:survey_results_csv", args=[survey.pk])
    rows = read_csv(client_as("superintendent").get(url))
    texts = [r[3] for r in rows if r[2] == "text answer"]
    assert SCRIPT in texts
    assert '\'=HYPERLINK("http://x")' in texts
    principal = read_csv(client_as("principal_north_1").get(url))
    assert not [r for r in principal if r[2] == "text answer"]
