"""Attendance totals per enrollment row, and the optional day-by-day file."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from districtwise.demo.files.csvout import CsvFile, date_column, dict_column, take_column
from districtwise.demo.files.enrollment import YearRows
from districtwise.demo.files.sampling import exact_rate_select

# Planted (pattern 5): chronic absence of homeless students vs all others, row level.
CHRONIC_RATE_HOMELESS, CHRONIC_RATE_OTHERS = 0.50, 0.24
# Planted struggling schools: extra latent absence risk (the district's rates stay exact).
STRUGGLING_RISK = 0.8
GRADE_EFFECT = np.array(
    [0.35, 0.25, 0.05, 0.0, -0.05, -0.05, 0.0, 0.05, 0.1, 0.15, 0.3, 0.35, 0.45, 0.6]
)
DAILY_CHUNK_ROWS = 40_000
ATTENDANCE_COLUMNS = ["student_id", "school_id", "school_year", "days_enrolled", "days_absent"]
DAILY_COLUMNS = ["student_id", "school_id", "date", "status"]


def absence_halves(
    rng: np.random.Generator,
    rows: YearRows,
    school_poverty: np.ndarray,
    attend: np.ndarray,
    fractional: bool,
    struggling: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Days enrolled and absent per row, both in half-day units (integers).

    Chronic absence (absent/enrolled >= 0.10) is assigned by exact rates to homeless
    students and to all others; no row sits exactly on the 0.10 boundary. Rows at the
    ``struggling`` schools (a mask per school) are more likely to be chosen.
    """
    n = len(rows)
    enrolled = 2 * rows.days_enrolled.astype(np.int64)
    if fractional:
        enrolled -= (rng.random(n) < 0.01) & (enrolled > 40)
    risk = _risk(rng, rows, school_poverty, attend)
    if struggling is not None:
        risk = risk + STRUGGLING_RISK * struggling[rows.school]
    homeless = (rows.flags["homeless"] == 1).astype(np.int64)
    rates = np.array([CHRONIC_RATE_OTHERS, CHRONIC_RATE_HOMELESS])
    chronic = exact_rate_select(rng, homeless, rates, np.exp(2.2 * risk))
    rate = _absence_rate(risk, chronic)
    absent = np.rint(rate * enrolled).astype(np.int64)
    threshold = -(-enrolled // 10)  # smallest chronic count: ceil(enrolled / 10)
    absent = np.where(chronic, np.maximum(absent, threshold), np.minimum(absent, threshold - 1))
    absent += chronic & (10 * absent == enrolled)
    return enrolled, np.clip(absent, 0, enrolled)


def _risk(
    rng: np.random.Generator, rows: YearRows, school_poverty: np.ndarray, attend: np.ndarray
) -> np.ndarray:
    """Latent absence risk: the student's habit, the year, school poverty, grade, statuses."""
    flags = rows.flags
    return (
        0.8 * attend[rows.stu]
        + rng.normal(0, 0.6, len(rows))
        + 1.2 * (school_poverty[rows.school] - 0.5)
        + GRADE_EFFECT[rows.grade + 1]
        + 0.3 * (flags["economically_disadvantaged"] == 1)
        + 0.25 * (flags["disability"] == 1)
    )


def _absence_rate(risk: np.ndarray, chronic: np.ndarray) -> np.ndarray:
    """Absence rate from the risk rank: chronic rows 10-45%, others 0-9.9%."""
    rate = np.empty(len(risk))
    for mask, low, span, power in ((chronic, 0.10, 0.35, 3.0), (~chronic, 0.0, 0.099, 1.6)):
        idx = np.flatnonzero(mask)
        q = np.argsort(np.argsort(risk[idx], kind="stable"), kind="stable") / max(1, len(idx) - 1)
        rate[idx] = low + span * q**power
    return rate


def write_attendance(
    out: CsvFile,
    rows: YearRows,
    ids: pa.Array,
    school_ids: pa.Array,
    enrolled: np.ndarray,
    absent: np.ndarray,
) -> None:
    """Append one year's attendance totals."""
    out.write(
        {
            "student_id": take_column(ids, rows.stu),
            "school_id": take_column(school_ids, rows.school),
            "school_year": np.full(len(rows), rows.year, dtype=np.int16),
            "days_enrolled": enrolled / 2,
            "days_absent": absent / 2,
        }
    )


def write_daily(
    rng: np.random.Generator,
    out: CsvFile,
    rows: YearRows,
    calendar: np.ndarray,
    ids: pa.Array,
    school_ids: pa.Array,
    absent: np.ndarray,
) -> None:
    """Write the day-by-day file for one year, in chunks, matching the totals exactly."""
    for begin in range(0, len(rows), DAILY_CHUNK_ROWS):
        sel = np.arange(begin, min(begin + DAILY_CHUNK_ROWS, len(rows)))
        _daily_chunk(rng, out, rows, sel, calendar, ids, school_ids, absent[sel])


def _daily_chunk(
    rng: np.random.Generator,
    out: CsvFile,
    rows: YearRows,
    sel: np.ndarray,
    calendar: np.ndarray,
    ids: pa.Array,
    school_ids: pa.Array,
    absent: np.ndarray,
) -> None:
    """Statuses for a block of rows: exactly n_full 'A' and n_half 'H' days each."""
    day = np.arange(len(calendar))
    member = (day >= rows.start[sel, None]) & (day <= rows.end[sel, None])
    halves = absent % 2 + 2 * rng.binomial(absent // 4, 0.15)
    full = (absent - halves) // 2
    over = full + halves > member.sum(axis=1)
    halves[over] = absent[over] % 2
    full[over] = (absent[over] - halves[over]) // 2
    keys = np.where(member, rng.random(member.shape), 2.0)
    rank = np.argsort(np.argsort(keys, axis=1, kind="stable"), axis=1, kind="stable")
    status = np.where(rank < full[:, None], 1, np.where(rank < (full + halves)[:, None], 2, 0))
    r, d = np.nonzero(member)
    out.write(
        {
            "student_id": take_column(ids, rows.stu[sel][r]),
            "school_id": take_column(school_ids, rows.school[sel][r]),
            "date": date_column(calendar[d]),
            "status": dict_column(status[r, d], ["P", "A", "H"]),
        }
    )
