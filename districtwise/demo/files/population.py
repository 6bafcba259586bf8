"""Students: who they are (fixed traits) and how they move through the district's schools."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from districtwise.demo.files.codes import RACE_BL
from districtwise.demo.files.geography import Plan
from districtwise.demo.files.sampling import categorical, exact_rate_select

# Grade weights PK, KG, 01..12 (PK is a partial, half-size programme).
GRADE_WEIGHTS = np.array([0.45] + [1.0] * 10 + [0.97, 0.94, 0.9])
# Race mix HL AI AS BL PI WH TR blank at a mid-poverty zone, and its slope with poverty.
RACE_BASE = np.array([0.27, 0.01, 0.07, 0.19, 0.005, 0.38, 0.055, 0.01])
RACE_SLOPE = np.array([2.0, 0.6, -1.2, 2.0, 0.3, -2.6, 0.0, 0.0])
ED_RACE_OFFSET = np.array([0.3, 0.4, -0.5, 0.4, 0.2, -0.5, 0.0, 0.0, 0.0])
EL_BY_RACE = np.array([0.33, 0.05, 0.26, 0.03, 0.15, 0.015, 0.02, 0.05])
SEX_PROBS = np.array([[0.487, 0.505, 0.003, 0.005]])
# Planted: disability identification, Black students vs all others (pattern 2).
DISABILITY_RATE_BL, DISABILITY_RATE_OTHERS = 0.26, 0.12


@dataclass
class Students:
    """Fixed traits of every student ever enrolled (index = student number)."""

    race: np.ndarray
    sex: np.ndarray
    birth_year: np.ndarray
    ability: np.ndarray
    attend: np.ndarray
    behave: np.ndarray
    ed_base: np.ndarray
    el_base: np.ndarray
    el_exit: np.ndarray
    disability: np.ndarray
    gifted: np.ndarray
    s504: np.ndarray

    def __len__(self) -> int:
        return len(self.race)

    def extend(self, other: Students) -> None:
        """Append another batch of students."""
        empty = len(self) == 0
        for field in dataclasses.fields(self):
            name = field.name
            mine, theirs = getattr(self, name), getattr(other, name)
            setattr(self, name, theirs if empty else np.concatenate([mine, theirs]))

    @classmethod
    def empty(cls) -> Students:
        """No students yet."""
        return cls(*([np.zeros(0)] * len(dataclasses.fields(cls))))


def race_table(plan: Plan) -> np.ndarray:
    """Race probabilities per zone, shifting with zone poverty."""
    pov = plan.zone_poverty[plan.zones]
    logits = np.log(RACE_BASE)[None, :] + RACE_SLOPE[None, :] * (pov[:, None] - 0.5)
    probs = np.exp(logits)
    return probs / probs.sum(axis=1, keepdims=True)


def new_students(
    rng: np.random.Generator, plan: Plan, zone: np.ndarray, grade: np.ndarray, year: int
) -> Students:
    """Create a batch of students living in ``zone`` and entering ``grade`` in ``year``."""
    n = len(zone)
    pov = plan.zone_poverty[plan.zones[zone]]
    race = categorical(rng, race_table(plan), zone).astype(np.int8)
    sex = categorical(rng, SEX_PROBS, np.zeros(n, dtype=np.int64)).astype(np.int8)
    logit = np.log(pov / (1 - pov)) + ED_RACE_OFFSET[race]
    ed = rng.random(n) < 1 / (1 + np.exp(-logit))
    ability = rng.normal(0, 1, n) - 0.45 * ed - 0.5 * (pov - 0.5)
    el = rng.random(n) < EL_BY_RACE[race] * (0.6 + 0.8 * pov)
    el_exit = np.where(rng.random(n) < 0.25, 99, grade + rng.integers(2, 8, n))
    return Students(
        race=race,
        sex=sex,
        birth_year=(year - 6 - grade - (rng.random(n) < 0.25)).astype(np.int16),
        ability=ability.astype(np.float32),
        attend=rng.normal(0, 1, n).astype(np.float32),
        behave=rng.normal(0, 1, n).astype(np.float32),
        ed_base=ed,
        el_base=el,
        el_exit=el_exit.astype(np.int8),
        disability=_disability(rng, race, sex, ability),
        gifted=(ability + rng.normal(0, 0.5, n) + 0.3 * ~ed) > 1.75,
        s504=rng.random(n) < 0.025,
    )


def _disability(
    rng: np.random.Generator, race: np.ndarray, sex: np.ndarray, ability: np.ndarray
) -> np.ndarray:
    """IDEA eligibility with exact rates for Black students and for all others (planted)."""
    groups = (race == RACE_BL).astype(np.int64)
    weights = np.exp(-0.6 * ability) * np.where(sex == 1, 1.6, 1.0)
    rates = np.array([DISABILITY_RATE_OTHERS, DISABILITY_RATE_BL])
    return exact_rate_select(rng, groups, rates, weights)


def grade_targets(students: int) -> np.ndarray:
    """Students per grade (PK..12) for a district of ``students`` a year."""
    counts = students * GRADE_WEIGHTS / GRADE_WEIGHTS.sum()
    return np.round(counts).astype(np.int64)


def sample_zones(rng: np.random.Generator, plan: Plan, grade: np.ndarray) -> np.ndarray:
    """Home zones of new students, weighted by zone size, among zones offering the grade."""
    zone = np.empty(len(grade), dtype=np.int64)
    for g in np.unique(grade):
        idx = np.flatnonzero(grade == g)
        ok = np.flatnonzero(plan.school_of[:, g + 1] >= 0)
        w = plan.zone_weight[ok]
        zone[idx] = ok[rng.choice(len(ok), size=len(idx), p=w / w.sum())]
    return zone
