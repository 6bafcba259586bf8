"""Assigning courses to enrollment rows and writing course_enrollments.csv."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from districtwise.demo.files.codes import grade_code
from districtwise.demo.files.courses import (
    ADV,
    ALG1MS,
    AP,
    AP_RATE_ED,
    AP_RATE_OTHERS,
    DUAL,
    HON,
    IB,
    SLOTS,
    Catalog,
)
from districtwise.demo.files.csvout import CsvFile, dict_column
from districtwise.demo.files.enrollment import YearRows, key_columns
from districtwise.demo.files.sampling import exact_rate_select

CHUNK = 200_000


def row_student(rows: YearRows) -> np.ndarray:
    """Index of each row's student-year (rows are sorted by student)."""
    return np.cumsum(np.r_[True, rows.stu[1:] != rows.stu[:-1]]) - 1


def ap_takers(
    rng: np.random.Generator, rows: YearRows, ability: np.ndarray, ib: np.ndarray
) -> np.ndarray:
    """Per row: does the student take AP this year (exact rates for ED and all others)."""
    final = np.flatnonzero(rows.final & (rows.grade >= 9))
    ed = (rows.flags["economically_disadvantaged"][final] == 1).astype(np.int64)
    grade_weight = np.array([0.3, 0.8, 1.6, 1.8])[rows.grade[final] - 9]
    weights = np.exp(1.3 * ability[rows.stu[final]]) * grade_weight * np.where(ib[final], 1e-9, 1)
    chosen = exact_rate_select(rng, ed, np.array([AP_RATE_OTHERS, AP_RATE_ED]), weights)
    per_student = np.zeros(row_student(rows)[-1] + 1, dtype=bool)
    per_student[row_student(rows)[final[chosen]]] = True
    return per_student[row_student(rows)] & (rows.grade >= 9)


def variants(
    rng: np.random.Generator,
    rows: YearRows,
    ability: np.ndarray,
    ib_school: np.ndarray,
    cat: Catalog,
) -> np.ndarray:
    """Course variant per row and slot (regular, honors, AP, IB, dual, Algebra I in MS)."""
    n, g = len(rows), rows.grade
    a = ability[rows.stu]
    var = np.zeros((n, SLOTS), dtype=np.int64)
    ib = ib_school[rows.school] & (g >= 11) & _top(rng, a, 0.25)
    var[ib, :4] = IB
    _place(rng, var, ap_takers(rng, rows, ability, ib), AP, cat, g, 1 + rng.binomial(3, 0.4, n))
    alg = _top(rng, a, np.where(g == 8, 0.22, np.where(g == 7, 0.05, 0.0)))
    var[alg, 1] = ALG1MS
    dual = (g >= 11) & ~ib & (rng.random(n) < 0.09) & (var[:, 6] == 0)
    var[dual, 6] = DUAL
    honors = (g >= 6) & ~ib & _top(rng, a, 0.28)
    _place(rng, var, honors, HON, cat, g, rng.integers(1, 4, n))
    return var


def _top(rng: np.random.Generator, a: np.ndarray, share: float | np.ndarray) -> np.ndarray:
    """A noisy ability-weighted selection of about ``share`` of the rows."""
    p = share * 2.2 / (1 + np.exp(-1.2 * (a - 0.3)))
    return rng.random(len(a)) < np.minimum(p, 0.95)


def _place(
    rng: np.random.Generator,
    var: np.ndarray,
    who: np.ndarray,
    variant: int,
    cat: Catalog,
    grade: np.ndarray,
    count: np.ndarray,
) -> None:
    """Turn up to ``count`` free regular slots of the rows ``who`` into ``variant`` courses."""
    idx = np.flatnonzero(who)
    offered = cat.lut[:, variant, :][:, np.clip(grade[idx] - 6, 0, 6)].T >= 0
    free = offered & (var[idx] == 0)
    keys = np.where(free, rng.random(free.shape), -1.0)
    rank = np.argsort(np.argsort(-keys, axis=1, kind="stable"), axis=1, kind="stable")
    take = free & (rank < np.maximum(count[idx], 1)[:, None])
    sub = var[idx]
    sub[take] = variant
    var[idx] = sub


def course_matrix(
    rng: np.random.Generator, rows: YearRows, var: np.ndarray, cat: Catalog
) -> np.ndarray:
    """Catalogue index per row and slot."""
    gi = np.clip(rows.grade - 6, 0, 6)
    idx = cat.lut[np.arange(SLOTS)[None, :], var, gi[:, None]]
    elective = cat.electives[gi, rng.integers(0, cat.electives.shape[1], len(rows))]
    idx[:, 6] = np.where(var[:, 6] == 0, elective, idx[:, 6])
    return idx


def write_courses(
    rng: np.random.Generator,
    out: CsvFile,
    rows: YearRows,
    ids: pa.Array,
    school_ids: pa.Array,
    ability: np.ndarray,
    ib_school: np.ndarray,
    cat: Catalog,
) -> None:
    """Write one year's course enrollments: 7 per secondary row, GT for gifted K-5."""
    var = variants(rng, rows, ability, ib_school, cat)
    matrix = course_matrix(rng, rows, var, cat)
    secondary = np.flatnonzero(rows.grade >= 6)
    for begin in range(0, len(secondary), CHUNK):
        sel = secondary[begin : begin + CHUNK]
        _write(
            rng,
            out,
            rows,
            np.repeat(sel, SLOTS),
            matrix[sel].ravel(),
            ids,
            school_ids,
            ability,
            cat,
        )
    gifted = np.flatnonzero((rows.grade >= 0) & (rows.grade <= 5) & (rows.flags["gifted"] == 1))
    gt = cat.ids.index("GT-ENRICH")
    _write(rng, out, rows, gifted, np.full(len(gifted), gt), ids, school_ids, ability, cat)


def _write(
    rng: np.random.Generator,
    out: CsvFile,
    rows: YearRows,
    row: np.ndarray,
    course: np.ndarray,
    ids: pa.Array,
    school_ids: pa.Array,
    ability: np.ndarray,
    cat: Catalog,
) -> None:
    """Append course rows (row index, catalogue index) with a passed flag."""
    n = len(row)
    advanced = cat.advanced[course]
    p_pass = 1 / (1 + np.exp(-(2.8 + 0.9 * ability[rows.stu[row]] - 0.4 * (advanced >= 0))))
    passed = np.where(rng.random(n) < 0.01, 2, (rng.random(n) < p_pass).astype(np.int64))
    out.write(
        {
            **key_columns(rows, row, ids, school_ids),
            "course_id": dict_column(course, cat.ids),
            "course_name": dict_column(course, cat.names),
            "subject": dict_column(course, cat.subjects),
            "advanced": dict_column(np.where(advanced < 0, len(ADV), advanced), ADV),
            "passed": dict_column(passed, ["N", "Y"]),
        }
    )


# The elementary day as courses (KG-05), written only for a district with full records.
ELEMENTARY_DAY = (
    ("ELA", "English Language Arts", "English"),
    ("MATH", "Mathematics", "Mathematics"),
    ("SCI", "Science", "Science"),
    ("SS", "Social Studies", "Social Studies"),
    ("ART", "Art", "Arts"),
    ("MUS", "Music", "Arts"),
    ("PE", "Physical Education", "Physical Education"),
)


def write_elementary_day(
    rng: np.random.Generator,
    out: CsvFile,
    rows: YearRows,
    ids: pa.Array,
    school_ids: pa.Array,
    ability: np.ndarray,
) -> None:
    """Write one course row per KG-05 enrollment row and subject of the elementary day."""
    grades = [grade_code(g) for g in range(6)]
    course_ids = [f"E{grade}-{code}" for grade in grades for code, _, _ in ELEMENTARY_DAY]
    names = [f"Grade {grade} {name}" for grade in grades for _, name, _ in ELEMENTARY_DAY]
    subjects = [subject for _ in grades for _, _, subject in ELEMENTARY_DAY]
    elementary = np.flatnonzero((rows.grade >= 0) & (rows.grade <= 5))
    for begin in range(0, len(elementary), CHUNK):
        sel = elementary[begin : begin + CHUNK]
        row = np.repeat(sel, len(ELEMENTARY_DAY))
        course = rows.grade[row].astype(np.int64) * len(ELEMENTARY_DAY) + np.tile(
            np.arange(len(ELEMENTARY_DAY)), len(sel)
        )
        n = len(row)
        p_pass = 1 / (1 + np.exp(-(3.2 + 0.9 * ability[rows.stu[row]])))
        passed = np.where(rng.random(n) < 0.01, 2, (rng.random(n) < p_pass).astype(np.int64))
        out.write(
            {
                **key_columns(rows, row, ids, school_ids),
                "course_id": dict_column(course, course_ids),
                "course_name": dict_column(course, names),
                "subject": dict_column(course, subjects),
                "advanced": dict_column(np.full(n, len(ADV)), ADV),
                "passed": dict_column(passed, ["N", "Y"]),
            }
        )
