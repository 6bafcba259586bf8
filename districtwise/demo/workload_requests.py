"""The demo district's data requests: a field vocabulary of about forty fields (a dozen
of them held in the district's own data files) and some twenty requests from the five
departments, with overlaps planted for the registry to find.

Due dates are counted from the day the demo is built, so the requests are always current.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from districtwise.organization.models import Department, District, Person, School
from districtwise.workload.models import DataRequest, RequestField
from districtwise.workload.services import requests as services

TL, OPS, DA, FE, HR = (
    "teaching-and-learning",
    "operations",
    "data-and-assessment",
    "family-engagement",
    "human-resources",
)

# (name, minutes per school, other names, held as "file.csv:column" or "")
VOCABULARY: tuple[tuple[str, int, tuple[str, ...], str], ...] = (
    ("Reading benchmark score", 45, ("ORF score", "Reading screener results"), ""),
    ("Math benchmark score", 45, ("Math screener results",), ""),
    ("Screener completion rate", 15, (), ""),
    ("Intervention group roster", 40, ("Tier 2 roster",), ""),
    ("Intervention minutes", 30, (), ""),
    ("Textbook counts", 60, ("Instructional materials inventory",), ""),
    ("Unit guide usage", 20, (), ""),
    ("PLC schedule", 15, ("Collaborative planning calendar",), ""),
    ("Testing calendar", 20, (), ""),
    ("Testing accommodations count", 30, (), ""),
    ("Family contact information", 60, ("Parent contact info", "Emergency contacts"), ""),
    ("Bus riders count", 20, ("Transportation roster",), ""),
    ("Open positions", 20, ("Vacancies", "Unfilled positions"), ""),
    ("Substitute coverage days", 25, (), ""),
    ("Facility work orders", 15, (), ""),
    ("Fire drill log", 10, ("Safety drill record",), ""),
    ("Conference attendance", 30, ("Family conference participation rate",), ""),
    ("Home language", 30, ("Language spoken at home",), ""),
    ("Survey response count", 10, (), ""),
    ("Volunteer hours", 25, (), ""),
    ("New teacher count", 10, ("Induction cohort size",), ""),
    ("Mentor assignments", 20, (), ""),
    ("Professional learning hours", 30, ("PD hours",), ""),
    ("Meal counts", 15, ("Lunch counts",), ""),
    ("Exit interview count", 10, (), ""),
    ("Field trip requests", 15, (), ""),
    ("Technology device inventory", 45, ("Chromebook count",), ""),
    ("Club and activity roster", 30, (), ""),
    # Held already: the district's data files carry these; schools should not be asked.
    ("Days absent", 30, ("Absences", "Attendance"), "attendance.csv:days_absent"),
    ("Grade level", 10, ("Enrollment by grade",), "enrollments.csv:grade_level"),
    ("Enrollment date", 10, ("Entry date",), "enrollments.csv:entry_date"),
    (
        "Discipline incidents",
        40,
        ("Behavior referrals", "Discipline referrals"),
        "discipline.csv:incident_id",
    ),
    ("Days removed from class", 20, ("Suspension days",), "discipline.csv:days_removed"),
    (
        "English learner status",
        15,
        ("ELL status", "English learner flag", "EL indicator"),
        "enrollments.csv:english_learner",
    ),
    (
        "Disability status",
        15,
        ("IEP status", "Special education flag"),
        "enrollments.csv:disability",
    ),
    (
        "Economically disadvantaged",
        15,
        ("Free or reduced lunch status", "FRL status"),
        "enrollments.csv:economically_disadvantaged",
    ),
    ("Homeless status", 10, ("McKinney-Vento status",), "enrollments.csv:homeless"),
    ("State test proficiency", 20, ("State assessment results",), "assessments.csv:proficient"),
    ("Course pass or fail", 30, ("Course completion",), "course_enrollments.csv:passed"),
    (
        "Teacher certification status",
        15,
        ("Certified in assignment",),
        "staff.csv:certified_in_assignment",
    ),
)

# (department, title, frequency, days from today to the first due date, lines as written,
#  which schools: "all", "network" (the first network) or "first3" (the first three))
REQUESTS: tuple[tuple[str, str, str, int, tuple[str, ...], str], ...] = (
    (
        TL,
        "Monthly reading and math benchmarks",
        "monthly",
        20,
        ("Reading benchmark score", "Math benchmark score"),
        "all",
    ),
    (
        TL,
        "Curriculum materials inventory",
        "yearly",
        45,
        ("Textbook counts", "Unit guide usage"),
        "all",
    ),
    (TL, "PLC meeting schedules", "termly", 30, ("Collaborative planning calendar",), "network"),
    (TL, "Intervention roster", "monthly", 25, ("Tier 2 roster", "Intervention minutes"), "all"),
    (
        TL,
        "New teacher mentor pairing",
        "once",
        200,
        ("New teacher count", "Mentor assignments"),
        "all",
    ),
    (DA, "Reading screener data", "monthly", 25, ("ORF score", "Screener completion rate"), "all"),
    (DA, "Weekly attendance check", "weekly", 7, ("Absences",), "all"),
    (
        DA,
        "Assessment calendar confirmation",
        "yearly",
        60,
        ("Testing calendar", "Testing accommodations count"),
        "all",
    ),
    (DA, "State test participation", "yearly", 120, ("State assessment results",), "all"),
    (
        OPS,
        "Emergency contact update",
        "yearly",
        40,
        ("Emergency contacts", "Bus riders count"),
        "all",
    ),
    (OPS, "Staffing report", "monthly", 15, ("Open positions", "Substitute coverage days"), "all"),
    (OPS, "Discipline incident log", "monthly", 10, ("Behavior referrals",), "all"),
    (OPS, "Facility work orders", "monthly", 5, ("Facility work orders", "Fire drill log"), "all"),
    (OPS, "Lunch counts", "weekly", 3, ("Lunch counts",), "all"),
    (
        FE,
        "Family conference participation",
        "termly",
        50,
        ("Parent contact info", "Conference attendance"),
        "all",
    ),
    (
        FE,
        "Family survey reach",
        "termly",
        35,
        ("Home language", "EL indicator", "Survey response count"),
        "all",
    ),
    (FE, "Volunteer hours", "monthly", 20, ("Volunteer hours",), "first3"),
    (HR, "Teacher vacancy report", "monthly", 18, ("Vacancies",), "all"),
    (HR, "Certification check", "yearly", 90, ("Certified in assignment",), "all"),
    (HR, "Professional learning hours", "termly", 30, ("PD hours",), "all"),
    (HR, "Induction cohort", "once", 20, ("Induction cohort size",), "all"),
    (
        HR,
        "Device and club census",
        "yearly",
        150,
        ("Chromebook count", "Number of clubs"),
        "first3",
    ),
)

# The overlaps planted for the registry to find: each a group of request titles.
PLANTED_OVERLAPS: tuple[frozenset[str], ...] = (
    # Teaching and Learning and Data and Assessment both ask every school, monthly, for
    # reading benchmark scores (under two names).
    frozenset({"Monthly reading and math benchmarks", "Reading screener data"}),
    # Operations and Family Engagement both ask for family contact details, ten days apart.
    frozenset({"Emergency contact update", "Family conference participation"}),
    # Operations and Human Resources both ask for open positions, monthly.
    frozenset({"Staffing report", "Teacher vacancy report"}),
)
# The same field asked by two teams 180 days apart: not an overlap.
PLANTED_NOT_OVERLAPPING = frozenset({"New teacher mentor pairing", "Induction cohort"})
# Requests asking for fields the district already holds: title -> held field.
PLANTED_HELD: dict[str, str] = {
    "Weekly attendance check": "Days absent",
    "Discipline incident log": "Discipline incidents",
    "Family survey reach": "English learner status",
    "State test participation": "State test proficiency",
    "Certification check": "Teacher certification status",
}


def _vocabulary(district: District) -> None:
    for name, minutes, synonyms, held in VOCABULARY:
        services.field_create(
            actor=None,
            district=district,
            name=name,
            minutes_per_school=minutes,
            synonyms=list(synonyms),
            held=held,
        )


def _audience(which: str, district: District) -> dict:
    if which == "all":
        return {"audience": DataRequest.Audience.ALL}
    if which == "network":
        return {"audience": DataRequest.Audience.NETWORK, "network": district.networks.first()}
    schools = list(School.objects.filter(district=district).order_by("name")[:3])
    return {"audience": DataRequest.Audience.LIST, "schools": schools}


def workload_requests_build(*, district: District) -> list[DataRequest]:
    """The demo vocabulary and requests (audited as the system); returns the requests."""
    _vocabulary(district)
    today = timezone.localdate()
    departments = {d.code: d for d in Department.objects.filter(district=district)}
    built = []
    for code, title, frequency, days, lines, which in REQUESTS:
        department = departments[code]
        built.append(
            services.request_create(
                actor=None,
                district=district,
                department=department,
                requester=Person.objects.filter(district=district, department=department).first(),
                title=title,
                purpose=f"{department.name} asks schools for this {frequency}.",
                frequency=frequency,
                due_on=today + dt.timedelta(days=days),
                lines=list(lines),
                **_audience(which, district),
            )
        )
    return built


def held_field_names(district: District) -> set[str]:
    """The names of the vocabulary's fields the district holds (for the demo's tests)."""
    return {f.name for f in RequestField.objects.filter(district=district) if f.held}
