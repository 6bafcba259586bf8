"""A hand-built equity audit of the cast's district for the progress tests: chronic
absence at district level over three school years, for all students, English learners
and one race group too small to show to most users.

    year  all           english_learner Y   race BL
    2024  80/400 = 0.20  30/100 = 0.30       1/4
    2025  (no figure)    28/100 = 0.28       1/4
    2026  62/400 = 0.155 27/100 = 0.27       1/4
"""

from __future__ import annotations

from tests.equity.conftest import figure, store_run

ATTENDANCE = {"dimension": "attendance", "metric": "chronic_absenteeism"}
COUNTS = {
    2024: {("all", "all"): (80, 400), ("english_learner", "Y"): (30, 100)},
    2025: {("english_learner", "Y"): (28, 100)},
    2026: {("all", "all"): (62, 400), ("english_learner", "Y"): (27, 100)},
}


def district_rows(code: str) -> list[dict]:
    rows = []
    for year, groups in COUNTS.items():
        for (group_type, group), (numerator, denominator) in groups.items():
            rows.append(
                figure(
                    "district",
                    code,
                    group_type,
                    group,
                    numerator,
                    denominator,
                    school_year=year,
                    **ATTENDANCE,
                )
            )
        rows.append(
            figure(
                "district", code, "english_learner", "N", 50, 296, school_year=year, **ATTENDANCE
            )
        )
        rows.append(
            figure("district", code, "race_ethnicity", "BL", 1, 4, school_year=year, **ATTENDANCE)
        )
        rows.append(
            figure(
                "district", code, "race_ethnicity", "WH", 60, 396, school_year=year, **ATTENDANCE
            )
        )
    return rows


def store_attendance_audit(cast):
    return store_run(cast.district, district_rows(cast.district.code))
