"""Reading pasted figures: clean sheets give their figures, every wrong line is named with
its column, value and rule, and a sheet with any problem gives no figures at all."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from districtwise.analytics.strategy.figure_sheet import SheetFigure, parse_figure_sheet


def test_a_clean_sheet_with_a_header_gives_its_figures():
    figures, problems = parse_figure_sheet(
        "date,value,group_type,group\n2025-06-30,0.41\n\n2026-06-30,0.38,english_learner,Y\n",
        rate=True,
    )
    assert problems == []
    assert figures == [
        SheetFigure(2, dt.date(2025, 6, 30), D("0.41")),
        SheetFigure(4, dt.date(2026, 6, 30), D("0.38"), "english_learner", "Y"),
    ]


def test_every_wrong_line_is_named_and_nothing_is_given():
    text = "\n".join(
        [
            "2025-06-31,0.4",  # 1: no such day
            "2025-06-30,45%",  # 2: not a plain number
            "2025-06-30,45",  # 3: a rate written as a percentage
            "2025-06-30,0.4,race_ethnicity,XX",  # 4: no such group
            "2025-06-30,0.4,english_learner",  # 5: three columns
            "2026-06-30,0.4",  # 6: fine
            "2026-06-30,0.5",  # 7: the same period again
            "2026-06-30,",  # 8: blank value
        ]
    )
    figures, problems = parse_figure_sheet(text, rate=True)
    assert figures == []
    found = [(p.line, p.column, p.value, p.rule) for p in problems]
    assert found == [
        (1, "date", "2025-06-31", "bad_date"),
        (2, "value", "45%", "bad_number"),
        (3, "value", "45", "not_a_share"),
        (4, "group", "XX", "bad_group"),
        (5, None, "2025-06-30,0.4,english_learner", "columns"),
        (7, "date", "2026-06-30 all all", "duplicate"),
        (8, "value", "", "blank_value"),
    ]
    assert problems[5].message == (
        "Line 7: a second figure for 2026-06-30 (all all); the first is on line 6."
    )
    assert "never written as 0" in problems[6].message


def test_numbers_that_are_not_rates_may_be_large_or_negative_within_the_stored_size():
    figures, problems = parse_figure_sheet("2026-06-30,-12.5\n2026-07-31,9999999999.9999")
    assert problems == [] and [f.value for f in figures] == [D("-12.5"), D("9999999999.9999")]
    _, problems = parse_figure_sheet("2026-06-30,0.12345")
    assert [p.rule for p in problems] == ["too_long"]


def test_an_empty_sheet_says_so():
    assert [p.rule for p in parse_figure_sheet("date,value\n\n")[1]] == ["empty"]


@given(st.text(max_size=400))
def test_garbage_gives_figures_or_clear_problems_never_both_and_never_a_crash(text):
    figures, problems = parse_figure_sheet(text, rate=True)
    assert not (figures and problems)
    assert figures or problems
    for problem in problems:
        assert problem.message and problem.rule
        assert problem.line is None or problem.message.startswith(f"Line {problem.line}")
    for figure in figures:
        assert D(0) <= figure.value <= D(1)
