"""Property: whatever malformed files an import is given, it ends with a clear report, no
exception escapes, and the data that was live before is exactly as it was."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from districtwise.analytics.contract import BY_NAME
from districtwise.data import services, warehouse
from districtwise.data.models import DatasetVersion

FILES = ["schools.csv", "students.csv", "enrollments.csv", "attendance.csv", "discipline.csv"]

damage = st.one_of(
    st.tuples(st.just("bytes"), st.binary(min_size=1, max_size=200)),
    st.tuples(st.just("cell"), st.text(min_size=0, max_size=12)),
    st.tuples(st.just("drop_column"), st.integers(min_value=0, max_value=12)),
    st.tuples(st.just("truncate"), st.integers(min_value=0, max_value=400)),
    st.tuples(st.just("duplicate_row"), st.integers(min_value=1, max_value=30)),
)


def corrupt(path: Path, how: tuple, draw_row: int) -> None:
    kind, arg = how
    text = path.read_bytes()
    lines = text.split(b"\n")
    if kind == "bytes":
        row = min(draw_row, len(lines) - 1)
        lines[row] = lines[row][:5] + arg + lines[row][5:]
        path.write_bytes(b"\n".join(lines))
    elif kind == "cell":
        row = max(1, min(draw_row, len(lines) - 2))
        cells = lines[row].split(b",")
        cells[draw_row % len(cells)] = ('"' + arg.replace('"', '""') + '"').encode()
        lines[row] = b",".join(cells)
        path.write_bytes(b"\n".join(lines))
    elif kind == "drop_column":
        header = lines[0].split(b",")
        del header[arg % len(header)]
        lines[0] = b",".join(header)
        path.write_bytes(b"\n".join(lines))
    elif kind == "truncate":
        path.write_bytes(text[: min(arg, len(text) - 1)])
    else:
        row = max(1, min(arg, len(lines) - 2))
        lines.insert(row, lines[row])
        path.write_bytes(b"\n".join(lines))


def live(district) -> dict:
    versions = DatasetVersion.objects.filter(district=district, is_live=True)
    return {
        "versions": sorted((v.school_year, v.batch_id) for v in versions),
        "files": {t: sorted(map(str, p)) for t, p in warehouse.live_files(district).items()},
    }


def run(source: Path):
    district, _ = services.district_for_import(code="prop", create=True)
    copy = Path(tempfile.mkdtemp()) / "extract"
    shutil.copytree(source, copy)
    job = services.import_queue(actor=None, district=district, source=copy, source_name="x")
    services.job_claim(job)
    return services.import_run(job=job)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(FILES),
    how=damage,
    row=st.integers(min_value=0, max_value=40),
)
def test_malformed_files_never_change_the_live_data(db, demo_files, tmp_path, name, how, row):
    with override_settings(DATA_DIR=tmp_path / "var"):
        first = run(demo_files)
        assert first.status in {"live", "unchanged"}, first.message
        before = live(first.district)
        broken = Path(tempfile.mkdtemp()) / "broken"
        shutil.copytree(demo_files, broken)
        corrupt(broken / name, how, row)
        batch = run(broken)
        assert batch.status in {"rejected", "live", "unchanged"}, batch.message
        if batch.status == "rejected":
            assert batch.message
            assert batch.problems, "a rejected import says what is wrong"
            assert all(p["file"] in BY_NAME or p["file"].endswith(".csv") for p in batch.problems)
            assert live(first.district) == before
        # A change that still follows the contract (say, a new valid text) may go live;
        # then the years it carries are replaced as a whole, never half.
        if batch.status == "live":
            assert {v for v, _ in live(first.district)["versions"]} == set(batch.years) | {
                v for v, _ in before["versions"]
            }
