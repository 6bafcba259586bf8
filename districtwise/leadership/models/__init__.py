"""Leadership: self-assessments, principal supervision, succession and the pipeline."""

# ---- assessment models ----
# ---- end assessment models ----
# ---- supervision models ----
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
    # ---- assessment names ----
    # ---- end assessment names ----
    # ---- supervision names ----
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
