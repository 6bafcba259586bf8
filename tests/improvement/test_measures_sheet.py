"""The pure part of measures: period starts by frequency, and the sheet of values checked
line by line (districtwise.analytics.improvement)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from districtwise.analytics.improvement.measure_sheet import SheetRules, parse_measure_sheet
from districtwise.analytics.improvement.periods import period_end, period_starts

D = dt.date


def test_weekly_periods_start_on_mondays_from_the_first_monday_of_the_network():
    starts = period_starts("weekly", D(2025, 8, 1), D(2025, 9, 1))  # Aug 1 is a Friday
    assert starts == [D(2025, 8, 4), D(2025, 8, 11), D(2025, 8, 18), D(2025, 8, 25), D(2025, 9, 1)]
    assert period_end("weekly", D(2025, 8, 4)) == D(2025, 8, 10)


def test_fortnightly_and_monthly_periods():
    assert period_starts("fortnightly", D(2025, 8, 4), D(2025, 9, 14)) == [
        D(2025, 8, 4),
        D(2025, 8, 18),
        D(2025, 9, 1),
    ]
    assert period_starts("monthly", D(2025, 8, 15), D(2025, 12, 31)) == [
        D(2025, 9, 1),
        D(2025, 10, 1),
        D(2025, 11, 1),
        D(2025, 12, 1),
    ]
    assert period_end("monthly", D(2025, 12, 1)) == D(2025, 12, 31)


def rules(chart="run", editable=(1, 2)) -> SheetRules:
    return SheetRules(
        teams={"north one": 1, "0101": 1, "south one": 2, "0201": 2, "east one": 3},
        editable=frozenset(editable),
        starts=period_starts("weekly", D(2025, 8, 1), D(2026, 7, 31)),
        starts_on=D(2025, 8, 1),
        ends_on=D(2026, 7, 31),
        chart=chart,
        period_word="week",
        team_names={1: "North One team", 2: "South One team", 3: "East One team"},
    )


def test_a_clean_sheet_gives_every_value():
    text = (
        "team,period_start,value,note\nNorth One,2025-10-06,0.62,first week\n0201,2025-10-06,0.7,\n"
    )
    values, problems = parse_measure_sheet(text, rules())
    assert problems == []
    assert [(v.team_id, v.period_start, v.value, v.note) for v in values] == [
        (1, D(2025, 10, 6), 0.62, "first week"),
        (2, D(2025, 10, 6), 0.7, ""),
    ]


def test_a_p_chart_value_is_computed_from_its_counts():
    text = "school_code,period_start,numerator,denominator\n0101,2025-10-06,37,50\n"
    values, problems = parse_measure_sheet(text, rules("p"))
    assert problems == [] and values[0].value == 0.74 and values[0].numerator == 37


def test_every_wrong_line_is_reported_with_where_and_why_and_nothing_is_kept():
    text = "\n".join(
        [
            "team,period_start,value,numerator,denominator,note",
            "North One,2025-10-06,abc,,,",  # 2: not a number
            "North One,2026-09-07,3,,,",  # 3: outside the network's period
            "North One,2025-10-08,3,,,",  # 4: a Wednesday
            "East One,2025-10-06,3,,,",  # 5: a team the user may not edit
            "Nowhere,2025-10-06,3,,,",  # 6: no such team
            "South One,2025-10-06,3,-2,5,",  # 7: negative count
            "South One,2025-10-13,3,1,5,",  # 8: fine
            "South One,2025-10-13,4,,,",  # 9: a second value for the same week
        ]
    )
    values, problems = parse_measure_sheet(text, rules())
    assert values == []
    found = {(p.line, p.column, p.rule) for p in problems}
    assert found == {
        (2, "value", "bad_number"),
        (3, "period_start", "outside_period"),
        (4, "period_start", "not_a_period_start"),
        (5, "team", "not_your_team"),
        (6, "team", "unknown_team"),
        (7, "numerator", "negative_count"),
        (9, "period_start", "duplicate"),
    }
    wednesday = next(p for p in problems if p.line == 4)
    assert "week starting 2025-10-06" in wednesday.message


def test_a_p_chart_numerator_over_its_denominator_is_refused():
    text = "team,period_start,numerator,denominator\nNorth One,2025-10-06,51,50\n"
    values, problems = parse_measure_sheet(text, rules("p"))
    assert values == [] and [p.rule for p in problems] == ["numerator_over_denominator"]
    assert "51" in problems[0].message and "50" in problems[0].message


def test_a_p_chart_line_without_counts_and_a_sheet_without_header_are_refused():
    _, problems = parse_measure_sheet(
        "team,period_start,value\nNorth One,2025-10-06,0.5\n", rules("p")
    )
    assert {p.rule for p in problems} == {"missing_count"}
    _, problems = parse_measure_sheet("North One,2025-10-06,0.5\n", rules())
    assert [p.rule for p in problems] == ["header"]


CELLS = st.one_of(
    st.sampled_from(
        [
            "North One",
            "0101",
            "East One",
            "Nowhere",
            "2025-10-06",
            "2025-10-08",
            "2031-01-06",
            "0.5",
            "-3",
            "51",
            "50",
            "abc",
            "",
            "=1+1",
            "1e400",
            "nan",
            '"',
            "2025-02-30",
        ]
    ),
    st.text(max_size=8),
)
HEADER = "team,period_start,value,numerator,denominator,note\n"


@settings(max_examples=150, deadline=None)
@given(
    garbage=st.lists(st.lists(CELLS, min_size=0, max_size=8), max_size=6),
    header=st.booleans(),
    chart=st.sampled_from(["run", "i", "p", "u"]),
)
def test_garbage_gives_clean_values_or_a_report_never_both_never_a_crash(garbage, header, chart):
    text = (HEADER if header else "") + "\n".join(",".join(cells) for cells in garbage)
    given_rules = rules(chart)
    values, problems = parse_measure_sheet(text, given_rules)
    assert not (values and problems)
    for problem in problems:
        assert problem.message and problem.rule
    for value in values:
        assert value.team_id in given_rules.editable
        assert value.period_start in given_rules.starts
        if chart == "p":
            assert 0 <= value.numerator <= value.denominator and value.denominator > 0
