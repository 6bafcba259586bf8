"""School-level spending by category and funding source."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from districtwise.demo.files.csvout import CsvFile, dict_column, take_column

COLUMNS = ["school_id", "school_year", "category", "funding_source", "amount"]
CATEGORIES = ["personnel", "nonpersonnel"]
SOURCES = ["general", "title_i", "idea", "state_categorical", "grant"]
BENEFITS = 1.32


def school_spending(
    rng: np.random.Generator,
    payroll: np.ndarray,
    enrolment: np.ndarray,
    counts: dict[str, np.ndarray],
    title_i: np.ndarray,
) -> np.ndarray:
    """Amounts [school, category, source] in dollars (cents rounded)."""
    n = len(payroll)
    amount = np.zeros((n, 2, len(SOURCES)))
    personnel = payroll * BENEFITS
    ed, el, dis = counts["ed"], counts["el"], counts["dis"]
    amount[:, 0, 1] = np.where(title_i, np.minimum(ed * 620.0, 0.12 * personnel), 0)
    amount[:, 0, 2] = np.minimum(dis * 1_450.0, 0.15 * personnel)
    amount[:, 0, 3] = np.minimum(el * 850.0 + ed * 250.0, 0.1 * personnel)
    grant = rng.random(n) < 0.3
    amount[:, 0, 4] = np.where(grant, rng.uniform(20_000, 140_000, n), 0)
    amount[:, 0, 0] = np.maximum(personnel - amount[:, 0, 1:].sum(axis=1), 0.0)
    amount[:, 1, 0] = enrolment * rng.uniform(1_150, 1_650, n)
    amount[:, 1, 1] = np.where(title_i, ed * 160.0, 0)
    amount[:, 1, 2] = dis * 120.0
    amount[:, 1, 3] = el * 90.0
    amount[:, 1, 4] = np.where(grant, rng.uniform(5_000, 40_000, n), 0)
    return np.round(amount, 2)


def write_finance(
    out: CsvFile, year: int, school_ids: pa.Array, amount: np.ndarray, title_i: np.ndarray
) -> None:
    """Append one year's rows; zero amounts (e.g. Title I at non-Title I schools) are omitted."""
    school, category, source = np.nonzero(amount > 0)
    out.write(
        {
            "school_id": take_column(school_ids, school),
            "school_year": np.full(len(school), year, dtype=np.int16),
            "category": dict_column(category, CATEGORIES),
            "funding_source": dict_column(source, SOURCES),
            "amount": amount[school, category, source],
        }
    )
