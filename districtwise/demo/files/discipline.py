"""Disciplinary actions: in/out-of-school suspensions, expulsions, referrals, arrests."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from districtwise.demo.files.codes import ACTIONS, ARR, EXP, ISS, OSS, OTH, RACE_BL, REF
from districtwise.demo.files.csvout import CsvFile, date_column, dict_column, take_column
from districtwise.demo.files.enrollment import YearRows
from districtwise.demo.files.sampling import quota_select

COLUMNS = ["incident_id", "student_id", "school_id", "date", "action", "days_removed", "offense"]
OFFENSES = [
    "FIGHTING",
    "DEFIANCE",
    "DISRUPTION",
    "BULLYING",
    "HARASSMENT",
    "THEFT",
    "VANDALISM",
    "TOBACCO_VAPING",
    "DRUGS",
    "WEAPON",
    "ASSAULT",
    "TRUANCY",
]
OFFENSE_WEIGHTS = {
    ISS: [6, 8, 8, 3, 2, 2, 2, 5, 1, 0, 0, 6],
    OSS: [10, 4, 3, 3, 3, 2, 2, 4, 3, 1, 2, 0],
    OTH: [2, 8, 10, 2, 1, 1, 1, 2, 0, 0, 0, 8],
    EXP: [0, 0, 0, 0, 0, 0, 0, 0, 3, 5, 3, 0],
}
OSS_RATE_BY_LEVEL = np.array([0.010, 0.055, 0.055, 0.030, 0.055])  # per LEVELS index
# Planted (pattern 1): Black students' OSS rate at the planted schools, relative to others.
OSS_PLANTED_RATIO = 2.5
# Planted struggling schools suspend this many times as often (every group alike).
STRUGGLING_OSS_FACTOR = 3.0


def oss_students(
    rng: np.random.Generator,
    rows: YearRows,
    race: np.ndarray,
    behave: np.ndarray,
    level: np.ndarray,
    poverty: np.ndarray,
    planted: np.ndarray,
    struggling: np.ndarray | None = None,
) -> np.ndarray:
    """Rows whose student receives at least one OSS: exact rates per school and Black/other.

    At the planted schools Black students' rate is OSS_PLANTED_RATIO times the others'; at
    the ``struggling`` schools (a mask) everyone's is STRUGGLING_OSS_FACTOR times the usual.
    """
    black = race[rows.stu] == RACE_BL
    groups = 2 * rows.school + black
    base = OSS_RATE_BY_LEVEL[level] * (0.6 + 0.8 * poverty)
    if struggling is not None:
        base = base * np.where(struggling, STRUGGLING_OSS_FACTOR, 1.0)
    rate = np.repeat(base, 2)
    rate[2 * planted + 1] *= OSS_PLANTED_RATIO
    sizes = np.bincount(groups, minlength=len(rate))
    quotas = np.rint(rate * sizes).astype(np.int64)
    return quota_select(rng, groups, quotas, _weights(rows, behave))


def _weights(rows: YearRows, behave: np.ndarray) -> np.ndarray:
    """Relative propensity: behaviour, disability, poverty status (never race)."""
    return np.exp(
        0.9 * behave[rows.stu]
        + 0.4 * (rows.flags["disability"] == 1)
        + 0.25 * (rows.flags["economically_disadvantaged"] == 1)
    )


def actions(
    rng: np.random.Generator,
    rows: YearRows,
    behave: np.ndarray,
    level: np.ndarray,
    poverty: np.ndarray,
    oss: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All actions of the year as (row index, action, incident number) arrays."""
    w = _weights(rows, behave)
    scale = (0.6 + 0.8 * poverty[rows.school]) * w / w.mean()
    secondary = (level[rows.school] != 0) | (rows.grade >= 6)
    iss = rng.random(len(rows)) < np.minimum(0.9, scale * np.where(secondary, 0.08, 0.02))
    oth = rng.random(len(rows)) < np.minimum(0.9, scale * 0.07)
    exp = oss & (rows.grade >= 6) & (rng.random(len(rows)) < 0.03)
    parts = [
        _repeat(rng, np.flatnonzero(m), a, p)
        for m, a, p in ((iss, ISS, 0.6), (oss, OSS, 0.55), (oth, OTH, 0.7), (exp, EXP, 1.0))
    ]
    row = np.concatenate([p[0] for p in parts])
    act = np.concatenate([p[1] for p in parts])
    incident = np.arange(len(row))
    ref = (act == OSS) & (rng.random(len(row)) < 0.07) | (act == EXP)
    arr = ref & (rng.random(len(row)) < 0.3)
    row = np.r_[row, row[ref], row[arr]]
    incident = np.r_[incident, incident[ref], incident[arr]]
    act = np.r_[act, np.full(ref.sum(), REF), np.full(arr.sum(), ARR)]
    return row, act, incident


def _repeat(
    rng: np.random.Generator, idx: np.ndarray, action: int, p_stop: float
) -> tuple[np.ndarray, np.ndarray]:
    """One or more actions per selected row (geometric count, at most 5)."""
    count = np.minimum(rng.geometric(p_stop, len(idx)), 5)
    return np.repeat(idx, count), np.full(count.sum(), action, dtype=np.int64)


def days_removed(rng: np.random.Generator, act: np.ndarray) -> np.ndarray:
    """Instruction days lost per action (0 for referrals, arrests and other actions)."""
    n = len(act)
    days = np.zeros(n)
    days[act == ISS] = rng.choice([0.5, 1, 1, 1, 2, 3], (act == ISS).sum())
    days[act == OSS] = rng.choice([1, 1, 2, 3, 3, 5, 5, 10], (act == OSS).sum())
    days[act == EXP] = rng.integers(45, 181, (act == EXP).sum())
    return days


def write_discipline(
    rng: np.random.Generator,
    out: CsvFile,
    rows: YearRows,
    calendar: np.ndarray,
    ids: pa.Array,
    school_ids: pa.Array,
    acts: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> None:
    """Write one year's actions, dated on school days within the student's membership."""
    row, act, incident = acts
    day_of_incident = rng.integers(rows.start[row], rows.end[row] + 1)
    day = np.zeros(incident.max() + 1 if len(incident) else 0, dtype=np.int64)
    day[incident] = day_of_incident  # every action of an incident shares its date
    order = np.lexsort((act, incident, day[incident]))
    row, act, incident = row[order], act[order], incident[order]
    first = np.r_[True, incident[1:] != incident[:-1]]
    serial = np.cumsum(first)
    offense = _offenses(rng, act, first, serial)
    out.write(
        {
            "incident_id": pa.array([f"{rows.year}-{s:07d}" for s in serial.tolist()]),
            "student_id": take_column(ids, rows.stu[row]),
            "school_id": take_column(school_ids, rows.school[row]),
            "date": date_column(calendar[day[incident]]),
            "action": dict_column(act, ACTIONS),
            "days_removed": days_removed(rng, act),
            "offense": dict_column(offense, OFFENSES),
        }
    )


def _offenses(
    rng: np.random.Generator, act: np.ndarray, first: np.ndarray, serial: np.ndarray
) -> np.ndarray:
    """A local offence code per incident, shared by all of its actions."""
    offense = np.zeros(len(act), dtype=np.int64)
    lead = np.flatnonzero(first)
    for a, weights in OFFENSE_WEIGHTS.items():
        sel = lead[act[lead] == a]
        p = np.asarray(weights, dtype=float)
        offense[sel] = rng.choice(len(OFFENSES), len(sel), p=p / p.sum())
    return offense[lead][serial - 1]
