"""Leadership: self-assessments, principal supervision, succession and the pipeline."""

# ---- assessment models ----
from districtwise.leadership.models.assessment import (
    Assessment,
    AssessmentAnswer,
    AssessmentStep,
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

# ---- end succession models ----

__all__ = [
    "SCHOOL_POSITION_KINDS",
    "VISIT_GAP_DAYS",
    "Assessment",
    "AssessmentAnswer",
    "AssessmentStep",
    "Candidate",
    "DepartureLikelihood",
    "DepartureReason",
    "GoalNote",
    "GrowthGoal",
    "KeyPosition",
    "LeadershipArea",
    "PositionKind",
    "Readiness",
    "SchoolVisit",
    "TeacherLeaderKind",
    "TeacherLeaderRole",
    "VisitFocus",
]
