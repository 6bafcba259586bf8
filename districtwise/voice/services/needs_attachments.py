"""Files kept with a need (a photo of the damage, a letter): accepted by content and size
as ``core.uploads`` says, at most ``settings.VOICE_ATTACHMENT_MAX_BYTES`` each, kept
under ``DATA_DIR / "voice"`` and read back only through the need's checked download."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import transaction

from districtwise.core import uploads
from districtwise.core.audit import audit_created
from districtwise.voice.models import Need, NeedAttachment

FOLDER = "voice"


def max_bytes() -> int:
    """The largest file a need keeps, in bytes."""
    return int(settings.VOICE_ATTACHMENT_MAX_BYTES)


def check_attachment(upload) -> uploads.FileKind:
    """The kind of ``upload``, or a ``ValidationError`` on ``file`` saying what is wrong
    (too large, empty, a kind not accepted, a name that disagrees with its content)."""
    return uploads.check_upload(upload, limit=max_bytes(), kept_by="a need", largest_for="a need")


def need_attachment_add(*, actor, need: Need, upload) -> NeedAttachment:
    """Keep ``upload`` with ``need``. A file refused by ``check_attachment`` stores
    nothing; a file written for a change that then rolls back is removed."""
    kind = check_attachment(upload)
    path, target = uploads.store_upload(upload, FOLDER)
    try:
        with transaction.atomic():
            attachment = NeedAttachment.objects.create(
                need=need,
                name=Path(upload.name).name[:200],
                content_type=kind.content_type,
                size=upload.size,
                path=path,
                uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            audit_created(actor=actor, district=need.district, obj=attachment)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return attachment


def stored_path(attachment: NeedAttachment) -> Path:
    """The file of an attachment on disk."""
    return uploads.stored_file(attachment.path)
