"""What the demo district's plan says: its vision, mission, indicators, goals, theory of
action and initiatives (``districtwise.demo.plan`` writes them in the database).

Dates are given as (years after the end year of the demo's last school year, month, day):
with the demo's school years ending 2024-2026, ``(-2, 7, 1)`` is 1 July 2024. Amounts are
dollars a year, per participating school where the initiative runs in schools."""

from __future__ import annotations

from dataclasses import dataclass

VISION = (
    "Every student in Riverbend leaves our schools known by name, able to read, reason and "
    "argue with evidence, and ready for the path they choose."
)
MISSION = (
    "We organise the central office, our schools and our partners around a few things done "
    "well: strong teaching of mathematics and literacy, students in school every day, "
    "discipline that keeps students learning, and teachers who stay and grow."
)


@dataclass(frozen=True)
class IndicatorSpec:
    name: str
    about: str
    higher_is_better: bool
    metric: str = ""  # an engine metric of the equity audit, read at district level
    dimension: str = ""
    source_note: str = ""
    by_hand: tuple[tuple[int, str], ...] = ()  # (school year offset, figure) entered by hand


INDICATORS = {
    "absence": IndicatorSpec(
        "Chronically absent students",
        "Share of students who missed a tenth or more of the days they were enrolled.",
        higher_is_better=False,
        metric="chronic_absenteeism",
        dimension="attendance",
    ),
    "mathematics": IndicatorSpec(
        "Proficient in mathematics on the state test",
        "Share of tested students scoring proficient or above on the state mathematics test.",
        higher_is_better=True,
        metric="proficiency:STATE_MATH",
        dimension="achievement",
    ),
    "suspensions": IndicatorSpec(
        "Students suspended out of school",
        "Share of students with at least one out-of-school suspension in the year.",
        higher_is_better=False,
        metric="oss_rate",
        dimension="discipline",
    ),
    "retention": IndicatorSpec(
        "Teachers returning the next school year",
        "Share of last year's teachers on the October staffing roster.",
        higher_is_better=True,
        source_note="Human Resources: the October roster held against last year's",
        by_hand=((-2, "0.8200"), (-1, "0.8400"), (0, "0.8600")),
    ),
    "conferences": IndicatorSpec(
        "Families at one or more conferences",
        "Share of students whose family attended at least one teacher conference.",
        higher_is_better=True,
        source_note="Family Engagement: school sign-in sheets, compiled each June",
        by_hand=((-2, "0.5500"), (-1, "0.5800"), (0, "0.6300")),
    ),
    "support": IndicatorSpec(
        "Principals who find central-office support useful",
        "Share of principals answering 'useful' or 'very useful' in the spring survey.",
        higher_is_better=True,
        source_note="Spring principal survey, to be given for the first time next spring",
    ),
}


@dataclass(frozen=True)
class GoalSpec:
    code: str
    title: str
    about: str
    priority: int
    department: str  # "" : the cabinet owns it
    indicator: str
    baseline: str  # the figure of the baseline year ("" : not measured yet)
    target: str
    target_in: int  # the target year, as an offset of the last school year
    agendas: tuple[str, ...]
    areas: tuple[str, ...]
    groups: tuple[tuple[str, str, str, str], ...] = ()  # group type, group, baseline, target


GOALS = (
    GoalSpec(
        "G1",
        "Fewer students chronically absent",
        "Students cannot learn what they are not there for; absence is highest among "
        "students without a stable home and from low-income families.",
        1,
        "family-engagement",
        "absence",
        "0.2500",
        "0.1500",
        2,
        ("student", "system"),
        ("external", "learning"),
        (
            ("homeless", "Y", "0.5000", "0.3000"),
            ("economically_disadvantaged", "Y", "0.3000", "0.1800"),
        ),
    ),
    GoalSpec(
        "G2",
        "More students proficient in mathematics",
        "Raise mathematics proficiency for every group and close the gap for English "
        "learners and students from low-income families.",
        1,
        "teaching-and-learning",
        "mathematics",
        "0.4200",
        "0.5500",
        2,
        ("student", "professional"),
        ("learning", "community"),
        (
            ("english_learner", "Y", "0.1700", "0.3500"),
            ("economically_disadvantaged", "Y", "0.2900", "0.4200"),
        ),
    ),
    GoalSpec(
        "G3",
        "Fewer and fairer suspensions",
        "Keep students in class, and end the gap in suspensions between Black students "
        "and their classmates.",
        2,
        "",
        "suspensions",
        "0.0450",
        "0.0250",
        1,
        ("student", "system"),
        ("learning", "leadership"),
        (("race_ethnicity", "BL", "0.0750", "0.0350"),),
    ),
    GoalSpec(
        "G4",
        "Keep more of our teachers",
        "Teachers who stay get better every year; turnover is highest where students need "
        "experienced teachers most.",
        2,
        "human-resources",
        "retention",
        "0.8200",
        "0.9000",
        2,
        ("professional",),
        ("community",),
    ),
    GoalSpec(
        "G5",
        "Families as partners in learning",
        "Every family hears from their child's school about learning, not only about "
        "problems, and comes in at least once a year.",
        3,
        "family-engagement",
        "conferences",
        "0.5500",
        "0.7500",
        2,
        ("student", "system"),
        ("external",),
    ),
    GoalSpec(
        "G6",
        "A central office that serves schools",
        "Departments plan together and ask principals what helps, so schools receive one "
        "set of priorities instead of many.",
        3,
        "",
        "support",
        "",
        "0.8000",
        2,
        ("system",),
        ("leadership", "coherence"),
    ),
)

THEORY_OF_ACTION = (
    (
        "the district gives mathematics teachers a coherent curriculum and regular coaching "
        "on their own lessons",
        "more students reach proficiency, and English learners gain the most",
        ("G2", "G4"),
    ),
    (
        "every school notices absence in its first weeks and reaches out to families as partners",
        "fewer students miss a tenth of the year and more families come to conferences",
        ("G1", "G5"),
    ),
    (
        "adults respond to misbehaviour by repairing harm rather than sending students home",
        "suspensions fall, fastest where they are most unequal",
        ("G3",),
    ),
)

DONE, MISSED, IN_PROGRESS, PLANNED = "done", "missed", "in_progress", "planned"
Milestones = tuple[tuple[str, tuple[int, int, int], str], ...]


@dataclass(frozen=True)
class InitiativeSpec:
    code: str
    name: str
    about: str
    department: str
    goals: tuple[str, ...]
    pathways: tuple[str, ...]
    where: str  # a school set of ``plan.PlanWorld.school_sets``
    starts: tuple[int, int, int]
    ends: tuple[int, int, int]
    budget: tuple[tuple[str, float], ...]  # funding source, dollars a year
    milestones: Milestones
    log: tuple[tuple[tuple[int, int, int], str], ...] = ()
    status: str = "active"
    lead_is_head: bool = True
    piloted: bool = False  # a pilot in the focus schools the first year, then the rest
    reached_per_school: int = 0  # 0: the students of the schools stand in


INITIATIVES = (
    InitiativeSpec(
        "I1",
        "Attendance teams in every school",
        "A small team in each school meets weekly over the attendance list and calls home "
        "on the second absence.",
        "family-engagement",
        ("G1",),
        ("data_use", "family_engagement"),
        "all",
        (-2, 7, 1),
        (1, 6, 30),
        (("title_i", 4500.0), ("general", 1500.0)),
        (
            ("Every school names its attendance team", (-2, 9, 30), DONE),
            ("Weekly attendance review in use in every school", (-1, 1, 31), DONE),
            ("Every chronically absent student has an adult who checks in", (-1, 11, 30), MISSED),
            ("Mid-plan review of the attendance teams", (1, 1, 31), PLANNED),
        ),
        (
            ((-2, 10, 15), "All schools named teams; two high schools share one counsellor."),
            ((-1, 12, 5), "Check-ins lag in the schools with the most absence."),
        ),
    ),
    InitiativeSpec(
        "I2",
        "Home visits for students missing school",
        "Family liaisons and a community partner visit the homes of students absent for "
        "two weeks or more.",
        "family-engagement",
        ("G1", "G5"),
        ("family_engagement", "partnerships"),
        "focus",
        (-1, 7, 1),
        (1, 6, 30),
        (("title_i", 18000.0), ("philanthropy", 6000.0)),
        (
            ("Liaisons hired and trained", (-1, 9, 15), DONE),
            ("First round of visits completed", (-1, 12, 20), DONE),
            ("Visits reach every student absent two weeks", (0, 12, 20), IN_PROGRESS),
        ),
        (((-1, 11, 3), "Partner agreement signed; visits begin in November."),),
        lead_is_head=False,
        reached_per_school=60,
    ),
    InitiativeSpec(
        "I3",
        "Mathematics coaching cycles",
        "Coaches run six-week cycles with teachers of grades 3-8: planning, observing and "
        "studying student work together.",
        "teaching-and-learning",
        ("G2",),
        ("coaching", "professional_development"),
        "focus",
        (-2, 7, 1),
        (2, 6, 30),
        (("title_ii", 22000.0), ("general", 8000.0)),
        (
            ("Coaches hired for every focus school", (-2, 8, 31), DONE),
            ("Two cycles per teacher in the first year", (-1, 6, 15), MISSED),
            ("Two cycles per teacher", (0, 6, 15), DONE),
            ("Cycles extended to grades K-2", (1, 1, 15), PLANNED),
        ),
        (
            ((-1, 6, 20), "Coaches were pulled into testing in spring; half the cycles ran."),
            ((0, 6, 18), "Every teacher finished two cycles."),
        ),
    ),
    InitiativeSpec(
        "I4",
        "New mathematics curriculum, kindergarten to grade 8",
        "One set of materials for every school, first in the focus schools, then everywhere.",
        "teaching-and-learning",
        ("G2",),
        ("curriculum", "professional_development", "assessment"),
        "elementary_middle",
        (-1, 7, 1),
        (2, 6, 30),
        (("general", 14000.0), ("state_categorical", 5000.0)),
        (
            ("Materials chosen by a teacher committee", (-1, 3, 31), DONE),
            ("Pilot schools teach the first units", (-1, 10, 31), DONE),
            ("Summer institute for every K-8 teacher", (0, 8, 15), MISSED),
            ("Every school teaching the new curriculum", (1, 10, 31), PLANNED),
        ),
        (((0, 8, 20), "Summer institute postponed: the materials arrived late."),),
        piloted=True,
    ),
    InitiativeSpec(
        "I5",
        "Mathematics support for English learners",
        "Language-development coaches co-plan mathematics lessons for classes with many "
        "English learners.",
        "teaching-and-learning",
        ("G2",),
        ("coaching", "staffing"),
        "focus",
        (-1, 7, 1),
        (1, 6, 30),
        (("title_iii", 16000.0),),
        (
            ("Language coaches placed", (-1, 9, 30), DONE),
            ("Co-planning in every class with ten or more English learners", (0, 3, 31), MISSED),
        ),
        (((0, 2, 10), "Teachers ask for one coach, not two, in the same mathematics lesson."),),
        lead_is_head=False,
    ),
    InitiativeSpec(
        "I6",
        "Restorative practices",
        "Staff learn to run restorative conversations and circles; a coach supports the "
        "schools with the most suspensions.",
        "teaching-and-learning",
        ("G3",),
        ("professional_development", "coaching", "scheduling"),
        "suspensions",
        (-2, 7, 1),
        (1, 6, 30),
        (("general", 12000.0), ("grant", 8000.0)),
        (
            ("Training for every staff member", (-2, 11, 30), DONE),
            ("Circles held weekly in every classroom", (-1, 3, 31), MISSED),
            ("Suspension reviews by the school's leadership team", (0, 9, 30), DONE),
        ),
        (((-1, 4, 2), "Circles happen in about half the classrooms."),),
        lead_is_head=False,
    ),
    InitiativeSpec(
        "I7",
        "New-teacher induction and mentoring",
        "Every teacher in their first two years has a trained mentor and a reduced duty load.",
        "human-resources",
        ("G4",),
        ("professional_development", "staffing"),
        "none",
        (-2, 7, 1),
        (2, 6, 30),
        (("title_ii", 120000.0), ("general", 40000.0)),
        (
            ("Mentors trained", (-2, 8, 15), DONE),
            ("Every new teacher matched with a mentor", (-2, 9, 30), DONE),
            ("Second-year teachers' survey", (0, 5, 31), DONE),
        ),
    ),
    InitiativeSpec(
        "I8",
        "Principal leadership academy",
        "Monthly sessions for principals and assistant principals on leading teaching and "
        "keeping staff.",
        "human-resources",
        ("G4",),
        ("leadership_development",),
        "none",
        (-1, 7, 1),
        (1, 6, 30),
        (("title_ii", 45000.0),),
        (
            ("First cohort begins", (-1, 9, 15), DONE),
            ("Second cohort begins", (0, 9, 15), DONE),
        ),
    ),
    InitiativeSpec(
        "I9",
        "Data dashboards and data-team meetings",
        "One set of dashboards for attendance, achievement and discipline, and a monthly "
        "data-team meeting in every school.",
        "data-and-assessment",
        ("G1", "G2", "G3"),
        ("data_use", "technology"),
        "none",
        (-2, 7, 1),
        (2, 6, 30),
        (("general", 60000.0),),
        (
            ("Dashboards live for every principal", (-2, 10, 31), DONE),
            ("Data-team protocol used monthly in every school", (-1, 5, 31), IN_PROGRESS),
        ),
    ),
    InitiativeSpec(
        "I10",
        "Interim assessment platform",
        "Three interim tests a year in reading and mathematics, with reports for teachers.",
        "data-and-assessment",
        ("G2",),
        ("assessment", "technology"),
        "elementary_middle",
        (-1, 7, 1),
        (1, 6, 30),
        (("general", 3000.0),),
        (
            ("Platform chosen and contracted", (-1, 8, 31), DONE),
            ("Fall test given in every school", (-1, 10, 31), MISSED),
        ),
        (((0, 1, 20), "Paused while the new curriculum's own unit tests are tried."),),
        status="paused",
        lead_is_head=False,
    ),
    InitiativeSpec(
        "I11",
        "Tablet refresh, kindergarten to grade 2",
        "Replace the tablets of the early grades on a four-year cycle.",
        "operations",
        (),
        ("technology", "budget"),
        "elementary",
        (-1, 7, 1),
        (2, 6, 30),
        (("general", 38000.0),),
        (
            ("Tablets delivered", (-1, 8, 20), DONE),
            ("Old tablets recycled", (-1, 12, 31), MISSED),
        ),
    ),
    InitiativeSpec(
        "I12",
        "Extended-day enrichment pilot",
        "An extra hour of clubs four afternoons a week, run with a youth-services partner.",
        "operations",
        (),
        ("scheduling", "partnerships"),
        "focus",
        (-1, 7, 1),
        (1, 6, 30),
        (("grant", 30000.0),),
        (
            ("Partner contract signed", (-1, 8, 15), DONE),
            ("Clubs open in every focus school", (-1, 10, 1), DONE),
            ("Decide whether to continue", (0, 12, 15), PLANNED),
        ),
        (((-1, 12, 1), "Teachers report the extra hour competes with coaching meetings."),),
        lead_is_head=False,
        reached_per_school=40,
    ),
)
