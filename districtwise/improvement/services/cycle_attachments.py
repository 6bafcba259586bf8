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

from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from districtwise.core import uploads
from districtwise.core.audit import audit_created, audit_record, snapshot
from districtwise.core.uploads import ACCEPTED, IMAGE_TYPES, FileKind
from districtwise.improvement.models import Cycle, CycleAttachment

__all__ = ["ACCEPTED", "IMAGE_TYPES", "FileKind"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def max_bytes() -> int:
    """The largest attachment accepted, in bytes."""
    return int(getattr(settings, "IMPROVEMENT_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def attachments_dir() -> Path:
    """Where attachments are kept: under the data directory, never under static files."""
    return Path(settings.DATA_DIR) / "improvement"


def file_kind(name: str, stream: IO[bytes]) -> FileKind:
    """What the file is, from its content; refused (``ValidationError``) if it is not an
    accepted kind or its name says otherwise."""
    return uploads.file_kind(name, stream, kept_by="the cycle")


def attachment_add(*, actor, cycle: Cycle, upload, caption: str = "") -> CycleAttachment:
    """Keep ``upload`` (a Django uploaded file) with an open cycle. A file too large or
    of a kind not accepted is refused and nothing is stored."""
    _refuse_closed(cycle)
    kind = uploads.check_upload(
        upload, limit=max_bytes(), kept_by="the cycle", largest_for="a cycle"
    )
    path, target = uploads.store_upload(upload, "improvement")
    try:
        with transaction.atomic():
            attachment = CycleAttachment.objects.create(
                cycle=cycle,
                name=Path(upload.name).name[:200],
                path=path,
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
    return uploads.stored_file(attachment.path)


def _refuse_closed(cycle: Cycle) -> None:
    if cycle.stage == Cycle.Stage.CLOSED:
        raise ValidationError(
            f"{cycle.title} is closed and cannot change; attach files to the next cycle."
        )
