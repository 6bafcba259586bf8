"""What the demo's ninth-grade network says (its change ideas and driver diagram), and
the Anhøj run-chart rules its planted flat series is drawn against."""

from __future__ import annotations

IDEAS = {
    "grade_check": (
        "Weekly grade check in advisory",
        "Advisors and students read every course grade together each Monday.",
    ),
    "check_in": (
        "Two-minute check-ins",
        "A named adult checks in with each flagged student twice a week.",
    ),
    "family_text": (
        "Family text on a missing assignment",
        "A short text home the day an assignment is missed.",
    ),
    "recovery": ("Grade recovery Fridays", "A Friday block to redo missing or failed work."),
    "goal_cards": ("Student-led goal cards", "Students set and review one course goal a week."),
    "study_tables": ("Peer study tables", "Upper-grade tutors at lunch tables by subject."),
    "second_absence": (
        "Call home on the second absence",
        "A personal call the day of a second absence in a month.",
    ),
}
DIAGRAM = [
    (
        "Students know where they stand in every course",
        [
            ("Grades are visible and current every week", ["grade_check", "goal_cards"]),
            ("Missing work is caught within days", ["family_text", "recovery"]),
        ],
    ),
    (
        "Every ninth grader has an adult who notices",
        [
            ("Flagged students get a check-in each week", ["check_in", "grade_check"]),
            ("Attendance slips are followed up at once", ["second_absence"]),
        ],
    ),
    (
        "Families are partners in passing courses",
        [
            ("Families hear early, not at report cards", ["family_text", "second_absence"]),
        ],
    ),
]
