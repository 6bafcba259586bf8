"""The patterns page and the issue pages as their readers see them: anonymised counts for
the school's staff, groups by name for those who read needs, rising categories (also on
the superintendent's home page), time to answer on hand-built timestamps, and issues
opened, linked and answered through the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from districtwise.voice.models import Need, NeedIssue
from districtwise.voice.selectors.patterns import answer_timing, patterns_view
from tests.voice.patterns_support import need

pytestmark = pytest.mark.django_db

BUS_TITLES = ["Bus route change strands families", "Families stranded by new bus routes"]


def _bus_needs(cast):
    one = need(
        cast,
        "north_1",
        category="students_families",
        title=BUS_TITLES[0],
        description="Since the new bus routes started, families have no stop near them.",
    )
    two = need(
        cast,
        "south_1",
        category="students_families",
        title=BUS_TITLES[1],
        description="The bus route changes left several families without a stop.",
    )
    return one, two


def test_a_principal_sees_counts_but_no_titles_and_no_school_names(cast, client_as):
    _bus_needs(cast)
    page = client_as("principal_north_2").get(reverse("voice:patterns")).content.decode()
    assert "Students and families" in page  # the category is counted
    for title in BUS_TITLES:
        assert title not in page
    for school in ("North One Elementary", "North Two Middle", "South One High"):
        assert school not in page
    assert "anonymised" in page
    assert "Similar needs from several schools" not in page
    # the network chart and its table say the small counts are hidden
    assert "North Network: hidden; South Network: hidden." in page
    assert "Hidden (privacy rule)" in page


def test_small_network_counts_are_hidden_for_all_but_the_cabinet(cast, client_as):
    _bus_needs(cast)
    user = cast["principal_north_1"]
    view = patterns_view(user=user, district=cast.district)
    assert [t.count for t in view.by_network] == [None, None]  # 1 and 1, under 10
    cabinet = patterns_view(user=cast["superintendent"], district=cast.district)
    assert {t.label: t.count for t in cabinet.by_network} == {
        "North Network": 1,
        "South Network": 1,
    }


def test_a_network_of_one_school_is_hidden_however_many_needs(cast):
    for _ in range(12):
        need(cast, "south_1")
    for _ in range(15):
        need(cast, "north_1")
    view = patterns_view(user=cast["data_steward"], district=cast.district)
    # South (one school) is hidden; North alone would then be recoverable: hidden too.
    assert [t.count for t in view.by_network] == [None, None]
    assert view.total == 27


def test_counts_by_category_and_month(cast):
    now = timezone.now()
    need(cast, "north_1", category="safety", days_ago=0.5, now=now)
    need(cast, "north_2", category="safety", days_ago=1, now=now)
    need(cast, "south_1", category="budget", days_ago=400, now=now)  # over a year ago
    view = patterns_view(user=cast["superintendent"], district=cast.district, now=now)
    counts = {t.label: t.count for t in view.by_category}
    assert counts["Safety"] == 2 and counts["Budget"] == 0
    assert len(view.by_month) == 12
    assert sum(t.count or 0 for t in view.by_month) == 2


def test_the_cabinet_sees_similar_needs_of_several_schools_with_a_link_to_an_issue(cast, client_as):
    one, two = _bus_needs(cast)
    page = client_as("superintendent").get(reverse("voice:patterns")).content.decode()
    assert BUS_TITLES[0] in page and "South One High" in page
    assert reverse("voice:need", args=[one.pk]) in page
    assert f"need={one.pk}&amp;need={two.pk}" in page


def test_a_network_lead_sees_only_groups_among_their_networks_needs(cast):
    _bus_needs(cast)  # North One and South One: across networks
    view = patterns_view(user=cast["north_lead"], district=cast.district)
    assert view.groups == []
    cabinet = patterns_view(user=cast["superintendent"], district=cast.district)
    assert [len(g.needs) for g in cabinet.groups or []] == [2]


def test_rising_categories_are_on_the_page_and_on_the_superintendents_home(cast, client_as):
    now = timezone.now()
    for days in (1, 3, 5, 8, 12, 20):  # six in the last four weeks
        need(cast, "north_1", category="students_families", days_ago=days, now=now)
    for days in (30, 70):  # two in the twelve weeks before: mean 2/3
        need(cast, "north_2", category="students_families", days_ago=days, now=now)
    for days in (2, 30, 60, 90):  # steady
        need(cast, "south_1", category="facilities", days_ago=days, now=now)
    rising = patterns_view(user=cast["superintendent"], district=cast.district).rising
    assert [r.category for r in rising] == ["students_families"]
    home = client_as("superintendent").get(reverse("home")).content.decode()
    assert "Needs rising across schools" in home and "Students and families" in home
    assert reverse("voice:patterns") in home
    page = client_as("principal_north_1").get(reverse("voice:patterns")).content.decode()
    assert "9.0 times" in page  # 6 against a mean of 2/3


def test_only_the_superintendent_home_shows_the_rising_panel(cast, client_as):
    assert "Needs rising across schools" in client_as("superintendent").get("/").content.decode()
    for name in ("principal_north_1", "department_lead", "north_lead"):
        assert "Needs rising across schools" not in client_as(name).get("/").content.decode()


def test_time_to_answer_on_hand_built_timestamps(cast):
    now = timezone.now()
    for days in (1, 2, 3, 9):  # soon: target 7 days; three within
        answered = need(cast, "north_1", urgency="soon", days_ago=20, now=now)
        Need.objects.filter(pk=answered.pk).update(
            state="answered", answered_at=answered.raised_at + dt.timedelta(days=days)
        )
    late = need(cast, "north_2", urgency="urgent", days_ago=10, now=now)  # open, past due
    Need.objects.filter(pk=late.pk).update(due_at=now - dt.timedelta(days=8))
    need(cast, "south_1", urgency="soon", days_ago=1, now=now)  # open, not due
    rows, departments = answer_timing(
        user=cast["principal_north_1"], district=cast.district, now=now
    )
    (row,) = rows
    assert (row.department, row.urgency, row.target_days) == ("Teaching and Learning", "soon", 7)
    assert row.timing.answered == 4 and row.timing.median_days == pytest.approx(2.5)
    assert row.timing.p90_days == pytest.approx(7.2)  # rank 2.7: 3 + 0.7 * 6
    assert row.timing.within_target == 3
    (department,) = departments
    assert (department.answered, department.within_target, department.overdue_open) == (4, 3, 1)
    assert department.share_percent == 75


def test_a_department_lead_opens_an_issue_from_a_group_and_answers_it_on_the_page(cast, client_as):
    one, two = _bus_needs(cast)
    client = client_as("department_lead")
    form = client.get(reverse("voice:issue_new") + f"?need={one.pk}&need={two.pk}")
    assert form.status_code == 200
    assert "checked" in form.content.decode()
    response = client.post(
        reverse("voice:issue_new"),
        {
            "title": "New bus routes",
            "category": "students_families",
            "department": cast.department.pk,
            "summary": "",
            "needs": [one.pk, two.pk],
        },
    )
    issue = NeedIssue.objects.get(title="New bus routes")
    assert response.status_code == 302 and response.url == reverse("voice:issue", args=[issue.pk])
    refused = client.post(reverse("voice:issue_answer", args=[issue.pk]), {"answer": ""})
    assert refused.status_code == 400
    assert "Write the answer every linked school will read." in refused.content.decode()
    client.post(reverse("voice:issue_answer", args=[issue.pk]), {"answer": "Stops added."})
    assert set(Need.objects.filter(issue=issue).values_list("state", flat=True)) == {"answered"}
    page = client.get(reverse("voice:issue", args=[issue.pk])).content.decode()
    assert "Stops added." in page and BUS_TITLES[1] in page


def test_an_issue_form_with_no_title_says_so_and_keeps_the_choices(cast, client_as):
    one, _ = _bus_needs(cast)
    response = client_as("superintendent").post(
        reverse("voice:issue_new"),
        {
            "title": "",
            "category": "students_families",
            "department": cast.department.pk,
            "needs": [one.pk],
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved" in page and "This field is required." in page
    assert f'value="{one.pk}"' in page and "checked" in page
    assert not NeedIssue.objects.exists()


def test_a_network_lead_reads_an_issue_but_may_not_answer_it(cast, client_as):
    from tests.voice.matrix import matrix_issue

    issue = matrix_issue(cast)
    client = client_as("north_lead")
    assert client.get(reverse("voice:issue", args=[issue.pk])).status_code == 200
    response = client.post(reverse("voice:issue_answer", args=[issue.pk]), {"answer": "No."})
    assert response.status_code == 403
    assert not NeedIssue.objects.get(pk=issue.pk).answer


def test_unlinking_on_the_page_takes_the_need_off_the_issue(cast, client_as):
    from tests.voice.matrix import matrix_issue, matrix_need

    issue = matrix_issue(cast)
    client = client_as("department_lead")
    response = client.post(
        reverse("voice:issue_unlink", args=[issue.pk]), {"need": matrix_need(cast).pk}
    )
    assert response.status_code == 302
    assert not issue.needs.exists()


def test_a_large_group_lists_its_oldest_needs_and_counts_the_rest(cast, client_as):
    from districtwise.voice.selectors.patterns import GROUP_SHOWN

    schools = ["north_1", "north_2", "south_1"]
    for n in range(GROUP_SHOWN + 3):
        need(
            cast,
            schools[n % 3],
            category="students_families",
            title=f"Families stranded by the new bus routes ({n})",
            description="The bus route changes left families without a stop.",
            days_ago=n + 1,
        )
    page = client_as("superintendent").get(reverse("voice:patterns")).content.decode()
    assert f"{GROUP_SHOWN + 3} needs from 3 schools" in page
    assert "And 3 more needs like these." in page
    oldest = f"Families stranded by the new bus routes ({GROUP_SHOWN + 2})"
    newest = "Families stranded by the new bus routes (0)"
    assert oldest in page and newest not in page
