"""The demo district's improvement networks: a ninth-grade on-track network of three
secondary schools and a small attendance network at the teacher leader's school.

The ninth-grade network has a driver diagram in two recorded versions and a working one,
seven change ideas, outcome, process and balancing measures with a few months of weekly
values per team, PDSA cycles chained into ramps (adopted, adapted, one abandoned) and a
learning log. Two series are planted for the charts (``PLANTED``):

- ``shift``: at the network's first team (by school code), "Ninth graders on track"
  (a p chart) runs 12 weeks around 62 % and then 12 weeks around 74 % after the weekly
  grade check was adopted; a chart phase marks the change. The run-chart rules must
  flag it.
- ``flat``: at the same team, "Teacher minutes on check-ins" (the balancing measure)
  stays around 95 minutes a week with noise only, drawn so that the Anhøj rules find
  no signal (its longest run and crossings are checked while it is drawn).

The attendance network's discipline measure is computed from the district's data after
the import. Deterministic from the seed; dated in the demo's school year (2025-26).
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model

from districtwise.analytics.runcharts import runs_analysis
from districtwise.core.audit import audit_created
from districtwise.demo.improvement_content import DIAGRAM, IDEAS
from districtwise.demo.improvement_cycles import cycles_build, learning_build
from districtwise.improvement.models import (
    ChangeIdea,
    ChartPhase,
    DiagramVersion,
    Driver,
    IdeaPlacement,
    ImprovementNetwork,
    Measure,
    MeasureValue,
    Team,
    TeamMember,
)
from districtwise.organization.models import District, Person, School

NINTH_GRADE = "Ninth-grade on track"
ATTENDANCE = "Every day counts"
STARTS_ON, ENDS_ON = dt.date(2025, 8, 4), dt.date(2026, 6, 30)
FIRST_WEEK = dt.date(2025, 9, 8)  # the first week with values (a Monday)
WEEKS = 24
CHANGE_WEEK = 12  # the week (0-based) the weekly grade check was adopted: 2025-12-01
ON_TRACK = "Ninth graders on track"
MINUTES = "Teacher minutes on check-ins"
CHECK_INS = "Flagged students checked in"
# Which series are planted, for the tests: (network, measure); the team is the
# network's first team by school code.
PLANTED = {"shift": (NINTH_GRADE, ON_TRACK), "flat": (NINTH_GRADE, MINUTES)}


def _week(n: int) -> dt.date:
    return FIRST_WEEK + dt.timedelta(weeks=n)


def flat_series(rng: random.Random, centre: float, spread: float, n: int = WEEKS) -> list[float]:
    """Noise around ``centre``, drawn again until the Anhøj rules find nothing in it."""
    while True:
        values = [round(rng.gauss(centre, spread), 1) for _ in range(n)]
        if not runs_analysis(values).signal:
            return values


def improvement_build(*, district: District, seed: int) -> dict[str, tuple[int, int]]:
    """Build the demo's improvement networks; returns the planted series as
    ``{"shift": (measure id, team id), "flat": (measure id, team id)}``."""
    rng = random.Random(seed * 7 + 17)
    lead = _login_person(district, "network_lead")
    secondary = list(
        School.objects.filter(district=district, level__in=["middle", "high"]).order_by(
            "network__code", "-level", "code"
        )[:3]
    )
    network = _network(
        district,
        NINTH_GRADE,
        lead,
        secondary,
        aim=(
            "Ninth graders passing every course at each grading period",
            "from 62% to 80%",
            "ninth graders of the three member schools",
        ),
    )
    teams = list(network.teams.order_by("school__code"))
    family = _login_person(district, "family")
    if family is not None:
        TeamMember.objects.create(
            team=teams[0], person=family, kind="family", role_on_team="Parent voice"
        )
    ideas = _ideas(network)
    _diagram(network, ideas)
    planted = _measures(network, teams, ideas, rng)
    cycles_build(teams, ideas)
    learning_build(network, teams, ideas)
    _attendance_network(district, lead, rng)
    return planted


def _login_person(district: District, username: str) -> Person | None:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        return None
    return Person.objects.filter(district=district, user=user).first()


def _network(district, name, lead, schools, *, aim) -> ImprovementNetwork:
    network = ImprovementNetwork.objects.create(
        district=district,
        name=name,
        aim_what=aim[0],
        aim_how_much=aim[1],
        aim_by_when=dt.date(2026, 6, 15),
        aim_for_whom=aim[2],
        starts_on=STARTS_ON,
        ends_on=ENDS_ON,
    )
    audit_created(actor=None, district=district, obj=network)
    if lead is not None:
        network.leads.add(lead)
    for school in schools:
        team = Team.objects.create(network=network, school=school, joined_on=STARTS_ON)
        staff = Person.objects.filter(district=district, school=school, user__isnull=True)
        for person, role in zip(
            staff.order_by("staff_id")[:3], ("Team lead", "Data lead", "Advisor"), strict=False
        ):
            TeamMember.objects.create(team=team, person=person, kind="staff", role_on_team=role)
    return network


def _ideas(network) -> dict[str, ChangeIdea]:
    return {
        key: ChangeIdea.objects.create(network=network, title=title, description=text)
        for key, (title, text) in IDEAS.items()
    }


def _diagram(network, ideas) -> None:
    """Version 1 (September), version 2 (December: family partnership added), and the
    working version 3 (study tables dropped after they were abandoned)."""
    recorded = [
        dt.datetime(2025, 9, 15, 16, tzinfo=dt.UTC),
        dt.datetime(2025, 12, 15, 16, tzinfo=dt.UTC),
        None,
    ]
    notes = [
        "The network's first theory, from the September launch.",
        "Families added as a primary driver after the family texts moved the numbers.",
        "",
    ]
    for number, (when, note) in enumerate(zip(recorded, notes, strict=True), start=1):
        version = DiagramVersion.objects.create(
            network=network, number=number, note=note, recorded_at=when
        )
        primaries = DIAGRAM[:2] if number == 1 else DIAGRAM
        for position, (text, secondaries) in enumerate(primaries):
            primary = Driver.objects.create(
                version=version, kind="primary", text=text, position=position
            )
            for inner, (sub_text, keys) in enumerate(secondaries):
                secondary = Driver.objects.create(
                    version=version, kind="secondary", parent=primary, text=sub_text, position=inner
                )
                if number < 3 and position == 0 and inner == 1:
                    keys = [*keys, "study_tables"]
                for key in keys:
                    IdeaPlacement.objects.create(driver=secondary, idea=ideas[key])


def _measures(network, teams, ideas, rng) -> dict[str, tuple[int, int]]:
    on_track = Measure.objects.create(
        network=network,
        name=ON_TRACK,
        kind="outcome",
        chart="p",
        unit="%",
        position=0,
        definition=(
            "Ninth graders with no failing course grade at the Monday grade "
            "pull, out of the ninth graders enrolled that day."
        ),
    )
    check_ins = Measure.objects.create(
        network=network,
        name=CHECK_INS,
        kind="process",
        chart="p",
        unit="%",
        position=1,
        definition=(
            "Flagged ninth graders who had at least two check-ins with their named "
            "adult this week, out of the flagged ninth graders."
        ),
    )
    minutes = Measure.objects.create(
        network=network,
        name=MINUTES,
        kind="balancing",
        chart="run",
        unit="minutes",
        position=2,
        higher_is_better=False,
        definition=(
            "Median minutes a week an advisor reports spending on check-ins and "
            "grade checks, from the Friday two-question survey."
        ),
    )
    for index, team in enumerate(teams):
        planted = index == 0
        rates = (
            [0.62] * CHANGE_WEEK + [0.74] * (WEEKS - CHANGE_WEEK)
            if planted
            else [0.64 + 0.002 * w for w in range(WEEKS)]
        )
        _p_values(on_track, team, rates, rng, size=110 + 15 * index, spread=0.025)
        _p_values(
            check_ins,
            team,
            [0.55 + 0.012 * w for w in range(WEEKS)],
            rng,
            size=24 + 4 * index,
            spread=0.04,
        )
        flat = flat_series(rng, 95.0 - 5 * index, 6.0)
        MeasureValue.objects.bulk_create(
            MeasureValue(measure=minutes, team=team, period_start=_week(w), value=v)
            for w, v in enumerate(flat)
        )
    ChartPhase.objects.create(
        measure=on_track,
        team=teams[0],
        starts_on=_week(CHANGE_WEEK),
        label="Weekly grade check adopted",
        change_idea=ideas["grade_check"],
    )
    return {"shift": (on_track.pk, teams[0].pk), "flat": (minutes.pk, teams[0].pk)}


def _p_values(measure, team, rates, rng, *, size: int, spread: float) -> None:
    rows = []
    for week, rate in enumerate(rates):
        denominator = size + rng.randint(-3, 3)
        share = min(0.99, max(0.01, rng.gauss(rate, spread)))
        numerator = round(share * denominator)
        rows.append(
            MeasureValue(
                measure=measure,
                team=team,
                period_start=_week(week),
                value=numerator / denominator,
                numerator=numerator,
                denominator=denominator,
            )
        )
    MeasureValue.objects.bulk_create(rows)


def _attendance_network(district, lead, rng) -> None:
    """A small network at the teacher leader's school and its neighbour, with a measure
    computed from the district's discipline data (after the import) and one entered."""
    coach = _login_person(district, "coach")
    home = coach.school if coach is not None and coach.school else None
    schools = list(
        School.objects.filter(district=district, level="elementary").order_by("code")[:2]
    )
    if home is not None and home not in schools:
        schools = [home, *schools[:1]]
    network = _network(
        district,
        ATTENDANCE,
        lead,
        schools,
        aim=(
            "Students missing fewer school days",
            "chronic absence from 18% to 12%",
            "students of the two member elementary schools",
        ),
    )
    teams = list(network.teams.order_by("school__code"))
    if coach is not None and home is not None:
        team = next(t for t in teams if t.school_id == home.pk)
        TeamMember.objects.get_or_create(
            team=team, person=coach, defaults={"kind": "staff", "role_on_team": "Coach"}
        )
    Measure.objects.create(
        network=network,
        name="Discipline incidents per 100 students",
        kind="balancing",
        source="engine",
        metric_key="incidents_per_100",
        frequency="monthly",
        chart="u",
        unit="incidents per 100 students",
        higher_is_better=False,
        definition=(
            "Disciplinary incidents at the school in the month per 100 "
            "students enrolled; from the district's discipline file."
        ),
    )
    calls = Measure.objects.create(
        network=network,
        name="Families reached after a second absence",
        kind="process",
        chart="p",
        unit="%",
        definition=(
            "Families reached by phone the day of their child's second "
            "absence in a month, out of the second absences."
        ),
    )
    for team in teams:
        _p_values(calls, team, [0.5 + 0.02 * w for w in range(12)], rng, size=20, spread=0.08)
