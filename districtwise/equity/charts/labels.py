"""Names and number formats of the audit's figures, in the district's words."""

from __future__ import annotations

METRIC_NAMES = {
    "chronic_absenteeism": "Chronic absenteeism",
    "oss_rate": "Out-of-school suspension",
    "iss_rate": "In-school suspension",
    "expulsion_rate": "Expulsion",
    "referral_rate": "Referral to law enforcement",
    "arrest_rate": "School-related arrest",
    "days_lost_per_100": "Days of instruction lost per 100 students",
    "staff_representation": "Teachers' share compared with students' share",
    "per_pupil_spending": "Spending per pupil",
    "per_weighted_pupil_spending": "Spending per weighted pupil",
    "novice_teacher_share": "Teacher FTE in their first two years",
    "out_of_field_share": "Teacher FTE teaching out of field",
}
PREFIX_NAMES = {
    "proficiency": "Proficient: {}",
    "scale_score_mean": "Mean scale score: {}",
    "scale_score_effect_size": "Effect size: {}",
    "advanced": "{}",
    "identification": "{}",
}
ADVANCED_NAMES = {
    "AP": "Taking an Advanced Placement course",
    "IB": "Taking an International Baccalaureate course",
    "DUAL": "Taking a dual-enrollment course",
    "HONORS": "Taking an honors course",
    "ALG1_MS": "Taking Algebra I in middle school",
    "GT": "In a gifted and talented course",
}
IDENTIFICATION_NAMES = {
    "disability": "Identified with a disability",
    "gifted": "Identified as gifted",
    "english_learner": "Identified as an English learner",
}
DIMENSION_NAMES = {
    "resource": "Resources",
    "opportunity": "Opportunity to learn",
    "representation": "Representation of educators",
    "programmatic": "Identification for programs",
    "discipline": "Discipline",
    "achievement": "Achievement",
    "attendance": "Attendance",
}
DIMENSION_ABOUT = {
    "resource": "Spending per pupil and teacher experience, from the lowest-poverty to the "
    "highest-poverty schools.",
    "opportunity": "Who takes advanced courses, by student group.",
    "representation": "Whether the teaching staff looks like the students.",
    "programmatic": "Who is identified for special education, gifted services and English "
    "learner services.",
    "discipline": "Suspensions, expulsions, referrals and arrests, by student group.",
    "achievement": "Proficiency and scale scores on the district's assessments.",
    "attendance": "Chronic absenteeism by student group.",
}
GROUP_TYPE_NAMES = {
    "all": "All students",
    "race_ethnicity": "Race and ethnicity",
    "sex": "Sex",
    "economically_disadvantaged": "Economically disadvantaged",
    "english_learner": "English learners",
    "disability": "Students with disabilities",
    "homeless": "Experiencing homelessness",
    "foster_care": "In foster care",
    "gifted": "Gifted",
    "poverty_quartile": "School poverty quartile",
}
RACE_NAMES = {
    "HL": "Hispanic or Latino",
    "AI": "American Indian or Alaska Native",
    "AS": "Asian",
    "BL": "Black or African American",
    "PI": "Native Hawaiian or Pacific Islander",
    "WH": "White",
    "TR": "Two or more races",
}
SEX_NAMES = {"F": "Female", "M": "Male", "X": "Nonbinary (X)"}
QUARTILE_NAMES = {
    "Q1": "Q1 (lowest poverty)",
    "Q2": "Q2",
    "Q3": "Q3",
    "Q4": "Q4 (highest poverty)",
}
STATUS_NOTES = {
    "ok": "",
    "insufficient_n": "Too few students for a risk ratio",
    "alternate": "Compared with the rest of the district (too few others here)",
    "undefined": "No risk ratio: the comparison rate is 0",
}
# The file each dimension's metrics are computed from (shared/spec/district-data-files.md).
SOURCE_FILES = {
    "attendance": "attendance.csv (or attendance_daily.csv)",
    "discipline": "discipline.csv",
    "achievement": "assessments.csv",
    "opportunity": "course_enrollments.csv",
    "representation": "staff.csv",
    "programmatic": "enrollments.csv",
}
RESOURCE_FILES = {
    "per_pupil_spending": "school_finance.csv",
    "per_weighted_pupil_spending": "school_finance.csv",
    "novice_teacher_share": "staff.csv",
    "out_of_field_share": "staff.csv",
}


def metric_name(metric: str) -> str:
    if metric in METRIC_NAMES:
        return METRIC_NAMES[metric]
    prefix, _, rest = metric.partition(":")
    if prefix == "advanced":
        return ADVANCED_NAMES.get(rest, rest)
    if prefix == "identification":
        return IDENTIFICATION_NAMES.get(rest, rest)
    return PREFIX_NAMES.get(prefix, "{}").format(rest or metric)


def group_label(group_type: str, group: str) -> str:
    """A student group with its type, in words: "All students", "English learners: Yes"."""
    if group_type == "all":
        return "All students"
    return f"{GROUP_TYPE_NAMES.get(group_type, group_type)}: {group_name(group_type, group)}"


def group_name(group_type: str, group: str) -> str:
    if group == "unknown":
        return "Not recorded"
    if group_type == "all":
        return "All students"
    if group_type == "race_ethnicity":
        return RACE_NAMES.get(group, group)
    if group_type == "sex":
        return SEX_NAMES.get(group, group)
    if group_type == "poverty_quartile":
        return QUARTILE_NAMES.get(group, group)
    return {"Y": "Yes", "N": "No"}.get(group, group)


def year_label(year: int) -> str:
    """2026 -> "2025-26" (a school year is named by the calendar year it ends in)."""
    return f"{year - 1}-{str(year)[-2:]}"


def value_kind(metric: str) -> str:
    """How a metric's value reads: percent, money, number or effect."""
    if metric.startswith(("per_pupil", "per_weighted")):
        return "money"
    if metric.startswith(("days_lost", "scale_score_mean")):
        return "number"
    if metric.startswith("scale_score_effect_size"):
        return "effect"
    return "percent"


def is_rate(metric: str) -> bool:
    """A rate metric: a risk ratio compared with the threshold (34 CFR 300.647)."""
    return value_kind(metric) == "percent" and metric not in (
        "staff_representation",
        "novice_teacher_share",
        "out_of_field_share",
    )


def show_value(value: float | None, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "percent":
        return f"{value * 100:.1f}%"
    if kind == "money":
        return f"${value:,.0f}"
    if kind == "effect":
        return f"{value:+.2f}"
    return f"{value:,.1f}"


def show_ratio(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.2f}"


def show_gap(value: float | None, comparison: float | None, kind: str) -> str:
    """The gap in percentage points (rates) or in the metric's own unit."""
    if value is None or comparison is None:
        return "—"
    if kind == "percent":
        return f"{(value - comparison) * 100:+.1f} points"
    return show_value(value - comparison, kind if kind != "effect" else "number")


def source_file(dimension: str, metric: str) -> str:
    return RESOURCE_FILES.get(metric) or SOURCE_FILES.get(dimension, "the district's files")
