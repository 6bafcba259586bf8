"""The aggregated counts as (unit x group) matrices, and the tidy rows built from them.

The engine returns at most one row per unit, year and group; here they become numpy
matrices with one row per unit-year (``Grid.units``) and one column per group of
``GROUP_PAIRS`` (column 0 is ``all``/``all``), zero where a group has no students, so that
every group of the spec appears (a missing group shows as n = 0) and comparison groups
(the unit's ``all`` column minus the group's) and the district's alternate comparison are
plain array arithmetic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from districtwise.analytics.equity.spec import GROUP_TYPES, TIDY_COLUMNS

GROUP_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (group_type, group) for group_type, groups in GROUP_TYPES.items() for group in groups
)
UNIT_ORDER = {"district": 0, "network": 1, "school": 2}
UNIT_COLUMNS = ("school_year", "unit_type", "unit_id")
TIDY_SCHEMA = pa.schema(
    [
        ("school_year", pa.int16()),
        ("unit_type", pa.string()),
        ("unit_id", pa.string()),
        ("dimension", pa.string()),
        ("metric", pa.string()),
        ("group_type", pa.string()),
        ("group", pa.string()),
        ("numerator", pa.float64()),
        ("denominator", pa.float64()),
        ("value", pa.float64()),
        ("comparison_value", pa.float64()),
        ("ratio", pa.float64()),
        ("status", pa.string()),
    ]
)
assert tuple(TIDY_SCHEMA.names) == TIDY_COLUMNS


@dataclass
class Grid:
    """Units (one per unit and year, district first in each year) and group matrices."""

    years: np.ndarray
    unit_types: np.ndarray
    unit_ids: np.ndarray
    matrices: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.years)

    @property
    def district_row(self) -> np.ndarray:
        """Per unit: the row of the district in the same school year."""
        is_district = self.unit_types == "district"
        by_year = dict(
            zip(self.years[is_district].tolist(), np.flatnonzero(is_district), strict=True)
        )
        return np.array([by_year[y] for y in self.years.tolist()], dtype=np.int64)

    def unit_index(self, table: pa.Table) -> np.ndarray:
        """Row of ``Grid`` of each row of a table keyed by UNIT_COLUMNS (-1 = not a unit)."""
        lookup = {
            (y, t, u): i
            for i, (y, t, u) in enumerate(
                zip(
                    self.years.tolist(),
                    self.unit_types.tolist(),
                    self.unit_ids.tolist(),
                    strict=True,
                )
            )
        }
        keys = zip(*(table[c].to_pylist() for c in UNIT_COLUMNS), strict=True)
        return np.array([lookup.get(k, -1) for k in keys], dtype=np.int64)

    def per_unit(self, table: pa.Table, column: str) -> np.ndarray:
        """A column of a per-unit table as one value per grid unit (0 where absent)."""
        out = np.zeros(self.size)
        rows = self.unit_index(table)
        found = rows >= 0
        values = table[column].to_numpy(zero_copy_only=False).astype(np.float64)
        out[rows[found]] = np.nan_to_num(values[found])
        return out


def build_grid(counts: pa.Table, names: Sequence[str]) -> Grid:
    """The engine's per-group sums as matrices ``grid.matrices[name]`` (units x groups)."""
    units = counts.filter(pc.equal(counts["group_type"], "all")).select(list(UNIT_COLUMNS))
    years = units["school_year"].to_numpy()
    types = np.array(units["unit_type"].to_pylist(), dtype=object)
    ids = np.array(units["unit_id"].to_pylist(), dtype=object)
    order = sorted(
        range(len(years)), key=lambda i: (years[i], UNIT_ORDER[str(types[i])], str(ids[i]))
    )
    grid = Grid(years[order], types[order], ids[order])
    rows = grid.unit_index(counts)
    column_of = {pair: j for j, pair in enumerate(GROUP_PAIRS)}
    cols = np.array(
        [
            column_of.get(pair, -1)
            for pair in zip(
                counts["group_type"].to_pylist(), counts["group"].to_pylist(), strict=True
            )
        ],
        dtype=np.int64,
    )
    keep = (rows >= 0) & (cols >= 0)
    for name in names:
        matrix = np.zeros((grid.size, len(GROUP_PAIRS)))
        values = counts[name].to_numpy(zero_copy_only=False).astype(np.float64)
        matrix[rows[keep], cols[keep]] = np.nan_to_num(values[keep])
        grid.matrices[name] = matrix
    return grid


def figures(
    grid: Grid,
    *,
    metric: str,
    dimension: str,
    numerator: np.ndarray,
    denominator: np.ndarray,
    value: np.ndarray,
    comparison_value: np.ndarray,
    ratio: np.ndarray,
    status: np.ndarray,
    units: np.ndarray | None = None,
    groups: Sequence[tuple[str, str]] = GROUP_PAIRS,
) -> pa.Table:
    """Tidy rows of one metric: (units x groups) matrices flattened, NaN as empty.

    ``units`` selects grid rows (default all); matrices then have one row per selected unit.
    """
    rows = np.arange(grid.size) if units is None else np.asarray(units, dtype=np.int64)
    n_groups = len(groups)
    repeat = lambda a: np.repeat(a[rows], n_groups)  # noqa: E731
    tile = lambda i: np.tile(np.array([g[i] for g in groups], dtype=object), len(rows))  # noqa: E731
    size = len(rows) * n_groups
    columns = {
        "school_year": pa.array(repeat(grid.years), pa.int16()),
        "unit_type": pa.array(repeat(grid.unit_types), pa.string()),
        "unit_id": pa.array(repeat(grid.unit_ids), pa.string()),
        "dimension": pa.array(np.full(size, dimension, dtype=object), pa.string()),
        "metric": pa.array(np.full(size, metric, dtype=object), pa.string()),
        "group_type": pa.array(tile(0), pa.string()),
        "group": pa.array(tile(1), pa.string()),
    }
    for name, matrix in (
        ("numerator", numerator),
        ("denominator", denominator),
        ("value", value),
        ("comparison_value", comparison_value),
        ("ratio", ratio),
    ):
        flat = np.asarray(matrix, dtype=np.float64).reshape(-1)
        columns[name] = pa.array(flat, pa.float64(), mask=np.isnan(flat))
    columns["status"] = pa.array(np.asarray(status, dtype=object).reshape(-1), pa.string())
    return pa.table(columns, schema=TIDY_SCHEMA)


def unavailable(grid: Grid, *, metric: str, dimension: str, units: np.ndarray) -> pa.Table:
    """One ``unavailable`` row (group all/all, numbers empty) per selected unit."""
    shape = (len(units), 1)
    empty = np.full(shape, np.nan)
    return figures(
        grid,
        metric=metric,
        dimension=dimension,
        numerator=empty,
        denominator=empty,
        value=empty,
        comparison_value=empty,
        ratio=empty,
        status=np.full(shape, "unavailable", dtype=object),
        units=units,
        groups=(("all", "all"),),
    )
