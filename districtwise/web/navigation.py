"""The navigation, laid out by capability. Sections not built yet say what is coming."""

from __future__ import annotations

from dataclasses import dataclass

from districtwise.core.roles import DISTRICT_WIDE_ROLES, SCHOOL_LEADERS, Role


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    url_name: str | None  # None: not built yet; the section page says what is coming
    coming: str = ""
    roles: frozenset[str] = frozenset()  # who may open it; empty = every member
    who: str = ""  # for others: who uses this section

    def opens_for(self, scope) -> bool:
        return self.url_name is not None and (not self.roles or scope.has_any(self.roles))


SECTIONS: tuple[Section, ...] = (
    Section("organization", "Organization", "organization:school_list"),
    Section(
        "data",
        "District data",
        "data:overview",
        "Import the district's student, staff and finance files, check them, and keep "
        "every version.",
        roles=frozenset({Role.DATA_STEWARD, Role.SYSTEM_ADMIN}),
        who="The district's data stewards import and check the district's data files here. "
        "The figures built on them appear in the equity audit and the other sections.",
    ),
    Section(
        "equity",
        "Equity audit",
        "equity:overview",
        "Opportunity, outcomes, discipline and resources compared across student groups "
        "and schools, with a report for the board.",
        roles=frozenset(Role) - {Role.FAMILY_MEMBER},
        who="District and school leaders, network leads and partners read the equity audit "
        "here, each for the schools they work with.",
    ),
    Section(
        "strategy",
        "Strategy and coherence",
        "strategy:overview",
        "Goals with targets, the initiatives that serve them, progress and a coherence view.",
        roles=frozenset(Role) - {Role.PARTNER, Role.FAMILY_MEMBER},
        who="The cabinet writes the district's plan here; department leads keep the goals and "
        "initiatives they own up to date, and school and network leaders follow the parts "
        "that concern their schools.",
    ),
    Section(
        "supports",
        "Teacher supports",
        "supports:overview",
        "The supports every teacher can count on, each school's adaptations, and who "
        "actually receives them.",
        roles=frozenset(Role) - {Role.PARTNER, Role.FAMILY_MEMBER},
        who="The central office names the supports every teacher can count on here; "
        "schools record how they deliver them and see which teachers receive them.",
    ),
    Section(
        "workload",
        "Principal workload",
        "workload:overview",
        "What principals spend their time on, work moved to the central office, and one "
        "registry of data requests.",
        roles=DISTRICT_WIDE_ROLES | {Role.NETWORK_LEAD} | SCHOOL_LEADERS,
        who="Principals, their supervisors and the central office look at principals' "
        "work and time here.",
    ),
    Section(
        "improvement",
        "Improvement networks",
        "improvement:overview",
        "Shared aims, driver diagrams, PDSA cycles across schools and run charts.",
    ),
    Section(
        "voice",
        "Voice and guidance",
        "voice:overview",
        "Needs raised by principals, principal meetings, and versioned guidance.",
        roles=frozenset(Role) - {Role.PARTNER, Role.FAMILY_MEMBER},
        who="Principals raise what their schools need and follow it to an answer here; "
        "the central office answers, sees patterns and publishes guidance.",
    ),
    Section(
        "community",
        "Partners and community",
        "community:overview",
        "Partnerships, needs no partner meets yet, family feedback in their languages, "
        "and the district's stakeholders.",
        roles=frozenset(Role) - {Role.FAMILY_MEMBER},
        who="The central office and schools work with their partners here; partners log "
        "what they deliver. Families answer the district's surveys through a link from "
        "their school, without an account.",
    ),
    Section(
        "leadership",
        "Leadership",
        "leadership:overview",
        "Self-assessments, principal development and succession planning.",
        roles=frozenset(Role) - {Role.PARTNER, Role.FAMILY_MEMBER},
        who="School and central-office teams assess their leadership for learning here; "
        "network leads supervise and develop principals, and the district plans who "
        "leads next.",
    ),
)

SECTION_BY_SLUG = {section.slug: section for section in SECTIONS}
