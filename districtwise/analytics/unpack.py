"""Safe gathering of an uploaded batch: a folder, a single CSV file, or a zip archive.

An upload is untrusted. A zip archive may try to write outside the folder it is unpacked
into (absolute names, ``..``, drive letters, symbolic links: the "zip slip" attack), may
expand to far more than it weighs (a "zip bomb"), or may lie about its members' sizes in
its directory. So: every entry name is checked before anything is written; declared sizes
are checked first, and the bytes actually written are counted while streaming each member
to disk in small chunks (never a whole member in memory); only the CSV files the importer
can use are extracted, each into a fresh folder inside ``work_dir``, which is removed again
if anything goes wrong.

Accepted layouts: the files at the top of the folder or archive, or all of them inside one
top-level folder (as most "compress this folder" tools produce). Files deeper down, and
files that belong to neither format, are listed in ``Gathered.ignored`` for the user to see
as warnings. macOS clutter (``__MACOSX/``, ``.DS_Store``) is dropped silently.
"""

from __future__ import annotations

import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from districtwise.analytics.contract import BY_NAME
from districtwise.analytics.oneroster import ONEROSTER_FILES

CHUNK_BYTES = 64 * 1024
MAX_ENTRIES = 10_000  # a district batch has a few dozen files; more is not an upload we take
_DRIVE = re.compile(r"^[A-Za-z]:")
_ZIP_MAGIC = b"PK\x03\x04"

Kind = Literal["contract", "oneroster"]


class UnpackError(Exception):
    """The upload cannot be accepted; the message says what is wrong and where."""


@dataclass(frozen=True)
class Gathered:
    files: dict[str, Path]  # lower-cased base name -> path of the CSV on disk
    kind: Kind
    ignored: list[str] = field(default_factory=list)  # names in neither format (warnings)


def gather_files(
    source: Path,
    work_dir: Path,
    *,
    max_file_bytes: int,
    max_zip_ratio: int,
    max_total_bytes: int | None = None,
) -> Gathered:
    """Collect the CSV files of an upload, unpacking a zip archive safely into ``work_dir``.

    Raises ``UnpackError`` for anything unsafe or too large; nothing is ever written outside
    ``work_dir`` (and nothing at all for a folder or a single CSV file, which are read in
    place).
    """
    source = Path(source)
    limits = _Limits(max_file_bytes, max_zip_ratio, max_total_bytes)
    if source.is_dir():
        return _gather_folder(source, limits)
    if not source.is_file():
        raise UnpackError(f"{source.name}: no such file or folder")
    suffix = source.suffix.lower()
    if suffix == ".zip":
        return _gather_zip(source, Path(work_dir), limits)
    if suffix == ".csv":
        size = source.stat().st_size
        limits.check_file(source.name, size)
        limits.check_total(source.name, size)
        return _classify({source.name.lower(): source}, [])
    raise UnpackError(
        f"{source.name}: not a folder, a .csv file or a .zip archive; "
        "upload the district's CSV files or a zip archive of them"
    )


@dataclass(frozen=True)
class _Limits:
    max_file_bytes: int
    max_zip_ratio: int
    max_total_bytes: int | None

    def check_file(self, name: str, size: int) -> None:
        if size > self.max_file_bytes:
            raise UnpackError(
                f"{name}: {size:,} bytes is larger than the limit of "
                f"{self.max_file_bytes:,} bytes per file"
            )

    def check_total(self, name: str, total: int) -> None:
        if self.max_total_bytes is not None and total > self.max_total_bytes:
            raise UnpackError(
                f"{name}: the upload expands to more than the limit of "
                f"{self.max_total_bytes:,} bytes in all"
            )


def _is_clutter(parts: tuple[str, ...]) -> bool:
    return bool(parts) and (parts[0] == "__MACOSX" or parts[-1] == ".DS_Store")


def _kind(names: Iterable[str]) -> Kind:
    """A bundle with a manifest and orgs or users is OneRoster; anything else, the contract."""
    lowered = {name.lower() for name in names}
    if "manifest.csv" in lowered and lowered & {"orgs.csv", "users.csv"}:
        return "oneroster"
    return "contract"


def _known(kind: Kind) -> frozenset[str]:
    return frozenset(ONEROSTER_FILES) if kind == "oneroster" else frozenset(BY_NAME)


def _classify(candidates: dict[str, Path], ignored: list[str]) -> Gathered:
    """Decide the format and sort the files into used and ignored (by lower-cased name)."""
    kind = _kind(candidates)
    known = _known(kind)
    files = {name: path for name, path in candidates.items() if name in known}
    ignored = ignored + sorted(path.name for name, path in candidates.items() if name not in known)
    return Gathered(files=files, kind=kind, ignored=ignored)


def _lower_unique(names: Iterable[str]) -> None:
    seen: dict[str, str] = {}
    for name in names:
        lowered = name.lower()
        if lowered in seen:
            raise UnpackError(
                f"two files have the same name once upper/lower case is ignored: "
                f"{seen[lowered]} and {name}"
            )
        seen[lowered] = name


def _single_top_folder(paths: list[tuple[str, ...]]) -> int:
    """How many leading name parts to strip: 1 if every file sits in one top-level folder."""
    tops = {parts[0].lower() for parts in paths}
    return 1 if paths and len(tops) == 1 and all(len(parts) > 1 for parts in paths) else 0


# --- folders ---------------------------------------------------------------------------


def _gather_folder(folder: Path, limits: _Limits) -> Gathered:
    entries = [p for p in folder.iterdir() if not _is_clutter((p.name,))]
    if len(entries) == 1 and entries[0].is_dir() and not entries[0].is_symlink():
        folder = entries[0]  # the files sit inside a single top-level folder
    root = folder.resolve()
    candidates: dict[str, Path] = {}
    ignored: list[str] = []
    total = 0
    for path in sorted(folder.iterdir()):
        if _is_clutter((path.name,)):
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            raise UnpackError(f"{path.name}: a symbolic link to outside the folder")
        if path.is_dir() or path.suffix.lower() != ".csv":
            ignored.append(path.name + ("/" if path.is_dir() else ""))
            continue
        size = path.stat().st_size
        limits.check_file(path.name, size)
        total += size
        limits.check_total(path.name, total)
        candidates[path.name] = path
    _lower_unique(candidates)
    return _classify({name.lower(): path for name, path in candidates.items()}, ignored)


# --- zip archives ----------------------------------------------------------------------


def _entry_parts(info: zipfile.ZipInfo) -> tuple[str, ...]:
    """The entry's path parts, after refusing any name that could escape the folder."""
    name = info.filename.replace("\\", "/")
    if not name:
        raise UnpackError("an entry of the archive has no name")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise UnpackError(f"{info.filename}: symbolic links are not accepted in a zip archive")
    if name.startswith("/") or _DRIVE.match(name):
        raise UnpackError(f"{info.filename}: an absolute path; entries must be relative")
    parts = tuple(p for p in PurePosixPath(name).parts if p not in ("", "."))
    if ".." in parts:
        raise UnpackError(f"{info.filename}: the path leads outside the archive's folder ('..')")
    if any("\x00" in p for p in parts):
        raise UnpackError(f"{info.filename}: the name contains a character not allowed in paths")
    return parts


def _gather_zip(archive: Path, work_dir: Path, limits: _Limits) -> Gathered:
    compressed = archive.stat().st_size
    try:
        with zipfile.ZipFile(archive) as zf:
            members, ignored = _plan(zf.infolist(), archive.name, compressed, limits)
            kind = _kind(name for name, _ in members)
            known = _known(kind)
            ignored += sorted(info.filename for name, info in members if name.lower() not in known)
            wanted = [(name, info) for name, info in members if name.lower() in known]
            work_dir.mkdir(parents=True, exist_ok=True)
            target = Path(tempfile.mkdtemp(prefix="upload-", dir=work_dir))
            try:
                files = _extract(zf, wanted, target, compressed, limits)
            except BaseException:
                shutil.rmtree(target, ignore_errors=True)
                raise
    except UnpackError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError) as exc:
        raise UnpackError(f"{archive.name}: not a readable zip archive ({exc})") from exc
    except (NotImplementedError, RuntimeError, ValueError, OSError) as exc:
        # unsupported compression method, encrypted entries, malformed headers, a full disk
        raise UnpackError(f"{archive.name}: the archive cannot be unpacked ({exc})") from exc
    return Gathered(files=files, kind=kind, ignored=ignored)


def _plan(
    infos: list[zipfile.ZipInfo], archive_name: str, compressed: int, limits: _Limits
) -> tuple[list[tuple[str, zipfile.ZipInfo]], list[str]]:
    """Check every entry's name and declared size; choose the members to extract."""
    if len(infos) > MAX_ENTRIES:
        raise UnpackError(f"{archive_name}: more than {MAX_ENTRIES:,} entries in the archive")
    entries: list[tuple[tuple[str, ...], zipfile.ZipInfo]] = []
    declared = 0
    for info in infos:
        parts = _entry_parts(info)
        if info.filename.endswith(("/", "\\")) or not parts or _is_clutter(parts):
            continue
        if parts[-1].lower().endswith(".zip"):
            raise UnpackError(f"nested zip archives are not accepted: {info.filename}")
        limits.check_file(info.filename, info.file_size)
        declared += info.file_size
        _check_ratio(info.filename, declared, compressed, limits)
        entries.append((parts, info))
    strip = _single_top_folder([parts for parts, _ in entries])
    members: list[tuple[str, zipfile.ZipInfo]] = []
    ignored: list[str] = []
    for parts, info in entries:
        inner = parts[strip:]
        if len(inner) == 1 and inner[0].lower().endswith(".csv"):
            members.append((inner[0], info))
        else:
            ignored.append("/".join(parts))
    _lower_unique(name for name, _ in members)
    return members, ignored


def _check_ratio(name: str, total: int, compressed: int, limits: _Limits) -> None:
    if total > limits.max_zip_ratio * max(compressed, 1):
        raise UnpackError(
            f"{name}: the archive expands to more than {limits.max_zip_ratio} times its "
            f"size of {compressed:,} bytes; it looks like a zip bomb"
        )
    limits.check_total(name, total)


def _extract(
    zf: zipfile.ZipFile,
    members: list[tuple[str, zipfile.ZipInfo]],
    target: Path,
    compressed: int,
    limits: _Limits,
) -> dict[str, Path]:
    files: dict[str, Path] = {}
    total = 0
    for name, info in members:
        destination = target / name.lower()
        if destination.parent != target:  # cannot happen after _entry_parts; kept as a guard
            raise UnpackError(f"{info.filename}: the path leads outside the archive's folder")
        written = 0
        try:
            with zf.open(info) as src, destination.open("xb") as dst:
                while chunk := src.read(CHUNK_BYTES):
                    if written == 0 and chunk.startswith(_ZIP_MAGIC):
                        raise UnpackError(f"nested zip archives are not accepted: {info.filename}")
                    written += len(chunk)
                    total += len(chunk)
                    # Counted, not trusted: the declared sizes checked in _plan can lie.
                    if written > limits.max_file_bytes:
                        raise UnpackError(
                            f"{info.filename}: expands to more than the limit of "
                            f"{limits.max_file_bytes:,} bytes per file (it declared "
                            f"{info.file_size:,} bytes)"
                        )
                    _check_ratio(info.filename, total, compressed, limits)
                    dst.write(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise UnpackError(f"{info.filename}: the entry is damaged ({exc})") from exc
        files[name.lower()] = destination
    return files
