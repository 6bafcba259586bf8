"""Plainly synthetic name pools for the demo district (no real places or people)."""

from __future__ import annotations

DISTRICT_NAME = "Riverbend Unified School District (demo)"

SCHOOL_FIRST: tuple[str, ...] = (
    "Maple",
    "Oak",
    "Cedar",
    "Willow",
    "Birch",
    "Aspen",
    "Pine",
    "Elm",
    "Juniper",
    "Hawthorn",
    "Magnolia",
    "Sycamore",
    "Laurel",
    "Spruce",
    "Chestnut",
    "Hickory",
    "Linden",
    "Poplar",
    "Alder",
    "Cypress",
    "Redwood",
    "Larch",
    "Beech",
    "Holly",
    "Hazel",
    "Rowan",
    "Sumac",
    "Tamarack",
    "Walnut",
    "Dogwood",
)
SCHOOL_SECOND: tuple[str, ...] = (
    "Grove",
    "Park",
    "Hill",
    "Ridge",
    "Valley",
    "Creek",
    "Meadow",
    "Heights",
    "Lake",
    "Springs",
    "Point",
    "Glen",
    "Hollow",
    "Brook",
    "Crossing",
    "Field",
    "Harbor",
    "Bluff",
    "Terrace",
    "Vista",
)
SCHOOL_PREFIX: tuple[str, ...] = ("", "North ", "South ", "East ", "West ", "Upper ", "Lower ")
LEVEL_SUFFIX: dict[str, str] = {
    "elementary": "Elementary",
    "middle": "Middle School",
    "high": "High School",
    "k8": "K-8 Academy",
    "6-12": "Secondary School",
}
NETWORK_NAMES: tuple[str, ...] = (
    "North",
    "South",
    "East",
    "West",
    "Central",
    "Riverside",
    "Lakeside",
    "Hillside",
    "Prairie",
    "Harbor",
    "Summit",
    "Orchard",
    "Meadow",
    "Canyon",
    "Forest",
    "Bayview",
)
DEPARTMENTS: tuple[tuple[str, str, str], ...] = (
    ("teaching-and-learning", "Teaching and Learning", "academics"),
    ("operations", "Operations", "operations"),
    ("data-and-assessment", "Data and Assessment", "accountability"),
    ("family-engagement", "Family Engagement", "community"),
    ("human-resources", "Human Resources", "talent"),
)


def school_names(count: int) -> list[str]:
    """Return ``count`` distinct synthetic school-name stems such as 'Maple Grove'."""
    stems: list[str] = []
    for prefix in SCHOOL_PREFIX:
        for i, second in enumerate(SCHOOL_SECOND):
            for j in range(len(SCHOOL_FIRST)):
                first = SCHOOL_FIRST[(j + 7 * i) % len(SCHOOL_FIRST)]
                stems.append(f"{prefix}{first} {second}")
    if count > len(stems):
        stems += [f"Campus {n}" for n in range(1, count - len(stems) + 1)]
    return stems[:count]


def network_name(index: int) -> str:
    """Return the synthetic name of network number ``index`` (0-based)."""
    base = NETWORK_NAMES[index % len(NETWORK_NAMES)]
    round_ = index // len(NETWORK_NAMES)
    return f"{base} Network" if round_ == 0 else f"{base} Network {round_ + 1}"
