"""Privacy suppression of the equity audit's tidy result (spec "Privacy").

``suppress`` is the one place every page, export and API answer goes through. The spec asks
that "no user without student-record rights can obtain a figure under the minimum display n
directly or by subtracting published figures"; this module is how.

How a hidden figure could still be worked out, and what is done about it
------------------------------------------------------------------------
Numerators and denominators add up. Within one school year and metric the tidy table holds
these sums (each an *equation*: a parent figure and the child figures it is the sum of):

1. **Within a unit** (spec, "Groups"): for every group type, the unit's ``all`` row is the
   sum of that type's groups (``unknown`` included), so ``all`` minus the published
   siblings gives the hidden siblings' total. The district's ``poverty_quartile`` rows are
   a group type like the others: ``Q1 + … + Q4 = all``.
2. **Across units** (spec, "Units"): a district (or network) figure is, but for students
   enrolled in two schools, the sum of its schools' figures for the same group; the
   district is also the sum of its networks and the schools in no network; a district
   quartile row is the sum of the ``all`` rows of its schools (spec, "Poverty quartiles").
   We treat these as exact, which is the attacker's best case.
3. **Across metrics**: metrics that count the same people have the same denominator for
   the same unit, year and group (``denominator_family``): every metric over the unit's
   students (discipline, identification, gifted courses, spending per pupil); AP, IB and
   dual enrollment (grades 09-12); a scale-score mean and its effect size; the teacher FTE
   of the staff metrics (each ``staff_representation`` group's denominator is the unit's
   FTE). One metric's published denominator is the other's, so a figure hidden in one is
   hidden in all of them, and the rules below are applied again.

A hidden figure is safe when no combination of published figures determines it. The rule
applied to every equation, repeated until nothing changes (complementary suppression, spec
"Privacy"; the classic cell-suppression rules of NCES SLDS Technical Brief 3):

* an equation never has exactly one hidden term with students in it (one hidden term is
  the parent minus the published rest, or the sum of the published children); and
* when the parent is published, the hidden children together hold no students or at least
  the minimum display n, so that the remainder an attacker can compute is itself not a
  small group.

When an equation breaks the rule, its smallest published child (by denominator; ties by
unit, group type and group, never by metric) is hidden too. Metrics with the same
denominators can still choose differently (their sums differ: only spending has quartile
rows), hence rule 3. A group with no students is hidden (its denominator, 0, is under
the display n) but does not count as a disclosure when worked out: it tells nothing about
any student.

Without the school memberships (``memberships``), the network and quartile sums cannot be
written down; then, failing closed, every network row and district quartile row of a
school year and metric in which any school figure with students is hidden is hidden as
well (hidden parents whose every equation is hidden add nothing an attacker can use).

Comparison values and ratios. For an ``ok``/``insufficient_n``/``undefined`` row the
comparison group is the unit's population minus the group (spec, "Comparison and risk
ratio"), so ``comparison_value = (all.numerator - numerator) / (all.denominator -
denominator)``: nothing new while the unit's ``all`` row is published. When that ``all``
row is hidden (complementarily, or missing), two siblings' comparison values are two
equations in the two hidden totals and give them back, and with them the hidden groups; so
every comparison value and ratio of that unit and metric is emptied. An ``alternate`` row
compares with the district's ``all`` minus the district's group; it is emptied unless both
are published. ``staff_representation`` compares with the group's share of the unit's
*students*, a student count in disguise; it is emptied unless the same unit and group is
published in a metric over all the unit's students.

Known limits: the identification metrics publish, as their ``all`` row's numerator, the
size of the flag's ``Y`` group, which the spec lets through because that figure's
denominator (the unit) is large; those sizes are not used by the rules above. Bounds from
non-negativity (a hidden group lies between 0 and the remainder) are limited only by the
second rule.
"""

# SQL here is assembled from this module's own names and the settings' integers only.
# ruff: noqa: S608
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from districtwise.analytics.equity.spec import AuditSettings

SUPPRESSED = "suppressed"
UNAVAILABLE = "unavailable"
SMALL_N = "small_n"
COMPLEMENTARY = "complementary"
REASON_COLUMN = "suppressed_reason"
HIDDEN_FIGURES = ("numerator", "denominator", "value", "comparison_value", "ratio")
# Metrics whose denominator is every student of the unit (spec, "The rate metrics").
STUDENT_COUNT_METRICS = (
    "oss_rate",
    "iss_rate",
    "expulsion_rate",
    "referral_rate",
    "arrest_rate",
    "days_lost_per_100",
    "identification:disability",
    "identification:gifted",
    "identification:english_learner",
)
MEMBERSHIP_COLUMNS = ("school_year", "school_id", "network_id", "poverty_quartile")
TEACHER_FTE_METRICS = ("staff_representation", "novice_teacher_share", "out_of_field_share")


def denominator_family(metric: str) -> str | None:
    """The people a metric's denominators count, when other metrics count them too (module
    docstring, 3.; spec, "The rate metrics" and "Other metrics"); None otherwise."""
    if metric in STUDENT_COUNT_METRICS or metric in ("advanced:GT", "per_pupil_spending"):
        return "students"
    if metric in ("advanced:AP", "advanced:IB", "advanced:DUAL"):
        return "students in grades 09-12"
    if metric.startswith(("scale_score_mean:", "scale_score_effect_size:")):
        return "students scored on " + metric.partition(":")[2]
    if metric in TEACHER_FTE_METRICS:
        return "teacher FTE"
    return None


def suppress(
    table: pa.Table,
    *,
    settings: AuditSettings,
    student_records: bool,
    memberships: pa.Table | None = None,
    with_reason: bool = False,
) -> pa.Table:
    """The tidy table as a user may see it (spec "Privacy"; the module docstring says why).

    ``student_records`` users get ``table`` unchanged. For everyone else, figures whose
    denominator is under ``settings.minimum_display_n`` and the figures that would give
    them away are ``suppressed`` with every number empty, and comparison values that would
    give away a hidden total are emptied. ``memberships`` (columns ``school_year,
    school_id, network_id, poverty_quartile``) lets network and quartile rows stay
    published where they are safe. ``with_reason`` adds a ``suppressed_reason`` column
    (``small_n`` | ``complementary``) for pages; exports leave it off.
    """
    if student_records:
        return table
    con = duckdb.connect()
    try:
        return _suppress(con, table, settings.minimum_display_n, memberships, with_reason)
    finally:
        con.close()


def reason(row: Mapping[str, Any], *, minimum_display_n: int = 10) -> str:
    """The text shown in place of a suppressed figure (empty for a published one)."""
    if row.get("status") != SUPPRESSED:
        return ""
    if row.get(REASON_COLUMN) == COMPLEMENTARY:
        return "Hidden so that a smaller group cannot be worked out from the others"
    return f"Fewer than {minimum_display_n} students: hidden to protect privacy"


def _suppress(
    con: duckdb.DuckDBPyConnection,
    table: pa.Table,
    minimum: int,
    memberships: pa.Table | None,
    with_reason: bool,
) -> pa.Table:
    con.register(
        "tidy_rows", table.append_column("rid", pa.array(range(table.num_rows), pa.int64()))
    )
    metrics = pc.unique(table["metric"]).drop_null().to_pylist()
    families = [denominator_family(m) for m in metrics]
    whole_unit = [m == "staff_representation" for m in metrics]
    con.register(
        "families",
        pa.table(
            {"metric": metrics, "family": families, "whole": whole_unit},
            schema=pa.schema(
                [("metric", pa.string()), ("family", pa.string()), ("whole", pa.bool_())]
            ),
        ),
    )
    # twin_*: the group whose people the denominator counts (the unit's, for staff shares).
    con.execute(
        "CREATE TABLE cells AS SELECT rid, school_year, unit_type, unit_id, metric, group_type, "
        '"group", denominator AS n, status, family, '
        "CASE WHEN whole THEN 'all' ELSE group_type END AS twin_type, "
        "CASE WHEN whole THEN 'all' ELSE \"group\" END AS twin_group "
        "FROM tidy_rows LEFT JOIN families USING (metric) "
        "WHERE status IS DISTINCT FROM 'unavailable' AND denominator IS NOT NULL"
    )
    con.execute(f"CREATE TABLE hid AS SELECT rid, true AS primary_ FROM cells WHERE n < {minimum}")
    _build_equations(con, memberships)
    _complete(con, minimum, around="SELECT rid FROM cells")
    while True:
        if memberships is None:
            _hide_unknown_compositions(con)
            _complete(con, minimum, around="SELECT rid FROM hid")
        if not _hide_twins(con):
            break
        _complete(con, minimum, around="SELECT rid FROM twins")
    _comparisons_to_empty(con)
    return _apply(con, table, with_reason)


def _build_equations(con: duckdb.DuckDBPyConnection, memberships: pa.Table | None) -> None:
    """terms(eq, rid, is_parent): every sum of section 1 and 2 of the module docstring."""
    con.execute("CREATE TABLE terms (eq BIGINT, rid BIGINT, is_parent BOOLEAN)")
    year_metric = "school_year, metric"
    # 1. Within a unit: all = the sum of each group type's groups.
    _add_equations(
        con,
        keys=f"{year_metric}, unit_type, unit_id, group_type",
        children="SELECT * FROM cells WHERE group_type <> 'all'",
        parents="SELECT c.*, k.group_type AS k_group_type FROM cells c JOIN "
        "(SELECT DISTINCT school_year, metric, unit_type, unit_id, group_type FROM cells "
        "WHERE group_type <> 'all') k USING (school_year, metric, unit_type, unit_id) "
        "WHERE c.group_type = 'all'",
        parent_keys=f"{year_metric}, unit_type, unit_id, k_group_type",
    )
    # 2. Across units: district = the sum of its schools, group by group.
    _add_equations(
        con,
        keys=f'{year_metric}, group_type, "group"',
        children="SELECT * FROM cells WHERE unit_type = 'school'",
        parents="SELECT * FROM cells WHERE unit_type = 'district'",
    )
    if memberships is None:
        return
    columns = [c for c in MEMBERSHIP_COLUMNS if c in memberships.column_names]
    con.register("memberships_in", memberships.select(columns))
    network = "network_id" if "network_id" in columns else "NULL::VARCHAR AS network_id"
    quartile = "poverty_quartile" if "poverty_quartile" in columns else "NULL AS poverty_quartile"
    con.execute(
        "CREATE TABLE members AS SELECT CAST(school_year AS INTEGER) AS school_year, "
        f"CAST(school_id AS VARCHAR) AS unit_id, {network}, {quartile} FROM memberships_in"
    )
    school = "SELECT c.*, m.network_id, m.poverty_quartile FROM cells c JOIN members m "
    school += "ON c.unit_type = 'school' AND c.school_year = m.school_year "
    school += "AND c.unit_id = m.unit_id"
    # 2. A network = the sum of its schools.
    _add_equations(
        con,
        keys=f'{year_metric}, group_type, "group", network_id',
        children=f"{school} WHERE m.network_id IS NOT NULL",
        parents="SELECT *, unit_id AS network_id FROM cells WHERE unit_type = 'network'",
    )
    # 2. The district = its networks and the schools in no network.
    _add_equations(
        con,
        keys=f'{year_metric}, group_type, "group"',
        children=f"SELECT * FROM cells WHERE unit_type = 'network' UNION ALL BY NAME "
        f"SELECT * EXCLUDE (network_id, poverty_quartile) FROM ({school}) "
        "WHERE network_id IS NULL",
        parents="SELECT * FROM cells WHERE unit_type = 'district'",
    )
    # 2. A district quartile row = the all rows of the quartile's schools.
    _add_equations(
        con,
        keys=f"{year_metric}, poverty_quartile",
        children=f"{school} WHERE c.group_type = 'all' AND m.poverty_quartile IS NOT NULL",
        parents='SELECT *, "group" AS poverty_quartile FROM cells WHERE unit_type = '
        "'district' AND group_type = 'poverty_quartile'",
    )


def _add_equations(
    con: duckdb.DuckDBPyConnection,
    *,
    keys: str,
    children: str,
    parents: str,
    parent_keys: str | None = None,
) -> None:
    """Add one equation per key with a parent and at least one child."""
    parent_keys = parent_keys or keys
    offset = con.execute("SELECT coalesce(max(eq), -1) + 1 FROM terms").fetchone()
    start = offset[0] if offset else 0
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE eq_keys AS SELECT {start} + row_number() OVER () AS eq, "
        f"* FROM (SELECT DISTINCT {keys} FROM ({children}) INTERSECT "
        f"SELECT DISTINCT {parent_keys} FROM ({parents}))"
    )
    key_list = [k.strip() for k in keys.split(",")]
    parent_list = [k.strip() for k in parent_keys.split(",")]
    on_child = " AND ".join(f"k.{k} = c.{k}" for k in key_list)
    on_parent = " AND ".join(f"k.{k} = p.{pk}" for k, pk in zip(key_list, parent_list, strict=True))
    con.execute(
        "INSERT INTO terms SELECT k.eq, c.rid, false "
        f"FROM eq_keys k JOIN ({children}) c ON {on_child}"
    )
    con.execute(
        "INSERT INTO terms SELECT k.eq, p.rid, true "
        f"FROM eq_keys k JOIN ({parents}) p ON {on_parent}"
    )


def _complete(con: duckdb.DuckDBPyConnection, minimum: int, *, around: str) -> None:
    """Hide complementary figures until every equation keeps the rule (module docstring).

    The first round looks at the equations of the figures ``around`` selects, each later
    round only at the equations a newly hidden figure is in.
    """
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE dirty AS SELECT DISTINCT eq FROM terms "
        f"WHERE rid IN ({around})"
    )
    while True:
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE fresh AS
            WITH t AS (
                SELECT t.eq, t.rid, t.is_parent, c.n, c.unit_type, c.unit_id, c.group_type,
                    c."group", h.rid IS NOT NULL AS hidden
                FROM terms t JOIN dirty USING (eq) JOIN cells c USING (rid)
                LEFT JOIN hid h USING (rid)
            ),
            s AS (
                SELECT eq,
                    bool_or(is_parent AND hidden) AS parent_hidden,
                    count(*) FILTER (WHERE hidden AND n > 0) AS hidden_with_students,
                    coalesce(sum(n) FILTER (WHERE hidden AND NOT is_parent), 0) AS remainder
                FROM t GROUP BY eq
            ),
            broken AS (
                SELECT eq FROM s WHERE hidden_with_students = 1
                    OR (NOT parent_hidden AND remainder > 0 AND remainder < {minimum})
            ),
            open_terms AS (
                SELECT t.* FROM t JOIN broken USING (eq) WHERE NOT t.hidden AND t.n > 0
            ),
            -- A figure that mends several broken sums at once is hidden first.
            mends AS (SELECT rid, count(*) AS sums FROM open_terms GROUP BY rid),
            candidates AS (
                SELECT o.eq, o.rid, row_number() OVER (
                    PARTITION BY o.eq ORDER BY o.is_parent, m.sums DESC, o.n,
                        o.unit_type, o.unit_id, o.group_type, o."group"
                ) AS rank
                FROM open_terms o JOIN mends m USING (rid)
            )
            SELECT DISTINCT rid FROM candidates WHERE rank = 1
            """
        )
        count = con.execute("SELECT count(*) FROM fresh").fetchone()
        if not count or count[0] == 0:
            return
        con.execute("INSERT INTO hid SELECT rid, false FROM fresh")
        con.execute(
            "CREATE OR REPLACE TEMP TABLE dirty AS SELECT DISTINCT eq FROM terms "
            "WHERE rid IN (SELECT rid FROM fresh)"
        )


def _hide_twins(con: duckdb.DuckDBPyConnection) -> bool:
    """Hide the published figures whose denominator a hidden figure of another metric shares
    (module docstring, 3.); whether there were any (then in ``twins``)."""
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE twins AS
        SELECT DISTINCT c.rid FROM cells c
        JOIN (SELECT DISTINCT family, school_year, unit_type, unit_id, twin_type, twin_group
              FROM cells JOIN hid USING (rid) WHERE family IS NOT NULL) h
          USING (family, school_year, unit_type, unit_id, twin_type, twin_group)
        WHERE c.rid NOT IN (SELECT rid FROM hid)
        """
    )
    count = con.execute("SELECT count(*) FROM twins").fetchone()
    if not count or count[0] == 0:
        return False
    con.execute("INSERT INTO hid SELECT rid, false FROM twins")
    return True


def _hide_unknown_compositions(con: duckdb.DuckDBPyConnection) -> None:
    """Without memberships, hide network and quartile rows wherever a school figure with
    students is hidden (failing closed: their sums cannot be checked)."""
    con.execute(
        """
        INSERT INTO hid
        SELECT c.rid, false FROM cells c
        JOIN (SELECT DISTINCT school_year, metric FROM cells JOIN hid USING (rid)
              WHERE unit_type = 'school' AND n > 0) b USING (school_year, metric)
        WHERE (c.unit_type = 'network'
               OR (c.unit_type = 'district' AND c.group_type = 'poverty_quartile'))
          AND c.rid NOT IN (SELECT rid FROM hid)
        """
    )


def _comparisons_to_empty(con: duckdb.DuckDBPyConnection) -> None:
    """Rows whose comparison value would give away a hidden total (module docstring)."""
    metrics = ", ".join(f"'{m}'" for m in STUDENT_COUNT_METRICS)
    unit = "school_year, unit_type, unit_id"
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE no_comparison AS
        WITH pub AS (SELECT * FROM cells ANTI JOIN hid USING (rid)),
        unit_all AS (SELECT DISTINCT {unit}, metric, true AS ok FROM pub
            WHERE group_type = 'all'),
        district_all AS (SELECT DISTINCT school_year, metric, true AS ok FROM pub
            WHERE unit_type = 'district' AND group_type = 'all'),
        district_group AS (SELECT DISTINCT school_year, metric, group_type, "group",
            true AS ok FROM pub WHERE unit_type = 'district'),
        students AS (SELECT {unit}, group_type, "group",
            bool_and(rid NOT IN (SELECT rid FROM hid)) AS ok
            FROM cells WHERE metric IN ({metrics}) GROUP BY ALL)
        SELECT r.rid FROM pub r
        LEFT JOIN unit_all a USING ({unit}, metric)
        LEFT JOIN district_all d USING (school_year, metric)
        LEFT JOIN district_group g USING (school_year, metric, group_type, "group")
        LEFT JOIN students s USING ({unit}, group_type, "group")
        WHERE r.group_type <> 'all' AND CASE
            WHEN r.metric = 'staff_representation' THEN s.ok IS NOT TRUE
            WHEN r.status = 'alternate' THEN d.ok IS NULL OR g.ok IS NULL
            ELSE a.ok IS NULL END
        """
    )


def _apply(con: duckdb.DuckDBPyConnection, table: pa.Table, with_reason: bool) -> pa.Table:
    """The input rows in their order, hidden figures emptied."""
    size = table.num_rows
    hidden_rids, primary = con.execute("SELECT rid, primary_ FROM hid").fetchnumpy().values()
    emptied_rids = con.execute("SELECT rid FROM no_comparison").fetchnumpy()["rid"]
    hidden = np.zeros(size, dtype=bool)
    hidden[hidden_rids] = True
    emptied = hidden.copy()
    emptied[emptied_rids] = True
    hidden_mask, emptied_mask = pa.array(hidden), pa.array(emptied)
    for name in HIDDEN_FIGURES:
        if name in table.column_names:
            mask = emptied_mask if name in ("comparison_value", "ratio") else hidden_mask
            column = table[name]
            position = table.column_names.index(name)
            empty = pa.nulls(size, column.type)
            table = table.set_column(position, name, pc.if_else(mask, empty, column))
    position = table.column_names.index("status")
    status = pc.if_else(hidden_mask, pa.scalar(SUPPRESSED, table["status"].type), table["status"])
    table = table.set_column(position, "status", status)
    if with_reason:
        reasons = np.full(size, None, dtype=object)
        reasons[hidden_rids[~primary]] = COMPLEMENTARY
        reasons[hidden_rids[primary]] = SMALL_N
        table = table.append_column(REASON_COLUMN, pa.array(reasons, pa.string()))
    return table
