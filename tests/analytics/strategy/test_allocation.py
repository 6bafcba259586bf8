"""Need-weighted allocation on small examples worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from districtwise.analytics.strategy.allocation import (
    AllocationInputError,
    SchoolCounts,
    Weights,
    allocate,
    allocation_table,
    per_students,
    poverty_quartiles,
    quartile_table,
    read_number,
    weighted_enrolment,
)

D = Decimal
SPEC_WEIGHTS = Weights(
    base=D("1"),
    extra={
        "economically_disadvantaged": D("0.25"),
        "english_learner": D("0.5"),
        "disability": D("0.9"),
    },
)


def three_schools() -> list[SchoolCounts]:
    """A: 100 students (50 ED, 10 EL, 10 with a disability); B: 200 (20 ED, 0 EL, 20
    disability); C: 50 (40 ED, 20 EL, 5 disability)."""
    flags = ("economically_disadvantaged", "english_learner", "disability")
    return [
        SchoolCounts("A", 100, dict(zip(flags, (50, 10, 10), strict=True))),
        SchoolCounts("B", 200, dict(zip(flags, (20, 0, 20), strict=True))),
        SchoolCounts("C", 50, dict(zip(flags, (40, 20, 5), strict=True))),
    ]


def test_weighted_enrolment_adds_each_flags_weight_to_the_base():
    a, b, c = three_schools()
    # A: 100 + 0.25 * 50 + 0.5 * 10 + 0.9 * 10 = 100 + 12.5 + 5 + 9
    assert weighted_enrolment(a, SPEC_WEIGHTS) == D("126.5")
    assert weighted_enrolment(b, SPEC_WEIGHTS) == D("223")  # 200 + 5 + 0 + 18
    assert weighted_enrolment(c, SPEC_WEIGHTS) == D("74.5")  # 50 + 10 + 10 + 4.5


def test_a_flag_the_district_does_not_weight_adds_nothing():
    a = SchoolCounts("A", 100, {"homeless": 7, "english_learner": 10})
    assert weighted_enrolment(a, Weights(extra={"english_learner": D("0.5")})) == D("105")
    assert weighted_enrolment(a, Weights(extra={"homeless": D("1")})) == D("107")


def test_the_pool_is_shared_to_the_cent_by_largest_remainder():
    weighted = {"A": D("126.5"), "B": D("223"), "C": D("74.5")}  # 424 in all
    # In cents: A 12,650,000/424 = 29834.906, B 52594.340, C 17570.755; the whole cents
    # make 99,998, and the two left go to the largest remainders, A (.906) then C (.755).
    shares = allocate(weighted, pool=D("1000.00"))
    assert shares == {"A": D("298.35"), "B": D("525.94"), "C": D("175.71")}
    assert sum(shares.values()) == D("1000.00")


def test_equal_remainders_go_to_the_lower_school_id():
    weighted = {"0103": D("10"), "0101": D("10"), "0102": D("10")}
    # 100 cents / 3 = 33 each and one left: the tie goes to 0101.
    assert allocate(weighted, pool=D("1")) == {
        "0101": D("0.34"),
        "0102": D("0.33"),
        "0103": D("0.33"),
    }


def test_positions_are_shared_in_hundredths_of_a_position():
    weighted = {f"S{i}": D("50") for i in range(1, 8)}
    # 3 positions = 300 hundredths; / 7 = 42 each (294) and 6 left for S1 … S6.
    shares = allocate(weighted, pool=D("3"))
    assert [shares[f"S{i}"] for i in range(1, 8)] == [D("0.43")] * 6 + [D("0.42")]
    assert sum(shares.values()) == D("3.00")


# No deadline: a busy machine is not a failure (no timing assertions).
@settings(deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=5000), min_size=1, max_size=40).filter(any),
    st.integers(min_value=1, max_value=10**11),
)
def test_the_allocations_always_add_up_to_the_pool_exactly(enrolments, cents):
    weighted = {f"{i:04d}": D(e) * D("1.25") for i, e in enumerate(enrolments)}
    pool = D(cents) / 100
    shares = allocate(weighted, pool=pool)
    assert sum(shares.values()) == pool
    assert all(share >= 0 for share in shares.values())
    # No school is more than one cent from its exact share.
    total = sum(weighted.values())
    for school, share in shares.items():
        assert abs(share - pool * weighted[school] / total) < D("0.01")


def test_a_pool_that_is_not_whole_cents_or_not_positive_is_refused():
    for pool in (D("100.005"), D("0"), D("-5")):
        with pytest.raises(AllocationInputError) as refused:
            allocate({"A": D("1")}, pool=pool)
        assert refused.value.where == "pool"


def test_no_students_anywhere_leaves_nothing_to_share_by():
    with pytest.raises(AllocationInputError, match="No school has students"):
        allocate({"A": D("0")}, pool=D("10"))


def test_poverty_quartiles_follow_the_spec_rule():
    # By share ED: B .10 (200 students), A .50 (100), C .80 (50); E = 350.
    # B: floor(4 * (0 + 100) / 350) + 1 = 2; A: floor(4 * 250 / 350) + 1 = 3;
    # C: floor(4 * 325 / 350) + 1 = 4.
    assert poverty_quartiles(three_schools()) == {"A": 3, "B": 2, "C": 4}


def test_the_table_gives_each_schools_gap_and_the_quartiles_sum_them():
    actual = {"A": D("300.00"), "B": D("500.00"), "C": D("150.00")}
    lines = allocation_table(three_schools(), weights=SPEC_WEIGHTS, pool=D("1000"), actual=actual)
    assert [(x.school_id, x.amount, x.gap) for x in lines] == [
        ("A", D("298.35"), D("-1.65")),
        ("B", D("525.94"), D("25.94")),
        ("C", D("175.71"), D("25.71")),
    ]
    # Per student, to the cent: B 25.94 / 200 = 0.1297; C 25.71 / 50 = 0.5142.
    assert per_students(lines[1].gap, 200) == D("0.13")
    assert per_students(lines[2].gap, 50) == D("0.51")
    assert per_students(D("1"), 0) is None
    quartiles = {q.quartile: q for q in quartile_table(lines)}
    assert (quartiles["Q1"].schools, quartiles["Q1"].amount) == (0, D("0"))
    assert (quartiles["Q2"].students, quartiles["Q2"].gap) == (200, D("25.94"))
    assert (quartiles["Q4"].amount, quartiles["Q4"].actual) == (D("175.71"), D("150.00"))


def test_a_quartile_with_a_school_whose_spending_is_unknown_has_no_gap():
    lines = allocation_table(
        three_schools(), weights=SPEC_WEIGHTS, pool=D("1000"), actual={"A": D("1"), "B": None}
    )
    quartiles = {q.quartile: q for q in quartile_table(lines)}
    assert quartiles["Q2"].gap is None and quartiles["Q4"].gap is None
    assert quartiles["Q3"].gap == D("297.35")


@pytest.mark.parametrize("written", ["$1,200", "1,200", "12%", "1e3", "twelve", "NaN", "1 200"])
def test_a_figure_that_is_not_a_plain_number_is_refused_naming_the_field(written):
    with pytest.raises(AllocationInputError) as refused:
        read_number(written, where="pool", label="Pool")
    assert refused.value.where == "pool"
    assert refused.value.message.startswith("Pool:")
    assert written in refused.value.message


def test_plain_numbers_are_read_exactly():
    assert read_number(" 1200000.50 ", where="pool", label="Pool") == D("1200000.50")
    assert read_number("0.125", where="w", label="W") == D("0.125")
    assert read_number(".5", where="w", label="W") == D("0.5")
    with pytest.raises(AllocationInputError, match="enter a number"):
        read_number("", where="pool", label="Pool")


@settings(deadline=None)
@given(st.text(max_size=30))
def test_any_text_is_either_a_plain_number_or_a_clear_refusal(text):
    try:
        number = read_number(text, where="pool", label="Pool")
    except AllocationInputError as refused:
        assert refused.where == "pool" and refused.message.startswith("Pool:")
    else:
        assert number == D(text.strip())


def test_negative_weights_and_a_zero_base_are_named_by_field():
    weights = Weights(
        base=D("0"), extra={"english_learner": D("-0.5"), "gifted": D("0.12345"), "pets": D("1")}
    )
    problems = weights.problems()
    assert set(problems) == {"base", "english_learner", "gifted", "pets"}
    assert "must not be negative" in problems["english_learner"]
    assert "4 decimal places" in problems["gifted"]
    assert SPEC_WEIGHTS.problems() == {}
