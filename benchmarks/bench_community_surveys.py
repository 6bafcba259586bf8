"""`make bench`: the pages of family surveys in a large district. Asserts nothing about
time.

A district of 150 schools in 15 networks, with one open English and Spanish survey of
five questions (two scales, two choices, a text) and 50,000 responses spread over the
schools (about 230,000 answers), and 600 engagement events, is stored in a throwaway
SQLite database. Each page is requested as the person who uses it (median and p95 ms);
the answer POST (a family's visit: the page, then the answer) is timed as a whole.

    .venv/bin/python benchmarks/bench_community_surveys.py [--repeats 10]
"""

from __future__ import annotations

import datetime as dt
import random
import re
import statistics
import time
from pathlib import Path

from harness import (
    bench_district,
    bench_member,
    build_timed,
    console,
    django_in,
    run_bench,
    time_pages,
)
from page_timing import page_time

SCHOOLS, NETWORKS, RESPONSES, EVENTS = 150, 15, 50_000, 600


def big_district() -> dict:
    """The district of the module docstring; returns the users who open the pages."""
    from django.utils import timezone

    from districtwise.community import models as c
    from districtwise.core.roles import Role
    from districtwise.demo.community_surveys import _survey

    rng = random.Random(9)
    district, networks, schools = bench_district(SCHOOLS, NETWORKS)
    users = {}

    def member(name: str, role: str, **scope) -> None:
        bench_member(users, district, name, role, **scope)

    member("superintendent", Role.SUPERINTENDENT)
    member("network_lead", Role.NETWORK_LEAD, network=networks[0])
    member("principal", Role.PRINCIPAL, school=schools[0])
    survey = _survey(district, users["superintendent"])
    links = {link.school_id: link for link in survey.links.all()}
    questions = list(survey.questions.all())
    now = timezone.now()
    responses = c.Response.objects.bulk_create(
        (
            c.Response(
                survey=survey,
                link=links[school.pk],
                school=school,
                language="es" if rng.random() < 0.25 else "en",
                group=rng.choice(c.RespondentGroup.values),
                submitted_at=now - dt.timedelta(minutes=i),
            )
            for i in range(RESPONSES)
            for school in [rng.choice(schools)]
        ),
        batch_size=5000,
    )
    answers = []
    for response in responses:
        for q in questions:
            if q.kind == "scale":
                answers.append(
                    c.Answer(response=response, question=q, scale_value=rng.randint(1, 5))
                )
            elif q.kind == "choice":
                answers.append(c.Answer(response=response, question=q, choice=rng.randrange(4)))
            elif rng.random() < 0.3:
                answers.append(c.Answer(response=response, question=q, text="More evening events."))
    c.Answer.objects.bulk_create(answers, batch_size=10_000)
    c.EngagementEvent.objects.bulk_create(
        c.EngagementEvent(
            district=district,
            title=f"Event {i}",
            school=schools[i % SCHOOLS],
            held_on=dt.date(2026, 1, 1) + dt.timedelta(days=i % 300),
            attendance=rng.randint(5, 150),
            languages=rng.sample(["en", "es", "vi", "so"], 2),
        )
        for i in range(EVENTS)
    )
    users["survey"] = survey.pk
    users["answers"] = len(answers)
    users["link"] = links[schools[0].pk].key
    return users


TICKET = re.compile(r'name="ticket" value="([^"]+)"')


def answer_time(client, url: str, survey: int, repeats: int) -> str:
    """Median and p95 ms of a family's visit: GET the page (a ticket), POST the answer."""
    from districtwise.community.models import Question

    kinds = dict(Question.objects.filter(survey_id=survey).values_list("pk", "kind"))
    times = []
    for i in range(repeats + 1):
        began = time.perf_counter()
        page = client.get(url, HTTP_HOST="localhost")
        found = TICKET.search(page.content.decode())
        if found is None:
            raise RuntimeError("The family page gave no ticket.")
        data = {"ticket": found.group(1), "lang": "en", "group": "parent"}
        for pk, kind in kinds.items():
            data[f"q{pk}"] = {"scale": "4", "choice": "1"}.get(kind, "Thanks")
        answered = client.post(url, data, HTTP_HOST="localhost")
        if answered.status_code != 200:
            raise RuntimeError(f"The answer POST answered {answered.status_code}.")
        if i:
            times.append((time.perf_counter() - began) * 1000)
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    return f"{statistics.median(times):.0f} ms (p95 {p95:.0f} ms)"


def page_rows(folder: Path, repeats: int) -> list[tuple[str, str]]:
    django_in(folder)
    from django.test import Client
    from django.urls import reverse

    built = build_timed(big_district)
    survey = built["survey"]
    results = reverse("community:survey_results", args=[survey])
    pages = [
        ("Survey list (superintendent)", "superintendent", reverse("community:surveys")),
        ("Results, district-wide (superintendent)", "superintendent", results),
        ("Results, one school (superintendent)", "superintendent", f"{results}?school=1"),
        (
            "Results, Spanish parents (superintendent)",
            "superintendent",
            f"{results}?group=parent&language=es",
        ),
        ("Results, network (network lead)", "network_lead", results),
        ("Results, own school (principal)", "principal", results),
        (
            "Results CSV (superintendent)",
            "superintendent",
            reverse("community:survey_results_csv", args=[survey]),
        ),
        (
            "Links (superintendent)",
            "superintendent",
            reverse("community:survey_links", args=[survey]),
        ),
        ("Engagement events (superintendent)", "superintendent", reverse("community:events")),
    ]
    rows = time_pages(built, pages, repeats)
    family = Client()
    url = reverse("community:survey_answer", args=[built["link"]])
    rows.append(("Family page (anonymous GET)", page_time(family, url, repeats, "Family page")))
    rows.append(
        ("A family's visit: page and answer POST", answer_time(family, url, survey, repeats))
    )
    built_answers = built["answers"]
    console.print(f"{RESPONSES:,} responses, {built_answers:,} answers.")
    return rows


if __name__ == "__main__":
    run_bench(
        __doc__,
        page_rows,
        name="surveys",
        title="Family surveys: pages in a large district",
        footer=(
            f"District: {SCHOOLS} schools, {NETWORKS} networks, one open bilingual survey of five "
            f"questions with {RESPONSES:,} responses, {EVENTS} engagement events."
        ),
    )
