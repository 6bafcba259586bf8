"""The meeting summary of a month, as a page and as a PDF, on the network of
tests/improvement/test_learning_matrix.py (its cycles are listed there)."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass

import pytest
from django.urls import reverse

from districtwise.improvement.forms.learning import parse_month
from districtwise.improvement.selectors import learning as selectors
from districtwise.improvement.services import learning as services
from tests.improvement.test_learning_matrix import network  # noqa: F401  (a fixture)


def d(month: int, day: int) -> dt.date:
    return dt.date(2025, month, day)


@pytest.fixture
def entries(cast, network):  # noqa: F811
    for day, text in [(d(9, 25), "September thought"), (d(10, 14), "October thought")]:
        services.learning_entry_create(
            actor=cast["coach_north_1"], network=network, written_on=day, text=text
        )


def summary_url(network, month: str | None = None) -> str:  # noqa: F811
    url = reverse("improvement:learning_summary", args=[network.pk])
    return url + (f"?month={month}" if month else "")


def pdf_url(network, month: str) -> str:  # noqa: F811
    return reverse("improvement:learning_summary_pdf", args=[network.pk]) + f"?month={month}"


def stood(summary) -> dict:
    return {
        (t.team.school.name, c.cycle.change_idea.title, c.cycle.planned_start): c.stood
        for t in summary.teams
        for c in t.cycles
    }


def test_october_holds_the_cycles_open_or_closed_in_it(cast, network, entries):  # noqa: F811
    summary = selectors.meeting_summary(user=cast["family"], network=network, year=2025, month=10)
    n1, n2, s1 = cast.north_1.name, cast.north_2.name, cast.south_1.name
    assert stood(summary) == {
        (n1, "Advisory calls", d(10, 1)): "In the Plan stage",
        (n1, "Grade checks", d(9, 20)): "Decided: Adopt",
        (n2, "Grade checks", d(10, 5)): "In the Do stage",
        (s1, "Grade checks", d(10, 1)): "Decided: Abandon",
    }
    assert (summary.cycle_count, summary.idea_count) == (4, 2)
    assert summary.decisions == {"adopt": 1, "adapt": 0, "abandon": 1}
    assert [e["entry"].text for e in summary.entries] == ["October thought"]


def test_a_cycle_closed_after_the_month_was_still_testing_at_its_end(cast, network):  # noqa: F811
    summary = selectors.meeting_summary(user=cast["family"], network=network, year=2025, month=9)
    n1, n2 = cast.north_1.name, cast.north_2.name
    assert stood(summary) == {
        (n1, "Grade checks", d(9, 1)): "Decided: Adapt",
        (n1, "Grade checks", d(9, 20)): "Still testing at the month's end",
        (n2, "Grade checks", d(9, 10)): "Decided: Adapt",
    }
    assert summary.decisions == {"adopt": 0, "adapt": 2, "abandon": 0}


def test_the_page_shows_the_month_and_links_to_its_neighbours(client_as, cast, network, entries):  # noqa: F811
    page = client_as("principal_north_1").get(summary_url(network, "2025-10"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Meeting summary of Matrix network: October 2025" in html
    assert "4 cycles ran at 3 schools on 2 change ideas" in html
    assert "1 to adopt, 0 to adapt, 1 to abandon" in html
    assert "October thought" in html and "September thought" not in html
    assert "?month=2025-09" in html and "?month=2025-11" in html
    assert pdf_url(network, "2025-10") in html
    assert "no measure charts to show yet" in html


def test_the_page_shows_this_month_by_default(client_as, cast, network):  # noqa: F811
    from django.utils import timezone

    today = timezone.localdate()
    page = client_as("family").get(summary_url(network))
    assert page.status_code == 200
    assert f'value="{today:%Y-%m}"' in page.content.decode()


def test_a_month_outside_the_period_says_so(client_as, cast, network):  # noqa: F811
    html = client_as("family").get(summary_url(network, "2027-01")).content.decode()
    assert "January 2027 is outside the network's period" in html
    # The two cycles still open run on: they are listed in any later month.
    assert "2 cycles ran at 2 schools on 2 change ideas" in html


@pytest.mark.parametrize("month", ["2025-13", "October", "2025-1", "2025-10-01", "0000-00"])
def test_a_month_that_is_not_yyyy_mm_gets_a_clear_message(client_as, cast, network, month):  # noqa: F811
    client = client_as("coach_north_1")
    for url in (summary_url(network, month), pdf_url(network, month)):
        response = client.get(url)
        assert response.status_code == 400
        assert "is not a month" in response.content.decode()


def test_parse_month_reads_yyyy_mm_and_defaults_to_today():
    assert parse_month("2025-10", today=d(1, 1)) == (2025, 10)
    assert parse_month(" 2026-02 ", today=d(1, 1)) == (2026, 2)
    assert parse_month("", today=d(3, 9)) == (2025, 3)
    assert parse_month(None, today=d(3, 9)) == (2025, 3)


def pdf_text(body: bytes, tmp_path) -> str:
    """The words of a PDF as poppler's pdftotext lays them out, white space made single."""
    path = tmp_path / "summary.pdf"
    path.write_bytes(body)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


def test_the_pdf_holds_the_months_summary(client_as, cast, network, entries, tmp_path):  # noqa: F811
    response = client_as("family").get(pdf_url(network, "2025-10"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "summary-2025-10.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content, tmp_path)
    assert "Matrix network: meeting summary, October 2025" in text
    assert "4 cycles ran at 3 schools on 2 change ideas" in text
    assert "Grade checks" in text and "Adopt" in text and "Abandon" in text
    assert "October thought" in text and "September thought" not in text


@dataclass
class DrawnChart:
    """A chart as the charts part hands it over (measure, team, svg, words, signal, kind)."""

    measure: object
    team: object
    svg: str
    words: str
    signal: bool
    kind: str


def test_the_pdf_draws_each_charts_svg_and_its_words(cast, network, tmp_path):  # noqa: F811
    from tests import factories as f

    measure = f.MeasureFactory(network=network, name="Courses passed")
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40" role="img">'
        '<polyline points="0,30 50,20 100,10" fill="none" stroke="#005ea2"/>'
        '<text x="2" y="38" font-size="6">Week of October 6</text></svg>'
    )
    words = "A shift: eight points in a row above the median."
    chart = DrawnChart(measure, network.teams.first(), svg, words, True, "run")
    summary = selectors.meeting_summary(user=cast["family"], network=network, year=2025, month=10)
    summary.charts = [chart]
    html = selectors.meeting_summary_html(summary)
    assert svg in html
    drawn = selectors.drawn_pdf(html)
    text = pdf_text(drawn.pdf, tmp_path)
    assert "Courses passed" in text and words in text
    assert "Week of October 6" in text  # the SVG's own text was drawn
    assert drawn.pages >= 1


def test_nothing_is_fetched_from_elsewhere_while_drawing(tmp_path):
    sheet = tmp_path / "fetched.css"
    sheet.write_text('body::before { content: "FETCHED"; }')
    html = (
        f'<html><head><link rel="stylesheet" href="{sheet.as_uri()}"></head>'
        "<body><p>Only the page itself</p></body></html>"
    )
    text = pdf_text(selectors.drawn_pdf(html).pdf, tmp_path)
    assert "Only the page itself" in text
    assert "FETCHED" not in text


def test_the_summary_shows_the_real_chart_of_each_measure(client_as, cast, network):  # noqa: F811
    """The charts part draws the network line of every measure into the summary: a series
    of 12 weeks, six at 0.5 then six at 0.9, is a run of 6 on each side (no longer than 7)
    with one crossing (fewer than the 3 the rule asks for at 12 points): a signal."""
    from tests import factories as f

    measure = f.MeasureFactory(network=network, name="Courses passed", chart="run")
    team = network.teams.first()
    for week in range(12):
        on = dt.date(2025, 9, 1) + dt.timedelta(weeks=week)
        value = 0.5 if week < 6 else 0.9
        measure.values.create(team=team, period_start=on, value=value)
    summary = selectors.meeting_summary(user=cast["family"], network=network, year=2025, month=10)
    (chart,) = summary.charts
    assert chart.measure == measure and chart.signal is True
    page = client_as("family").get(summary_url(network, "2025-10")).content.decode()
    assert "Courses passed" in page and "<svg" in page
