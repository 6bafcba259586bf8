"""Reading what a network learned: the change ideas by schools matrix, the spread of each
idea, the learning log and the month's meeting summary. Each selector takes the user and
reads only a network the user may see (``access.get_network_for_user`` found it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from districtwise.analytics.improvement import learning as rollup
from districtwise.improvement import access
from districtwise.improvement.models import (
    ChangeIdea,
    Cycle,
    ImprovementNetwork,
    LearningEntry,
    Team,
)
from districtwise.improvement.selectors.charts import MeasureChart, network_charts

STATE_NAMES = {
    rollup.ADOPT: "Adopt",
    rollup.ADAPT: "Adapt",
    rollup.ABANDON: "Abandon",
    rollup.IN_PROGRESS: "In progress",
}
# A symbol beside each decision's colour, so the matrix does not rest on colour alone.
STATE_SYMBOLS = {
    rollup.ADOPT: "✓",
    rollup.ADAPT: "↻",
    rollup.ABANDON: "✕",
    rollup.IN_PROGRESS: "…",
}

STATE_COLOURS = {
    rollup.ADOPT: "#00a91c",
    rollup.ADAPT: "#e5a000",
    rollup.ABANDON: "#b50909",
    rollup.IN_PROGRESS: "#a9aeb1",
}


@dataclass(frozen=True)
class Decision:
    """A decision as a page shows it: its code (for the colour), name and symbol."""

    code: str

    @property
    def name(self) -> str:
        return STATE_NAMES[self.code]

    @property
    def symbol(self) -> str:
        return STATE_SYMBOLS[self.code]

    @property
    def colour(self) -> str:
        return STATE_COLOURS[self.code]


def _fact(cycle: Cycle) -> rollup.CycleFact:
    closed = cycle.stage == Cycle.Stage.CLOSED
    starts = cycle.started_on or cycle.planned_start
    ends = (cycle.closed_on or cycle.planned_end or starts) if closed else None
    return rollup.CycleFact(
        idea=cycle.change_idea_id,
        team=cycle.team_id,
        starts=starts,
        closed=closed,
        decision=cycle.decision,
        ends=ends,
        order=cycle.pk,
    )


def _cycles(network: ImprovementNetwork) -> QuerySet[Cycle]:
    return Cycle.objects.filter(team__network=network).only(
        "pk", "team_id", "change_idea_id", "stage", "decision", "started_on",
        "planned_start", "planned_end", "closed_on",
    )  # fmt: skip


def cycle_facts(*, user, network: ImprovementNetwork) -> list[rollup.CycleFact]:
    """The network's cycles as the learning roll-ups read them."""
    access.get_network_for_user(user, network.district, network.pk)
    return [_fact(c) for c in _cycles(network)]


def _ideas_shown(network: ImprovementNetwork, with_cycles: set[int]) -> list[ChangeIdea]:
    """The network's ideas: current ones, and retired ones that were tested."""
    ideas = network.change_ideas.all()
    return [i for i in ideas if i.retired_at is None or i.pk in with_cycles]


@dataclass
class MatrixRow:
    idea: ChangeIdea
    cells: list[dict[str, Any]]
    total: int
    schools: int


@dataclass
class LearningMatrix:
    """Change ideas (rows) by teams (columns): cycles and the latest decision per cell."""

    teams: list[Team]
    rows: list[MatrixRow]
    team_totals: list[int]
    total: int


def _row(idea, teams, cells, by_idea) -> MatrixRow:
    found = []
    for team in teams:
        cell = cells.get((idea.pk, team.pk))
        found.append(
            {"team": team, "cycles": cell.cycles, "latest": Decision(cell.latest)}
            if cell
            else {"team": team, "cycles": 0, "latest": None}
        )
    schools = sum(1 for c in found if c["cycles"])
    return MatrixRow(idea=idea, cells=found, total=by_idea.get(idea.pk, 0), schools=schools)


def learning_matrix(
    *, user, network: ImprovementNetwork, facts: list[rollup.CycleFact] | None = None
) -> LearningMatrix:
    """The ideas by schools matrix of the network, with totals per idea and per team."""
    facts = cycle_facts(user=user, network=network) if facts is None else facts
    cells = rollup.idea_school_matrix(facts)
    by_idea, by_team, total = rollup.cycle_totals(cells)
    teams = list(network.teams.select_related("school"))
    ideas = _ideas_shown(network, set(by_idea))
    return LearningMatrix(
        teams=teams,
        rows=[_row(idea, teams, cells, by_idea) for idea in ideas],
        team_totals=[by_team.get(t.pk, 0) for t in teams],
        total=total,
    )


@dataclass
class SpreadRow:
    """One idea's spread, with the bar segments of its chart (shares of all the teams)."""

    idea: ChangeIdea
    spread: rollup.Spread
    segments: list[dict[str, Any]] = field(default_factory=list)


def _segments(spread: rollup.Spread, team_count: int) -> list[dict[str, Any]]:
    counts = [
        (rollup.ADOPT, spread.adopted),
        (rollup.ADAPT, spread.adapted),
        (rollup.ABANDON, spread.abandoned),
        (rollup.IN_PROGRESS, spread.in_progress),
    ]
    segments, offset = [], 0.0
    for code, count in counts:
        share = count / team_count if team_count else 0.0
        if count:
            segments.append({"decision": Decision(code), "count": count, "x": offset, "w": share})
        offset += share
    return segments


def idea_spread(
    *, user, network: ImprovementNetwork, facts: list[rollup.CycleFact] | None = None
) -> list[SpreadRow]:
    """Per change idea that was tested: in how many schools, and how many adopted, adapted,
    abandoned it or still test it (by each school's latest decision); most adopted first."""
    facts = cycle_facts(user=user, network=network) if facts is None else facts
    spreads = rollup.spread(rollup.idea_school_matrix(facts))
    ideas = {i.pk: i for i in network.change_ideas.filter(pk__in=spreads)}
    team_count = network.teams.count()
    rows = [
        SpreadRow(idea=ideas[pk], spread=s, segments=_segments(s, team_count))
        for pk, s in spreads.items()
    ]
    return sorted(rows, key=lambda r: (-r.spread.adopted, -r.spread.tested, r.idea.title))


@dataclass(frozen=True)
class AdoptionRow:
    idea: ChangeIdea
    team: Team
    first_tested: dt.date
    first_adopted: dt.date
    days: int


def moved_to_adoption(
    *, user, network: ImprovementNetwork, facts: list[rollup.CycleFact] | None = None
) -> list[AdoptionRow]:
    """Where an idea moved from testing to adoption: per school, the start of its first
    cycle on the idea and the day its first "adopt" closed, earliest adoption first."""
    facts = cycle_facts(user=user, network=network) if facts is None else facts
    ideas = {i.pk: i for i in network.change_ideas.all()}
    teams = {t.pk: t for t in network.teams.select_related("school")}
    return [
        AdoptionRow(ideas[a.idea], teams[a.team], a.first_tested, a.first_adopted, a.days)
        for a in rollup.adoptions(facts)
    ]


def _author_names(network: ImprovementNetwork, entries: list[LearningEntry]) -> dict:
    from districtwise.organization.models import Person

    users = {e.author_id for e in entries if e.author_id}
    people = Person.objects.filter(district=network.district_id, user_id__in=users)
    return {p.user_id: p.full_name for p in people}


def learning_log(
    *, user, network: ImprovementNetwork, entries: QuerySet[LearningEntry] | None = None
) -> list[dict[str, Any]]:
    """The network's learning log (or the given part of it), newest first: each entry with
    its author's name and whether the user may change it."""
    access.get_network_for_user(user, network.district, network.pk)
    found = list(
        (entries if entries is not None else network.learning_entries.all()).select_related(
            "change_idea", "team__school", "author"
        )
    )
    names = _author_names(network, found)
    runs = access.runs_network(user, network.district, network)
    member = runs or access.is_network_member(user, network.district, network)
    return [
        {
            "entry": e,
            "author": names.get(e.author_id) or (e.author.get_username() if e.author else "—"),
            "may_change": runs or (member and e.author_id == user.pk),
        }
        for e in found
    ]


# ---- the meeting summary ----
@dataclass(frozen=True)
class MonthCycle:
    """A cycle that ran in the month, and where it stood at the month's end."""

    cycle: Cycle
    decided: Decision | None  # the decision, when it closed within the month
    stood: str  # in words: the decision, or the stage it was in


@dataclass
class TeamMonth:
    team: Team
    cycles: list[MonthCycle]


@dataclass
class MeetingSummary:
    """A month of the network's work: the cycles that ran, the decisions taken, the
    learning log's entries and the measures' charts."""

    network: ImprovementNetwork
    first: dt.date
    last: dt.date
    teams: list[TeamMonth]
    decisions: dict[str, int]
    entries: list[dict[str, Any]]
    charts: list[Any]

    @property
    def cycle_count(self) -> int:
        return sum(len(t.cycles) for t in self.teams)

    @property
    def idea_count(self) -> int:
        return len({c.cycle.change_idea_id for t in self.teams for c in t.cycles})

    @property
    def decision_counts(self) -> list[tuple[Decision, int]]:
        return [(Decision(code), count) for code, count in self.decisions.items()]

    @property
    def in_period(self) -> bool:
        return self.network.starts_on <= self.last and self.first <= self.network.ends_on


def _month_cycle(cycle: Cycle, fact: rollup.CycleFact, last: dt.date) -> MonthCycle:
    if fact.closed and fact.ends is not None and fact.ends <= last:
        decision = Decision(fact.state)
        return MonthCycle(cycle, decision, f"Decided: {decision.name}")
    stage = Cycle.Stage(cycle.stage)
    if stage == Cycle.Stage.CLOSED:  # closed after the month: open through it
        return MonthCycle(cycle, None, "Still testing at the month's end")
    return MonthCycle(cycle, None, f"In the {stage.label} stage")


def cycles_of_month(*, user, network: ImprovementNetwork, first: dt.date, last: dt.date):
    """The cycles that ran from ``first`` to ``last`` (open, or closed in that time), by
    team and then change idea."""
    access.get_network_for_user(user, network.district, network.pk)
    cycles = Cycle.objects.filter(team__network=network).select_related(
        "team__school", "change_idea"
    )
    by_team: dict[int, TeamMonth] = {}
    for cycle in cycles:
        fact = _fact(cycle)
        if rollup.active_between(fact, first, last):
            shown = by_team.setdefault(cycle.team_id, TeamMonth(cycle.team, []))
            shown.cycles.append(_month_cycle(cycle, fact, last))
    for shown in by_team.values():
        shown.cycles.sort(key=lambda c: (c.cycle.change_idea.title, _fact(c.cycle).starts))
    return sorted(by_team.values(), key=lambda t: t.team.school.name)


def measure_charts(*, user, network: ImprovementNetwork) -> list[MeasureChart]:
    """The network's measure charts (the network line of each measure), as the charts part
    draws them."""
    return network_charts(user=user, network=network)


def meeting_summary(*, user, network: ImprovementNetwork, year: int, month: int):
    """What the network did in one month, for its meeting: the cycles that ran (by team
    and idea, with the decisions taken), the learning log's entries of the month and
    what the measures did (their charts)."""
    first, last = rollup.month_span(year, month)
    teams = cycles_of_month(user=user, network=network, first=first, last=last)
    decisions = dict.fromkeys((rollup.ADOPT, rollup.ADAPT, rollup.ABANDON), 0)
    for shown in teams:
        for c in shown.cycles:
            if c.decided is not None:
                decisions[c.decided.code] += 1
    month_entries = network.learning_entries.filter(written_on__range=(first, last))
    return MeetingSummary(
        network=network,
        first=first,
        last=last,
        teams=teams,
        decisions=decisions,
        entries=learning_log(user=user, network=network, entries=month_entries),
        charts=measure_charts(user=user, network=network),
    )


# ---- the meeting summary as a PDF ----
@dataclass(frozen=True)
class DrawnSummary:
    pdf: bytes
    pages: int


def meeting_summary_html(summary: MeetingSummary) -> str:
    """The HTML the meeting summary's PDF is drawn from."""
    from django.template.loader import render_to_string
    from django.utils import timezone

    context = {"summary": summary, "network": summary.network, "printed_at": timezone.localtime()}
    return render_to_string("improvement/learning_summary_pdf.html", context)


def drawn_pdf(html: str) -> DrawnSummary:
    """HTML drawn as a PDF by WeasyPrint. Fonts are the machine's; nothing is fetched (only
    ``data:`` addresses are read)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=["data"])
    document = HTML(string=html, url_fetcher=fetcher).render()
    pdf = document.write_pdf()
    assert pdf is not None  # with no target, WeasyPrint returns the bytes
    return DrawnSummary(pdf=pdf, pages=len(document.pages))


def meeting_summary_pdf(*, user, network: ImprovementNetwork, year: int, month: int):
    """The month's meeting summary with the network's charts, as a PDF (a few pages: drawn
    at once, in the request)."""
    summary = meeting_summary(user=user, network=network, year=year, month=month)
    return drawn_pdf(meeting_summary_html(summary))
