"""Suppression of the tidy result (spec "Privacy"): hand-worked tables, and a property test
with an attacker who solves every sum the published table gives."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from districtwise.analytics.equity.spec import TIDY_COLUMNS, AuditSettings
from districtwise.analytics.equity.suppression import reason, suppress
from tests.analytics.equity.attacker import recovered_small_figures

SETTINGS = AuditSettings()
METRIC = "oss_rate"
GROUPS = {"sex": ("F", "M", "X", "unknown"), "english_learner": ("Y", "N", "unknown")}

# A student: (sex, english_learner, suspended).
Student = tuple[str, str, bool]


def tidy(
    schools: dict[str, list[Student]],
    networks: dict[str, str | None] | None = None,
    year: int = 2024,
    metric: str = METRIC,
) -> pa.Table:
    """The tidy rows the real metric would give for these students (no one in two schools)."""
    networks = networks or {}
    units: dict[tuple[str, str], list[Student]] = {("district", "D1"): []}
    for school_id, students in schools.items():
        units[("school", school_id)] = students
        units[("district", "D1")] = units[("district", "D1")] + students
        if networks.get(school_id):
            key = ("network", networks[school_id] or "")
            units[key] = units.get(key, []) + students
    counts = {unit: _counts(students) for unit, students in units.items()}
    rows = []
    for (unit_type, unit_id), cells in counts.items():
        big_n, big_x = cells[("all", "all")]
        for (group_type, group), (n, x) in cells.items():
            row = _row(year, unit_type, unit_id, metric, group_type, group, n, x)
            if group_type != "all":
                _compare(row, n, x, big_n, big_x, counts[("district", "D1")], unit_type)
            rows.append(row)
    return pa.Table.from_pylist(rows).select(list(TIDY_COLUMNS))


def _counts(students: list[Student]) -> dict[tuple[str, str], tuple[int, int]]:
    cells: dict[tuple[str, str], list[int]] = {("all", "all"): [0, 0]}
    for group_type, groups in GROUPS.items():
        for group in groups:
            cells[(group_type, group)] = [0, 0]
    for sex, learner, suspended in students:
        for key in (("all", "all"), ("sex", sex), ("english_learner", learner)):
            cells[key][0] += 1
            cells[key][1] += int(suspended)
    return {key: (n, x) for key, (n, x) in cells.items()}


def _row(year, unit_type, unit_id, metric, group_type, group, n, x) -> dict:
    return {
        "school_year": year,
        "unit_type": unit_type,
        "unit_id": unit_id,
        "dimension": "discipline",
        "metric": metric,
        "group_type": group_type,
        "group": group,
        "numerator": float(x),
        "denominator": float(n),
        "value": x / n if n else None,
        "comparison_value": None,
        "ratio": None,
        "status": "ok" if n else "insufficient_n",
    }


def _compare(row, n, x, big_n, big_x, district, unit_type) -> None:
    """Spec "Comparison and risk ratio", rules 1 to 4."""
    other_n, other_x = big_n - n, big_x - x
    status = "ok"
    if unit_type != "district" and (other_n < 30 or other_x < 10):
        d_n, d_x = district[("all", "all")]
        g_n, g_x = district[(row["group_type"], row["group"])]
        other_n, other_x, status = d_n - g_n, d_x - g_x, "alternate"
    row["comparison_value"] = other_x / other_n if other_n else None
    if x < 10 or n < 30:
        row["status"] = "insufficient_n"
    elif not row["comparison_value"]:
        row["status"] = "undefined"
    else:
        row["status"] = status
        row["ratio"] = row["value"] / row["comparison_value"]


def students(sex: str, learner: str, n: int, suspended: int) -> list[Student]:
    return [(sex, learner, i < suspended) for i in range(n)]


def by_key(table: pa.Table) -> dict[tuple, dict]:
    return {
        (r["unit_type"], r["unit_id"], r["metric"], r["group_type"], r["group"]): r
        for r in table.to_pylist()
    }


def hidden(table: pa.Table) -> set[tuple]:
    return {k for k, r in by_key(table).items() if r["status"] == "suppressed"}


# One school: 40 F, 30 M, 6 X; english learners 50 N, 26 Y.
SCHOOL = (
    students("F", "N", 25, 5)
    + students("F", "Y", 15, 3)
    + students("M", "N", 20, 6)
    + students("M", "Y", 10, 2)
    + students("X", "Y", 1, 1)
    + students("X", "N", 5, 0)
)
BIG = students("F", "N", 60, 6) + students("M", "N", 60, 9) + students("X", "Y", 12, 2)


def test_it_suppresses_figures_under_the_minimum_display_n():
    table = suppress(tidy({"S1": SCHOOL, "S2": BIG}), settings=SETTINGS, student_records=False)
    row = by_key(table)[("school", "S1", METRIC, "sex", "X")]
    assert row["status"] == "suppressed"
    assert [row[c] for c in ("numerator", "denominator", "value", "comparison_value", "ratio")] == [
        None
    ] * 5
    assert table.column_names == list(TIDY_COLUMNS)


def test_it_suppresses_the_next_smallest_sibling_when_one_could_be_worked_out():
    table = suppress(tidy({"S1": SCHOOL, "S2": BIG}), settings=SETTINGS, student_records=False)
    rows = by_key(table)
    # X (6) alone would be all - F - M; unknown has no students; so M (30 < 40) goes too.
    assert rows[("school", "S1", METRIC, "sex", "M")]["status"] == "suppressed"
    assert rows[("school", "S1", METRIC, "sex", "F")]["status"] != "suppressed"
    assert rows[("school", "S1", METRIC, "all", "all")]["denominator"] == 76


def test_it_hides_a_second_school_when_the_district_gives_one_away():
    # S2's X (12) is published, S1's X (6) is not: district X - S2 X would be S1 X.
    table = suppress(tidy({"S1": SCHOOL, "S2": BIG}), settings=SETTINGS, student_records=False)
    rows = by_key(table)
    assert rows[("school", "S2", METRIC, "sex", "X")]["status"] == "suppressed"
    assert rows[("district", "D1", METRIC, "sex", "X")]["denominator"] == 18


def test_the_reason_says_which_rule_hid_a_figure():
    table = suppress(
        tidy({"S1": SCHOOL, "S2": BIG}),
        settings=SETTINGS,
        student_records=False,
        with_reason=True,
    )
    rows = by_key(table.drop_columns([]))
    small = rows[("school", "S1", METRIC, "sex", "X")]
    other = rows[("school", "S1", METRIC, "sex", "M")]
    assert reason(small) == "Fewer than 10 students: hidden to protect privacy"
    assert reason(other) == "Hidden so that a smaller group cannot be worked out from the others"
    assert reason(rows[("school", "S1", METRIC, "sex", "F")]) == ""


def test_users_with_student_record_rights_see_every_figure():
    table = tidy({"S1": SCHOOL, "S2": BIG})
    assert suppress(table, settings=SETTINGS, student_records=True).equals(table)


def test_unavailable_rows_are_left_as_they_are():
    table = tidy({"S1": SCHOOL})
    missing = pa.Table.from_pylist(
        [
            {
                **dict.fromkeys(TIDY_COLUMNS),
                "school_year": 2024,
                "unit_type": "school",
                "unit_id": "S1",
                "dimension": "attendance",
                "metric": "chronic_absenteeism",
                "group_type": "all",
                "group": "all",
                "status": "unavailable",
            }
        ],
        schema=table.schema,
    )
    result = suppress(pa.concat_tables([table, missing]), settings=SETTINGS, student_records=False)
    assert result.to_pylist()[-1] == missing.to_pylist()[0]


def test_a_comparison_value_is_emptied_when_it_would_give_back_a_hidden_total():
    # A school of 8 next to a school of 80: the district's all minus S2's all would be
    # S1's 8, so S2's all row is hidden; S2's published groups must then not carry the
    # comparison values that would give that total back (two of them solve for it).
    tiny = students("F", "N", 4, 1) + students("M", "N", 4, 2)
    school = students("F", "N", 40, 8) + students("M", "N", 40, 4)
    table = suppress(tidy({"S1": tiny, "S2": school}), settings=SETTINGS, student_records=False)
    rows = by_key(table)
    assert rows[("school", "S2", METRIC, "all", "all")]["status"] == "suppressed"
    female = rows[("school", "S2", METRIC, "sex", "F")]
    if female["status"] != "suppressed":
        assert female["comparison_value"] is None and female["ratio"] is None
    assert not recovered_small_figures(table, tidy({"S1": tiny, "S2": school}))


def test_a_comparison_value_stays_when_the_all_row_is_published():
    table = suppress(tidy({"S1": SCHOOL, "S2": BIG}), settings=SETTINGS, student_records=False)
    female = by_key(table)[("school", "S1", METRIC, "sex", "F")]
    assert female["comparison_value"] is not None


def test_network_rows_are_kept_when_the_memberships_are_known():
    schools = {"S1": SCHOOL, "S2": BIG, "S3": BIG}
    networks = {"S1": "N1", "S2": "N1", "S3": "N2"}
    table = tidy(schools, networks)
    members = pa.table(
        {
            "school_year": [2024] * 3,
            "school_id": ["S1", "S2", "S3"],
            "network_id": ["N1", "N1", "N2"],
            "poverty_quartile": [None, None, None],
        }
    )
    blind = suppress(table, settings=SETTINGS, student_records=False)
    known = suppress(table, settings=SETTINGS, student_records=False, memberships=members)
    key = ("network", "N1", METRIC, "all", "all")
    assert by_key(blind)[key]["status"] == "suppressed"
    assert by_key(known)[key]["status"] == "ok"
    for result in (blind, known):
        assert not recovered_small_figures(result, table, networks)


def test_a_school_hidden_from_its_poverty_quartile_row_brings_another_with_it():
    rows = []
    for school_id, n in (("S1", 8), ("S2", 300), ("S3", 200), ("S4", 400)):
        rows.append(_resource_row("school", school_id, "all", "all", n))
    rows += [
        _resource_row("district", "D1", "all", "all", 908),
        _resource_row("district", "D1", "poverty_quartile", "Q1", 308),
        _resource_row("district", "D1", "poverty_quartile", "Q2", 200),
        _resource_row("district", "D1", "poverty_quartile", "Q3", 400),
        _resource_row("district", "D1", "poverty_quartile", "Q4", 0),
    ]
    members = pa.table(
        {
            "school_year": [2024] * 4,
            "school_id": ["S1", "S2", "S3", "S4"],
            "network_id": [None] * 4,
            "poverty_quartile": ["Q1", "Q1", "Q2", "Q3"],
        }
    )
    table = pa.Table.from_pylist(rows).select(list(TIDY_COLUMNS))
    result = by_key(suppress(table, settings=SETTINGS, student_records=False, memberships=members))
    status = {key[1] + key[4]: row["status"] for key, row in result.items()}
    # S1 is small; Q1 - S2 would give it away, and the district - S3 - S4 - S2 too.
    assert status["S1all"] == status["S2all"] == "suppressed"
    assert status["S3all"] == status["D1Q1"] == "ok"


def test_metrics_over_the_same_students_hide_the_same_figures():
    # S1 (2 students) is hidden, and with it another school. Left to itself, the rate hid
    # S2 (the smaller) and spending, whose quartile row Q4 = S1 + S3 also needs mending,
    # hid S3: the district's 52 students minus S3's 30 (published by the rate) minus S2's
    # 20 (published by spending) gave S1's 2 away. The same students hide the same figures.
    units = (("district", "D1", 52, 12), ("school", "S1", 2, 0))
    units += (("school", "S2", 20, 5), ("school", "S3", 30, 7))
    rows = []
    for unit_type, unit_id, n, suspended in units:
        rows.append(_row(2024, unit_type, unit_id, METRIC, "all", "all", n, suspended))
        rows.append(_resource_row(unit_type, unit_id, "all", "all", n))
    for quartile, n in (("Q1", 0), ("Q2", 20), ("Q3", 0), ("Q4", 32)):
        rows.append(_resource_row("district", "D1", "poverty_quartile", quartile, n))
    table = pa.Table.from_pylist(rows).select(list(TIDY_COLUMNS))
    quartiles = {"S1": "Q4", "S2": "Q2", "S3": "Q4"}
    members = pa.table(
        {
            "school_year": [2024] * 3,
            "school_id": list(quartiles),
            "network_id": pa.nulls(3, pa.string()),
            "poverty_quartile": list(quartiles.values()),
        }
    )
    result = suppress(table, settings=SETTINGS, student_records=False, memberships=members)
    hidden_schools = {
        metric: {k[1] for k in hidden(result) if k[2] == metric and k[0] == "school"}
        for metric in (METRIC, "per_pupil_spending")
    }
    assert hidden_schools[METRIC] == hidden_schools["per_pupil_spending"] == {"S1", "S2", "S3"}
    known = {(2024, school): q for school, q in quartiles.items()}
    assert not recovered_small_figures(result, table, None, known)


def _resource_row(unit_type, unit_id, group_type, group, n) -> dict:
    return {
        **_row(2024, unit_type, unit_id, "per_pupil_spending", group_type, group, n, n * 9000),
        "dimension": "resource",
        "status": "ok",
    }


SHARES = {
    "race_ethnicity": (0.3, 0.01, 0.05, 0.25, 0.005, 0.3, 0.05, 0.035),
    "sex": (0.49, 0.49, 0.005, 0.015),
    **dict.fromkeys(
        ("economically_disadvantaged", "english_learner", "disability", "homeless"),
        (0.3, 0.68, 0.02),
    ),
    **dict.fromkeys(("foster_care", "gifted"), (0.02, 0.96, 0.02)),
}


def large_district(schools: int, metrics: int, seed: int = 7) -> pa.Table:
    """A district of ``schools`` schools of 20 to 1,200 students, ``metrics`` metrics over
    every student, groups in realistic shares (many small ones): about 31 rows per unit."""
    from districtwise.analytics.equity.spec import GROUP_TYPES

    rng = np.random.default_rng(seed)
    sizes = rng.integers(20, 1200, schools)
    pairs = [("all", "all")]
    columns = [sizes[:, None]]
    for group_type, shares in SHARES.items():
        pairs += [(group_type, g) for g in GROUP_TYPES[group_type]]
        columns.append(np.stack([rng.multinomial(n, shares) for n in sizes]))
    n = np.hstack(columns).astype(float)  # schools x groups
    n = np.vstack([n.sum(axis=0), n])  # the district first
    units = [("district", "D1")] + [("school", f"S{i}") for i in range(schools)]
    rows_per_metric = n.size
    unit_index = np.repeat(np.arange(len(units)), len(pairs))
    pair_index = np.tile(np.arange(len(pairs)), len(units))
    frames = []
    for m in range(metrics):
        denominator = n.ravel()
        numerator = rng.binomial(denominator.astype(int), 0.1).astype(float)
        frames.append(
            pa.table(
                {
                    "school_year": pa.array(np.full(rows_per_metric, 2024), pa.int16()),
                    "unit_type": [units[u][0] for u in unit_index],
                    "unit_id": [units[u][1] for u in unit_index],
                    "dimension": ["discipline"] * rows_per_metric,
                    "metric": [f"m{m}"] * rows_per_metric,
                    "group_type": [pairs[p][0] for p in pair_index],
                    "group": [pairs[p][1] for p in pair_index],
                    "numerator": numerator,
                    "denominator": denominator,
                    "value": numerator / np.maximum(denominator, 1),
                    "comparison_value": rng.random(rows_per_metric),
                    "ratio": rng.random(rows_per_metric),
                    "status": ["ok"] * rows_per_metric,
                }
            )
        )
    return pa.concat_tables(frames)


def test_a_million_row_district_is_suppressed_whole():
    """At the size of a large district every row comes back and no small count shows
    (`make bench` reports how long it takes)."""
    table = large_district(schools=1650, metrics=20)
    assert table.num_rows > 1_000_000
    result = suppress(table, settings=SETTINGS, student_records=False)
    assert result.num_rows == table.num_rows
    shown = pc.drop_null(result["denominator"])
    assert len(shown) > 0
    assert pc.min(shown).as_py() >= SETTINGS.minimum_display_n
    small = pc.less(table["denominator"], SETTINGS.minimum_display_n)
    assert pc.all(pc.equal(pc.filter(result["status"], small), "suppressed")).as_py()


student = st.tuples(
    st.sampled_from(GROUPS["sex"]),
    st.sampled_from(GROUPS["english_learner"]),
    st.booleans(),
)
district = st.lists(
    st.tuples(
        st.lists(student, min_size=0, max_size=70),
        st.sampled_from([None, "N1", "N2"]),
    ),
    min_size=1,
    max_size=5,
)


@hyp_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(district, st.booleans())
def test_no_figure_under_the_minimum_display_n_can_be_worked_out(spec, with_memberships):
    schools = {f"S{i}": students_ for i, (students_, _) in enumerate(spec)}
    networks = {f"S{i}": network for i, (_, network) in enumerate(spec)}
    truth = tidy(schools, networks)
    members = pa.table(
        {
            "school_year": [2024] * len(schools),
            "school_id": list(schools),
            "network_id": pa.array([networks[s] for s in schools], pa.string()),
        }
    )
    published = suppress(
        truth,
        settings=SETTINGS,
        student_records=False,
        memberships=members if with_memberships else None,
    )
    assert not recovered_small_figures(published, truth, networks)
