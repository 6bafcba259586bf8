"""What ``districtwise audit equity`` does: make sure the audit is computed, then write one
school year of it as CSV, JSON, XLSX or the board report (PDF)."""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

from rich.console import Console

from districtwise.equity import exports, selectors, services

EXIT_OK, EXIT_BAD_INPUT = 0, 2
FORMATS = ("csv", "json", "xlsx", "pdf")


class CommandError(Exception):
    """Bad input or nothing to show: printed as an error, exit code 2."""


def parse_year(text: str) -> int:
    """``2026`` or ``2025-26`` (the school year ending in June 2026) → 2026."""
    text = text.strip()
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    match = re.fullmatch(r"(\d{4})-(\d{2}|\d{4})", text)
    if match and int(match.group(1)) + 1 == int(match.group(1)[:2] + match.group(2)[-2:]):
        return int(match.group(1)) + 1
    raise CommandError(f"{text!r} is not a school year: write 2026 or 2025-26.")


def label(year: int) -> str:
    return f"{year - 1}-{str(year)[-2:]}"


def _district(code: str):
    from districtwise.organization.models import District

    district = District.objects.filter(code=code).first()
    if district is None:
        raise CommandError(f"There is no district {code!r}.")
    return district


def _reader(username: str | None, district):
    """The user whose view to write: --as USERNAME (their scope and suppression apply), or
    the operator at the command line with a data steward's rights."""
    if username is None:
        return selectors.OPERATOR
    from django.contrib.auth import get_user_model

    from districtwise.core.scopes import scope_for

    user = get_user_model().objects.filter(username=username).first()
    if user is None or not scope_for(user, district).is_member:
        raise CommandError(f"{username!r} is not a member of {district.code}.")
    return user


def _ensure_computed(district, progress) -> None:
    if services.fresh_run(district) is not None:
        return
    with progress() as bar:
        task = bar.add_task("Computing the equity audit", total=100)
        try:
            services.audit_compute(
                district=district,
                progress=lambda step, done: bar.update(
                    task, description=step, completed=done * 100
                ),
            )
        except services.AuditUnavailable as exc:
            raise CommandError(str(exc)) from None


def _render(fmt: str, *, reader, district, year: int, school: str | None) -> str | bytes:
    if fmt == "pdf":
        try:
            from districtwise.equity.report_pdf import board_report_pdf  # written with the pages
        except ImportError:
            raise CommandError("The PDF board report is not available in this version.") from None
        extra = {}
        if school:
            if "school" not in inspect.signature(board_report_pdf).parameters:
                raise CommandError(
                    "The board report covers the district: --school is for csv, json and xlsx."
                )
            extra["school"] = school
        return board_report_pdf(user=reader, district=district, school_year=year, **extra)
    narrowing = {"unit_type": "school", "unit_id": school} if school else {}
    return exports.audit_export(
        user=reader, district=district, school_year=year, fmt=fmt, **narrowing
    )


def audit_equity_command(
    *,
    district_code: str,
    year: str,
    fmt: str,
    school: str | None,
    output: Path | None,
    as_user: str | None,
    progress,
    console: Console,
) -> int:
    """Returns the exit code: 0 written, 2 bad input or no data for that year."""
    try:
        if fmt not in FORMATS:
            raise CommandError(f"Unknown format {fmt!r}: one of {', '.join(FORMATS)}.")
        if fmt in ("xlsx", "pdf") and output is None:
            raise CommandError(f"Give --output FILE for {fmt}.")
        school_year = parse_year(year)
        district = _district(district_code)
        reader = _reader(as_user, district)
        _ensure_computed(district, progress)
        years = selectors.audit_years(user=reader, district=district)
        if school_year not in years:
            have = ", ".join(label(y) for y in sorted(years)) or "none"
            raise CommandError(
                f"There is no audit data for {label(school_year)} in {district.code} "
                f"(years with data: {have})."
            )
        if school and not _school_visible(reader, district, school_year, school):
            raise CommandError(f"There is no school {school!r} in the audit of {district.code}.")
        content = _render(fmt, reader=reader, district=district, year=school_year, school=school)
    except CommandError as exc:
        console.print(f"[bold red]Error:[/] {exc}")
        return EXIT_BAD_INPUT
    _write(content, output)
    if output is not None:
        console.print(f"Wrote the {label(school_year)} equity audit ({fmt}) to {output}.")
    return EXIT_OK


def _school_visible(reader, district, year: int, school: str) -> bool:
    table = selectors.audit_table(
        user=reader, district=district, school_year=year, unit_type="school", unit_id=school
    )
    return table.num_rows > 0


def _write(content: str | bytes, output: Path | None) -> None:
    if output is None:
        text = content if isinstance(content, str) else content.decode()
        sys.stdout.write(text)
        sys.stdout.flush()
    elif isinstance(content, bytes):
        output.write_bytes(content)
    else:
        output.write_text(content, encoding="utf-8", newline="")
