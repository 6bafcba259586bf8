"""Files kept with a PDSA cycle: accepted by content (JPEG, PNG, PDF, OOXML Word / Excel /
PowerPoint, plain text, CSV), refused when too large or of another kind with nothing
stored, kept under DATA_DIR and downloaded only through the access check."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from districtwise.core.models import AuditEntry
from districtwise.improvement.models import CycleAttachment
from districtwise.improvement.services import cycle_attachments
from tests import factories as f
from tests.improvement.matrix import matrix_team


def tiny_png() -> bytes:
    """A valid PNG of one grey pixel."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def office_file(folder: str, *, macros: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<doc/>")
        if macros:
            archive.writestr(f"{folder}vbaProject.bin", b"\x00")
    return out.getvalue()


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "var"
    return settings.DATA_DIR


@pytest.fixture
def cycle(cast):
    return f.CycleFactory(team=matrix_team(cast), title="Grade check 1")


def upload(client, cycle, name: str, content: bytes, caption: str = ""):
    url = reverse("improvement:cycle_attachment_new", args=[cycle.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content), "caption": caption})


def stored_files(data_dir) -> list:
    folder = data_dir / "improvement"
    return sorted(folder.iterdir()) if folder.exists() else []


# ---------------------------------------------------------------- what is accepted


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("work.png", tiny_png(), "image/png"),
        ("work.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20, "image/jpeg"),
        ("rubric.pdf", b"%PDF-1.7\n1 0 obj\n", "application/pdf"),
        ("notes.txt", "Élèves: 9 of 14 improved\n".encode(), "text/plain"),
        ("tally.csv", b"student,grade\nA,72\n", "text/csv"),
        (
            "plan.docx",
            office_file("word/"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "tally.xlsx",
            office_file("xl/"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "slides.pptx",
            office_file("ppt/"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
    ],
)
def test_an_accepted_file_is_kept_with_the_type_its_content_shows(
    client_as, cycle, data_dir, name, content, content_type
):
    response = upload(client_as("coach_north_1"), cycle, name, content, caption="Week 1")
    assert response.status_code == 302
    attachment = CycleAttachment.objects.get()
    assert (attachment.name, attachment.content_type, attachment.size) == (
        name,
        content_type,
        len(content),
    )
    assert attachment.caption == "Week 1"
    [kept] = stored_files(data_dir)
    assert kept.read_bytes() == content
    assert attachment.path == f"improvement/{kept.name}" and len(kept.name) == 32
    assert AuditEntry.objects.filter(object_type="improvement.cycleattachment").count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("program.exe", b"MZ\x90\x00\x03\x00\x00\x00", "is not a kind of file the cycle keeps"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "is not a kind of file"),
        ("page.txt", b"  <html><script>alert(1)</script></html>", "is not a kind of file"),
        ("notes.png", b"just some words", "holds plain text but its name does not end in .txt"),
        (
            "photo.png",
            b"%PDF-1.7\n",
            "photo.png holds a PDF document but its name does not end in .pdf",
        ),
        ("macro.docm", office_file("word/", macros=True), "is not a kind of file"),
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 30, "is not a kind of file"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 30, "is not a kind of file"),
        ("empty.txt", b"", "is empty"),
    ],
)
def test_a_forbidden_file_is_refused_with_a_clear_message_and_nothing_stored(
    client_as, cycle, data_dir, name, content, message
):
    response = upload(client_as("coach_north_1"), cycle, name, content)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert "Nothing was attached" in response.content.decode()
    assert not CycleAttachment.objects.exists()
    assert stored_files(data_dir) == []


def test_a_file_too_large_is_refused_and_nothing_stored(client_as, cycle, data_dir, settings):
    settings.IMPROVEMENT_ATTACHMENT_MAX_BYTES = 1024 * 1024
    big = tiny_png() + b"\x00" * (1024 * 1024)
    response = upload(client_as("coach_north_1"), cycle, "work.png", big)
    assert response.status_code == 400
    assert "work.png is 1.0 MB; the largest file a cycle keeps is 1.0 MB." in (
        response.content.decode()
    )
    assert not CycleAttachment.objects.exists()
    assert stored_files(data_dir) == []


def test_the_default_limit_is_ten_megabytes():
    assert cycle_attachments.max_bytes() == 10 * 1024 * 1024


def test_a_closed_cycle_takes_no_file(client_as, cycle, data_dir):
    cycle.stage, cycle.decision = "closed", "adopt"
    cycle.save()
    url = reverse("improvement:cycle_attachment_new", args=[cycle.pk])
    response = client_as("coach_north_1").post(
        url, {"file": SimpleUploadedFile("work.png", tiny_png())}, follow=True
    )
    assert "Grade check 1 is closed: attach files to the next cycle." in response.content.decode()
    assert not CycleAttachment.objects.exists()
    with pytest.raises(ValidationError, match="is closed and cannot change"):
        cycle_attachments.attachment_add(
            actor=None, cycle=cycle, upload=SimpleUploadedFile("work.png", tiny_png())
        )
    assert stored_files(data_dir) == []


def test_a_damaged_office_file_is_refused():
    body = bytearray(office_file("word/"))
    directory = body.index(b"PK\x01\x02")
    body[directory + 6 : directory + 8] = b"\xff\x00"  # "needs zip version 25.5"
    with pytest.raises(ValidationError, match=r"plan\.docx is not a kind of file"):
        cycle_attachments.file_kind("plan.docx", io.BytesIO(bytes(body)))


def damaged(changes: list[tuple[int, int]]) -> bytes:
    """A Word file with some bytes overwritten."""
    body = bytearray(office_file("word/"))
    for at, value in changes:
        body[at % len(body)] = value
    return bytes(body)


GARBAGE = st.one_of(
    st.binary(),
    st.builds(
        damaged, st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8)
    ),
)


@given(name=st.sampled_from(["a.png", "a.txt", "a.csv", "a.docx", "a.pdf", "a"]), body=GARBAGE)
@hsettings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_bytes_are_either_a_kind_whose_name_fits_or_refused_clearly(name, body):
    try:
        kind = cycle_attachments.file_kind(name, io.BytesIO(body))
    except ValidationError as refused:
        [message] = refused.message_dict["file"]
        assert message.startswith(name)
    else:
        assert name.endswith(kind.extensions)


# ---------------------------------------------------------------- who may attach and read


@pytest.mark.parametrize(
    ("person", "status"),
    [("principal_north_1", 403), ("principal_north_2", 403), ("outsider", 404)],
)
def test_others_may_not_attach_or_remove(cast, client_as, cycle, data_dir, person, status):
    other = f.TeamFactory(network=cycle.team.network, school=cast.north_2)
    f.TeamMemberFactory(team=other, person=cast["principal_north_2"].people.get())
    upload(client_as("coach_north_1"), cycle, "work.png", tiny_png())
    client = client_as(person)
    assert upload(client, cycle, "more.png", tiny_png()).status_code == status
    attachment = CycleAttachment.objects.get()
    url = reverse("improvement:cycle_attachment_delete", args=[attachment.pk])
    assert client.post(url).status_code == status
    assert CycleAttachment.objects.count() == 1
    assert len(stored_files(data_dir)) == 1


def test_readers_download_through_the_check_as_an_attachment(client_as, cycle):
    upload(client_as("coach_north_1"), cycle, "work.png", tiny_png(), caption="Exit ticket")
    attachment = CycleAttachment.objects.get()
    url = reverse("improvement:cycle_attachment", args=[attachment.pk])
    response = client_as("principal_north_1").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="work.png"'
    assert b"".join(response.streaming_content) == tiny_png()
    assert client_as("outsider").get(url).status_code == 404
    page = client_as("principal_north_1").get(reverse("improvement:cycle", args=[cycle.pk]))
    assert f'<img src="{url}" alt="Exit ticket"' in page.content.decode()


def test_a_team_member_removes_a_file_and_it_leaves_the_disk(
    client_as, cycle, data_dir, django_capture_on_commit_callbacks
):
    client = client_as("coach_north_1")
    upload(client, cycle, "notes.txt", b"hello")
    attachment = CycleAttachment.objects.get()
    url = reverse("improvement:cycle_attachment_delete", args=[attachment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not CycleAttachment.objects.exists()
    assert stored_files(data_dir) == []
    entry = AuditEntry.objects.get(action="delete")
    assert entry.changes["name"] == ["notes.txt", None]


def test_the_upload_form_warns_about_names_and_faces(client_as, cycle):
    page = client_as("coach_north_1").get(reverse("improvement:cycle", args=[cycle.pk]))
    assert "must not show students' names or faces" in page.content.decode()
