"""The risk-ratio status rules of 34 CFR 300.647 as the spec fixes them, on hand-worked
numbers (defaults: minimum cell 10, minimum n 30, threshold 2.0)."""

from __future__ import annotations

import math

import numpy as np

from districtwise.analytics.equity.ratios import flagged, risk_ratios
from districtwise.analytics.equity.spec import AuditSettings

SETTINGS = AuditSettings()


def one(num, den, cnum, cden, anum=0, aden=0, alternate_allowed=True):
    r = risk_ratios(
        numerator=np.array([num]),
        denominator=np.array([den]),
        comparison_numerator=np.array([cnum]),
        comparison_denominator=np.array([cden]),
        alternate_numerator=np.array([anum]),
        alternate_denominator=np.array([aden]),
        alternate_allowed=np.array([alternate_allowed]),
        settings=SETTINGS,
    )
    return r.value[0], r.comparison_value[0], r.ratio[0], r.status[0]


def test_it_gives_the_ratio_when_both_groups_meet_the_minimums() -> None:
    # 12/40 = 0.3 against 12/60 = 0.2: ratio 1.5
    value, comparison, ratio, status = one(12, 40, 12, 60)
    assert (value, comparison, status) == (0.3, 0.2, "ok")
    assert math.isclose(ratio, 1.5)


def test_a_cell_under_ten_is_insufficient_but_keeps_value_and_comparison() -> None:
    value, comparison, ratio, status = one(9, 100, 20, 100)
    assert (value, comparison, status) == (0.09, 0.2, "insufficient_n")
    assert math.isnan(ratio)


def test_an_n_under_thirty_is_insufficient() -> None:
    assert one(10, 29, 20, 100)[3] == "insufficient_n"
    assert one(10, 30, 20, 100)[3] == "ok"


def test_a_school_with_a_tiny_comparison_group_uses_the_district() -> None:
    # comparison 0/5 fails; district others 12/65 -> 0.25 / (12/65) = 1.3541666…
    _value, comparison, ratio, status = one(10, 40, 0, 5, 12, 65)
    assert status == "alternate"
    assert comparison == 12 / 65
    assert math.isclose(ratio, 0.25 * 65 / 12)


def test_the_district_with_a_tiny_comparison_group_is_insufficient() -> None:
    _value, comparison, ratio, status = one(10, 40, 9, 500, 12, 65, alternate_allowed=False)
    assert status == "insufficient_n"
    assert comparison == 9 / 500  # its own comparison is still given
    assert math.isnan(ratio)


def test_a_zero_comparison_rate_is_undefined_never_infinite() -> None:
    # the school's comparison (0/50, cell 0) fails; the district's others are 0/200 too
    _value, comparison, ratio, status = one(10, 40, 0, 50, 0, 200)
    assert (comparison, status) == (0.0, "undefined")
    assert math.isnan(ratio)


def test_a_comparison_group_without_students_gives_no_ratio() -> None:
    _value, comparison, ratio, status = one(10, 40, 0, 0, 0, 0)
    assert status == "insufficient_n"
    assert math.isnan(comparison) and math.isnan(ratio)


def test_the_threshold_flags_ratios_at_or_above_it() -> None:
    ratio = np.array([2.0, 1.99, 3.0, np.nan, 2.5])
    status = np.array(["ok", "ok", "alternate", "undefined", "insufficient_n"], dtype=object)
    assert flagged(ratio, status, SETTINGS).tolist() == [True, False, True, False, False]
