"""State assessments: ELA and math in grades 3-8 and 11, science in 5, 8 and 11."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from districtwise.demo.files.codes import GRADE_CODES, SUBJECTS, TESTED_GRADES
from districtwise.demo.files.csvout import CsvFile, dict_column, number_column
from districtwise.demo.files.enrollment import YearRows, key_columns

COLUMNS = [
    "student_id",
    "school_id",
    "school_year",
    "assessment",
    "subject",
    "grade_level",
    "scale_score",
    "performance_level",
    "proficient",
]
# Share of (non-EL) students at or above levels 2, 3 and 4, per assessment.
LEVEL_SHARES = {
    "STATE_ELA": (0.76, 0.47, 0.13),
    "STATE_MATH": (0.72, 0.46, 0.12),
    "STATE_SCIENCE": (0.74, 0.42, 0.11),
}
EL_EFFECT = {"STATE_ELA": -0.7, "STATE_MATH": -0.4, "STATE_SCIENCE": -0.5}
# Planted (pattern 6): STATE_MATH proficiency of English learners (others: LEVEL_SHARES).
MATH_EL_PROFICIENT = 0.17
CALIBRATED = "STATE_MATH"
# Planted struggling schools: latent achievement lower, and lower each year (falling).
STRUGGLING_SHIFT, STRUGGLING_FALL = -0.4, -0.35


def struggling_shift(struggling: np.ndarray, year_index: int) -> np.ndarray:
    """Latent shift per school in the ``year_index``-th year (0 = the first)."""
    return struggling * (STRUGGLING_SHIFT + STRUGGLING_FALL * year_index)


def latent_scores(
    rng: np.random.Generator,
    rows: YearRows,
    sel: np.ndarray,
    assessment: str,
    ability: np.ndarray,
    poverty: np.ndarray,
) -> np.ndarray:
    """Latent achievement of the tested rows ``sel``."""
    flags = {k: v[sel] for k, v in rows.flags.items()}
    return (
        0.8 * ability[rows.stu[sel]]
        + rng.normal(0, 0.5, len(sel))
        - 0.9 * (poverty[rows.school[sel]] - 0.5)
        + EL_EFFECT[assessment] * (flags["english_learner"] == 1)
        - 0.8 * (flags["disability"] == 1)
        + 0.4 * (flags["gifted"] == 1)
    )


def to_scale(z: np.ndarray, grade: int) -> np.ndarray:
    """Scale scores 2200-2800, rising about 25 points a grade."""
    return np.clip(np.rint(2400 + 25 * (grade - 3) + 85 * z), 2200, 2800).astype(np.int64)


def levels(rows: YearRows, sel: np.ndarray, assessment: str, scale: np.ndarray) -> np.ndarray:
    """Performance levels 1-4 from common cut scores set on the non-EL students.

    For the calibrated assessment English learners' scores are shifted so that exactly
    MATH_EL_PROFICIENT of them reach the proficiency cut (the planted gap).
    """
    el = rows.flags["english_learner"][sel] == 1
    ref = np.sort(scale[~el]) if (~el).any() else np.sort(scale)
    cuts = [
        ref[min(len(ref) - 1, int(len(ref) * (1 - share)))] for share in LEVEL_SHARES[assessment]
    ]
    if assessment == CALIBRATED and el.any():
        el_sorted = np.sort(scale[el])[::-1]
        k = max(1, round(MATH_EL_PROFICIENT * len(el_sorted)))
        scale[el] = np.clip(scale[el] + cuts[1] - el_sorted[k - 1], 2200, 2800)
    return 1 + sum((scale >= c).astype(np.int64) for c in cuts)


def write_assessments(
    rng: np.random.Generator,
    out: CsvFile,
    rows: YearRows,
    ids: pa.Array,
    school_ids: pa.Array,
    ability: np.ndarray,
    poverty: np.ndarray,
    shift: np.ndarray | None = None,
) -> None:
    """Write one year's assessment results (final row of each student; ~1.5% untested);
    ``shift`` moves the latent scores of each school (the struggling schools)."""
    for assessment, grades in TESTED_GRADES.items():
        for grade in grades:
            sel = np.flatnonzero(rows.final & (rows.grade == grade))
            sel = sel[rng.random(len(sel)) >= 0.015]
            latent = latent_scores(rng, rows, sel, assessment, ability, poverty)
            if shift is not None:
                latent = latent + shift[rows.school[sel]]
            scale = to_scale(latent, grade)
            unscored = rng.random(len(sel)) < 0.004
            level = levels(rows, sel, assessment, scale)
            _write(out, rows, sel, assessment, grade, scale, level, unscored, ids, school_ids)


def _write(
    out: CsvFile,
    rows: YearRows,
    sel: np.ndarray,
    assessment: str,
    grade: int,
    scale: np.ndarray,
    level: np.ndarray,
    unscored: np.ndarray,
    ids: pa.Array,
    school_ids: pa.Array,
    subject: str | None = None,
) -> None:
    """Append one assessment-grade block; unscored rows have blank score, level, flag.
    ``subject``: the state test's subject unless given."""
    n = len(sel)
    out.write(
        {
            **key_columns(rows, sel, ids, school_ids),
            "assessment": dict_column(np.zeros(n, dtype=np.int64), [assessment]),
            "subject": dict_column(np.zeros(n, dtype=np.int64), [subject or SUBJECTS[assessment]]),
            "grade_level": dict_column(np.full(n, grade + 1), GRADE_CODES),
            "scale_score": number_column(scale, unscored),
            "performance_level": number_column(level, unscored),
            "proficient": dict_column(
                np.where(unscored, 2, (level >= 3).astype(np.int64)), ["N", "Y"]
            ),
        }
    )


# Interim (benchmark) tests: reading and maths in the fall and the spring, grades KG-08,
# on a growth scale, five levels. Written only for a district with full records.
INTERIM: dict[str, tuple[str, str, float]] = {
    "MAP_READING_FALL": ("ELA", "STATE_ELA", 0.0),
    "MAP_MATH_FALL": ("MATH", "STATE_MATH", 0.0),
    "MAP_READING_SPRING": ("ELA", "STATE_ELA", 0.25),
    "MAP_MATH_SPRING": ("MATH", "STATE_MATH", 0.25),
}
INTERIM_GRADES = range(0, 9)
INTERIM_CUTS = np.array([-0.84, -0.25, 0.25, 0.84])  # quintiles of the latent score


def write_interim(
    rng: np.random.Generator,
    out: CsvFile,
    rows: YearRows,
    ids: pa.Array,
    school_ids: pa.Array,
    ability: np.ndarray,
    poverty: np.ndarray,
) -> None:
    """Write one year's interim results: four tests per KG-08 student (~3% untested each);
    levels 1-5, proficient from level 3."""
    for assessment, (subject, like, growth) in INTERIM.items():
        for grade in INTERIM_GRADES:
            sel = np.flatnonzero(rows.final & (rows.grade == grade))
            sel = sel[rng.random(len(sel)) >= 0.03]
            latent = latent_scores(rng, rows, sel, like, ability, poverty) + growth
            scale = np.clip(np.rint(150 + 9 * grade + 14 * latent), 100, 300).astype(np.int64)
            level = 1 + np.searchsorted(INTERIM_CUTS, latent)
            unscored = rng.random(len(sel)) < 0.004
            _write(
                out, rows, sel, assessment, grade, scale, level, unscored, ids, school_ids, subject
            )
