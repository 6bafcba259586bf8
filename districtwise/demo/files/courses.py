"""Course enrollments: seven courses a year in grades 6-12, GT enrichment in elementary."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

COLUMNS = [
    "student_id",
    "school_id",
    "school_year",
    "course_id",
    "course_name",
    "subject",
    "advanced",
    "passed",
]
ADV = ["AP", "IB", "DUAL", "HONORS", "ALG1_MS", "GT"]
REG, HON, AP, IB, DUAL, ALG1MS = range(6)
ADV_OF_VARIANT = [-1, 3, 0, 1, 2, 4]  # variant -> ADV index, -1 = not advanced
SLOTS = 7
SUBJECT_NAMES = [
    "English Language Arts",
    "Mathematics",
    "Science",
    "Social Studies",
    "World Languages",
    "Physical Education",
    "Electives",
]
MATH_HS = [
    ("ALG1", "Algebra I"),
    ("GEOM", "Geometry"),
    ("ALG2", "Algebra II"),
    ("PRECALC", "Precalculus"),
]
SCI_HS = [
    ("BIO", "Biology"),
    ("CHEM", "Chemistry"),
    ("PHYS", "Physics"),
    ("ENVSCI", "Environmental Science"),
]
SS_ALL = [
    ("SS06", "World Cultures"),
    ("SS07", "State History"),
    ("SS08", "U.S. History to 1877"),
    ("WHIST", "World History"),
    ("CIVICS", "Civics and Economics"),
    ("USHIST", "U.S. History"),
    ("GOV", "U.S. Government"),
]
AP_COURSES = {  # (slot, grade) -> (id, name)
    (3, 9): ("AP-HUG", "AP Human Geography"),
    (3, 10): ("AP-WH", "AP World History"),
    (6, 10): ("AP-CSP", "AP Computer Science Principles"),
    (0, 11): ("AP-LANG", "AP English Language and Composition"),
    (1, 11): ("AP-PRECALC", "AP Precalculus"),
    (2, 11): ("AP-BIO", "AP Biology"),
    (3, 11): ("AP-USH", "AP U.S. History"),
    (6, 11): ("AP-PSYCH", "AP Psychology"),
    (0, 12): ("AP-LIT", "AP English Literature and Composition"),
    (1, 12): ("AP-CALCAB", "AP Calculus AB"),
    (2, 12): ("AP-CHEM", "AP Chemistry"),
    (3, 12): ("AP-GOV", "AP U.S. Government and Politics"),
    (4, 12): ("AP-SPAN", "AP Spanish"),
    (6, 12): ("AP-STAT", "AP Statistics"),
}
IB_COURSES = [
    ("IB-ENG-A", "IB English A: Language and Literature"),
    ("IB-MATH-AA", "IB Mathematics: Analysis and Approaches"),
    ("IB-BIO", "IB Biology"),
    ("IB-HIST", "IB History"),
]
DUAL_COURSES = {
    11: ("DUAL-COMP", "Dual Credit College Composition"),
    12: ("DUAL-PSY", "Dual Credit Introduction to Psychology"),
}
ELECTIVES = [
    ("ART", "Visual Art"),
    ("BAND", "Band"),
    ("CS", "Introduction to Computer Science"),
    ("THEATER", "Theater Arts"),
]
GT_COURSE = ("GT-ENRICH", "Gifted and Talented Enrichment", "Enrichment")
# Planted (pattern 3): AP participation, grades 9-12, not-ED students vs ED students.
AP_RATE_OTHERS, AP_RATE_ED = 0.30, 0.15


@dataclass
class Catalog:
    """The district course catalogue and lookup tables."""

    ids: list[str]
    names: list[str]
    subjects: list[str]
    advanced: np.ndarray  # ADV index or -1
    lut: np.ndarray  # [slot, variant, grade - 6] -> course index, -1 if none
    electives: np.ndarray  # [grade - 6, choice] -> course index

    def add(self, cid: str, name: str, subject: str, variant: int) -> int:
        """Add a course (or find it by id) and return its index."""
        if cid in self.ids:
            return self.ids.index(cid)
        self.ids.append(cid)
        self.names.append(name)
        self.subjects.append(subject)
        self.advanced = np.r_[self.advanced, ADV_OF_VARIANT[variant]]
        return len(self.ids) - 1


def _regular(slot: int, grade: int) -> tuple[str, str]:
    """Id and name of the regular course of a slot and grade."""
    hs = grade >= 9
    table: dict[int, tuple[str, str]] = {
        0: (f"ENG{grade:02d}", f"English {grade}")
        if hs
        else (f"ELA{grade:02d}", f"English Language Arts {grade}"),
        1: MATH_HS[grade - 9] if hs else (f"MATH{grade:02d}", f"Mathematics {grade}"),
        2: SCI_HS[grade - 9] if hs else (f"SCI{grade:02d}", f"Science {grade}"),
        3: SS_ALL[grade - 6],
        4: (f"SPAN{grade - 8}", f"Spanish {['I', 'II', 'III', 'IV'][grade - 9]}")
        if hs
        else (f"WL{grade:02d}", f"Exploratory World Languages {grade}"),
        5: (f"PE{grade:02d}", f"Physical Education {grade}")
        if grade != 10
        else ("HEALTH", "Health"),
    }
    return table[slot]


def build_catalog() -> Catalog:
    """All courses offered in grades 6-12 plus GT enrichment."""
    cat = Catalog(
        [],
        [],
        [],
        np.zeros(0, dtype=np.int64),
        np.full((SLOTS, 6, 7), -1),
        np.zeros((7, len(ELECTIVES)), dtype=np.int64),
    )
    for grade in range(6, 13):
        gi, band = grade - 6, "HS" if grade >= 9 else "MS"
        for slot in range(6):
            cid, name = _regular(slot, grade)
            cat.lut[slot, REG, gi] = cat.add(cid, name, SUBJECT_NAMES[slot], REG)
            if slot < 4:
                cat.lut[slot, HON, gi] = cat.add(
                    f"H-{cid}", f"Honors {name}", SUBJECT_NAMES[slot], HON
                )
        for e, (cid, name) in enumerate(ELECTIVES):
            cat.electives[gi, e] = cat.add(f"{cid}-{band}", name, SUBJECT_NAMES[6], REG)
        cat.lut[6, REG, gi] = cat.electives[gi, 0]
    _add_advanced(cat)
    gt = cat.add(*GT_COURSE, variant=REG)
    cat.advanced[gt] = ADV.index("GT")
    return cat


def _add_advanced(cat: Catalog) -> None:
    """AP, IB, dual-enrollment and middle-school Algebra I courses."""
    for (slot, grade), (cid, name) in AP_COURSES.items():
        subject = "Mathematics" if cid == "AP-STAT" else SUBJECT_NAMES[slot]
        cat.lut[slot, AP, grade - 6] = cat.add(cid, name, subject, AP)
    for grade in (11, 12):
        for slot, (cid, name) in enumerate(IB_COURSES):
            cat.lut[slot, IB, grade - 6] = cat.add(cid, name, SUBJECT_NAMES[slot], IB)
        cid, name = DUAL_COURSES[grade]
        cat.lut[6, DUAL, grade - 6] = cat.add(cid, name, SUBJECT_NAMES[6], DUAL)
    for grade in (7, 8):
        cat.lut[1, ALG1MS, grade - 6] = cat.add("ALG1-MS", "Algebra I", "Mathematics", ALG1MS)
