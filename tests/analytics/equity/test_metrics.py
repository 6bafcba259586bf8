"""compute_audit on small hand-made districts whose answers were worked out by hand.

Schools A and B are in network N1, C in no network; school year 2025 unless said.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from typing import Any

import ibis
import pytest

from districtwise.analytics.engine import close, connect, load_tables
from districtwise.analytics.equity.metrics import compute_audit, unavailable_reasons
from districtwise.analytics.equity.spec import TIDY_COLUMNS, AuditSettings
from tests.analytics.conftest import Files, Rows

LOOSE = AuditSettings(minimum_cell_size=1, minimum_n_size=1)
FLAGS = ("economically_disadvantaged", "english_learner", "disability", "section_504")
FLAGS2 = ("homeless", "foster_care", "gifted")


@pytest.fixture
def duck() -> Iterator[ibis.BaseBackend]:
    con = connect("duckdb")
    yield con
    close(con)


def school(sid: str, network: str | None) -> dict[str, Any]:
    return {
        "school_id": sid,
        "name": sid,
        "network_id": network,
        "level": "k12",
        "grade_low": "PK",
        "grade_high": "12",
        "title_i": "N",
    }


SCHOOLS = [school("A", "N1"), school("B", "N1"), school("C", None)]


def student(sid: str, race: str | None = "WH", sex: str | None = "F") -> dict[str, Any]:
    return {"student_id": sid, "sex": sex, "race_ethnicity": race, "birth_year": 2010}


def enrol(sid: str, school_id: str, grade: str = "05", year: int = 2025, **flags: str | None):
    row: dict[str, Any] = {
        "student_id": sid,
        "school_id": school_id,
        "school_year": year,
        "grade_level": grade,
        "entry_date": dt.date(year - 1, 8, 20),
        "exit_date": None,
    }
    row.update({f: "N" for f in (*FLAGS, *FLAGS2)})
    row.update(flags)
    return row


def act(sid: str, school_id: str, action: str, days: float, n: int = 0) -> dict[str, Any]:
    return {
        "incident_id": f"{sid}{n}",
        "student_id": sid,
        "school_id": school_id,
        "date": dt.date(2024, 10, 1),
        "action": action,
        "days_removed": days,
        "offense": None,
        "school_year": 2025,
    }


Audit = Callable[..., list[dict[str, Any]]]


@pytest.fixture
def audit(duck: ibis.BaseBackend, engine_write_stored: Callable[[dict[str, Rows]], Files]) -> Audit:
    def run(tables: dict[str, Rows], settings: AuditSettings = LOOSE) -> list[dict[str, Any]]:
        t = load_tables(duck, engine_write_stored({"schools": SCHOOLS, **tables}))
        result = compute_audit(duck, t, district_id="D", settings=settings)
        assert tuple(result.column_names) == TIDY_COLUMNS
        return result.to_pylist()

    return run


def fig(rows: list[dict[str, Any]], unit: str, metric: str, gt: str = "all", g: str = "all"):
    found = [
        r
        for r in rows
        if (r["unit_id"], r["metric"], r["group_type"], r["group"]) == (unit, metric, gt, g)
    ]
    assert len(found) == 1, (unit, metric, gt, g, found)
    return found[0]


def close_to(a: float | None, b: float) -> bool:
    return a is not None and math.isclose(a, b, rel_tol=1e-12)


# --- discipline: risk ratios, alternate comparison, zero comparison -----------------------


def discipline_district() -> dict[str, Rows]:
    """A: 40 BL (12 OSS), 60 WH (12 OSS). B: 40 BL (10 OSS, 10 ISS), 5 WH. C: 30 HL.
    OSS removes 2 days, ISS 1. One OSS of an A student at C (no row there) is left out."""
    students, enrolments, actions = [], [], []

    def add(prefix: str, school_id: str, race: str, n: int, oss: int, iss: int = 0) -> None:
        for i in range(n):
            sid = f"{prefix}{i:03d}"
            students.append(student(sid, race))
            enrolments.append(enrol(sid, school_id))
            if i < oss:
                actions.append(act(sid, school_id, "OSS", 2))
            if i < iss:
                actions.append(act(sid, school_id, "ISS", 1, 1))

    add("ab", "A", "BL", 40, 12)
    add("aw", "A", "WH", 60, 12)
    add("bb", "B", "BL", 40, 10, 10)
    add("bw", "B", "WH", 5, 0)
    add("ch", "C", "HL", 30, 0)
    actions.append(act("aw059", "C", "OSS", 5, 9))
    return {"students": students, "enrollments": enrolments, "discipline": actions}


def test_discipline_rates_follow_the_risk_ratio_rules(audit: Audit) -> None:
    rows = audit(discipline_district(), AuditSettings())
    a = fig(rows, "A", "oss_rate", "race_ethnicity", "BL")
    assert (a["numerator"], a["denominator"], a["value"], a["status"]) == (12, 40, 0.3, "ok")
    assert a["comparison_value"] == 0.2 and close_to(a["ratio"], 1.5)
    # B: comparison 0/5 fails the minimums -> district others: WH 65 + HL 30, 12 OSS
    b = fig(rows, "B", "oss_rate", "race_ethnicity", "BL")
    assert b["status"] == "alternate" and b["comparison_value"] == 12 / 95
    assert close_to(b["ratio"], 0.25 / (12 / 95))
    d = fig(rows, "D", "oss_rate", "race_ethnicity", "BL")
    assert (d["numerator"], d["denominator"], d["status"]) == (22, 80, "ok")
    assert close_to(d["ratio"], (22 / 80) / (12 / 95))
    n1 = fig(rows, "N1", "oss_rate", "race_ethnicity", "BL")
    assert n1["status"] == "ok" and close_to(n1["ratio"], (22 / 80) / (12 / 65))
    hl = fig(rows, "D", "oss_rate", "race_ethnicity", "HL")
    assert (hl["value"], hl["status"], hl["ratio"]) == (0.0, "insufficient_n", None)
    assert hl["comparison_value"] == 34 / 145
    # C: the OSS at C of a student not enrolled there is left out
    assert fig(rows, "C", "oss_rate")["numerator"] == 0
    assert fig(rows, "D", "oss_rate")["numerator"] == 34
    # an empty group is present with n = 0 and no value
    ai = fig(rows, "A", "oss_rate", "race_ethnicity", "AI")
    assert (ai["denominator"], ai["value"], ai["status"]) == (0, None, "insufficient_n")


def test_a_zero_comparison_rate_is_undefined(audit: Audit) -> None:
    rows = audit(discipline_district(), AuditSettings())
    # B BL: 10 ISS of 40; B's others 0/5 fail -> district others 0/95: rate 0
    b = fig(rows, "B", "iss_rate", "race_ethnicity", "BL")
    assert (b["value"], b["comparison_value"], b["ratio"], b["status"]) == (
        0.25,
        0.0,
        None,
        "undefined",
    )
    # the district's own comparison 0/95 has a cell of 0: insufficient for the district
    d = fig(rows, "D", "iss_rate", "race_ethnicity", "BL")
    assert (d["comparison_value"], d["status"]) == (0.0, "insufficient_n")


def test_days_lost_per_100(audit: Audit) -> None:
    rows = audit(discipline_district())
    assert fig(rows, "A", "days_lost_per_100")["value"] == 48.0  # 24 OSS x 2 / 100 x 100
    assert fig(rows, "A", "days_lost_per_100", "race_ethnicity", "BL")["value"] == 60.0
    # B: 10 OSS x 2 + 10 ISS x 1 = 30 days / 45 students
    assert close_to(fig(rows, "B", "days_lost_per_100")["value"], 3000 / 45)
    d = fig(rows, "D", "days_lost_per_100")
    assert (d["numerator"], d["denominator"]) == (78, 175)


# --- attendance, flags, two schools, unknowns ----------------------------------------------


def daily(sid: str, school_id: str, statuses: str) -> Rows:
    start = dt.date(2024, 9, 2)
    return [
        {
            "student_id": sid,
            "school_id": school_id,
            "date": start + dt.timedelta(days=i),
            "status": s,
            "school_year": 2025,
        }
        for i, s in enumerate(statuses)
    ]


def attendance_district() -> dict[str, Rows]:
    """s1 A: 10 days, one H (0.05). s2 A: 10 days, two H (0.10: chronic). s3 A: 9 days all
    absent (under 10 days: not counted). s4 A: no attendance. s5: A 5 days one A, B 5 days:
    at neither school 10 days; district 10 days, 1 absent: chronic. s5 is an English learner
    at A, not at B. s4's sex and gifted are blank."""
    return {
        "students": [
            student("s1", "WH", "F"),
            student("s2", "BL", "M"),
            student("s3", "WH", "F"),
            student("s4", "BL", None),
            student("s5", "HL", "M"),
        ],
        "enrollments": [
            enrol("s1", "A"),
            enrol("s2", "A"),
            enrol("s3", "A"),
            enrol("s4", "A", gifted=None),
            enrol("s5", "A", english_learner="Y"),
            enrol("s5", "B", english_learner="N"),
        ],
        "attendance_daily": [
            *daily("s1", "A", "PPPPPPPPPH"),
            *daily("s2", "A", "PPPPPPPPHH"),
            *daily("s3", "A", "AAAAAAAAA"),
            *daily("s5", "A", "PPPPA"),
            *daily("s5", "B", "PPPPP"),
        ],
    }


def test_chronic_absenteeism_with_half_days_and_two_schools(audit: Audit) -> None:
    rows = audit(attendance_district())
    a = fig(rows, "A", "chronic_absenteeism")
    assert (a["numerator"], a["denominator"], a["value"]) == (1, 2, 0.5)
    assert fig(rows, "B", "chronic_absenteeism")["denominator"] == 0
    d = fig(rows, "D", "chronic_absenteeism")
    assert (d["numerator"], d["denominator"]) == (2, 3)
    days = audit(
        attendance_district(),
        AuditSettings(minimum_cell_size=1, minimum_n_size=1, chronic_rule="days", chronic_days=1),
    )
    assert fig(days, "A", "chronic_absenteeism")["numerator"] == 1  # s2: 1.0 day
    assert fig(days, "D", "chronic_absenteeism")["numerator"] == 2  # s2, s5


def test_flags_y_at_one_school_and_n_at_another(audit: Audit) -> None:
    rows = audit(attendance_district())
    metric = "identification:english_learner"
    assert fig(rows, "A", metric)["value"] == 0.2  # s5 Y of 5
    assert fig(rows, "B", metric)["value"] == 0.0  # s5 N at B
    assert fig(rows, "D", metric)["value"] == 0.2  # Y at any school
    assert fig(rows, "N1", metric, "english_learner", "Y")["denominator"] == 1
    assert fig(rows, "D", "identification:gifted", "gifted", "unknown")["denominator"] == 1


def test_unknown_is_its_own_group_and_in_the_comparison_group(audit: Audit) -> None:
    rows = audit(attendance_district())
    metric = "identification:english_learner"
    unknown = fig(rows, "A", metric, "sex", "unknown")  # s4
    assert (unknown["numerator"], unknown["denominator"]) == (0, 1)
    assert unknown["comparison_value"] == 0.25  # s5 of s1, s2, s3, s5
    male = fig(rows, "A", metric, "sex", "M")  # s2, s5: 1 of 2
    assert male["value"] == 0.5
    # others at A (s1, s3, s4 incl. unknown) 0/3: alternate from the district, also 0/3
    assert (male["comparison_value"], male["status"]) == (0.0, "undefined")


def test_a_missing_file_gives_unavailable_rows(audit: Audit) -> None:
    rows = audit(attendance_district())
    oss = [r for r in rows if r["metric"] == "oss_rate"]
    # one row per unit: A, B, C has no students in 2025; N1 and D
    assert sorted(r["unit_id"] for r in oss) == ["A", "B", "D", "N1"]
    assert {(r["group"], r["status"], r["value"]) for r in oss} == {("all", "unavailable", None)}
    assert {r["status"] for r in rows if r["metric"] == "proficiency"} == {"unavailable"}
    assert {r["status"] for r in rows if r["metric"] == "chronic_absenteeism"} != {"unavailable"}


def test_unavailable_reasons_name_the_missing_file(
    duck: ibis.BaseBackend, engine_write_stored: Callable[[dict[str, Rows]], Files]
) -> None:
    t = load_tables(duck, engine_write_stored({"schools": SCHOOLS, **attendance_district()}))
    reasons = unavailable_reasons(t)
    assert reasons["oss_rate"] == "discipline.csv"
    assert reasons["proficiency"] == "assessments.csv"
    assert reasons["per_weighted_pupil_spending"] == "school_finance.csv"
    assert "chronic_absenteeism" not in reasons


# --- achievement and advanced coursework ---------------------------------------------------


def test_proficiency_and_scale_scores(audit: Audit) -> None:
    def score(sid: str, school_id: str, value: float | None, proficient: str | None):
        return {
            "student_id": sid,
            "school_id": school_id,
            "school_year": 2025,
            "assessment": "MATH",
            "subject": "MATH",
            "grade_level": "05",
            "scale_score": value,
            "performance_level": None,
            "proficient": proficient,
        }

    tables = attendance_district()
    # A: s1 (F) 10 Y, s2 (M) 20 N, s3 (F) 30 Y, s4 blank flag and score; s5 (M) A 40 N, B 60 Y
    tables["assessments"] = [
        score("s1", "A", 10, "Y"),
        score("s2", "A", 20, "N"),
        score("s3", "A", 30, "Y"),
        score("s4", "A", None, None),
        score("s5", "A", 40, "N"),
        score("s5", "B", 60, "Y"),
    ]
    rows = audit(tables)
    assert fig(rows, "A", "proficiency:MATH")["numerator"] == 2
    assert fig(rows, "A", "proficiency:MATH")["denominator"] == 4
    d = fig(rows, "D", "proficiency:MATH")  # s5 counts once, Y
    assert (d["numerator"], d["denominator"]) == (3, 4)
    female = fig(rows, "A", "scale_score_mean:MATH", "sex", "F")
    assert (female["numerator"], female["denominator"], female["value"]) == (40, 2, 20)
    assert female["comparison_value"] == 30  # s2 20, s5 40
    # effect size F vs others at A: means 20 vs 30, SS 200 + 200, pooled sqrt(400/2)
    size = fig(rows, "A", "scale_score_effect_size:MATH", "sex", "F")
    assert close_to(size["value"], -10 / math.sqrt(200)) and size["status"] == "ok"
    # district: s5's score is the mean of 40 and 60
    male = fig(rows, "D", "scale_score_mean:MATH", "sex", "M")
    assert (male["numerator"], male["denominator"]) == (70, 2)
    # s4 (unknown sex) was not tested: n1 = 0
    assert fig(rows, "A", "scale_score_effect_size:MATH", "sex", "unknown")["status"] == (
        "insufficient_n"
    )


def test_advanced_coursework_counts_eligible_grades(audit: Audit) -> None:
    def course(sid: str, school_id: str, kind: str | None) -> dict[str, Any]:
        return {
            "student_id": sid,
            "school_id": school_id,
            "school_year": 2025,
            "course_id": f"{kind}-{sid}",
            "course_name": "x",
            "subject": "MATH",
            "advanced": kind,
            "passed": None,
        }

    tables = {
        "students": [student(s) for s in ("g8", "g9", "g10", "mv")],
        # mv: grade 08 at A, grade 09 at B; takes AP at A (grade 08: not eligible there)
        "enrollments": [
            enrol("g8", "A", "08"),
            enrol("g9", "A", "09"),
            enrol("g10", "A", "10"),
            enrol("mv", "A", "08"),
            enrol("mv", "B", "09"),
        ],
        "course_enrollments": [
            course("g8", "A", "AP"),
            course("g9", "A", "AP"),
            course("g10", "A", None),
            course("mv", "A", "AP"),
            course("g8", "A", "ALG1_MS"),
        ],
    }
    rows = audit(tables)
    ap = fig(rows, "A", "advanced:AP")  # eligible g9, g10; g9 takes AP
    assert (ap["numerator"], ap["denominator"]) == (1, 2)
    assert fig(rows, "B", "advanced:AP")["numerator"] == 0  # mv eligible at B, no AP at B
    d = fig(rows, "D", "advanced:AP")  # mv eligible (a row in 09), AP in the district
    assert (d["numerator"], d["denominator"]) == (2, 3)
    alg = fig(rows, "A", "advanced:ALG1_MS")
    assert (alg["numerator"], alg["denominator"]) == (1, 2)  # g8, mv in grade 08
    assert fig(rows, "A", "advanced:GT")["denominator"] == 4


# --- resources, quartiles, representation --------------------------------------------------


def test_poverty_quartiles_spending_and_staff(audit: Audit) -> None:
    """A: 4 students, 2 ED (0.5). B: 4 students, 2 ED (0.5, tie: after A by school_id).
    C: 2 students, none ED. E = 10. Order C (c=0,e=2): floor(4*1/10)+1 = 1;
    A (c=2,e=4): floor(4*4/10)+1 = 2; B (c=6,e=4): floor(4*8/10)+1 = 4."""
    students, enrolments = [], []
    for school_id, n, ed in (("A", 4, 2), ("B", 4, 2), ("C", 2, 0)):
        for i in range(n):
            sid = f"{school_id}{i}"
            students.append(student(sid, "BL" if i == 0 else "WH"))
            enrolments.append(
                enrol(
                    sid,
                    school_id,
                    economically_disadvantaged="Y" if i < ed else "N",
                    disability="Y" if i == 3 else "N",
                )
            )

    def staff(
        sid: str,
        school_id: str | None,
        race: str | None,
        years: float,
        cert: str,
        fte: float,
        role: str = "teacher",
    ) -> dict[str, Any]:
        return {
            "staff_id": sid,
            "school_year": 2025,
            "school_id": school_id,
            "department": None,
            "role": role,
            "sex": None,
            "race_ethnicity": race,
            "years_experience": years,
            "certified_in_assignment": cert,
            "fte": fte,
            "salary": None,
        }

    def money(school_id: str, amount: float) -> dict[str, Any]:
        return {
            "school_id": school_id,
            "school_year": 2025,
            "category": "personnel",
            "funding_source": "general",
            "amount": amount,
        }

    rows = audit(
        {
            "students": students,
            "enrollments": enrolments,
            "staff": [
                staff("t1", "A", "BL", 1, "Y", 1.0),
                staff("t2", "A", "WH", 5, "N", 0.5),
                staff("t3", "B", "WH", 0, "N", 1.0),
                staff("t4", "C", None, 10, "Y", 1.0),
                staff("p1", "A", "BL", 1, "N", 1.0, role="principal"),
            ],
            "school_finance": [
                money("A", 30000),
                money("A", 10000),
                money("B", 60000),
                money("C", 25000),
            ],
        }
    )
    per = fig(rows, "A", "per_pupil_spending")
    assert (per["numerator"], per["denominator"], per["value"]) == (40000, 4, 10000)
    # weights at A: 1.25 + 1.25 + 1 + 1.9 = 5.4
    weighted = fig(rows, "A", "per_weighted_pupil_spending")
    assert close_to(weighted["denominator"], 5.4) and close_to(weighted["value"], 40000 / 5.4)
    quartile = {
        g: fig(rows, "D", "per_pupil_spending", "poverty_quartile", g)
        for g in ("Q1", "Q2", "Q3", "Q4")
    }
    assert quartile["Q1"]["value"] == 12500  # C
    assert quartile["Q2"]["value"] == 10000  # A
    assert quartile["Q3"]["denominator"] == 0 and quartile["Q3"]["value"] is None
    assert quartile["Q4"]["value"] == 15000  # B
    novice = fig(rows, "A", "novice_teacher_share")  # t1 1.0 of 1.5 FTE
    assert close_to(novice["value"], 1 / 1.5)
    assert fig(rows, "D", "out_of_field_share")["value"] == 1.5 / 3.5
    assert fig(rows, "D", "novice_teacher_share", "poverty_quartile", "Q4")["value"] == 1.0
    rep = fig(rows, "A", "staff_representation", "race_ethnicity", "BL")
    # BL: 1.0 of 1.5 teacher FTE; 1 of 4 students
    assert close_to(rep["value"], 1 / 1.5) and rep["comparison_value"] == 0.25
    assert close_to(rep["ratio"], (1 / 1.5) / 0.25) and rep["status"] == "ok"
    unknown = fig(rows, "D", "staff_representation", "race_ethnicity", "unknown")
    assert unknown["value"] == 1 / 3.5 and unknown["status"] == "undefined"  # no such student
