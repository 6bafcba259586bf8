"""Codes and enumerations of the district data-file contract, as small integer tables.

The code lists themselves come from the contract (``districtwise.analytics.contract``), so
the demo writes exactly what the importer accepts; the integer constants index them."""

from __future__ import annotations

from districtwise.analytics import contract

# Grades are stored as int8: -1 = PK, 0 = KG, 1..12.
GRADE_CODES: list[str] = list(contract.GRADES)
PK, KG = -1, 0


def grade_code(grade: int) -> str:
    """Return the contract code (`PK`, `KG`, `01`..`12`) of an integer grade."""
    return GRADE_CODES[grade + 1]


# Race/ethnicity: the federal seven; index 7 = not reported (blank).
RACES: list[str] = list(contract.RACE_ETHNICITY)
RACE_BLANK = 7
RACE_BL = RACES.index("BL")
RACE_HL = RACES.index("HL")
RACE_AS = RACES.index("AS")
RACE_WH = RACES.index("WH")

# Sex: index 3 = not reported (blank).
SEXES: list[str] = list(contract.SEX)
SEX_BLANK = 3

# Flags are int8: 0 = N, 1 = Y, 2 = blank (unknown).
FLAG_VALUES: list[str] = ["N", "Y"]  # index order: 0 = N, 1 = Y
N, Y, UNKNOWN = 0, 1, 2

LEVELS: list[str] = list(contract.LEVELS)
ELEMENTARY, MIDDLE, HIGH, K8, SIX12 = 0, 1, 2, 3, 4

ROLES: list[str] = list(contract.STAFF_ROLES)
TEACHER, PRINCIPAL, ASSISTANT_PRINCIPAL, COACH = 0, 1, 2, 3
COUNSELOR, SPECIALIST, PARA, CENTRAL = 4, 5, 6, 7

ACTIONS: list[str] = list(contract.ACTIONS)
ISS, OSS, EXP, REF, ARR, OTH = range(6)

ADVANCED: list[str] = list(contract.ADVANCED)

TESTED_GRADES: dict[str, tuple[int, ...]] = {
    "STATE_ELA": (3, 4, 5, 6, 7, 8, 11),
    "STATE_MATH": (3, 4, 5, 6, 7, 8, 11),
    "STATE_SCIENCE": (5, 8, 11),
}
SUBJECTS: dict[str, str] = {"STATE_ELA": "ELA", "STATE_MATH": "MATH", "STATE_SCIENCE": "SCIENCE"}
