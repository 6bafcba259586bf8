"""Figures that describe what is loaded (no metric definitions here)."""

from __future__ import annotations

import ibis.expr.types as ir

from districtwise.analytics.tables import Tables


def enrollment_summary(t: Tables) -> ir.Table:
    """Per school year: schools with enrolments, distinct students, enrolment rows."""
    rows = t.enrollments
    return (
        rows.group_by("school_year")
        .aggregate(
            schools=rows.school_id.nunique(),
            students=rows.student_id.nunique(),
            enrollment_rows=rows.count(),
        )
        .order_by("school_year")
    )
