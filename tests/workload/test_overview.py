"""The workload overview sends a principal straight to their own school's audit and inbox;
the hours-saved link is only for the district-wide roles who may open it."""

from __future__ import annotations

from django.urls import reverse


def test_a_principal_finds_their_own_schools_pages(client_as, cast):
    page = client_as("principal_north_1").get(reverse("workload:overview")).content.decode()
    assert reverse("workload:tasks_school", args=[cast.north_1.pk]) in page
    assert reverse("workload:request_inbox", args=[cast.north_1.pk]) in page
    assert reverse("workload:tasks_school", args=[cast.north_2.pk]) not in page
    assert reverse("workload:request_hours") not in page


def test_the_cabinet_finds_the_hours_saved_and_no_school_of_its_own(client_as, cast):
    page = client_as("superintendent").get(reverse("workload:overview")).content.decode()
    assert reverse("workload:request_hours") in page
    assert reverse("workload:tasks_school", args=[cast.north_1.pk]) not in page
