"""Leadership: self-assessments, principal supervision, succession and the pipeline."""

# ---- assessment models ----
from districtwise.leadership.models.assessment import (
    Assessment,
    AssessmentAnswer,
    AssessmentStep,
)

# ---- end assessment models ----
# ---- supervision models ----
from districtwise.leadership.models.supervision import (
    VISIT_GAP_DAYS,
    GoalNote,
    GrowthGoal,
    LeadershipArea,
    SchoolVisit,
    VisitFocus,
)

# ---- end supervision models ----
# ---- succession models ----
from districtwise.leadership.models.succession import (
    SCHOOL_POSITION_KINDS,
    Candidate,
    DepartureLikelihood,
    DepartureReason,
    KeyPosition,
    PositionKind,
    Readiness,
    TeacherLeaderKind,
    TeacherLeaderRole,
)

# ---- end succession models ----

__all__: list[str] = [
    # ---- end assessment names ----
    # ---- supervision names ----
    "VISIT_GAP_DAYS",
    # ---- assessment names ----
    "Assessment",
    "AssessmentAnswer",
    "AssessmentStep",
    "GoalNote",
    "GrowthGoal",
    "LeadershipArea",
    "SchoolVisit",
    "VisitFocus",
    # ---- end supervision names ----
    # ---- succession names ----
    "SCHOOL_POSITION_KINDS",
    "Candidate",
    "DepartureLikelihood",
    "DepartureReason",
    "KeyPosition",
    "PositionKind",
    "Readiness",
    "TeacherLeaderKind",
    "TeacherLeaderRole",
    # ---- end succession names ----
]
