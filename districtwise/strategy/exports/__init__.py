"""The plan written out: an XLSX workbook (``workbook``) and a PDF document
(``document``), both of what the user may see (``contents``).

    plan_export(user=…, district=…, fmt="xlsx")  # bytes, or None without a plan to read
"""

from __future__ import annotations

from districtwise.strategy.exports.contents import PlanContents, plan_contents
from districtwise.strategy.exports.document import plan_pdf
from districtwise.strategy.exports.workbook import plan_xlsx

FORMATS = ("xlsx", "pdf")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def plan_export(*, user, district, fmt: str) -> bytes | None:
    """The plan as ``user`` may see it, in ``fmt`` (xlsx or pdf); None when there is no
    plan they may read."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}: one of {', '.join(FORMATS)}.")
    contents = plan_contents(user=user, district=district)
    if contents is None:
        return None
    return plan_xlsx(contents) if fmt == "xlsx" else plan_pdf(contents)


__all__ = ["CONTENT_TYPES", "FORMATS", "PlanContents", "plan_contents", "plan_export"]
