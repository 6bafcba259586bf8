"""Reads of the equity audit. Every read of its figures goes through ``audit_table``: the
one place where a user's scope narrows the units and small figures are suppressed."""

from __future__ import annotations

import importlib
import json
from dataclasses import fields
from functools import lru_cache

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from districtwise.analytics.equity.spec import TIDY_COLUMNS, AuditSettings
from districtwise.core.roles import Role
from districtwise.core.scopes import Scope, scope_for
from districtwise.equity.access import VisibleUnits, may_read_audit, visible_units
from districtwise.equity.models import AuditRun, EquitySettings


class Operator:
    """The person at the command line, who holds the district's files already: reads with a
    data steward's rights (every unit, no suppression). Pass ``user=OPERATOR``."""

    pk = 0
    is_authenticated = True

    def __str__(self) -> str:
        return "the command line"


OPERATOR = Operator()


def _scope(user, district) -> Scope:
    if user is OPERATOR:
        none: frozenset[int] = frozenset()
        return Scope(
            0, district.pk, frozenset({Role.DATA_STEWARD}), none, none, none, none, none, True
        )
    return scope_for(user, district)


def district_audit_settings(*, district) -> AuditSettings:
    """The district's audit settings (the spec's defaults until someone changes them). Not
    private: every report prints them."""
    row = EquitySettings.objects.filter(district=district).first()
    return row.as_audit_settings() if row is not None else AuditSettings()


def equity_settings(*, user, district) -> AuditSettings | None:
    """The settings the district's audit runs with, for users who may read the audit."""
    if not may_read_audit(_scope(user, district)):
        return None
    return district_audit_settings(district=district)


def current_run(*, user, district) -> AuditRun | None:
    """The newest finished audit of the district: the one pages show. A newer one being
    computed does not replace it until it is complete. (Compare its ``fingerprint`` with
    ``services.audit_fingerprint`` to tell whether it reflects the latest data.)"""
    if not may_read_audit(_scope(user, district)):
        return None
    runs = AuditRun.objects.filter(district=district, status=AuditRun.Status.SUCCEEDED)
    return runs.order_by("-finished_at", "-id").first()


def audit_years(*, user, district) -> list[int]:
    """The school years the current audit has figures for, newest first."""
    run = current_run(user=user, district=district)
    return sorted(run.years, reverse=True) if run is not None else []


@lru_cache(maxsize=8)
def _stored_table(path: str) -> pa.Table:
    # A run's file never changes once written, so a path names one table for good.
    return pq.read_table(path).select(list(TIDY_COLUMNS))


def _empty() -> pa.Table:
    return pa.Table.from_pylist([], schema=_stored_schema())


def _stored_schema() -> pa.Schema:
    text = {"unit_type", "unit_id", "dimension", "metric", "group_type", "group", "status"}
    return pa.schema(
        [
            (c, pa.int64() if c == "school_year" else pa.string() if c in text else pa.float64())
            for c in TIDY_COLUMNS
        ]
    )


def _scoped(table: pa.Table, units: VisibleUnits) -> pa.Table:
    if units.everything:
        return table
    unit_type, unit_id = table.column("unit_type"), table.column("unit_id")
    keep = pc.and_(
        pc.equal(unit_type, "school"),
        pc.is_in(unit_id, pa.array(sorted(units.school_codes), pa.string())),
    )
    keep = pc.or_(
        keep,
        pc.and_(
            pc.equal(unit_type, "network"),
            pc.is_in(unit_id, pa.array(sorted(units.network_codes), pa.string())),
        ),
    )
    if units.district:
        keep = pc.or_(keep, pc.equal(unit_type, "district"))
    return table.filter(pc.fill_null(keep, False))


def _filtered(table: pa.Table, **wanted) -> pa.Table:
    for column, value in wanted.items():
        if value is not None:
            table = table.filter(pc.fill_null(pc.equal(table.column(column), value), False))
    return table


def audit_table(
    *,
    user,
    district,
    school_year: int | None = None,
    unit_type: str | None = None,
    unit_id: str | None = None,
    dimension: str | None = None,
) -> pa.Table:
    """The current audit's tidy rows the user may see (``TIDY_COLUMNS``, and for users
    without student-record rights ``suppressed_reason``: small_n | complementary), narrowed
    to the given year, unit and dimension, with small figures suppressed unless the user may
    see student records (spec, "Privacy").

    Suppression runs over every unit of the year before the user's scope and the narrowing
    are applied: its complementary rules tie a district to its schools, so every user and
    every narrowing sees the same figures hidden."""
    scope = _scope(user, district)
    run = current_run(user=user, district=district)
    units = visible_units(scope) if run is not None else VisibleUnits()
    if run is None or units.nothing:
        return _empty()
    if scope.student_records:
        table = _filtered(_stored_table(run.path), school_year=school_year)
    else:
        table = _suppressed_table(
            run.path, school_year, json.dumps(run.settings, sort_keys=True), district.pk
        )
    table = _filtered(table, unit_type=unit_type, unit_id=unit_id, dimension=dimension)
    return _scoped(table, units)


@lru_cache(maxsize=16)
def _suppressed_table(
    path: str, school_year: int | None, settings_text: str, district_pk: int
) -> pa.Table:
    """The stored table (of one year, or all) as users without student-record rights see
    it. Cached: the file and its settings never change."""
    from districtwise.analytics.equity.memberships import school_memberships
    from districtwise.analytics.equity.suppression import suppress
    from districtwise.organization.models import School

    table = _filtered(_stored_table(path), school_year=school_year)
    audit_settings = AuditSettings(**json.loads(settings_text))
    # Which network and poverty quartile each school is in: the sums suppression protects.
    networks = {
        s.code: (s.network.code if s.network else None)
        for s in School.objects.filter(district_id=district_pk).select_related("network")
    }
    hidden = suppress(
        table,
        settings=audit_settings,
        student_records=False,
        memberships=school_memberships(table, networks),
        with_reason=True,
    )
    # The pages say why a figure is hidden; exports and the API keep the tidy columns only.
    return hidden.select([*TIDY_COLUMNS, "suppressed_reason"])


def audit_findings(*, user, district, school_year: int | None = None, **narrowing):
    """The findings (flagged ratios, gaps, quartile differences) of what the user may see:
    computed from ``audit_table``, so from scoped and suppressed figures only."""
    # findings.py is written beside this module's callers; imported by name until it lands.
    findings = importlib.import_module("districtwise.analytics.equity.findings")
    table = audit_table(user=user, district=district, school_year=school_year, **narrowing)
    run = current_run(user=user, district=district)
    audit_settings = run.audit_settings() if run is not None else AuditSettings()
    return findings.findings(table, settings=audit_settings)


def setting_rows(audit_settings: AuditSettings) -> list[tuple[str, object]]:
    """The settings as (name, value) pairs, in the spec's order, for printing."""
    return [(f.name, getattr(audit_settings, f.name)) for f in fields(AuditSettings)]
