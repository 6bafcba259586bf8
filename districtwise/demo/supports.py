"""The demo district's teacher supports: a catalogue of five, in the district's own words.

Later parts build on these codes: adaptations per school, months of delivery logs (with
a planted gap), and coverage.
"""

from __future__ import annotations

from districtwise.core.audit import audit_created
from districtwise.organization.models import Department, District
from districtwise.supports.models import Support

TEACHING_AND_LEARNING = "teaching-and-learning"
HUMAN_RESOURCES = "human-resources"

CATALOGUE: tuple[dict, ...] = (
    {
        "code": "hqim",
        "name": "Core curriculum materials",
        "kind": Support.Kind.MATERIALS,
        "department": TEACHING_AND_LEARNING,
        "description": "Every teacher of mathematics and English has the adopted materials "
        "and the unit guides, and a yearly day of training on them.",
        "min_occurrences": 1,
        "period": Support.Period.YEAR,
        "min_minutes": 360,
        "protocol": "The adopted core materials",
        "adaptable": "The training day's date; the order of supplementary texts.",
    },
    {
        "code": "plc",
        "name": "Weekly collaborative planning (PLC)",
        "kind": Support.Kind.PLC,
        "department": TEACHING_AND_LEARNING,
        "description": "Teachers of the same grade or subject plan lessons together and look "
        "at student work.",
        "min_occurrences": 1,
        "period": Support.Period.WEEK,
        "min_minutes": 45,
        "delivered_by": ["teacher", "coach", "principal", "assistant_principal"],
        "protocol": "District looking-at-student-work protocol",
        "adaptable": "The day, the time and the format of the meeting.",
    },
    {
        "code": "coaching",
        "name": "Instructional coaching cycle",
        "kind": Support.Kind.COACHING,
        "department": TEACHING_AND_LEARNING,
        "description": "A coach works with the teacher on a goal: planning, a visit, a debrief.",
        "audience": Support.Audience.NEW,
        "min_occurrences": 2,
        "period": Support.Period.MONTH,
        "min_minutes": 30,
        "delivered_by": ["coach"],
        "protocol": "Coaching cycle guide",
        "adaptable": "Which goal the cycle works on; when in the week it happens.",
    },
    {
        "code": "observation",
        "name": "Observation with feedback",
        "kind": Support.Kind.OBSERVATION,
        "department": HUMAN_RESOURCES,
        "description": "A leader observes a lesson and gives written feedback within five "
        "school days.",
        "min_occurrences": 1,
        "period": Support.Period.MONTH,
        "min_minutes": 20,
        "delivered_by": ["principal", "assistant_principal", "coach"],
        "protocol": "District observation rubric",
        "adaptable": "Who of the leadership team observes; announced or not.",
    },
    {
        "code": "onboarding",
        "name": "New-teacher onboarding",
        "kind": Support.Kind.ONBOARDING,
        "department": HUMAN_RESOURCES,
        "description": "A mentor meets each new teacher, on top of the district's induction days.",
        "audience": Support.Audience.NEW,
        "new_teacher_years": 1,
        "min_occurrences": 2,
        "period": Support.Period.MONTH,
        "min_minutes": 30,
        "delivered_by": ["teacher", "coach"],
        "protocol": "Mentor handbook",
        "adaptable": "Who the mentor is; where they meet.",
    },
)


def supports_build(*, district: District) -> dict[str, Support]:
    """Create the demo catalogue (audited as the system); returns the supports by code."""
    departments = {d.code: d for d in Department.objects.filter(district=district)}
    built: dict[str, Support] = {}
    for entry in CATALOGUE:
        values = {k: v for k, v in entry.items() if k != "department"}
        support = Support.objects.create(
            district=district, owner_department=departments[entry["department"]], **values
        )
        audit_created(actor=None, district=district, obj=support)
        built[support.code] = support
    return built
