"""Staff rosters: positions per school and department, turnover, hiring, experience."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from districtwise.demo.files.codes import (
    ASSISTANT_PRINCIPAL,
    CENTRAL,
    COACH,
    COUNSELOR,
    PARA,
    PRINCIPAL,
    ROLES,
    SPECIALIST,
    TEACHER,
)
from districtwise.demo.files.sampling import categorical, rank_within

R = len(ROLES)
STUDENTS_PER_TEACHER = np.array([14.6, 14.6, 15.2, 14.6, 15.2])  # per LEVELS index
DEPARTMENT_BASE = np.array([12, 15, 6, 5, 8])  # staff per department at 25,000 students
# Staff race mix HL AI AS BL PI WH TR blank: less diverse than the students.
STAFF_RACE = np.array([0.12, 0.005, 0.04, 0.11, 0.003, 0.70, 0.015, 0.007])
FEMALE_SHARE = np.array([0.76, 0.55, 0.58, 0.8, 0.75, 0.8, 0.86, 0.62, 0.5])
EXPERIENCE = {  # role -> (low, high) years for experienced hires
    PRINCIPAL: (2, 16),
    ASSISTANT_PRINCIPAL: (0, 10),
    COACH: (4, 20),
    COUNSELOR: (0, 25),
    SPECIALIST: (0, 25),
    PARA: (0, 20),
    CENTRAL: (2, 25),
}


@dataclass
class Roster:
    """Staff members of one year (one row per member)."""

    sid: np.ndarray
    key: np.ndarray  # school * R + role, or n_schools * R + department for central staff
    sex: np.ndarray
    race: np.ndarray
    exp: np.ndarray
    cert: np.ndarray  # flag codes
    fte: np.ndarray

    def take(self, idx: np.ndarray) -> Roster:
        """A sub-roster."""
        return Roster(*(getattr(self, f.name)[idx] for f in dataclasses.fields(self)))

    def concat(self, other: Roster) -> Roster:
        """This roster followed by ``other``."""
        return Roster(
            *(
                np.concatenate([getattr(self, f.name), getattr(other, f.name)])
                for f in dataclasses.fields(self)
            )
        )


def required(
    enrolment: np.ndarray, level: np.ndarray, title_i: np.ndarray, students: int
) -> np.ndarray:
    """Positions per group key (schools x roles, then central departments)."""
    n = len(enrolment)
    need = np.zeros((n + 1) * R, dtype=np.int64)
    fte = enrolment / STUDENTS_PER_TEACHER[level] * np.where(title_i, 0.9, 1.0)
    school = np.arange(n) * R
    need[school + TEACHER] = np.ceil(fte / 0.975)
    need[school + PRINCIPAL] = 1
    need[school + ASSISTANT_PRINCIPAL] = np.where(enrolment >= 800, 2, 1)
    need[school + COACH] = 1
    need[school + COUNSELOR] = np.maximum(1, np.rint(enrolment / 400))
    need[school + SPECIALIST] = np.maximum(1, np.rint(enrolment / 180))
    need[school + PARA] = np.maximum(1, np.rint(enrolment / 55))
    dept = np.maximum(2, np.rint(DEPARTMENT_BASE * (students / 25_000) ** 0.8))
    need[n * R : n * R + len(dept)] = dept
    return need


def novice_target(poverty: np.ndarray) -> np.ndarray:
    """Planted (pattern 4): share of novice teachers rises steeply with school poverty."""
    return 0.04 + 0.26 * np.clip((poverty - 0.15) / 0.75, 0, 1)


def role_of(key: np.ndarray, n_schools: int) -> np.ndarray:
    """Role per group key."""
    return np.where(key >= n_schools * R, CENTRAL, key % R)


def school_of(key: np.ndarray, n_schools: int) -> np.ndarray:
    """School index per group key (-1 = central office)."""
    return np.where(key >= n_schools * R, -1, key // R)


# Planted struggling schools: this much more likely to lose each staff member in a year.
STRUGGLING_LEAVE = 0.25


def turnover(
    rng: np.random.Generator,
    roster: Roster,
    poverty: np.ndarray,
    struggling: np.ndarray | None = None,
) -> Roster:
    """A year passes: experience grows, some staff leave (more at high-poverty schools, and
    many more at the ``struggling`` schools, a mask)."""
    n_schools = len(poverty)
    aged = dataclasses.replace(roster, exp=roster.exp + 1)
    role = role_of(aged.key, n_schools)
    school = school_of(aged.key, n_schools)
    pov = np.where(school >= 0, poverty[np.maximum(school, 0)], 0.5)
    p_leave = np.where(role == TEACHER, 0.06 + 0.12 * pov + 0.06 * (aged.exp < 3), 0.08)
    p_leave = np.where(aged.exp >= 30, 0.4, p_leave)
    if struggling is not None:
        p_leave = p_leave + STRUGGLING_LEAVE * (struggling[np.maximum(school, 0)] & (school >= 0))
    return aged.take(np.flatnonzero(rng.random(len(role)) >= p_leave))


def staff_year(
    rng: np.random.Generator,
    roster: Roster | None,
    need: np.ndarray,
    poverty: np.ndarray,
    next_sid: int,
) -> tuple[Roster, int]:
    """Fill this year's positions: keep stayers up to need, hire the rest."""
    if roster is None:
        roster = _empty()
    rank = rank_within(roster.key, rng.random(len(roster.key)))
    roster = roster.take(np.flatnonzero(rank < need[roster.key]))
    have = np.bincount(roster.key, minlength=len(need))
    key = np.repeat(np.arange(len(need)), need - have)
    hires = _hire(rng, key, roster, poverty, next_sid)
    full = roster.concat(hires)
    order = np.lexsort((full.sid, full.key))
    return full.take(order), next_sid + len(key)


def _empty() -> Roster:
    z = np.zeros(0, dtype=np.int64)
    return Roster(z, z, z, z, z, z, np.zeros(0))


def _hire(
    rng: np.random.Generator,
    key: np.ndarray,
    roster: Roster,
    poverty: np.ndarray,
    next_sid: int,
) -> Roster:
    """New staff for the open positions ``key``."""
    n, n_schools = len(key), len(poverty)
    role = role_of(key, n_schools)
    school = school_of(key, n_schools)
    pov = np.where(school >= 0, poverty[np.maximum(school, 0)], 0.5)
    exp = _hire_experience(rng, key, role, roster, poverty)
    sex = categorical(rng, _sex_table(), role)
    race = categorical(rng, _race_table(pov), np.arange(n))
    p_out = np.where(role == TEACHER, 0.03 + 0.12 * pov + 0.08 * (exp < 2), 0.05)
    cert = np.where(role == CENTRAL, 2, (rng.random(n) >= p_out).astype(np.int64))
    fte = np.ones(n)
    part = (role == TEACHER) & (rng.random(n) < 0.06)
    fte[part] = rng.choice([0.5, 0.6, 0.8], part.sum())
    para = (role == PARA) & (rng.random(n) < 0.3)
    fte[para] = rng.choice([0.5, 0.75], para.sum())
    return Roster(np.arange(next_sid, next_sid + n), key, sex, race, exp, cert, fte)


def _hire_experience(
    rng: np.random.Generator,
    key: np.ndarray,
    role: np.ndarray,
    roster: Roster,
    poverty: np.ndarray,
) -> np.ndarray:
    """Experience of hires; teachers: novices first, up to each school's novice target."""
    n_schools = len(poverty)
    exp = np.zeros(len(key), dtype=np.int64)
    for r, (low, high) in EXPERIENCE.items():
        sel = role == r
        exp[sel] = rng.integers(low, high + 1, sel.sum())
    teach = np.flatnonzero(role == TEACHER)
    school = key[teach] // R
    staffed = np.bincount(school, minlength=n_schools)
    is_teacher = role_of(roster.key, n_schools) == TEACHER
    novices = np.bincount(roster.key[is_teacher & (roster.exp < 2)] // R, minlength=n_schools)
    total = staffed + np.bincount(roster.key[is_teacher] // R, minlength=n_schools)
    quota = np.maximum(np.rint(novice_target(poverty) * total) - novices, 0)
    novice = rank_within(school, rng.random(len(teach))) < quota[school]
    exp[teach] = np.where(
        novice, rng.integers(0, 2, len(teach)), np.minimum(2 + rng.gamma(2.0, 5.0, len(teach)), 30)
    )
    exp[teach] = np.where(novice & (len(roster.key) > 0), 0, exp[teach])
    return exp


def _sex_table() -> np.ndarray:
    """Sex probabilities (F, M, X, blank) per role."""
    f = FEMALE_SHARE[:, None]
    return np.hstack([f, 0.992 - f, np.full_like(f, 0.002), np.full_like(f, 0.006)])


def _race_table(pov: np.ndarray) -> np.ndarray:
    """Race probabilities per hire: somewhat more diverse at high-poverty schools."""
    tilt = np.ones((len(pov), len(STAFF_RACE)))
    tilt[:, [0, 3]] = (0.5 + pov)[:, None]
    tilt[:, 5] = 1.25 - 0.5 * pov
    return STAFF_RACE[None, :] * tilt


def salary(key: np.ndarray, exp: np.ndarray, n_schools: int) -> np.ndarray:
    """Annual base salary by role and experience (rounded to $10)."""
    role = role_of(key, n_schools)
    base = np.array([52_000, 118_000, 96_000, 68_000, 62_000, 60_000, 28_000, 70_000, 40_000])
    step = np.array([1_900, 2_000, 1_500, 1_500, 1_700, 1_700, 600, 2_000, 800])
    cap = np.array([25, 15, 10, 20, 20, 20, 15, 20, 10])
    value = base[role] + step[role] * np.minimum(exp, cap[role])
    return np.rint(value / 10) * 10
