"""Codes and enumerations of the district data-file contract, as small integer tables."""

from __future__ import annotations

# Grades are stored as int8: -1 = PK, 0 = KG, 1..12.
GRADE_CODES: list[str] = ["PK", "KG"] + [f"{g:02d}" for g in range(1, 13)]
PK, KG = -1, 0


def grade_code(grade: int) -> str:
    """Return the contract code (`PK`, `KG`, `01`..`12`) of an integer grade."""
    return GRADE_CODES[grade + 1]


# Race/ethnicity: the federal seven; index 7 = not reported (blank).
RACES: list[str] = ["HL", "AI", "AS", "BL", "PI", "WH", "TR"]
RACE_BLANK = 7
RACE_BL = RACES.index("BL")
RACE_HL = RACES.index("HL")
RACE_AS = RACES.index("AS")
RACE_WH = RACES.index("WH")

# Sex: index 3 = not reported (blank).
SEXES: list[str] = ["F", "M", "X"]
SEX_BLANK = 3

# Flags are int8: 0 = N, 1 = Y, 2 = blank (unknown).
FLAG_VALUES: list[str] = ["N", "Y"]
N, Y, UNKNOWN = 0, 1, 2

LEVELS: list[str] = ["elementary", "middle", "high", "k8", "6-12", "k12", "other"]
ELEMENTARY, MIDDLE, HIGH, K8, SIX12 = 0, 1, 2, 3, 4

ROLES: list[str] = [
    "teacher",
    "principal",
    "assistant_principal",
    "coach",
    "counselor",
    "specialist",
    "paraprofessional",
    "central_office",
    "other",
]
TEACHER, PRINCIPAL, ASSISTANT_PRINCIPAL, COACH = 0, 1, 2, 3
COUNSELOR, SPECIALIST, PARA, CENTRAL = 4, 5, 6, 7

ACTIONS: list[str] = ["ISS", "OSS", "EXP", "REF", "ARR", "OTH"]
ISS, OSS, EXP, REF, ARR, OTH = range(6)

ADVANCED: list[str] = ["AP", "IB", "DUAL", "HONORS", "ALG1_MS", "GT"]

TESTED_GRADES: dict[str, tuple[int, ...]] = {
    "STATE_ELA": (3, 4, 5, 6, 7, 8, 11),
    "STATE_MATH": (3, 4, 5, 6, 7, 8, 11),
    "STATE_SCIENCE": (5, 8, 11),
}
SUBJECTS: dict[str, str] = {"STATE_ELA": "ELA", "STATE_MATH": "MATH", "STATE_SCIENCE": "SCIENCE"}
