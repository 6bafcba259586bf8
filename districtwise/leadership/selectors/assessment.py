"""Reads of self-assessments: the list a user may see, one team's results (per item the
mean, the spread, the agreement and the "don't know" count; the individual answers to the
team's own members only), the weakest items a plan starts from, and the aggregates per
school, network and district, which never name who said what.

Statistics (on the ratings 1 to 4; "don't know" answers are counted but left out of them):
- the mean, and the spread as the range (highest minus lowest) and the population standard
  deviation (the team is the whole population it describes, not a sample of one);
- the agreement: the share of ratings within one level of their median. Below
  ``AGREEMENT_FLOOR`` an item is flagged for the team to discuss.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from districtwise.core.access import person_ids
from districtwise.core.scopes import scope_for
from districtwise.leadership import access
from districtwise.leadership.instrument import (
    ITEMS,
    SECTION_OF,
    SECTIONS,
    Item,
    Section,
)
from districtwise.leadership.models import Assessment, AssessmentAnswer, AssessmentStep

# Fewer than three in four ratings within one level of the median: the team should talk.
AGREEMENT_FLOOR = 0.75
# How many of a section's weakest items a drafted plan takes.
WEAKEST_PER_SECTION = 2


@dataclass(frozen=True)
class ItemStats:
    """The team's figures on one item."""

    item: Item
    ratings: tuple[int, ...]
    dont_know: int
    mean: float | None
    low: int | None
    high: int | None
    sd: float | None
    agreement: float | None

    @property
    def section_title(self) -> str:
        return SECTION_OF[self.item.key].title

    @property
    def answered(self) -> int:
        return len(self.ratings) + self.dont_know

    @property
    def spread(self) -> int | None:
        return None if self.low is None or self.high is None else self.high - self.low

    @property
    def flagged(self) -> bool:
        """Low agreement among at least two ratings: worth a discussion."""
        return (
            len(self.ratings) >= 2
            and self.agreement is not None
            and self.agreement < AGREEMENT_FLOOR
        )


def item_stats(item: Item, ratings: Iterable[int | None]) -> ItemStats:
    """The figures of one item from its answers (None for "don't know")."""
    answers = list(ratings)
    rated = tuple(r for r in answers if r is not None)
    dont_know = len(answers) - len(rated)
    if not rated:
        return ItemStats(item, rated, dont_know, None, None, None, None, None)
    median = statistics.median(rated)
    within = sum(1 for r in rated if abs(r - median) <= 1)
    return ItemStats(
        item=item,
        ratings=rated,
        dont_know=dont_know,
        mean=statistics.fmean(rated),
        low=min(rated),
        high=max(rated),
        sd=statistics.pstdev(rated),
        agreement=within / len(rated),
    )


@dataclass(frozen=True)
class SectionResult:
    section: Section
    items: tuple[ItemStats, ...]

    @property
    def mean(self) -> float | None:
        """The mean of every rating given in the section (don't-knows left out)."""
        pooled = [r for stats in self.items for r in stats.ratings]
        return statistics.fmean(pooled) if pooled else None

    @property
    def dont_know(self) -> int:
        return sum(s.dont_know for s in self.items)


@dataclass(frozen=True)
class MemberAnswer:
    person_name: str
    rating: int | None
    dont_know: bool
    evidence: str


@dataclass
class AssessmentResults:
    """One team's results; ``answers_by_item`` and ``progress`` only for its members."""

    sections: list[SectionResult]
    member_count: int
    shows_answers: bool
    answers_by_item: dict[str, list[MemberAnswer]] = field(default_factory=dict)
    progress: list[tuple[str, int]] = field(default_factory=list)

    @property
    def flagged(self) -> list[ItemStats]:
        return [s for section in self.sections for s in section.items if s.flagged]


def section_results(answers: Iterable[tuple[str, int | None]]) -> list[SectionResult]:
    """Per section, per item, the figures of ``answers`` (item key, rating or None)."""
    by_item: dict[str, list[int | None]] = defaultdict(list)
    for key, rating in answers:
        if key in ITEMS:
            by_item[key].append(rating)
    return [
        SectionResult(
            section=section,
            items=tuple(item_stats(item, by_item.get(item.key, [])) for item in section.items),
        )
        for section in SECTIONS
    ]


def assessment_results(*, user, assessment: Assessment) -> AssessmentResults:
    """The results of ``assessment`` as ``user`` may read them: aggregates for every reader,
    and who answered what (with their evidence) only for the team's own members."""
    answers = list(AssessmentAnswer.objects.filter(assessment=assessment).select_related("person"))
    members = list(assessment.members.all())
    shows = access.is_assessment_member(user, assessment.district, assessment)
    results = AssessmentResults(
        sections=section_results((a.item_key, a.rating) for a in answers),
        member_count=len(members),
        shows_answers=shows,
    )
    if shows:
        for answer in answers:
            results.answers_by_item.setdefault(answer.item_key, []).append(
                MemberAnswer(
                    answer.person.full_name, answer.rating, answer.dont_know, answer.evidence
                )
            )
        counts: dict[int, int] = defaultdict(int)
        for answer in answers:
            counts[answer.person_id] += 1
        results.progress = [(m.full_name, counts[m.pk]) for m in members]
    return results


def weakest_items(sections: Sequence[SectionResult], per_section: int = WEAKEST_PER_SECTION):
    """Per section, its weakest rated items: lowest mean first, ties to the wider spread
    (standard deviation), then the instrument's order. Items nobody rated are left out: a
    "don't know" from everyone is a question for the team, not a step of a plan."""
    chosen: list[ItemStats] = []
    for section in sections:
        rated = [s for s in section.items if s.mean is not None]
        rated.sort(key=lambda s: (s.mean, -(s.sd or 0.0)))
        chosen.extend(rated[:per_section])
    return chosen


def assessment_list(*, user, district):
    """The self-assessments the user may read, newest period first, with their member and
    answer counts (the answers in a subquery: joining both would multiply the rows)."""
    answers = (
        AssessmentAnswer.objects.filter(assessment_id=OuterRef("pk"))
        .values("assessment_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        access.visible_assessments(user, district)
        .select_related("school", "department")
        .annotate(
            member_count=Count("members", distinct=True),
            answer_count=Coalesce(Subquery(answers), 0),
        )
        .order_by("-period", "-created_at")
    )


def my_open_assessments(*, user, district) -> list[Assessment]:
    """The open self-assessments the user is a member of (to answer)."""
    return list(
        Assessment.objects.filter(
            district=district,
            status=Assessment.Status.OPEN,
            members__in=person_ids(user, district),
        )
        .select_related("school", "department")
        .distinct()
    )


def plan_steps(*, user, assessment: Assessment) -> list[AssessmentStep]:
    """The plan's steps (readable by everyone who reads the assessment's aggregates)."""
    return list(
        assessment.plan_steps.select_related("owner", "initiative").order_by("section", "item_key")
    )


# ---- aggregates per school, network and district ----


@dataclass
class SummaryRow:
    level: str  # "district", "network", "school" or "central"
    label: str
    teams: int
    means: dict[str, float | None]

    @property
    def overall(self) -> float | None:
        values = [v for v in self.means.values() if v is not None]
        return statistics.fmean(values) if values else None

    @property
    def section_means(self) -> list[float | None]:
        return [self.means.get(s.key) for s in SECTIONS]


@dataclass
class _Pool:
    teams: set[int] = field(default_factory=set)
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    count: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, assessment_id: int, section: str, total: int, count: int) -> None:
        self.teams.add(assessment_id)
        self.total[section] += total
        self.count[section] += count

    def row(self, level: str, label: str) -> SummaryRow:
        means = {
            s.key: (self.total[s.key] / self.count[s.key]) if self.count[s.key] else None
            for s in SECTIONS
        }
        return SummaryRow(level, label, len(self.teams), means)


def _chosen_assessments(user, district, *, include_open: bool) -> list[Assessment]:
    """The latest assessment of each team the user may read: closed ones only, unless
    ``include_open``."""
    found = access.visible_assessments(user, district).select_related(
        "school__network", "department"
    )
    if not include_open:
        found = found.filter(status=Assessment.Status.CLOSED)
    latest: dict[tuple, Assessment] = {}
    for assessment in found.order_by("-period", "-created_at", "-pk"):
        latest.setdefault((assessment.school_id, assessment.department_id), assessment)
    return list(latest.values())


def assessment_summary(*, user, district, include_open: bool = False) -> list[SummaryRow]:
    """Section means pooled over the latest (closed, unless ``include_open``) assessment of
    each team in the user's reach: the district (district-wide roles), each network (its
    lead, or district-wide roles), each school and each central-office team. Never who said
    what: only sums and counts of ratings leave the database."""
    scope = scope_for(user, district)
    chosen = {a.pk: a for a in _chosen_assessments(user, district, include_open=include_open)}
    sums = (
        AssessmentAnswer.objects.filter(assessment_id__in=list(chosen), rating__isnull=False)
        .values("assessment_id", "section")
        .annotate(total=Sum("rating"), n=Count("id"))
    )
    pools: dict[tuple[str, str], _Pool] = defaultdict(_Pool)
    for row in sums:
        assessment = chosen[row["assessment_id"]]
        for key in _pool_keys(assessment, scope, district):
            pools[key].add(assessment.pk, row["section"], row["total"], row["n"])
    order = {"district": 0, "network": 1, "school": 2, "central": 3}
    return [
        pool.row(level, label)
        for (level, label), pool in sorted(
            pools.items(), key=lambda kv: (order[kv[0][0]], kv[0][1])
        )
    ]


def _pool_keys(assessment: Assessment, scope, district) -> list[tuple[str, str]]:
    """The rows an assessment's ratings count in, as far as the user reaches."""
    keys = [("district", district.name)] if scope.district_wide else []
    school, department = assessment.school, assessment.department
    if school is not None:
        network = school.network
        if network is not None and (
            scope.district_wide or network.pk in access.supervised_network_ids(scope)
        ):
            keys.append(("network", network.name))
        keys.append(("school", school.name))
    elif department is not None:
        keys.append(("central", department.name))
    return keys


def top_row(rows: Sequence[SummaryRow]) -> SummaryRow | None:
    """The widest row the user reads (district, else a network, else a school)."""
    return rows[0] if rows else None


def section_of(item_key: str) -> Section:
    return SECTION_OF[item_key]
