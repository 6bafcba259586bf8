"""Files kept with a PDSA cycle: photos of student work and documents.

What is accepted (checked by the file's content, and its name must agree):

- photos: JPEG (``.jpg``, ``.jpeg``) and PNG (``.png``);
- documents: PDF (``.pdf``); Word, Excel and PowerPoint files in their current (OOXML)
  form (``.docx``, ``.xlsx``, ``.pptx``); plain text and CSV (``.txt``, ``.csv``: UTF-8
  text with no control bytes).

Everything else is refused, notably SVG and HTML (they can carry scripts), the old
binary Office formats and macro-enabled files (``.docm``, ``.xlsm``), archives and
programs. A file larger than ``settings.IMPROVEMENT_ATTACHMENT_MAX_BYTES`` (10 MB unless
set) is refused. Accepted files are kept under ``DATA_DIR / "improvement" / <uuid>``,
never where the web server serves files directly; they are read back only through the
checked download view.
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from districtwise.core.audit import audit_created, audit_record, snapshot
from districtwise.improvement.models import Cycle, CycleAttachment

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class FileKind:
    """A kind of file accepted: its content type, the names it may carry, what it is."""

    content_type: str
    extensions: tuple[str, ...]
    label: str


JPEG = FileKind("image/jpeg", (".jpg", ".jpeg"), "a JPEG photo")
PNG = FileKind("image/png", (".png",), "a PNG image")
PDF = FileKind("application/pdf", (".pdf",), "a PDF document")
TEXT = FileKind("text/plain", (".txt",), "plain text")
CSV = FileKind("text/csv", (".csv",), "a CSV file")
OOXML = {
    "word/": FileKind(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
        "a Word document",
    ),
    "xl/": FileKind(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (".xlsx",),
        "an Excel workbook",
    ),
    "ppt/": FileKind(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (".pptx",),
        "a PowerPoint presentation",
    ),
}
ACCEPTED = (
    "JPEG or PNG photos, PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), plain text or CSV"
)
IMAGE_TYPES = frozenset({JPEG.content_type, PNG.content_type})


def max_bytes() -> int:
    """The largest attachment accepted, in bytes."""
    return int(getattr(settings, "IMPROVEMENT_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def attachments_dir() -> Path:
    """Where attachments are kept: under the data directory, never under static files."""
    return Path(settings.DATA_DIR) / "improvement"


def file_kind(name: str, stream: IO[bytes]) -> FileKind:
    """What the file is, from its content; refused (``ValidationError``) if it is not an
    accepted kind or its name says otherwise."""
    stream.seek(0)
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    kind = _kind_of(head, name, stream)
    if kind is None:
        raise ValidationError(
            {"file": [f"{name} is not a kind of file the cycle keeps. Accepted: {ACCEPTED}."]}
        )
    if not name.lower().endswith(kind.extensions):
        raise ValidationError(
            {
                "file": [
                    f"{name} holds {kind.label} but its name does not end in "
                    f"{' or '.join(kind.extensions)}: rename it and upload it again."
                ]
            }
        )
    return kind


def _kind_of(head: bytes, name: str, stream: IO[bytes]) -> FileKind | None:
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(stream)
    if head and _is_text(head) and not head.lstrip().startswith(b"<"):
        # Markup (HTML, SVG, XML) is refused even as text: a browser may run its scripts.
        return CSV if name.lower().endswith(".csv") else TEXT
    return None


def _office_kind(stream: IO[bytes]) -> FileKind | None:
    """A Word, Excel or PowerPoint file (OOXML) without macros, else None. Only the
    archive's table of contents is read: nothing is unpacked."""
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return None
    finally:
        stream.seek(0)
    if "[Content_Types].xml" not in names or any(n.endswith("vbaProject.bin") for n in names):
        return None
    for folder, kind in OOXML.items():
        if any(n.startswith(folder) for n in names):
            return kind
    return None


def _is_text(head: bytes) -> bool:
    # A multi-byte character may be cut at the end of the sniffed bytes: allow 3 bytes.
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:
            return False
    return not any(b < 9 or 13 < b < 32 or b == 127 for b in head)


def attachment_add(*, actor, cycle: Cycle, upload, caption: str = "") -> CycleAttachment:
    """Keep ``upload`` (a Django uploaded file) with an open cycle. A file too large or
    of a kind not accepted is refused and nothing is stored."""
    _refuse_closed(cycle)
    limit = max_bytes()
    if upload.size > limit:
        raise ValidationError(
            {
                "file": [
                    f"{upload.name} is {_megabytes(upload.size)}; the largest file a cycle "
                    f"keeps is {_megabytes(limit)}."
                ]
            }
        )
    if upload.size == 0:
        raise ValidationError({"file": [f"{upload.name} is empty."]})
    kind = file_kind(upload.name, upload)
    stored_name = uuid.uuid4().hex
    target = attachments_dir() / stored_name
    target.parent.mkdir(parents=True, exist_ok=True)
    _write(upload, target)
    try:
        with transaction.atomic():
            attachment = CycleAttachment.objects.create(
                cycle=cycle,
                name=Path(upload.name).name[:200],
                path=f"improvement/{stored_name}",
                content_type=kind.content_type,
                size=upload.size,
                caption=caption.strip()[:300],
                uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            audit_created(actor=actor, district=cycle.team.network.district, obj=attachment)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return attachment


def attachment_delete(*, actor, attachment: CycleAttachment) -> None:
    """Remove a file from an open cycle; the stored file goes once the removal commits."""
    cycle = attachment.cycle
    _refuse_closed(cycle)
    target = stored_path(attachment)
    with transaction.atomic():
        audit_record(
            actor=actor,
            district=cycle.team.network.district,
            action="delete",
            obj=attachment,
            changes={k: [v, None] for k, v in snapshot(attachment).items() if v not in ("", None)},
        )
        attachment.delete()
        transaction.on_commit(lambda: target.unlink(missing_ok=True))


def stored_path(attachment: CycleAttachment) -> Path:
    """The file of an attachment on disk."""
    return Path(settings.DATA_DIR) / attachment.path


def _write(upload, target: Path) -> None:
    upload.seek(0)
    with target.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)


def _refuse_closed(cycle: Cycle) -> None:
    if cycle.stage == Cycle.Stage.CLOSED:
        raise ValidationError(
            f"{cycle.title} is closed and cannot change; attach files to the next cycle."
        )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
