"""Schools' adaptations: drafts with their conflicts, submission, the network lead's
review, versions kept, and who may do what."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from districtwise.core.models import AuditEntry
from districtwise.supports.models import Adaptation
from districtwise.supports.services import adaptations as services
from tests import factories as f

pytestmark = pytest.mark.django_db

INSIDE = {"occurrences": 1, "period": "week", "minutes": 45, "delivered_by": ["teacher"]}
# PLC every other week, for 30 minutes: two conflicts.
OUTSIDE = {"occurrences": 2, "period": "month", "minutes": 30, "delivered_by": ["teacher"]}


@pytest.fixture
def plc(cast):
    return f.SupportFactory(
        district=cast.district,
        owner_department=cast.department,
        code="plc",
        name="Weekly PLC",
        min_occurrences=1,
        period="week",
        min_minutes=45,
        delivered_by=["teacher", "coach"],
        protocol="Looking at student work",
    )


def save(cast, support, plan, school=None, who="principal_north_1"):
    return services.adaptation_save(
        actor=cast[who], school=school or cast.north_1, support=support, data=dict(plan)
    )


def submitted(cast, support, plan=INSIDE, school=None):
    draft = save(cast, support, plan, school)
    return services.adaptation_submit(actor=cast["principal_north_1"], adaptation=draft)


# ---- services ----


def test_an_adaptation_in_conflict_is_saved_as_a_draft_with_its_conflicts(cast, plc):
    draft = save(cast, plc, OUTSIDE)
    assert draft.status == "draft" and draft.version == 1
    assert [c.rule for c in services.conflicts_of(draft)] == ["frequency", "minutes"]


def test_an_adaptation_in_conflict_cannot_be_submitted(cast, plc):
    draft = save(cast, plc, OUTSIDE)
    with pytest.raises(ValidationError) as refused:
        services.adaptation_submit(actor=cast["principal_north_1"], adaptation=draft)
    assert "twice per month" in " ".join(refused.value.messages)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_fixing_the_draft_changes_it_in_place_and_then_it_submits(cast, plc):
    draft = save(cast, plc, OUTSIDE)
    fixed = save(cast, plc, INSIDE)
    assert fixed.pk == draft.pk and fixed.version == 1
    services.adaptation_submit(actor=cast["principal_north_1"], adaptation=fixed)
    assert fixed.status == "submitted" and fixed.submitted_at is not None


def test_approving_makes_it_current_and_is_audited(cast, plc):
    adaptation = submitted(cast, plc)
    services.adaptation_approve(actor=cast["north_lead"], adaptation=adaptation, comment="Fine")
    adaptation.refresh_from_db()
    assert adaptation.status == "approved" and adaptation.reviewed_by == cast["north_lead"]
    entry = AuditEntry.objects.get(object_id=str(adaptation.pk), action="approve")
    assert entry.changes["status"] == ["submitted", "approved"]


def test_an_adaptation_in_conflict_is_never_approved(cast, plc):
    # Even one that reached "submitted" some other way (say, the support was tightened
    # after the school submitted).
    adaptation = submitted(cast, plc)
    plc.min_minutes = 60
    plc.save()
    with pytest.raises(ValidationError):
        services.adaptation_approve(actor=cast["north_lead"], adaptation=adaptation)
    adaptation.refresh_from_db()
    assert adaptation.status == "submitted"


def test_returning_needs_a_comment(cast, plc):
    adaptation = submitted(cast, plc)
    with pytest.raises(ValidationError) as refused:
        services.adaptation_return(actor=cast["north_lead"], adaptation=adaptation, comment=" ")
    assert "comment" in refused.value.message_dict
    services.adaptation_return(
        actor=cast["north_lead"], adaptation=adaptation, comment="Name the day."
    )
    assert adaptation.status == "returned" and adaptation.review_comment == "Name the day."


def test_editing_an_approved_adaptation_starts_a_new_version_and_the_old_stays_current(cast, plc):
    from districtwise.supports.selectors import adaptations as selectors

    first = submitted(cast, plc)
    services.adaptation_approve(actor=cast["north_lead"], adaptation=first)
    second = save(cast, plc, INSIDE | {"minutes": 60, "days_and_format": "Tuesdays"})
    assert second.version == 2 and second.status == "draft"
    row = next(
        r
        for r in selectors.school_supports(user=cast["north_lead"], school=cast.north_1)
        if r.support == plc
    )
    assert row.current.pk == first.pk and row.pending.pk == second.pk
    versions = selectors.adaptation_versions(
        user=cast["north_lead"], school=cast.north_1, support=plc
    )
    assert [v["adaptation"].version for v in versions] == [2, 1]
    assert ("Minutes each", "45", "60") in versions[0]["changes"]


def test_editing_a_returned_adaptation_keeps_the_returned_version(cast, plc):
    first = submitted(cast, plc)
    services.adaptation_return(actor=cast["north_lead"], adaptation=first, comment="Longer.")
    second = save(cast, plc, INSIDE | {"minutes": 50})
    first.refresh_from_db()
    assert (first.status, first.review_comment) == ("returned", "Longer.")
    assert second.version == 2


def test_a_submitted_version_cannot_change_until_reviewed(cast, plc):
    submitted(cast, plc)
    with pytest.raises(ValidationError, match="waits for the network lead"):
        save(cast, plc, INSIDE | {"minutes": 90})
    assert Adaptation.objects.filter(support=plc).count() == 1


def test_bad_plan_fields_are_named(cast, plc):
    with pytest.raises(ValidationError) as refused:
        save(
            cast,
            plc,
            {"occurrences": 0, "period": "fortnight", "minutes": 30, "delivered_by": ["janitor"]},
        )
    assert set(refused.value.message_dict) == {"occurrences", "period", "delivered_by"}
    assert not Adaptation.objects.exists()


# ---- pages ----


def edit_url(cast, support):
    return reverse("supports:adaptation_edit", args=[cast.north_1.pk, support.pk])


def form(plan):
    return {k: v for k, v in plan.items()} | {"protocol": "", "days_and_format": "", "note": ""}


def test_the_principal_saves_a_conflict_and_sees_it_on_the_school_page(cast, client_as, plc):
    client = client_as("principal_north_1")
    response = client.post(edit_url(cast, plc), form(OUTSIDE))
    assert response.status_code == 302
    page = client.get(reverse("supports:school_supports", args=[cast.north_1.pk])).content.decode()
    assert "The school wrote twice per month; the district requires at least once per week." in page
    assert "The school wrote 30 minutes each time" in page
    assert "Submit for approval" not in page


def test_a_crafted_submit_of_a_conflict_is_refused(cast, client_as, plc):
    draft = save(cast, plc, OUTSIDE)
    client = client_as("principal_north_1")
    response = client.post(reverse("supports:adaptation_submit", args=[draft.pk]), follow=True)
    assert "cannot be submitted" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_crafted_approval_of_a_conflict_is_refused(cast, client_as, plc):
    adaptation = submitted(cast, plc)
    Adaptation.objects.filter(pk=adaptation.pk).update(minutes=30)  # changed behind its back
    url = reverse("supports:adaptation_review", args=[adaptation.pk])
    response = client_as("north_lead").post(url, {"decision": "approve", "comment": ""})
    assert response.status_code == 400
    adaptation.refresh_from_db()
    assert adaptation.status == "submitted"


def test_the_network_lead_sees_the_queue_and_approves(cast, client_as, plc):
    adaptation = submitted(cast, plc)
    client = client_as("north_lead")
    queue = client.get(reverse("supports:adaptation_queue")).content.decode()
    assert reverse("supports:adaptation_review", args=[adaptation.pk]) in queue
    url = reverse("supports:adaptation_review", args=[adaptation.pk])
    review = client.get(url).content.decode()
    assert "once per week, 45 minutes each" in review and "Teacher or teacher leader" in review
    assert client.post(url, {"decision": "approve", "comment": ""}).status_code == 302
    adaptation.refresh_from_db()
    assert adaptation.status == "approved"


def test_returning_without_a_comment_is_refused_on_the_page(cast, client_as, plc):
    adaptation = submitted(cast, plc)
    url = reverse("supports:adaptation_review", args=[adaptation.pk])
    response = client_as("north_lead").post(url, {"decision": "return", "comment": ""})
    assert response.status_code == 400
    assert "Say what the school should change." in response.content.decode()


def test_the_other_network_lead_does_not_see_it_in_their_queue(cast, client_as, plc):
    adaptation = submitted(cast, plc)
    queue = client_as("south_lead").get(reverse("supports:adaptation_queue")).content.decode()
    assert reverse("supports:adaptation_review", args=[adaptation.pk]) not in queue
    url = reverse("supports:adaptation_review", args=[adaptation.pk])
    assert client_as("south_lead").post(url, {"decision": "approve"}).status_code == 404


def test_the_cabinet_queue_holds_the_schools_of_no_network(cast, client_as, plc):
    lone = f.SchoolFactory(district=cast.district, network=None, name="Lone Academy")
    in_network = submitted(cast, plc)
    f.MembershipFactory(
        person=cast["principal_north_1"].people.get(), role="principal", school=lone
    )
    alone = submitted(cast, plc, school=lone)
    queue = client_as("superintendent").get(reverse("supports:adaptation_queue")).content.decode()
    assert reverse("supports:adaptation_review", args=[alone.pk]) in queue
    assert reverse("supports:adaptation_review", args=[in_network.pk]) not in queue


def test_a_reader_cannot_write_or_review(cast, client_as, plc):
    # The coach reads the school's page but neither writes nor reviews adaptations.
    client = client_as("coach_north_1")
    assert client.post(edit_url(cast, plc), form(INSIDE)).status_code == 403
    adaptation = submitted(cast, plc)
    url = reverse("supports:adaptation_review", args=[adaptation.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 403
    submit = reverse("supports:adaptation_submit", args=[adaptation.pk])
    assert client.post(submit).status_code == 403
    adaptation.refresh_from_db()
    assert adaptation.status == "submitted"


def test_an_outsider_gets_not_found(cast, client_as, plc):
    adaptation = submitted(cast, plc)
    client = client_as("principal_north_2")
    assert client.post(edit_url(cast, plc), form(INSIDE)).status_code == 404
    assert (
        client.get(reverse("supports:school_supports", args=[cast.north_1.pk])).status_code == 404
    )
    assert (
        client.post(reverse("supports:adaptation_submit", args=[adaptation.pk])).status_code == 404
    )


def test_the_history_page_shows_what_changed_between_versions(cast, client_as, plc):
    first = submitted(cast, plc)
    services.adaptation_approve(actor=cast["north_lead"], adaptation=first)
    save(cast, plc, INSIDE | {"minutes": 60})
    url = reverse("supports:adaptation_history", args=[cast.north_1.pk, plc.pk])
    page = client_as("superintendent").get(url).content.decode()
    assert "What changed from version 1" in page
    assert "<td>45</td><td>60</td>" in page


def test_the_support_page_lists_the_adaptations_the_reader_sees(cast, client_as, plc):
    submitted(cast, plc)
    url = reverse("supports:support_detail", args=[plc.pk])
    school_page = reverse("supports:school_supports", args=[cast.north_1.pk])
    assert school_page in client_as("north_lead").get(url).content.decode()
    assert school_page not in client_as("principal_south_1").get(url).content.decode()


def test_an_assistant_principal_of_the_school_writes_it_too(cast, client, plc):
    person = f.PersonFactory(district=cast.district, school=cast.north_1)
    f.MembershipFactory(person=person, role="assistant_principal", school=cast.north_1)
    client.force_login(person.user)
    assert client.post(edit_url(cast, plc), form(INSIDE)).status_code == 302
    assert Adaptation.objects.get(support=plc).written_by == person.user
