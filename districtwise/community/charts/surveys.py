"""The results page's charts: one bar across per scale point or choice, drawn on the
server as SVG (the voice section's bars); a count hidden for privacy is drawn as no bar,
marked "hidden". The page gives the same figures as a table beside each chart."""

from __future__ import annotations

from districtwise.voice.charts.patterns import Bar, bars_across


def question_chart(result) -> str:
    """The answers to one question (a ``QuestionResult`` with figures)."""
    bars = [
        Bar(f.label, f.count, "hidden" if f.count is None else str(f.count)) for f in result.figures
    ]
    return bars_across(
        bars,
        chart_id=f"question-{result.question.pk}",
        title=f"Answers to question {result.number}: {result.wording}",
    )
