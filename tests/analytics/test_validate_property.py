"""Property: garbage in gives a report (never an exception) and nothing staged on error."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from districtwise.analytics import contract
from districtwise.analytics.validate import RULES, validate_and_stage

VALID = Path(__file__).parent / "fixtures" / "valid"
NAMES = sorted(p.name for p in VALID.glob("*.csv"))
CHECKED_KINDS = ("enum", "flag", "grade", "date", "number", "money", "int", "year")
any_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


def quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def lines(name: str) -> list[str]:
    return (VALID / name).read_text().splitlines()


@st.composite
def garbage_bytes(draw: st.DrawFn) -> tuple[str, bytes, bool]:
    """Random bytes with at least one 0xFF, which is never UTF-8: always an error."""
    data = draw(st.binary(max_size=200))
    at = draw(st.integers(0, len(data)))
    return draw(st.sampled_from(NAMES)), data[:at] + b"\xff" + data[at:], True


@st.composite
def random_header(draw: st.DrawFn) -> tuple[str, bytes, bool]:
    """A header of random names that lacks at least one required column."""
    name = draw(st.sampled_from(NAMES))
    spec = contract.BY_NAME[name]
    required = [c.name for c in spec.columns if c.required]
    dropped = draw(st.sampled_from(required))
    names = draw(st.lists(any_text.filter(lambda n: n != dropped), min_size=1, max_size=8))
    body = lines(name)[1:]
    text = ",".join(quoted(n) for n in names) + "\n" + "\n".join(body) + "\n"
    return name, text.encode(), True


@st.composite
def bad_cell(draw: st.DrawFn) -> tuple[str, bytes, bool]:
    """A value no checked column accepts (it starts with '?') in a random row and column."""
    name = draw(st.sampled_from(NAMES))
    spec = contract.BY_NAME[name]
    rows = lines(name)
    header = rows[0].split(",")
    checked = [i for i, h in enumerate(header) if spec.column(h).kind in CHECKED_KINDS]
    column = draw(st.sampled_from(checked))
    row = draw(st.integers(1, len(rows) - 1))
    cells = [quoted(cell) for cell in next(csv.reader([rows[row]]))]
    cells[column] = quoted("?" + draw(any_text))
    rows[row] = ",".join(cells)
    return name, ("\n".join(rows) + "\n").encode(), True


@st.composite
def ragged_row(draw: st.DrawFn) -> tuple[str, bytes, bool]:
    """A record with a different number of fields than the header."""
    name = draw(st.sampled_from(NAMES))
    rows = lines(name)
    width = len(rows[0].split(","))
    count = draw(st.integers(2, width + 3).filter(lambda n: n != width))
    cells = [quoted(draw(any_text)) for _ in range(count)]
    rows.insert(draw(st.integers(1, len(rows))), ",".join(cells))
    return name, ("\n".join(rows) + "\n").encode(), True


@st.composite
def truncated_quote(draw: st.DrawFn) -> tuple[str, bytes, bool]:
    """A record whose quoted field is never closed."""
    name = draw(st.sampled_from(NAMES))
    rows = lines(name)
    text = "\n".join(rows) + '\n"' + draw(any_text).replace('"', "")
    return name, text.encode(), True


@st.composite
def random_noise(draw: st.DrawFn) -> tuple[str, bytes, bool]:
    """Random text cells or a cut-off file: may or may not break the contract."""
    name = draw(st.sampled_from(NAMES))
    data = (VALID / name).read_bytes()
    if draw(st.booleans()):
        return name, data[: draw(st.integers(0, len(data)))], False
    rows = lines(name)
    width = len(rows[0].split(","))
    rows.append(",".join(quoted(draw(any_text)) for _ in range(width)))
    return name, ("\n".join(rows) + "\n").encode(), False


mutations = st.lists(
    st.one_of(
        garbage_bytes(),
        random_header(),
        bad_cell(),
        ragged_row(),
        truncated_quote(),
        random_noise(),
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations, st.booleans())
def test_garbage_gives_a_report_and_nothing_staged_on_error(
    changes: list[tuple[str, bytes, bool]], held: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "in"
        folder.mkdir()
        for name in NAMES:
            (folder / name).write_bytes((VALID / name).read_bytes())
        for name, data, _deliberate in changes:
            (folder / name).write_bytes(data)
        files = {p.name: p for p in folder.glob("*.csv")}
        out = root / "out"
        report = validate_and_stage(files, out, hold_bytes=None if held else 0)
        if any(deliberate for _n, _d, deliberate in changes):
            assert report.has_errors
        for problem in report.problems:
            assert RULES[problem.rule] == problem.severity
            assert problem.message
        assert sum(report.counts.values()) >= len(report.problems)
        if report.has_errors:
            assert [p for p in out.iterdir()] == []
        else:
            assert {p.name for p in out.iterdir()} == {contract.BY_NAME[n].table for n in files}
