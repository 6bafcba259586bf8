"""Gathering an upload: folders, single CSV files and hostile zip archives (zip slip, nested
archives, bombs, lying sizes), by hand and by hypothesis: a clear UnpackError or a result,
never another exception, and never a byte written outside work_dir."""

from __future__ import annotations

import stat
import struct
import tempfile
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from districtwise.analytics.unpack import Gathered, UnpackError, gather_files

LIMITS = {"max_file_bytes": 1_000_000, "max_zip_ratio": 100}
CSV = b"student_id,sex,race_ethnicity\n1,F,HL\n"


def make_zip(path: Path, entries: dict[str, bytes], *, symlinks: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in symlinks:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, data)
    return path


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file() or p.is_symlink()}


# --- folders and single files ------------------------------------------------------------


def test_a_folder_of_contract_files_is_read_in_place(tmp_path: Path) -> None:
    (tmp_path / "Students.csv").write_bytes(CSV)
    (tmp_path / "schools.csv").write_bytes(CSV)
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "extra.csv").write_bytes(CSV)
    (tmp_path / ".DS_Store").write_bytes(b"\0")
    gathered = gather_files(tmp_path, tmp_path / "work", **LIMITS)
    assert gathered == Gathered(
        files={"students.csv": tmp_path / "Students.csv", "schools.csv": tmp_path / "schools.csv"},
        kind="contract",
        ignored=["notes.txt", "extra.csv"],
    )
    assert not (tmp_path / "work").exists()


def test_a_folder_holding_one_folder_is_entered(tmp_path: Path) -> None:
    inner = tmp_path / "export-2026"
    inner.mkdir()
    for name in ("manifest.csv", "orgs.csv", "users.csv"):
        (inner / name).write_bytes(b"sourcedId\n")
    gathered = gather_files(tmp_path, tmp_path / "work", **LIMITS)
    assert gathered.kind == "oneroster"
    assert sorted(gathered.files) == ["manifest.csv", "orgs.csv", "users.csv"]


def test_two_files_differing_only_in_case_are_refused(tmp_path: Path) -> None:
    (tmp_path / "students.csv").write_bytes(CSV)
    (tmp_path / "STUDENTS.csv").write_bytes(CSV)
    with pytest.raises(UnpackError, match="same name"):
        gather_files(tmp_path, tmp_path / "work", **LIMITS)


def test_a_single_csv_file_is_taken_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "Enrollments.CSV"
    path.write_bytes(CSV)
    gathered = gather_files(path, tmp_path / "work", **LIMITS)
    assert gathered == Gathered({"enrollments.csv": path}, "contract", [])


def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "students.csv"
    path.write_bytes(b"x" * 2_001)
    with pytest.raises(UnpackError, match=r"students\.csv: 2,001 bytes .* limit of 2,000 bytes"):
        gather_files(path, tmp_path / "work", max_file_bytes=2_000, max_zip_ratio=100)


def test_the_total_limit_applies_to_a_folder(tmp_path: Path) -> None:
    (tmp_path / "students.csv").write_bytes(b"x" * 600)
    (tmp_path / "schools.csv").write_bytes(b"x" * 600)
    with pytest.raises(UnpackError, match="1,000 bytes in all"):
        gather_files(tmp_path, tmp_path / "w", **LIMITS, max_total_bytes=1_000)


def test_other_kinds_of_upload_are_refused(tmp_path: Path) -> None:
    (tmp_path / "data.xlsx").write_bytes(b"x")
    with pytest.raises(UnpackError, match=r"not a folder, a \.csv file or a \.zip archive"):
        gather_files(tmp_path / "data.xlsx", tmp_path / "w", **LIMITS)
    with pytest.raises(UnpackError, match="no such file"):
        gather_files(tmp_path / "missing.zip", tmp_path / "w", **LIMITS)


def test_a_symlink_out_of_an_uploaded_folder_is_refused(tmp_path: Path) -> None:
    upload = tmp_path / "upload"
    upload.mkdir()
    (tmp_path / "secret.csv").write_bytes(CSV)
    (upload / "students.csv").symlink_to(tmp_path / "secret.csv")
    with pytest.raises(UnpackError, match="symbolic link"):
        gather_files(upload, tmp_path / "work", **LIMITS)


# --- zip archives ------------------------------------------------------------------------


def test_a_zip_with_one_top_folder_is_unpacked_into_work_dir(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "up.zip",
        {
            "Export/": b"",
            "Export/Students.csv": CSV,
            "Export/schools.csv": CSV,
            "Export/readme.txt": b"hi",
            "Export/old/students.csv": CSV,
            "__MACOSX/Export/._Students.csv": b"junk",
            "Export/.DS_Store": b"junk",
        },
    )
    work = tmp_path / "work"
    gathered = gather_files(archive, work, **LIMITS)
    assert gathered.kind == "contract"
    assert sorted(gathered.files) == ["schools.csv", "students.csv"]
    assert gathered.ignored == ["Export/readme.txt", "Export/old/students.csv"]
    for path in gathered.files.values():
        assert path.is_relative_to(work)
        assert path.read_bytes() == CSV


def test_a_oneroster_zip_is_recognised(tmp_path: Path) -> None:
    entries = {n: b"sourcedId\n" for n in ("manifest.csv", "users.csv", "academicSessions.csv")}
    archive = make_zip(tmp_path / "or.zip", {**entries, "students.csv": CSV})
    gathered = gather_files(archive, tmp_path / "work", **LIMITS)
    assert gathered.kind == "oneroster"
    assert sorted(gathered.files) == ["academicsessions.csv", "manifest.csv", "users.csv"]
    assert gathered.ignored == ["students.csv"]  # a contract name is not part of OneRoster


@pytest.mark.parametrize(
    "name",
    [
        "../evil.csv",
        "/etc/evil.csv",
        "C:/evil.csv",
        "c:evil.csv",
        "a/../../evil.csv",
        "..\\evil.csv",
    ],
)
def test_an_entry_escaping_the_folder_is_refused_by_name(tmp_path: Path, name: str) -> None:
    archive = make_zip(tmp_path / "up.zip", {"students.csv": CSV, name: CSV})
    with pytest.raises(UnpackError) as caught:
        gather_files(archive, tmp_path / "work", **LIMITS)
    assert name in str(caught.value)
    assert files_under(tmp_path) == {archive}


def test_a_symlink_entry_is_refused(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "up.zip", {"students.csv": b"/etc/passwd"}, symlinks=("students.csv",)
    )
    with pytest.raises(UnpackError, match=r"students\.csv: symbolic links are not accepted"):
        gather_files(archive, tmp_path / "work", **LIMITS)


def test_a_nested_zip_is_refused(tmp_path: Path) -> None:
    inner = make_zip(tmp_path / "inner.zip", {"students.csv": CSV}).read_bytes()
    archive = make_zip(tmp_path / "up.zip", {"data/Inner.zip": inner, "data/schools.csv": CSV})
    with pytest.raises(
        UnpackError, match=r"^nested zip archives are not accepted: data/Inner\.zip$"
    ):
        gather_files(archive, tmp_path / "work", **LIMITS)
    # a zip archive disguised as a CSV file is caught while it is extracted
    archive = make_zip(tmp_path / "up2.zip", {"students.csv": inner})
    with pytest.raises(UnpackError, match=r"^nested zip archives are not accepted: students\.csv$"):
        gather_files(archive, tmp_path / "work2", **LIMITS)
    assert files_under(tmp_path / "work2") == set()


def test_a_zip_bomb_is_refused_before_extraction(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "bomb.zip", {"students.csv": b"0" * 5_000_000})
    with pytest.raises(UnpackError, match="zip bomb"):
        gather_files(archive, tmp_path / "work", max_file_bytes=10_000_000, max_zip_ratio=100)
    with pytest.raises(UnpackError, match=r"5,000,000 bytes is larger than the limit of 1,000"):
        gather_files(archive, tmp_path / "work", max_file_bytes=1_000, max_zip_ratio=10_000)
    assert files_under(tmp_path / "work") == set()


def lie_about_size(archive: Path, declared: int) -> None:
    """Rewrite the central directory so the (only) member declares ``declared`` bytes."""
    data = bytearray(archive.read_bytes())
    at = data.index(b"PK\x01\x02")
    data[at + 24 : at + 28] = struct.pack("<I", declared)
    archive.write_bytes(bytes(data))


def test_a_member_lying_about_its_size_is_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "liar.zip", {"students.csv": b"1,F,HL\n" * 10_000})
    lie_about_size(archive, 10)
    with pytest.raises(UnpackError, match=r"students\.csv"):
        gather_files(archive, tmp_path / "work", max_file_bytes=1_000, max_zip_ratio=10_000)
    assert files_under(tmp_path / "work") == set()


def test_duplicate_names_in_a_zip_are_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "up.zip", {"Students.csv": CSV, "students.CSV": CSV})
    with pytest.raises(UnpackError, match="same name"):
        gather_files(archive, tmp_path / "work", **LIMITS)


def test_a_damaged_archive_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "up.zip"
    archive.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(UnpackError, match="not a readable zip archive"):
        gather_files(archive, tmp_path / "work", **LIMITS)


# --- hypothesis --------------------------------------------------------------------------

ESCAPE = "hypothesis-unpack-escape.csv"
hostile_names = st.sampled_from(
    [
        f"../{ESCAPE}",
        f"../../{ESCAPE}",
        f"/tmp/{ESCAPE}",
        f"C:\\{ESCAPE}",
        f"d/../../{ESCAPE}",
        "inner.zip",
        "d/x.ZIP",
        "__MACOSX/._students.csv",
        ".DS_Store",
        "",
        "/",
        "./students.csv",
        "a\\b\\students.csv",
    ]
)
plain_names = st.builds(
    lambda folder, name, ext: f"{folder}{name}{ext}",
    st.sampled_from(["", "export/", "Export/", "a/b/"]),
    st.sampled_from(["students", "Students", "schools", "users", "orgs", "manifest", "x"]),
    st.sampled_from([".csv", ".CSV", ".txt", ""]),
)
contents = st.one_of(
    st.binary(max_size=200),
    st.integers(0, 300_000).map(lambda n: b"0" * n),  # compresses very well: bomb-like
    st.just(b"PK\x03\x04rest"),
)
entries = st.lists(
    st.tuples(
        st.one_of(plain_names, plain_names, hostile_names, st.text(max_size=20)),
        contents,
        st.integers(0, 9).map(lambda n: n == 0),  # now and then a symbolic link
    ),
    max_size=8,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entries=entries,
    max_file_bytes=st.sampled_from([10, 1_000, 100_000, 10_000_000]),
    max_zip_ratio=st.sampled_from([1, 10, 1_000]),
    corrupt_at=st.one_of(st.none(), st.integers(0, 10_000)),
)
def test_any_archive_gives_a_result_or_an_unpack_error_and_stays_in_work_dir(
    entries: list[tuple[str, bytes, bool]],
    max_file_bytes: int,
    max_zip_ratio: int,
    corrupt_at: int | None,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sandbox = Path(tmp) / "sandbox"
        work = sandbox / "work" / "batch"
        work.mkdir(parents=True)
        archive = sandbox / "upload.zip"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns about duplicate names
            with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
                for name, data, is_link in entries:
                    info = zipfile.ZipInfo(name or "x")
                    info.compress_type = zipfile.ZIP_DEFLATED
                    if is_link:
                        info.external_attr = (stat.S_IFLNK | 0o777) << 16
                    zf.writestr(info, data)
        if corrupt_at is not None:
            raw = bytearray(archive.read_bytes())
            raw[corrupt_at % len(raw)] ^= 0xFF
            archive.write_bytes(bytes(raw))
        try:
            gathered = gather_files(
                archive, work, max_file_bytes=max_file_bytes, max_zip_ratio=max_zip_ratio
            )
        except UnpackError as exc:
            event(f"refused: {str(exc).split(':')[-1].split('(')[0].strip()[:40]}")
            assert str(exc)
            assert files_under(work) == set()  # a refused upload leaves nothing behind
        else:
            event(f"gathered {len(gathered.files)} file(s)")
            for path in gathered.files.values():
                assert path.resolve().is_relative_to(work.resolve())
                assert path.stat().st_size <= max_file_bytes
        assert files_under(sandbox) - files_under(work) == {archive}
        assert not Path("/tmp", ESCAPE).exists()
