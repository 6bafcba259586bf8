"""Fixtures of the equity-audit tests: a stored audit of the cast's district built by hand
(so scoping and suppression can be checked figure by figure), and a real import of a small
generated district for the tests of the run cache, the worker and the command line."""

from __future__ import annotations

import uuid

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.test import override_settings
from django.utils import timezone

from districtwise.analytics.equity.spec import TIDY_COLUMNS
from districtwise.equity import services
from districtwise.equity.models import AuditRun
from tests.api.conftest import api_as, raw_token_for  # noqa: F401  (fixtures)
from tests.data.conftest import demo_files, files  # noqa: F401  (fixtures)

YEAR = 2026
SMALL = 4  # a denominator under the minimum display n (10): suppressed for most users


@pytest.fixture(autouse=True)
def data_dir(tmp_path):
    with override_settings(DATA_DIR=tmp_path / "var"):
        yield tmp_path / "var"


def figure(unit_type, unit_id, group_type, group, numerator, denominator, **more) -> dict:
    value = numerator / denominator if denominator else None
    row = {
        "school_year": YEAR,
        "unit_type": unit_type,
        "unit_id": unit_id,
        "dimension": "discipline",
        "metric": "oss_rate",
        "group_type": group_type,
        "group": group,
        "numerator": float(numerator),
        "denominator": float(denominator),
        "value": value,
        "comparison_value": 0.05,
        "ratio": value / 0.05 if value is not None else None,
        "status": "ok",
    }
    return row | more


def unit_figures(unit_type: str, unit_id: str) -> list[dict]:
    """One metric of one unit: the whole unit, and sex groups of which F is small."""
    return [
        figure(unit_type, unit_id, "all", "all", 20, 400),
        figure(unit_type, unit_id, "sex", "F", 1, SMALL),
        figure(unit_type, unit_id, "sex", "M", 19, 396 - SMALL, status="insufficient_n"),
        figure(unit_type, unit_id, "sex", "X", 0, 0, value=None, ratio=None, status="undefined"),
    ]


def cast_units(cast) -> list[tuple[str, str]]:
    return [
        ("district", cast.district.code),
        ("network", cast.north.code),
        ("network", cast.south.code),
        ("school", cast.north_1.code),
        ("school", cast.north_2.code),
        ("school", cast.south_1.code),
    ]


def tidy_table(rows: list[dict]) -> pa.Table:
    schema = pa.schema(
        [
            (c, pa.int64() if c == "school_year" else pa.float64())
            if c
            in ("school_year", "numerator", "denominator", "value", "comparison_value", "ratio")
            else (c, pa.string())
            for c in TIDY_COLUMNS
        ]
    )
    return pa.Table.from_pylist(rows, schema=schema)


def store_run(district, rows: list[dict]) -> AuditRun:
    """Record ``rows`` as the district's current, fresh audit (what the worker would have
    stored for the live data and settings as they are)."""
    fingerprint, version_ids, audit_settings = services.audit_fingerprint(district)
    path = services.audit_dir(district) / f"{uuid.uuid4().hex}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(tidy_table(rows), path)
    now = timezone.now()
    return AuditRun.objects.create(
        district=district,
        fingerprint=fingerprint,
        version_ids=version_ids,
        settings_hash=services.settings_hash(audit_settings),
        settings=audit_settings.as_dict(),
        status=AuditRun.Status.SUCCEEDED,
        started_at=now,
        finished_at=now,
        path=str(path),
        row_count=len(rows),
        years=sorted({r["school_year"] for r in rows}),
    )


@pytest.fixture
def stored_audit(cast) -> AuditRun:
    """The cast's district with a hand-built audit of 2026: every unit, one metric."""
    rows = [r for unit in cast_units(cast) for r in unit_figures(*unit)]
    return store_run(cast.district, rows)
