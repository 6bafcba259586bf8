"""The demo's PDSA cycles, chained into ramps, and its network learning log."""

from __future__ import annotations

import datetime as dt

from districtwise.improvement.models import Cycle, LearningEntry


def _cycle(
    team, idea, title, start, *, previous=None, decision="", stage="closed", **texts
) -> Cycle:
    closed = start + dt.timedelta(days=18) if stage == "closed" else None
    return Cycle.objects.create(
        team=team,
        change_idea=idea,
        previous=previous,
        title=title,
        stage=stage,
        question=texts.get("question", f"Will {idea.title.lower()} work with our ninth graders?"),
        prediction=texts.get("prediction", "Most students involved will act on it within a week."),
        plan_who="Two advisors",
        plan_what=idea.description,
        planned_start=start,
        planned_end=start + dt.timedelta(days=14),
        data_to_collect="A tally per student, each day.",
        started_on=start if stage != "plan" else None,
        what_happened=texts.get("happened", "Ran as planned, with a few students absent.")
        if stage != "plan"
        else "",
        results=texts.get("results", "") if stage in ("act", "closed") else "",
        decision=decision,
        closed_on=closed,
        next_steps=texts.get("next", ""),
    )


def cycles_build(teams, ideas) -> None:
    """Ramps: the first team takes the weekly grade check from two advisories to the
    whole grade (adopted before the shift); the second adapts the family texts and then
    adopts them; the third abandons the peer study tables; one cycle is under way."""
    first = _cycle(
        teams[0],
        ideas["grade_check"],
        "Grade check in two advisories",
        dt.date(2025, 9, 15),
        decision="adapt",
        results="18 of 30 students looked at every grade; Mondays were too rushed.",
        next="Move it to Tuesday and give it fifteen minutes.",
    )
    second = _cycle(
        teams[0],
        ideas["grade_check"],
        "Grade check on Tuesdays, five advisories",
        dt.date(2025, 10, 13),
        previous=first,
        decision="adapt",
        results="41 of 50 did; advisors asked for a one-page guide.",
        next="Write the guide; try it with every ninth-grade advisory.",
    )
    _cycle(
        teams[0],
        ideas["grade_check"],
        "Grade check in every ninth-grade advisory",
        dt.date(2025, 11, 10),
        previous=second,
        decision="adopt",
        results="Nine in ten students each week; failing grades caught in days.",
        next="Adopted from December 1 for the whole grade.",
    )
    if len(teams) > 1:
        text = _cycle(
            teams[1],
            ideas["family_text"],
            "Texts home from two teachers",
            dt.date(2025, 10, 6),
            decision="adapt",
            results="Families answered; the wording confused some.",
            next="Rewrite the text with two parents.",
        )
        _cycle(
            teams[1],
            ideas["family_text"],
            "Rewritten texts from the whole team",
            dt.date(2025, 11, 3),
            previous=text,
            decision="adopt",
            results="Missing work turned in within two days for most.",
        )
        _cycle(
            teams[1],
            ideas["recovery"],
            "A first grade recovery Friday",
            dt.date(2026, 2, 6),
            stage="do",
        )
    if len(teams) > 2:
        _cycle(
            teams[2],
            ideas["study_tables"],
            "Peer study tables at lunch",
            dt.date(2025, 10, 20),
            decision="abandon",
            results="Few tutors came; students would not give up lunch.",
            next="Drop it; try check-ins instead.",
        )
        _cycle(
            teams[2],
            ideas["check_in"],
            "Check-ins for ten flagged students",
            dt.date(2025, 11, 17),
            decision="adopt",
            results="Eight of ten raised a grade within three weeks.",
        )


def learning_build(network, teams, ideas) -> None:
    entries = [
        (
            dt.date(2025, 10, 30),
            "Mondays are the worst day for anything new in advisory.",
            "grade_check",
            0,
        ),
        (
            dt.date(2025, 11, 28),
            "Family texts work when a parent helped write them.",
            "family_text",
            1,
        ),
        (
            dt.date(2025, 12, 4),
            "Lunch is students' own time: study tables there did not take.",
            "study_tables",
            2,
        ),
        (
            dt.date(2026, 2, 2),
            "On-track rose at the first school after the grade check "
            "was adopted; two more schools will test it.",
            "grade_check",
            0,
        ),
    ]
    for on, text, key, index in entries:
        LearningEntry.objects.create(
            network=network,
            written_on=on,
            text=text,
            change_idea=ideas[key],
            team=teams[index] if index < len(teams) else None,
        )
