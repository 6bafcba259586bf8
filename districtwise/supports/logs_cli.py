"""``districtwise supports-logs-import FILE --district D``: a CSV of delivery logs for any
school of the district, all or nothing, with the same row-level report as the page."""

from __future__ import annotations

from pathlib import Path

from districtwise.organization.models import District, School
from districtwise.supports.services.logs_import import LogSheetRefused, logs_import

MOST_PROBLEMS_SHOWN = 50


def logs_import_command(path: Path, district_code: str, echo) -> int:
    """Import the file; print what went in or every problem (up to 50). Exit code: 0 when
    imported, 1 when refused."""
    district = District.objects.filter(code=district_code).first()
    if district is None:
        echo(f"There is no district {district_code!r}.")
        return 1
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        echo(f"Cannot read {path}: {error}")
        return 1
    schools = list(School.objects.filter(district=district))
    try:
        count = logs_import(actor=None, district=district, text=text, schools=schools)
    except LogSheetRefused as refused:
        echo(f"Nothing was imported: {len(refused.problems)} problem(s).")
        for p in refused.problems[:MOST_PROBLEMS_SHOWN]:
            echo(f"  line {p.line}, {p.column or 'file'} {p.value!r}: {p.message}")
        return 1
    echo(f"{count} delivery log(s) imported into {district.name}.")
    return 0
