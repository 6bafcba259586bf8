"""Writing figures out for people's spreadsheets, safely."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A number written as a plain decimal ("-0.25"): a spreadsheet reads it as that number.
PLAIN_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def neutralise(value: object) -> object:
    """A cell that a spreadsheet would run as a formula gets a leading apostrophe
    (OWASP's advice against CSV injection); numbers, also written as plain decimals (a
    negative figure stays a number), and other values pass unchanged."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not PLAIN_DECIMAL.fullmatch(value)
    ):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """RFC 4180 CSV with every text cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return out.getvalue()


def csv_download(filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]):
    """``csv_text`` as a UTF-8 CSV file the browser saves as ``filename``."""
    response = HttpResponse(csv_text(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
