"""The attacker of the privacy tests (spec "Privacy"): given every figure a user obtained,
which hidden figures under the minimum display n can they work out?

The attacker writes down every linear identity between figures that the spec makes public,
treats each hidden numerator and denominator as an unknown, and solves all of them at once
(linear algebra: a hidden figure is determined when its unit vector lies in the row space of
the equations over the unknowns). What they know besides the published figures:

* the spec's sums (spec, "Units" and "Groups"): a unit's ``all`` row is the sum of each
  group type's groups; the district (and each network) is the sum of its schools, group by
  group, and the district the sum of its networks and the schools in no network; a district
  poverty-quartile row is the sum of the ``all`` rows of the quartile's schools. These hold
  exactly when no student is enrolled at two schools in a year, the attacker's best case;
* which school is in which network and poverty quartile (``networks``, ``quartiles``);
* which metrics share their denominators (``denominator_family``): every metric over all
  the unit's students (discipline, identification, gifted courses, spending per pupil);
  AP, IB and dual enrollment (grades 09-12); a scale-score mean and its effect size; the
  teacher FTE of the staff metrics;
* what a published comparison value compares with (the unit's other students or, for an
  alternate comparison, the district's), which gives ``c * (N - n) = X - x``; and that
  ``staff_representation``'s comparison value is the group's share of the unit's students.

Every identity is checked against the true figures before it is used, so a figure reported
as worked out really is. Not modelled: the non-linear effect sizes, bounds from
non-negativity, and the identification metrics' ``all`` numerator being the size of the
flag's ``Y`` group, which the spec publishes (see the suppression module's known limits).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyarrow as pa

from districtwise.analytics.equity.spec import AuditSettings

Key = tuple  # (school_year, unit_type, unit_id, metric, group_type, group)
Variable = tuple  # ("n", denominator cell) or ("x", Key)
Equation = list[tuple[float, Variable]]

RATE_PREFIXES = (
    "chronic_absenteeism",
    "oss_rate",
    "iss_rate",
    "expulsion_rate",
    "referral_rate",
    "arrest_rate",
    "proficiency:",
    "advanced:",
    "identification:",
    "scale_score_mean:",
)
STAFF = "staff_representation"
# Spec, "The rate metrics" and "Other metrics": the metrics over every student of the unit.
OVER_ALL_STUDENTS = (
    "oss_rate",
    "iss_rate",
    "expulsion_rate",
    "referral_rate",
    "arrest_rate",
    "days_lost_per_100",
    "identification:disability",
    "identification:gifted",
    "identification:english_learner",
    "advanced:GT",
    "per_pupil_spending",
)
TINY = 1e-9  # a coefficient this small is a zero that rounding left behind


def denominator_family(metric: str) -> str:
    """Metrics in one family have the same denominator for the same unit, year and group."""
    if metric in OVER_ALL_STUDENTS:
        return "students"
    if metric in ("advanced:AP", "advanced:IB", "advanced:DUAL"):
        return "grades 09-12"
    if metric.startswith(("scale_score_mean:", "scale_score_effect_size:")):
        return "scored " + metric.partition(":")[2]
    if metric in (STAFF, "novice_teacher_share", "out_of_field_share"):
        return "teacher FTE"
    return metric


def has_numerator(metric: str) -> bool:
    return not metric.startswith("scale_score_effect_size:")


def key_of(row: dict) -> Key:
    return tuple(
        row[c] for c in ("school_year", "unit_type", "unit_id", "metric", "group_type", "group")
    )


def n_of(key: Key) -> Variable:
    """The denominator of a figure, shared by the figures of its family."""
    year, unit_type, unit_id, metric, group_type, group = key
    if metric == STAFF:  # each group's denominator is the unit's teacher FTE
        group_type, group = "all", "all"
    return ("n", (denominator_family(metric), year, unit_type, unit_id, group_type, group))


def x_of(key: Key) -> Variable:
    return ("x", key)


def recovered_small_figures(
    published: pa.Table,
    truth: pa.Table,
    networks: dict[str, str | None] | None = None,
    quartiles: dict[tuple[int, str], str | None] | None = None,
    *,
    settings: AuditSettings | None = None,
) -> set[tuple]:
    """The hidden figures with 0 < n < minimum display n whose numerator or denominator the
    published table (``status = suppressed`` where hidden) determines: ``{(key, part)}``
    with part ``n`` or ``x``. ``networks``: school id -> network id; ``quartiles``:
    (school year, school id) -> Q1..Q4."""
    settings = settings or AuditSettings()
    true_rows = {key_of(r): r for r in truth.to_pylist() if r["status"] != "unavailable"}
    facts = _Facts(true_rows)
    for row in published.to_pylist():
        if row["status"] not in ("suppressed", "unavailable"):
            facts.publish(key_of(row), row)
    equations = [
        *_within_units(true_rows),
        *_across_units(true_rows, networks or {}),
        *_quartiles(true_rows, quartiles or {}),
        *_staff_shares(true_rows),
        *_comparisons(true_rows, facts),
    ]
    for equation in equations:
        facts.check(equation)
    found = set()
    for variable in _determined(equations, facts):
        key = facts.example[variable]
        n = facts.true_value[n_of(key)]
        if 0 < n < settings.minimum_display_n:
            found.add((key, variable[0]))
    return found


class _Facts:
    """The true value of every variable and which ones the user was given."""

    def __init__(self, true_rows: dict[Key, dict]):
        self.true_value: dict[Variable, float] = {}
        self.example: dict[Variable, Key] = {}
        self.known: set[Variable] = set()
        self.comparisons: dict[Key, float] = {}
        self.district = next(k[2] for k in true_rows if k[1] == "district")
        for key, row in sorted(true_rows.items(), key=lambda item: repr(item[0])):
            parts = [(n_of(key), row["denominator"])]
            if has_numerator(key[3]):
                parts.append((x_of(key), row["numerator"]))
            for variable, value in parts:
                if value is None:
                    continue
                if variable in self.true_value and abs(self.true_value[variable] - value) > 1e-6:
                    raise AssertionError(f"{key}: not the denominator of its family")
                self.true_value[variable] = value
                self.example.setdefault(variable, key)

    def publish(self, key: Key, row: dict) -> None:
        if row["denominator"] is not None:
            self.known.add(n_of(key))
        if row["numerator"] is not None and has_numerator(key[3]):
            self.known.add(x_of(key))
        if row["comparison_value"] is not None:
            self.comparisons[key] = row["comparison_value"]

    def check(self, equation: Equation) -> None:
        """An identity the attacker uses must hold for the true figures."""
        total = sum(c * self.true_value[v] for c, v in equation)
        scale = sum(abs(c * self.true_value[v]) for c, v in equation)
        if abs(total) > 1e-6 * max(scale, 1.0):
            raise AssertionError(f"the attacker's identity does not hold: {equation}")


def _sums(parent: Key, children: Iterable[Key], true_rows: dict[Key, dict]) -> list[Equation]:
    """parent - sum(children) = 0 for the denominators and the numerators, over the figures
    that exist (a unit or group without a row has no students)."""
    children = [c for c in children if c in true_rows]
    if parent not in true_rows or not children:
        return []
    parts = (n_of, x_of) if has_numerator(parent[3]) else (n_of,)
    return [[(1.0, part(parent)), *((-1.0, part(c)) for c in children)] for part in parts]


def _within_units(true_rows: dict[Key, dict]) -> list[Equation]:
    """all = the sum of each group type's groups (quartiles too, at the district)."""
    groups: dict[tuple, list[Key]] = defaultdict(list)
    for key in true_rows:
        if key[4] != "all":
            groups[(*key[:4], key[4])].append(key)
    equations = []
    for (year, unit_type, unit_id, metric, _), children in groups.items():
        parent = (year, unit_type, unit_id, metric, "all", "all")
        equations += _sums(parent, children, true_rows)
    return equations


def _across_units(true_rows: dict[Key, dict], networks: dict[str, str | None]) -> list[Equation]:
    """The district and each network = the sum of their schools; the district = its
    networks and the schools in no network; group by group."""
    schools: dict[tuple, set[str]] = defaultdict(set)
    units: dict[tuple, set[tuple[str, str]]] = defaultdict(set)
    for year, unit_type, unit_id, metric, _, _ in true_rows:
        units[(year, metric)].add((unit_type, unit_id))
        if unit_type == "school":
            schools[(year, metric)].add(unit_id)
    equations = []
    for key in true_rows:
        year, unit_type, unit_id, metric, group_type, group = key
        if unit_type == "school" or group_type == "poverty_quartile":
            continue
        members = sorted(schools[(year, metric)])
        if unit_type == "network":
            members = [s for s in members if networks.get(s) == unit_id]
        lists = [[("school", s) for s in members]]
        if unit_type == "district":
            lists.append(
                [("network", n) for t, n in sorted(units[(year, metric)]) if t == "network"]
                + [("school", s) for s in members if not networks.get(s)]
            )
        for children in lists:
            rows = ((year, t, i, metric, group_type, group) for t, i in children)
            equations += _sums(key, rows, true_rows)
    return equations


def _quartiles(
    true_rows: dict[Key, dict], quartiles: dict[tuple[int, str], str | None]
) -> list[Equation]:
    """A district quartile row = the all rows of the quartile's schools."""
    equations = []
    for key in true_rows:
        year, _, _, metric, group_type, group = key
        if group_type != "poverty_quartile":
            continue
        schools = [s for (y, s), q in sorted(quartiles.items()) if y == year and q == group]
        children = ((year, "school", s, metric, "all", "all") for s in schools)
        equations += _sums(key, children, true_rows)
    return equations


def _staff_shares(true_rows: dict[Key, dict]) -> list[Equation]:
    """The teacher FTE of a unit = the sum of its race/ethnicity groups' FTE."""
    units: dict[tuple, list[Key]] = defaultdict(list)
    for key in true_rows:
        if key[3] == STAFF:
            units[key[:3]].append(key)
    return [
        [(1.0, n_of(keys[0])), *((-1.0, x_of(k)) for k in keys)]
        for keys in units.values()
        if true_rows[keys[0]]["numerator"] is not None
    ]


def _comparisons(true_rows: dict[Key, dict], facts: _Facts) -> list[Equation]:
    """Every published comparison value, as a linear equation in the figures it was made of."""
    equations = []
    for key, c in sorted(facts.comparisons.items(), key=lambda item: repr(item[0])):
        year, unit_type, unit_id, metric, group_type, group = key
        if metric == STAFF:
            share = [
                (c, ("n", ("students", year, unit_type, unit_id, "all", "all"))),
                (-1.0, ("n", ("students", year, unit_type, unit_id, group_type, group))),
            ]
            if all(v in facts.true_value for _, v in share):
                equations.append(share)
        elif metric.startswith(RATE_PREFIXES) and group_type != "all":
            equations.append(_others_equation(key, c, true_rows, facts))
    return equations


def _others_equation(key: Key, c: float, true_rows, facts: _Facts) -> Equation:
    """c * (N - n) = X - x with N, X the unit's all row or, for a comparison with the rest
    of the district, the district's all row and n, x the district's group. Which of the
    two a value compares with is taken from the true figures (the attacker's best case)."""
    year, unit_type, unit_id, metric, group_type, group = key
    district = facts.district
    candidates = [
        ((year, unit_type, unit_id, metric, "all", "all"), key),
        (
            (year, "district", district, metric, "all", "all"),
            (year, "district", district, metric, group_type, group),
        ),
    ]
    for whole, part in candidates:
        terms = [(c, n_of(whole)), (-c, n_of(part)), (-1.0, x_of(whole)), (1.0, x_of(part))]
        if not all(v in facts.true_value for _, v in terms):
            continue
        if abs(sum(a * facts.true_value[v] for a, v in terms)) <= 1e-6 * max(
            sum(abs(a * facts.true_value[v]) for a, v in terms), 1.0
        ):
            return terms
    raise AssertionError(f"{key}: a comparison value of neither comparison group")


def _determined(equations: list[Equation], facts: _Facts) -> set[Variable]:
    """The unknowns every solution of the equations agrees on.

    Gauss-Jordan elimination on sparse rows: an unknown is determined exactly when its unit
    vector lies in the row space of the equations over the unknowns, that is when its row
    of the reduced echelon form holds nothing else."""
    pivots: dict[Variable, dict[Variable, float]] = {}
    holders: dict[Variable, set[Variable]] = defaultdict(set)  # unknown -> pivot rows with it
    rows = [_row(e, facts) for e in equations]
    for row in sorted((r for r in rows if r), key=len):
        for v in [v for v in row if v in pivots]:
            _subtract(row, row[v], pivots[v])
        if not row:
            continue
        pivot = max(row, key=lambda v: (abs(row[v]), repr(v)))
        scale = row[pivot]
        row = {v: c / scale for v, c in row.items()}
        for other in list(holders[pivot]):
            target = pivots[other]
            for v in target:
                holders[v].discard(other)
            _subtract(target, target[pivot], row)
            for v in target:
                holders[v].add(other)
        pivots[pivot] = row
        for v in row:
            holders[v].add(pivot)
    return {v for v, row in pivots.items() if len(row) == 1}


def _row(equation: Equation, facts: _Facts) -> dict[Variable, float]:
    """The equation's homogeneous part over the unknowns (known figures are constants)."""
    row: dict[Variable, float] = defaultdict(float)
    for c, v in equation:
        if v not in facts.known:
            row[v] += c
    return {v: c for v, c in row.items() if abs(c) > TINY}


def _subtract(row: dict[Variable, float], factor: float, pivot_row: dict[Variable, float]) -> None:
    """row -= factor * pivot_row, dropping what cancels."""
    for v, c in pivot_row.items():
        value = row.get(v, 0.0) - factor * c
        if abs(value) > TINY:
            row[v] = value
        else:
            row.pop(v, None)
