"""The consultancy protocol: it moves forward one stage at a time, moved only by the
presenter or the meeting's runner; peers record feedback at the current stage; the
presenter listens during the discussion and keeps the record."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from districtwise.core.models import AuditEntry
from districtwise.voice.models import Dilemma, DilemmaFeedback
from districtwise.voice.services import dilemmas as services
from districtwise.voice.services.dilemmas import STEPS
from tests.access_matrix import person
from tests.voice.matrix import matrix_dilemma

pytestmark = pytest.mark.django_db


def at_stage(cast, stage: str) -> Dilemma:
    dilemma = matrix_dilemma(cast)
    Dilemma.objects.filter(pk=dilemma.pk).update(stage=stage)
    dilemma.refresh_from_db()
    return dilemma


def test_the_protocol_runs_through_its_five_stages_in_order_then_is_done(cast):
    dilemma = matrix_dilemma(cast)
    presenter = cast["principal_north_1"]
    seen = [dilemma.stage]
    for to_stage in STEPS[1:]:
        dilemma = services.dilemma_advance(actor=presenter, dilemma=dilemma, to_stage=to_stage)
        seen.append(dilemma.stage)
    assert seen == [
        "",
        "presentation",
        "clarifying",
        "probing",
        "discussion",
        "reflection",
        "done",
    ]
    assert AuditEntry.objects.filter(object_type="voice.dilemma", action="update").count() == 6


@pytest.mark.parametrize(
    ("stage", "to_stage"),
    [
        ("", "clarifying"),  # skipping the presentation
        ("clarifying", "discussion"),  # skipping the probing questions
        ("probing", "clarifying"),  # going back
        ("probing", "probing"),  # a second press of the same button
    ],
)
def test_only_the_next_stage_is_allowed(cast, stage, to_stage):
    dilemma = at_stage(cast, stage)
    with pytest.raises(ValidationError, match="one stage at a time"):
        services.dilemma_advance(
            actor=cast["principal_north_1"], dilemma=dilemma, to_stage=to_stage
        )
    dilemma.refresh_from_db()
    assert dilemma.stage == stage


def test_nothing_comes_after_done(cast):
    dilemma = at_stage(cast, "done")
    with pytest.raises(ValidationError, match="protocol is done"):
        services.dilemma_advance(actor=cast["principal_north_1"], dilemma=dilemma, to_stage="")


@pytest.mark.parametrize("name", ["principal_north_1", "north_lead"])
def test_the_presenter_and_the_convener_move_the_protocol_on(client_as, cast, name):
    dilemma = at_stage(cast, "presentation")
    url = reverse("voice:dilemma_advance", args=[dilemma.pk])
    response = client_as(name).post(url, {"to_stage": "clarifying"})
    assert response.status_code == 302
    dilemma.refresh_from_db()
    assert dilemma.stage == "clarifying"


def test_a_peer_in_the_room_may_not_move_the_protocol_on(client_as, cast):
    dilemma = at_stage(cast, "presentation")
    url = reverse("voice:dilemma_advance", args=[dilemma.pk])
    response = client_as("principal_north_2").post(url, {"to_stage": "clarifying"})
    assert response.status_code == 403
    dilemma.refresh_from_db()
    assert dilemma.stage == "presentation"


def test_two_presses_at_once_move_the_protocol_only_one_stage(client_as, cast):
    dilemma = at_stage(cast, "clarifying")
    client = client_as("principal_north_1")
    url = reverse("voice:dilemma_advance", args=[dilemma.pk])
    client.post(url, {"to_stage": "probing"})
    response = client.post(url, {"to_stage": "probing"}, follow=True)
    dilemma.refresh_from_db()
    assert dilemma.stage == "probing"
    assert "it moves on only to “Discussion" in response.content.decode()


def test_a_peer_records_feedback_at_the_current_stage(cast):
    dilemma = at_stage(cast, "clarifying")
    peer = person(cast, "principal_north_2")
    feedback = services.dilemma_feedback_add(
        actor=cast["principal_north_2"],
        dilemma=dilemma,
        author=peer,
        stage="clarifying",
        body="  How many teams meet on Fridays?  ",
    )
    assert (feedback.stage, feedback.body, feedback.author) == (
        "clarifying",
        "How many teams meet on Fridays?",
        peer,
    )
    assert AuditEntry.objects.filter(object_type="voice.dilemmafeedback").count() == 1


@pytest.mark.parametrize("stage", ["", "presentation", "reflection", "done"])
def test_no_feedback_outside_the_questions_and_the_discussion(cast, stage):
    dilemma = at_stage(cast, stage)
    with pytest.raises(ValidationError):
        services.dilemma_feedback_add(
            actor=cast["principal_north_2"],
            dilemma=dilemma,
            author=person(cast, "principal_north_2"),
            stage=stage or "presentation",
            body="A note",
        )
    assert not DilemmaFeedback.objects.exists()


def test_feedback_for_a_stage_already_past_is_refused(cast):
    dilemma = at_stage(cast, "probing")
    with pytest.raises(ValidationError, match="moved on to “Probing questions”"):
        services.dilemma_feedback_add(
            actor=cast["principal_north_2"],
            dilemma=dilemma,
            author=person(cast, "principal_north_2"),
            stage="clarifying",
            body="A late clarifying question",
        )


def test_the_presenter_listens_during_the_discussion(cast):
    dilemma = at_stage(cast, "discussion")
    with pytest.raises(ValidationError, match="presenter listens"):
        services.dilemma_feedback_add(
            actor=cast["principal_north_1"],
            dilemma=dilemma,
            author=person(cast, "principal_north_1"),
            stage="discussion",
            body="But I did try that",
        )
    services.dilemma_feedback_add(
        actor=cast["north_lead"],
        dilemma=dilemma,
        author=person(cast, "north_lead"),
        stage="discussion",
        body="The schedule may be the real constraint.",
    )
    assert list(dilemma.feedback.values_list("stage", flat=True)) == ["discussion"]


def test_the_page_tells_the_presenter_to_listen_and_offers_no_box(client_as, cast):
    dilemma = at_stage(cast, "discussion")
    page = client_as("principal_north_1").get(reverse("voice:dilemma", args=[dilemma.pk]))
    text = page.content.decode()
    assert "listen and take notes, without speaking" in text
    assert "Record it" not in text
    peer_page = client_as("principal_north_2").get(reverse("voice:dilemma", args=[dilemma.pk]))
    assert "Record it" in peer_page.content.decode()


def test_the_page_groups_feedback_under_its_stage(client_as, cast):
    dilemma = at_stage(cast, "discussion")
    for stage, body in [
        ("clarifying", "Clarifying note one"),
        ("probing", "Probing note one"),
        ("clarifying", "Clarifying note two"),
    ]:
        DilemmaFeedback.objects.create(
            dilemma=dilemma, stage=stage, author=person(cast, "principal_north_2"), body=body
        )
    text = client_as("north_lead").get(reverse("voice:dilemma", args=[dilemma.pk])).content
    text = text.decode()
    clarifying, probing = text.index('id="stage-clarifying"'), text.index('id="stage-probing"')
    discussion = text.index('id="stage-discussion"')
    assert clarifying < text.index("Clarifying note one") < text.index("Clarifying note two")
    assert text.index("Clarifying note two") < probing < text.index("Probing note one")
    assert text.index("Probing note one") < discussion


def test_a_note_refused_because_the_protocol_moved_on_comes_back_in_its_box(client_as, cast):
    dilemma = at_stage(cast, "probing")
    url = reverse("voice:dilemma_feedback", args=[dilemma.pk])
    response = client_as("principal_north_2").post(
        url, {"stage": "clarifying", "body": "Who sets the Friday agenda?"}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "moved on to “Probing questions”" in text
    assert "Who sets the Friday agenda?</textarea>" in text
    assert not DilemmaFeedback.objects.exists()


def test_an_empty_note_is_refused_next_to_its_box(client_as, cast):
    dilemma = at_stage(cast, "clarifying")
    url = reverse("voice:dilemma_feedback", args=[dilemma.pk])
    response = client_as("principal_north_2").post(url, {"stage": "clarifying", "body": " "})
    assert response.status_code == 400
    assert "Write the question or note before you record it." in response.content.decode()


def test_the_reflection_waits_for_its_stage_but_the_lessons_do_not(cast):
    dilemma = at_stage(cast, "probing")
    presenter = cast["principal_north_1"]
    with pytest.raises(ValidationError, match="reflection comes after the discussion"):
        services.dilemma_record_update(
            actor=presenter, dilemma=dilemma, reflection="Too early", lessons=""
        )
    services.dilemma_record_update(
        actor=presenter, dilemma=dilemma, reflection=None, lessons="Start with the calendar."
    )
    dilemma = at_stage(cast, "reflection")
    services.dilemma_record_update(
        actor=presenter, dilemma=dilemma, reflection="I heard two ideas.", lessons="Keep it."
    )
    dilemma.refresh_from_db()
    assert (dilemma.reflection, dilemma.lessons) == ("I heard two ideas.", "Keep it.")


def test_sharing_needs_lessons_and_can_be_undone(cast):
    dilemma = at_stage(cast, "done")
    presenter = cast["principal_north_1"]
    with pytest.raises(ValidationError, match="Write the lessons"):
        services.dilemma_share(actor=presenter, dilemma=dilemma, shared=True)
    services.dilemma_record_update(actor=presenter, dilemma=dilemma, lessons="A lesson.")
    assert services.dilemma_share(actor=presenter, dilemma=dilemma, shared=True).shared_at
    with pytest.raises(ValidationError, match="stop sharing before you empty them"):
        services.dilemma_record_update(actor=presenter, dilemma=dilemma, lessons="")
    assert services.dilemma_share(actor=presenter, dilemma=dilemma, shared=False).shared_at is None


def test_only_the_presenter_shares(client_as, cast):
    dilemma = at_stage(cast, "done")
    Dilemma.objects.filter(pk=dilemma.pk).update(lessons="A lesson.")
    url = reverse("voice:dilemma_share", args=[dilemma.pk])
    assert client_as("north_lead").post(url, {"share": "yes"}).status_code == 403
    assert client_as("principal_north_2").post(url, {"share": "yes"}).status_code == 403
    dilemma.refresh_from_db()
    assert dilemma.shared_at is None
    assert client_as("principal_north_1").post(url, {"share": "yes"}).status_code == 302
    dilemma.refresh_from_db()
    assert dilemma.shared_at is not None


def test_the_presenter_keeps_the_record_and_a_peer_may_not(client_as, cast):
    dilemma = at_stage(cast, "reflection")
    url = reverse("voice:dilemma_record", args=[dilemma.pk])
    data = {"reflection": "I heard the teams.", "lessons": "Ask the teams first."}
    assert client_as("principal_north_2").post(url, data).status_code == 403
    assert client_as("principal_north_1").post(url, data).status_code == 302
    dilemma.refresh_from_db()
    assert (dilemma.reflection, dilemma.lessons) == ("I heard the teams.", "Ask the teams first.")


def test_lessons_naming_a_student_are_held_back_until_confirmed(client_as, cast):
    dilemma = at_stage(cast, "done")
    url = reverse("voice:dilemma_record", args=[dilemma.pk])
    data = {"reflection": "", "lessons": "What worked for Kayla Bell works for others."}
    response = client_as("principal_north_1").post(url, data)
    assert response.status_code == 400
    assert "This may name a student: “Kayla Bell”" in response.content.decode()
    dilemma.refresh_from_db()
    assert dilemma.lessons == ""
