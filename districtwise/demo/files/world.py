"""The simulated district before any file is written: plan, students, years, school facts."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from districtwise.demo.files import discipline
from districtwise.demo.files.codes import HIGH, RACE_BL
from districtwise.demo.files.enrollment import (
    YearRows,
    initial_cohort,
    leaving,
    next_cohort,
    year_rows,
)
from districtwise.demo.files.geography import Plan, build_plan
from districtwise.demo.files.population import Students
from districtwise.demo.files.schoolcal import school_days


def stream(seed: int, name: str) -> np.random.Generator:
    """An independent, named random stream (so optional outputs never shift others)."""
    return np.random.Generator(
        np.random.PCG64(np.random.SeedSequence([seed, zlib.crc32(name.encode())]))
    )


@dataclass
class World:
    """Everything simulated for one demo district."""

    seed: int
    students_per_year: int
    plan: Plan
    students: Students
    years: list[YearRows]
    calendars: dict[int, np.ndarray]
    poverty: np.ndarray = field(default_factory=lambda: np.zeros(0))  # ED share, all years
    title_i: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    oss_planted: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    ib_school: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    ed_share_last: np.ndarray = field(default_factory=lambda: np.zeros(0))  # last year
    struggling: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def struggling_mask(self) -> np.ndarray:
        """True for the planted struggling schools (index = school number)."""
        mask = np.zeros(self.plan.n_schools, dtype=bool)
        mask[self.struggling] = True
        return mask

    def student_ids(self) -> pa.Array:
        """Student ids: 10 digits with leading zeros, in order of first enrollment."""
        numbers = pa.array(np.arange(len(self.students), dtype=np.int64) + 10_001)
        return pc.utf8_lpad(pc.cast(numbers, pa.string()), 10, "0")

    def school_ids(self) -> pa.Array:
        """School ids as a string array (index = school number)."""
        return pa.array(self.plan.school_ids, pa.string())


def simulate(seed: int, students: int, school_years: list[int]) -> World:
    """Lay out the district and move its students through ``school_years``."""
    plan = build_plan(stream(seed, "plan"), students)
    rng = stream(seed, "enrollment")
    pop = Students.empty()
    cohort = initial_cohort(rng, plan, pop, students, school_years[0])
    leave = leaving(rng, plan, cohort)
    years: list[YearRows] = []
    calendars = {y: school_days(y) for y in school_years}
    for i, year in enumerate(school_years):
        if i:
            cohort = next_cohort(rng, plan, pop, cohort, leave, year, students)
            leave = leaving(rng, plan, cohort)
        years.append(year_rows(rng, plan, pop, cohort, leave, year, len(calendars[year])))
    world = World(seed, students, plan, pop, years, calendars)
    _school_facts(world)
    return world


def _school_facts(world: World) -> None:
    """Poverty share, Title I status, planted OSS schools and the IB school."""
    n = world.plan.n_schools
    rows = np.zeros(n)
    ed = np.zeros(n)
    for yr in world.years:
        rows += np.bincount(yr.school, minlength=n)
        ed += np.bincount(
            yr.school, weights=yr.flags["economically_disadvantaged"] == 1, minlength=n
        )
    world.poverty = ed / np.maximum(rows, 1)
    last = world.years[-1]
    ed_last = np.bincount(
        last.school, weights=last.flags["economically_disadvantaged"] == 1, minlength=n
    )
    world.ed_share_last = ed_last / np.maximum(np.bincount(last.school, minlength=n), 1)
    world.title_i = world.poverty >= 0.40
    world.oss_planted = _pick_oss_schools(world)
    world.struggling = _pick_struggling_schools(world)
    highs = np.flatnonzero(world.plan.level == HIGH)
    world.ib_school = np.zeros(n, dtype=bool)
    if len(highs) >= 3:
        world.ib_school[highs[np.argmax(rows[highs])]] = True


def _pick_oss_schools(world: World) -> np.ndarray:
    """The 3-4 schools with the largest expected count of Black students suspended."""
    last = world.years[-1]
    n = world.plan.n_schools
    black = np.bincount(last.school, weights=world.students.race[last.stu] == RACE_BL, minlength=n)
    level = world.plan.level
    base = discipline.OSS_RATE_BY_LEVEL[level] * (0.6 + 0.8 * world.poverty)
    expected = black * base * discipline.OSS_PLANTED_RATIO
    k = 4 if n >= 30 else 3
    return np.sort(np.argsort(-expected, kind="stable")[:k])


def _pick_struggling_schools(world: World) -> np.ndarray:
    """The planted struggling schools (2-3): the poorest schools that are not planted OSS
    schools, so the discipline plant keeps its own schools (see ``planted.struggling``)."""
    n = world.plan.n_schools
    k = 3 if n >= 30 else 2
    candidates = np.setdiff1d(np.arange(n), world.oss_planted)
    order = np.lexsort((candidates, -world.poverty[candidates]))
    return np.sort(candidates[order[:k]])
