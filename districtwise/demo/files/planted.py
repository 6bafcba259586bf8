"""The planted patterns: what a correct equity audit of the demo files must find."""

from __future__ import annotations

from typing import Any

import numpy as np

from districtwise.demo.files import assessments, attendance, courses, discipline, population
from districtwise.demo.files.staff import novice_target
from districtwise.demo.files.world import World

RISK_RATIO = "value / comparison_value, comparison = all other students of the same unit and year"
SMALL, DEFAULT = 2_500, 25_000


def planted(world: World, teachers: np.ndarray) -> list[dict[str, Any]]:
    """Manifest entries for the planted patterns (``teachers``: last-year teacher FTE/school)."""
    year = world.years[-1].year
    common = {"school_year": year, "school_years": [y.year for y in world.years]}
    entries = [_oss(world), _disability(), _ap(), _novice(world, teachers), _chronic(), _math()]
    return [{**entry, **common} for entry in entries]


def _district(metric: str, dimension: str, group_type: str, group: str) -> dict[str, Any]:
    return {
        "metric": metric,
        "dimension": dimension,
        "unit_type": "district",
        "unit_ids": ["demo"],
        "group_type": group_type,
        "group": group,
    }


def _oss(world: World) -> dict[str, Any]:
    ids = [world.plan.school_ids[i] for i in world.oss_planted]
    return {
        "id": "oss_black_students",
        "description": "At these schools Black students receive out-of-school suspensions at "
        "about 2.5 times the rate of all other students; at other schools at about the same rate.",
        "metric": "oss_rate",
        "dimension": "discipline",
        "unit_type": "school",
        "unit_ids": ids,
        "group_type": "race_ethnicity",
        "group": "BL",
        "expected_ratio_approx": discipline.OSS_PLANTED_RATIO,
        "tolerance": 0.5,
        "ratio_definition": RISK_RATIO,
        "other_units_expected_ratio_approx": 1.0,
        "other_units_tolerance": 0.4,
        "other_units_note": "schools not listed, where the ratio has status ok",
        "min_students_detectable": DEFAULT,
    }


def _disability() -> dict[str, Any]:
    bl, others = population.DISABILITY_RATE_BL, population.DISABILITY_RATE_OTHERS
    return {
        "id": "disability_black_students",
        "description": "Black students are identified for special education (IDEA) at more than "
        "twice the rate of all other students, district-wide.",
        **_district("identification:disability", "programmatic", "race_ethnicity", "BL"),
        "expected_value_approx": bl,
        "expected_comparison_value_approx": others,
        "expected_ratio_approx": round(bl / others, 2),
        "tolerance": 0.3,
        "ratio_definition": RISK_RATIO,
        "min_students_detectable": SMALL,
    }


def _ap() -> dict[str, Any]:
    ed, others = courses.AP_RATE_ED, courses.AP_RATE_OTHERS
    return {
        "id": "ap_economically_disadvantaged",
        "description": "Economically disadvantaged students in grades 9-12 take AP courses at "
        "about half the rate of all other students, district-wide.",
        **_district("advanced:AP", "opportunity", "economically_disadvantaged", "Y"),
        "expected_value_approx": ed,
        "expected_comparison_value_approx": others,
        "expected_ratio_approx": round(ed / others, 2),
        "tolerance": 0.1,
        "ratio_definition": RISK_RATIO,
        "min_students_detectable": SMALL,
    }


def _novice(world: World, teachers: np.ndarray) -> dict[str, Any]:
    quartile = poverty_quartiles(world.ed_share_last, world.years[-1].school)
    target = novice_target(world.poverty) * teachers
    share = [target[quartile == q].sum() / max(teachers[quartile == q].sum(), 1e-9) for q in (1, 4)]
    return {
        "id": "novice_teachers_high_poverty",
        "description": "High-poverty schools (quartile Q4) have a much larger share of novice "
        "teachers (under 2 years of experience) than low-poverty schools (Q1).",
        **_district("novice_teacher_share", "resource", "poverty_quartile", "Q4"),
        "comparison_group": "Q1",
        "expected_value_approx": round(share[1], 3),
        "expected_comparison_value_approx": round(share[0], 3),
        "expected_ratio_approx": round(share[1] / share[0], 2),
        "tolerance": round(0.3 * share[1] / share[0], 2),
        "expected_min_ratio": 2.0,
        "ratio_definition": "value(Q4) / value(Q1); the findings report Q4 minus Q1",
        "min_students_detectable": DEFAULT,
    }


def _chronic() -> dict[str, Any]:
    h, others = attendance.CHRONIC_RATE_HOMELESS, attendance.CHRONIC_RATE_OTHERS
    return {
        "id": "chronic_absence_homeless",
        "description": "About half of homeless students are chronically absent, about twice the "
        "rate of all other students, district-wide.",
        **_district("chronic_absenteeism", "attendance", "homeless", "Y"),
        "expected_value_approx": h,
        "expected_comparison_value_approx": others,
        "expected_ratio_approx": round(h / others, 2),
        "tolerance": 0.35,
        "ratio_definition": RISK_RATIO,
        "min_students_detectable": SMALL,
    }


def _math() -> dict[str, Any]:
    el, others = assessments.MATH_EL_PROFICIENT, assessments.LEVEL_SHARES["STATE_MATH"][1]
    return {
        "id": "math_proficiency_english_learners",
        "description": "English learners reach proficiency on STATE_MATH at well under half the "
        "rate of all other students, district-wide.",
        **_district("proficiency:STATE_MATH", "achievement", "english_learner", "Y"),
        "expected_value_approx": el,
        "expected_comparison_value_approx": others,
        "expected_gap_approx": round(el - others, 2),
        "expected_ratio_approx": round(el / others, 2),
        "tolerance": 0.08,
        "ratio_definition": RISK_RATIO,
        "min_students_detectable": SMALL,
    }


def poverty_quartiles(ed_share: np.ndarray, school_of_rows: np.ndarray) -> np.ndarray:
    """Quartile 1-4 per school by the metric spec (ascending ED share, ties by school order)."""
    enrol = np.bincount(school_of_rows, minlength=len(ed_share)).astype(float)
    order = np.lexsort((np.arange(len(ed_share)), ed_share))
    before = np.r_[0.0, np.cumsum(enrol[order])[:-1]]
    quart = np.minimum(4, np.floor(4 * (before + enrol[order] / 2) / enrol.sum()) + 1)
    out = np.empty(len(ed_share), dtype=np.int64)
    out[order] = quart
    return out
