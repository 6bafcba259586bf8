"""The Leading-for-Learning self-assessment instrument, written in Districtwise's own words.

Eight sections: the five areas of action a leadership team works in, and the three learning
agendas (of students, of professionals, of the system) that the actions serve. Each item is
a statement the team rates on a four-level scale, from "not yet" to "consistently", or
marks "don't know". Item keys ("focus.1") are stable: stored answers and plan steps name
them, so an item's wording may be improved but its key never reused for another idea.

Each item also carries a first draft of an action, prefilled into the team's action plan
when the item turns out to be among its section's weakest.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    key: str
    statement: str
    action: str  # the draft step a plan starts from


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    kind: str  # "area" (an area of action) or "agenda" (a learning agenda)
    items: tuple[Item, ...]


# The scale: what each level means in plain words.
SCALE: tuple[tuple[int, str], ...] = (
    (1, "Not yet: we have not started on this"),
    (2, "Beginning: it happens here and there"),
    (3, "Often: it is usual practice, with gaps"),
    (4, "Consistently: it is how we work, and we can show it"),
)
SCALE_SHORT = {1: "Not yet", 2: "Beginning", 3: "Often", 4: "Consistently"}
DONT_KNOW = "dk"
DONT_KNOW_LABEL = "Don't know: I cannot judge this"
LOWEST, HIGHEST = 1, 4


def _section(key: str, title: str, kind: str, *items: tuple[str, str]) -> Section:
    return Section(
        key=key,
        title=title,
        kind=kind,
        items=tuple(
            Item(key=f"{key}.{n}", statement=statement, action=action)
            for n, (statement, action) in enumerate(items, start=1)
        ),
    )


SECTIONS: tuple[Section, ...] = (
    _section(
        "focus",
        "Keeping learning at the centre",
        "area",
        (
            "Our team states plainly what good learning looks like here, and people "
            "across the school or office can say it back.",
            "Write a one-page description of strong learning with staff and test it in "
            "three conversations.",
        ),
        (
            "We spend most of our meeting time on teaching and learning, not logistics.",
            "Move logistics to a written note and open each meeting with evidence of student work.",
        ),
        (
            "We look at what students actually produce, not only test results, when we "
            "judge progress.",
            "Start a monthly look at student work samples from two grades or courses.",
        ),
        (
            "Gaps between groups of students are named and tracked by the team.",
            "Choose two gaps to track this year and put them on the team's standing agenda.",
        ),
    ),
    _section(
        "communities",
        "Building communities of professionals",
        "area",
        (
            "Staff have regular, protected time to plan and study teaching together.",
            "Protect a weekly collaborative block in the schedule and guard it from other uses.",
        ),
        (
            "Colleagues open their classrooms or work to one another and give useful feedback.",
            "Set up peer visits with a short feedback routine for every team once a term.",
        ),
        (
            "Professional learning is chosen from what students need, not from a catalogue.",
            "Link each professional learning offer to a named student need before approving it.",
        ),
        (
            "Newer staff are mentored and brought into the team's shared work quickly.",
            "Pair each newer colleague with a mentor and review the pairing after six weeks.",
        ),
    ),
    _section(
        "environments",
        "Working with the world outside",
        "area",
        (
            "Families hear from us about learning, not only about problems, and we act on "
            "what they tell us.",
            "Plan two family conversations a year about learning and report back what changed.",
        ),
        (
            "We seek partners and resources that serve our learning priorities, and turn "
            "down those that do not.",
            "Review current partnerships against the learning priorities and decide which to keep.",
        ),
        (
            "Outside requirements are used to push our own priorities forward rather than "
            "treated as paperwork.",
            "Map each external requirement to a local priority it can serve.",
        ),
    ),
    _section(
        "shared",
        "Acting strategically and sharing leadership",
        "area",
        (
            "Decisions about time, people and money follow the learning priorities.",
            "Review this year's budget and schedule against the priorities and move one resource.",
        ),
        (
            "Teachers and staff lead parts of the improvement work, with real authority.",
            "Hand one improvement strand to a teacher-led group with a clear mandate.",
        ),
        (
            "We use data and evidence to choose our next steps and check whether they worked.",
            "Agree on one measure per priority and review it at set points in the year.",
        ),
        (
            "Leaders model learning themselves and say openly what they are trying to get "
            "better at.",
            "Each team member names a personal learning goal and shares progress each term.",
        ),
    ),
    _section(
        "coherence",
        "Making the work hang together",
        "area",
        (
            "Our initiatives fit together and staff can see how each one serves the same goals.",
            "List every initiative, show which goal it serves, and stop one that serves none.",
        ),
        (
            "Supports for students, staff and the system point in the same direction.",
            "Check that coaching, professional learning and student supports share one focus.",
        ),
        (
            "New work is weighed against what we already do before it is taken on.",
            "Adopt a short check that any new effort must pass before it starts.",
        ),
    ),
    _section(
        "student",
        "Learning agenda: students",
        "agenda",
        (
            "Every student is expected to do demanding work and is given the help to do it.",
            "Audit assignments in two subjects for challenge and the support offered with them.",
        ),
        (
            "Students who are behind get timely, planned help, not only more of the same.",
            "Set up a regular review of students who are behind and the help each receives.",
        ),
        (
            "Students' own voices shape how they are taught.",
            "Gather students' views on learning each term and report back what changed.",
        ),
    ),
    _section(
        "professional",
        "Learning agenda: professionals",
        "agenda",
        (
            "Each staff member has a learning goal tied to what their students need.",
            "Ask each staff member to set one learning goal tied to student needs.",
        ),
        (
            "Coaching and feedback reach every teacher, not only those in difficulty.",
            "Plan coaching cycles so every teacher receives at least one a year.",
        ),
        (
            "Leaders themselves learn regularly, alone and with peers.",
            "Join or form a peer learning group of leaders that meets each month.",
        ),
    ),
    _section(
        "system",
        "Learning agenda: the system",
        "agenda",
        (
            "We learn from what worked and what did not, and change our practice because of it.",
            "Hold a short review after each major effort and record what to change.",
        ),
        (
            "Information moves quickly between the schools and the central office.",
            "Agree on one channel and a rhythm for sharing information both ways.",
        ),
        (
            "Policies and routines are revised when evidence shows they get in the way.",
            "Pick one routine staff say gets in the way and revise it with them.",
        ),
    ),
)

ITEMS: dict[str, Item] = {item.key: item for section in SECTIONS for item in section.items}
SECTION_OF: dict[str, Section] = {
    item.key: section for section in SECTIONS for item in section.items
}
SECTION_BY_KEY: dict[str, Section] = {section.key: section for section in SECTIONS}
ITEM_COUNT = len(ITEMS)


def section_key(item_key: str) -> str:
    """The section an item belongs to (the part of its key before the dot)."""
    return item_key.split(".", 1)[0]
