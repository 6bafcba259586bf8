"""The equity audit's pages, per role: overview, dimension drill-down, findings, settings
and the exports. Figures come through the real selectors from a stored audit of the
cast's district (tests/equity/conftest.py) or from a real import of a generated district."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.urls import reverse

from districtwise.data.worker import run_worker
from districtwise.equity.models import BoardReport, EquitySettings
from tests.conftest import NAMED_PEOPLE
from tests.equity.conftest import YEAR, figure, store_run

READERS = [p for p in NAMED_PEOPLE if p != "family"]  # family members see no audit
PAGES = [
    ("equity:overview", []),
    ("equity:findings", []),
    ("equity:dimension", ["discipline"]),
    ("equity:settings", []),
]


def unit_rows(unit_type, unit_id, all_count, all_n, *, small_f=True) -> list[dict]:
    """One unit's out-of-school suspension by sex; F is small (suppressed for most)."""
    f_n = 4 if small_f else 200
    return [
        figure(unit_type, unit_id, "all", "all", all_count, all_n),
        figure(unit_type, unit_id, "sex", "F", 1, f_n, comparison_value=0.1, ratio=2.5),
        figure(unit_type, unit_id, "sex", "M", all_count - 1, all_n - f_n, comparison_value=0.25),
    ]


@pytest.fixture
def distinct_audit(cast):
    """Every unit with figures no other unit has: north_2 22.0%, south_1 26.0%."""
    rows = (
        unit_rows("district", cast.district.code, 188, 1100, small_f=False)
        + unit_rows("network", cast.north.code, 97, 750, small_f=False)
        + unit_rows("network", cast.south.code, 91, 350)
        + unit_rows("school", cast.north_1.code, 20, 400)
        + unit_rows("school", cast.north_2.code, 77, 350)
        + unit_rows("school", cast.south_1.code, 91, 350)
    )
    return store_run(cast.district, rows)


def get(client, cast, person, name, args=(), query=""):
    client.force_login(cast[person])
    return client.get(reverse(name, args=list(args)) + query)


@pytest.mark.parametrize("person", READERS)
@pytest.mark.parametrize(("name", "args"), PAGES)
def test_every_reader_opens_every_page(client, cast, distinct_audit, person, name, args):
    response = get(client, cast, person, name, args)
    assert response.status_code == 200, (person, name)


@pytest.mark.parametrize(("name", "args"), [*PAGES, ("equity:export", ["csv"])])
def test_family_members_find_no_audit(client, cast, distinct_audit, name, args):
    assert get(client, cast, "family", name, args).status_code == 404


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_an_outsider_sees_nothing_of_another_district(client, cast, distinct_audit, name, args):
    """Their own district (no audit) answers; nothing of Riverside's shows."""
    response = get(client, cast, "outsider", name, args)
    assert response.status_code == 200
    for word in ("North One Elementary", "North Network", "Riverside"):
        assert word not in response.content.decode()
    assert (
        get(client, cast, "outsider", "equity:export", ["csv"], f"?year={YEAR}").status_code == 404
    )


def test_an_unknown_dimension_is_not_found(client, cast, distinct_audit):
    assert get(client, cast, "superintendent", "equity:dimension", ["bravery"]).status_code == 404


def test_the_overview_shows_a_card_per_dimension_and_the_findings(client, cast, distinct_audit):
    page = get(client, cast, "superintendent", "equity:overview").content.decode()
    for name in ("Resources", "Opportunity to learn", "Discipline", "Attendance", "Achievement"):
        assert name in page
    assert 'role="img"' in page
    assert "Top findings" in page
    assert "2025-26" in page


def test_a_principal_never_sees_another_schools_figures(client, cast, distinct_audit):
    """Neither on the pages nor by asking for the other school's unit id."""
    school = f"?year={YEAR}&unit_type=school&unit_id={cast.north_1.code}&group_type=sex"
    pages = [
        get(client, cast, "principal_north_1", "equity:overview"),
        get(client, cast, "principal_north_1", "equity:findings"),
        get(client, cast, "principal_north_1", "equity:dimension", ["discipline"]),
        get(client, cast, "principal_north_1", "equity:dimension", ["discipline"], school),
    ]
    for response in pages:
        page = response.content.decode()
        assert response.status_code == 200
        for other in ("North Two Middle", "South One High", "22.0%", "26.0%"):
            assert other not in page
    for other in (cast.north_2, cast.south_1):
        query = f"?unit_type=school&unit_id={other.code}"
        asked = get(client, cast, "principal_north_1", "equity:dimension", ["discipline"], query)
        assert asked.status_code == 404
    assert "North One Elementary" in pages[-1].content.decode()


def test_a_principal_sees_suppressed_with_the_reason_and_the_steward_the_number(
    client, cast, distinct_audit
):
    query = f"?year={YEAR}&unit_type=school&unit_id={cast.north_1.code}&group_type=sex"
    principal = get(client, cast, "principal_north_1", "equity:dimension", ["discipline"], query)
    page = principal.content.decode()
    assert "suppressed" in page
    assert "25.0%" not in page  # 1 of 4 girls
    # 4 girls: hidden for being under the minimum display n, and the page says so.
    assert "Fewer than 10 students: hidden to protect privacy" in page
    steward = get(client, cast, "data_steward", "equity:dimension", ["discipline"], query)
    assert "25.0%" in steward.content.decode()


def test_the_drill_down_goes_from_the_district_to_a_network_and_a_school(
    client, cast, distinct_audit
):
    district = get(client, cast, "superintendent", "equity:dimension", ["discipline"]).content
    assert b"North Network" in district and b"South Network" in district
    query = f"?unit_type=network&unit_id={cast.north.code}&group_type=sex"
    network = get(client, cast, "superintendent", "equity:dimension", ["discipline"], query)
    assert b"North One Elementary" in network.content and b"North Two Middle" in network.content
    assert b"South One High" not in network.content


def test_a_network_lead_sees_their_network_and_not_the_other(client, cast, distinct_audit):
    page = get(client, cast, "north_lead", "equity:dimension", ["discipline"]).content.decode()
    assert "North Network" in page and "South Network" not in page
    query = f"?unit_type=network&unit_id={cast.south.code}"
    assert (
        get(client, cast, "north_lead", "equity:dimension", ["discipline"], query).status_code
        == 404
    )


def test_the_partner_sees_only_the_school_they_serve_suppressed(client, cast, distinct_audit):
    page = get(client, cast, "partner", "equity:dimension", ["discipline"], "?group_type=sex")
    text = page.content.decode()
    assert "South One High" in text and "North One Elementary" not in text
    assert "suppressed" in text


def test_unavailable_metrics_name_the_missing_file(client, cast):
    empty = dict.fromkeys(("numerator", "denominator", "value", "comparison_value", "ratio"))
    rows = [
        figure("district", cast.district.code, "all", "all", 0, 0)
        | empty
        | {"dimension": "attendance", "metric": "chronic_absenteeism", "status": "unavailable"}
    ]
    store_run(cast.district, rows)
    page = get(client, cast, "superintendent", "equity:dimension", ["attendance"]).content
    assert b"attendance.csv" in page and b"was not imported" in page


def test_findings_filter_by_school(client, cast, distinct_audit):
    everything = get(client, cast, "superintendent", "equity:findings").content.decode()
    narrowed = get(
        client, cast, "superintendent", "equity:findings", query=f"?school={cast.north_1.code}"
    ).content.decode()
    assert narrowed.count('class="dw-finding"') <= everything.count('class="dw-finding"')
    assert "South One High</a>" not in narrowed


def test_findings_are_read_page_by_page_in_ranked_order(client, cast, distinct_audit, monkeypatch):
    from districtwise.equity.views import pages

    link = r'<li class="dw-finding">\s*<p><strong><a [^>]*>([^<]*)</a>'
    every = get(client, cast, "superintendent", "equity:findings").content.decode()
    ranked = re.findall(link, every)
    assert len(ranked) == 2
    monkeypatch.setattr(pages, "FINDINGS_PER_PAGE", 1)
    first = get(client, cast, "superintendent", "equity:findings").content.decode()
    assert "Findings 1\u20131 of 2, in ranked order." in first
    assert re.findall(link, first) == ranked[:1]
    assert 'href="?page=2"' in first
    second = get(client, cast, "superintendent", "equity:findings", query="?page=2").content
    second = second.decode()
    assert "Findings 2\u20132 of 2, in ranked order." in second
    assert '<ol class="usa-list usa-list--unstyled" start="2">' in second
    assert re.findall(link, second) == ranked[1:]
    # The filters chosen are kept from page to page.
    query = "?group_type=sex"
    filtered = get(client, cast, "superintendent", "equity:findings", query=query).content
    assert b'href="?page=2&amp;group_type=sex"' in filtered


# ---------------------------------------------------------------- settings


SETTINGS_EDITORS = ["superintendent", "data_steward", "sysadmin"]


def settings_data(**changes) -> dict:
    data = {
        "risk_ratio_threshold": 2.0,
        "minimum_cell_size": 10,
        "minimum_n_size": 30,
        "minimum_display_n": 10,
        "chronic_rule": "share",
        "chronic_share": 0.1,
        "chronic_days": 15,
        "minimum_days_enrolled": 10,
        "gap_points": 10,
        "weight_economically_disadvantaged": 0.25,
        "weight_english_learner": 0.5,
        "weight_disability": 0.9,
        "year_start_month": 7,
        "year_start_day": 1,
    }
    return data | changes


@pytest.mark.parametrize("person", SETTINGS_EDITORS)
def test_editors_change_the_settings(client, cast, distinct_audit, person):
    client.force_login(cast[person])
    response = client.post(reverse("equity:settings"), settings_data(risk_ratio_threshold=1.5))
    assert response.status_code == 302
    assert EquitySettings.objects.get(district=cast.district).risk_ratio_threshold == 1.5


def test_out_of_range_settings_are_refused_inline_and_nothing_is_saved(
    client, cast, distinct_audit
):
    client.force_login(cast["data_steward"])
    response = client.post(reverse("equity:settings"), settings_data(risk_ratio_threshold=0.5))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was saved" in page and "usa-error-message" in page
    assert "threshold must be above 1" in page
    assert not EquitySettings.objects.filter(
        district=cast.district, risk_ratio_threshold=0.5
    ).exists()


@pytest.mark.parametrize(
    "person", ["principal_north_1", "north_lead", "partner", "department_lead"]
)
def test_readers_see_the_settings_but_may_not_change_them(client, cast, distinct_audit, person):
    page = get(client, cast, person, "equity:settings")
    assert b"risk_ratio_threshold" in page.content and b"Save the settings" not in page.content
    response = client.post(reverse("equity:settings"), settings_data(risk_ratio_threshold=1.5))
    assert response.status_code == 403
    assert not EquitySettings.objects.filter(
        district=cast.district, risk_ratio_threshold=1.5
    ).exists()


def test_family_members_may_not_post_settings(client, cast, distinct_audit):
    client.force_login(cast["family"])
    assert client.post(reverse("equity:settings"), settings_data()).status_code == 404


# ---------------------------------------------------------------- exports


def export(client, cast, person, fmt):
    return get(client, cast, person, "equity:export", [fmt], f"?year={YEAR}")


def test_csv_and_json_exports_hold_what_the_reader_may_see(client, cast, distinct_audit):
    rows = list(
        csv.DictReader(
            io.StringIO(export(client, cast, "principal_north_1", "csv").content.decode())
        )
    )
    assert {(r["unit_type"], r["unit_id"]) for r in rows} == {
        ("district", cast.district.code),
        ("school", cast.north_1.code),
    }
    small = next(r for r in rows if r["unit_id"] == cast.north_1.code and r["group"] == "F")
    assert small["status"] == "suppressed" and small["value"] == ""
    data = json.loads(export(client, cast, "data_steward", "json").content)
    assert len({(r["unit_type"], r["unit_id"]) for r in data}) == 6


def test_the_xlsx_export_is_a_workbook(client, cast, distinct_audit):
    response = export(client, cast, "superintendent", "xlsx")
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_the_board_report_is_asked_for_not_drawn_in_the_request(client, cast, distinct_audit):
    """Drawing it takes long: the overview's button queues it (tests/equity/test_reports.py)
    and the old download address answers like any unknown format."""
    from districtwise.data.models import Job

    assert export(client, cast, "principal_north_1", "pdf").status_code == 404
    response = client.post(reverse("equity:report_request"), {"year": YEAR})
    assert response.status_code == 302 and "/equity/reports/" in response.url
    assert Job.objects.get(kind="report").created_by == cast["principal_north_1"]


def test_the_board_report_html_shows_no_other_school(cast, distinct_audit):
    from districtwise.equity.report_pdf import board_report_html

    html = board_report_html(
        user=cast["principal_north_1"], district=cast.district, school_year=YEAR
    )
    assert "risk_ratio_threshold" in html and "suppressed" in html
    for other in ("North Two Middle", "South One High", "22.0%", "26.0%"):
        assert other not in html


def test_an_export_of_a_year_without_an_audit_is_not_found(client, cast):
    assert export(client, cast, "superintendent", "csv").status_code == 404
    assert get(client, cast, "superintendent", "equity:export", ["doc"]).status_code == 404


# ---------------------------------------------------------------- a real generated district


@pytest.fixture
def imported_audit(cast, demo_files):
    """The generated district (two years) imported into the cast's district, audited by the
    real engine through the service."""
    from districtwise.equity import services
    from tests.data.test_import import run_import

    batch = run_import(demo_files, code=cast.district.code)
    assert batch.status == "live", batch.message
    return services.audit_compute(district=cast.district)


def test_every_page_of_a_real_audit_renders_with_charts(client, cast, imported_audit):
    from districtwise.analytics.equity.spec import DIMENSIONS

    client.force_login(cast["superintendent"])
    overview = client.get(reverse("equity:overview"))
    assert overview.status_code == 200 and overview.content.count(b'role="img"') >= 5
    for dimension in DIMENSIONS:
        page = client.get(reverse("equity:dimension", args=[dimension]))
        assert page.status_code == 200, dimension
        assert b'role="img"' in page.content or b"was not imported" in page.content, dimension
    resource = client.get(reverse("equity:dimension", args=["resource"])).content
    assert b"by school poverty quartile" in resource and b"The units as a table" in resource
    findings = client.get(reverse("equity:findings"))
    assert findings.status_code == 200 and b"Trend: 2024-25" in findings.content
    report = client.post(reverse("equity:report_request"), {"year": 2026})
    assert report.status_code == 302
    run_worker(once=True, say=lambda _: None)  # the import's audit job, then the report
    drawn = BoardReport.objects.get(requested_by=cast["superintendent"])
    assert drawn.job.status == "succeeded", drawn.job.message
    download = client.get(reverse("equity:report_download", args=[drawn.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:5] == b"%PDF-"


def test_a_principal_of_a_school_without_figures_sees_only_the_district(
    client, cast, imported_audit
):
    from districtwise.organization.models import School

    imported = School.objects.filter(district=cast.district).exclude(
        pk__in=[cast.north_1.pk, cast.north_2.pk, cast.south_1.pk]
    )
    client.force_login(cast["principal_north_1"])
    pages = [
        client.get(reverse("equity:overview")),
        client.get(reverse("equity:findings")),
        client.get(reverse("equity:dimension", args=["discipline"])),
    ]
    for page in pages:
        assert page.status_code == 200
        for school in imported:
            assert school.name not in page.content.decode()
