"""Reads of the data-request registry, each for a user and only what they may see: the
registry with its filters, a school's inbox, the vocabulary and the fields the district
already holds, the overlap proposals and the hours saved."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from districtwise.analytics.workload import requests as analysis
from districtwise.core.scopes import scope_for
from districtwise.organization.models import Department, School
from districtwise.workload import requests_access as access
from districtwise.workload.models import DataRequest, DataRequestLine, RequestField


def addressed_school_ids(data_request: DataRequest) -> frozenset[int]:
    """The schools a request goes to."""
    if data_request.audience == DataRequest.Audience.ALL:
        schools = School.objects.filter(district_id=data_request.district_id)
    elif data_request.audience == DataRequest.Audience.NETWORK:
        schools = School.objects.filter(network_id=data_request.network_id or 0)
    else:
        return frozenset(s.pk for s in data_request.schools.all())
    return frozenset(schools.values_list("pk", flat=True))


def _with_lines(found: QuerySet[DataRequest]) -> QuerySet[DataRequest]:
    lines = DataRequestLine.objects.select_related("field")
    return found.select_related(
        "department", "requester", "network", "merged_into"
    ).prefetch_related(Prefetch("lines", queryset=lines), "schools")


def request_list(
    *,
    user,
    district,
    department_id: int | None = None,
    school_id: int | None = None,
    status: str = "",
) -> QuerySet[DataRequest]:
    """The requests the user sees, filtered by department, school addressed and status."""
    found = access.visible_requests(scope_for(user, district), district)
    if department_id:
        found = found.filter(department_id=department_id)
    if school_id:
        found = found.filter(pk__in=found.filter(access.addressed_to([school_id])).values("pk"))
    if status:
        found = found.filter(status=status)
    return _with_lines(found)


def school_inbox(*, user, district, school: School) -> QuerySet[DataRequest]:
    """The active requests a school answers: after a consolidation, one for the merged."""
    return request_list(
        user=user, district=district, school_id=school.pk, status=DataRequest.Status.ACTIVE
    )


def department_choices(*, user, district) -> QuerySet[Department]:
    """Departments the user may send requests for."""
    allowed = access.creatable_department_ids(scope_for(user, district))
    found = Department.objects.filter(district=district)
    return found if allowed is None else found.filter(pk__in=allowed)


def vocabulary(*, district) -> QuerySet[RequestField]:
    """The field vocabulary of the district, with how many lines ask for each field."""
    from django.db.models import Count, Q

    active = Q(lines__request__status=DataRequest.Status.ACTIVE)
    return RequestField.objects.filter(district=district).annotate(
        asked=Count("lines", filter=active)
    )


@dataclass
class HeldField:
    """A field the district already holds, and the active requests still asking for it."""

    field: RequestField
    requests: list[DataRequest]


def held_fields(*, user, district) -> list[HeldField]:
    """Fields the central office holds in its data, with the requests that ask them."""
    asking: dict[int, list[DataRequest]] = defaultdict(list)
    active = request_list(user=user, district=district, status=DataRequest.Status.ACTIVE)
    for data_request in active:
        for line in data_request.lines.all():
            if line.field is not None and line.field.held:
                asking[line.field.pk].append(data_request)
    held = [f for f in vocabulary(district=district) if f.held]
    return [HeldField(f, asking.get(f.pk, [])) for f in held]


def facts(data_request: DataRequest, school_ids: frozenset[int]) -> analysis.RequestFacts:
    """What the analysis needs of a request (lines prefetched with their fields)."""
    lines = list(data_request.lines.all())
    return analysis.RequestFacts(
        id=data_request.pk,
        team=str(data_request.department),
        fields=frozenset(line.field_id for line in lines if line.field_id),
        school_ids=school_ids,
        frequency=data_request.frequency,
        due_on=data_request.due_on,
        unmatched=sum(1 for line in lines if not line.field_id),
    )


def _all_facts(requests: list[DataRequest]) -> list[analysis.RequestFacts]:
    if not requests:
        return []
    district_id = requests[0].district_id
    every = frozenset(School.objects.filter(district_id=district_id).values_list("pk", flat=True))
    by_network: dict[int, set[int]] = defaultdict(set)
    for pk, network_id in School.objects.filter(district_id=district_id).values_list(
        "pk", "network_id"
    ):
        if network_id:
            by_network[network_id].add(pk)
    out = []
    for r in requests:
        if r.audience == DataRequest.Audience.ALL:
            ids = every
        elif r.audience == DataRequest.Audience.NETWORK:
            ids = frozenset(by_network.get(r.network_id or 0, set()))
        else:
            ids = frozenset(s.pk for s in r.schools.all())
        out.append(facts(r, ids))
    return out


@dataclass
class ProposalView:
    """A proposal as the overlaps page shows it."""

    proposal: analysis.Proposal
    requests: list[DataRequest]
    shared_fields: list[RequestField]
    fields: list[RequestField]
    dropped_held: list[RequestField]
    common_schools: list[School]
    school_count: int
    hours_before: Decimal
    hours_after: Decimal

    @property
    def request_ids(self) -> str:
        return ",".join(str(pk) for pk in self.proposal.request_ids)

    @property
    def frequency_label(self) -> str:
        return DataRequest.Frequency(self.proposal.frequency).label


def _field_maps(district) -> tuple[dict[int, RequestField], dict[int, int], frozenset[int]]:
    fields = {f.pk: f for f in RequestField.objects.filter(district=district)}
    minutes = {pk: f.minutes_per_school for pk, f in fields.items()}
    held = frozenset(pk for pk, f in fields.items() if f.held)
    return fields, minutes, held


def overlap_proposals(*, user, district) -> list[ProposalView]:
    """Groups of active requests that ask the same schools for the same fields, with the
    consolidated request proposed for each."""
    active = list(request_list(user=user, district=district, status=DataRequest.Status.ACTIVE))
    by_id = {r.pk: r for r in active}
    facts_by_id = {f.id: f for f in _all_facts(active)}
    fields, minutes, held = _field_maps(district)
    schools = {s.pk: s for s in School.objects.filter(district=district)}
    views = []
    for p in analysis.propose(facts_by_id.values(), held=held):
        before = sum((analysis.yearly_minutes(facts_by_id[i], minutes) for i in p.request_ids), 0)
        unmatched = sum(facts_by_id[i].unmatched for i in p.request_ids)
        merged = analysis.RequestFacts(
            0, "", p.fields, p.school_ids, p.frequency, p.due_on, unmatched
        )
        views.append(
            ProposalView(
                proposal=p,
                requests=[by_id[i] for i in p.request_ids],
                shared_fields=sorted((fields[f] for f in p.shared_fields), key=str),  # type: ignore[index]
                fields=sorted((fields[f] for f in p.fields), key=str),  # type: ignore[index]
                dropped_held=sorted((fields[f] for f in p.dropped_held), key=str),  # type: ignore[index]
                common_schools=sorted((schools[s] for s in p.common_school_ids), key=str),
                school_count=len(p.school_ids),
                hours_before=Decimal(before) / 60,
                hours_after=Decimal(analysis.yearly_minutes(merged, minutes)) / 60,
            )
        )
    return views


@dataclass
class HoursRow:
    """One line of the hours-saved summary (a request or a department)."""

    label: str
    saving: analysis.Saving
    data_request: DataRequest | None = None


@dataclass
class HoursSummary:
    requests: list[HoursRow]
    departments: list[HoursRow]
    district: analysis.Saving
    bars: list[dict]


def _bars(rows: list[HoursRow]) -> list[dict]:
    """Hours saved per department for the bar chart (share of the largest)."""
    top = max((r.saving.saved for r in rows), default=Decimal(0))
    return [
        {
            "label": r.label,
            "value": f"{r.saving.saved:.1f}",
            "share": float(r.saving.saved / top) if top > 0 else 0.0,
        }
        for r in rows
    ]


def hours_summary(*, user, district) -> HoursSummary:
    """School-staff hours a year the requests cost before and after consolidation and the
    removal of fields the district holds: per original request, per department, in all."""
    every = list(request_list(user=user, district=district))
    merged_from: dict[int, list[int]] = defaultdict(list)
    for r in every:
        if r.merged_into_id:
            merged_from[r.merged_into_id].append(r.pk)
    _, minutes, held = _field_maps(district)
    active_ids = frozenset(r.pk for r in every if r.status == DataRequest.Status.ACTIVE)
    savings = analysis.hours_saved(
        _all_facts(every),
        minutes=minutes,
        held=held,
        merged_from=merged_from,
        active_ids=active_ids,
    )
    rows = [HoursRow(r.title, savings[r.pk], r) for r in every if r.pk in savings]
    per_department: dict[str, list[analysis.Saving]] = defaultdict(list)
    for row in rows:
        per_department[str(row.data_request.department)].append(row.saving)  # type: ignore[union-attr]
    departments = [HoursRow(name, analysis.totals(s)) for name, s in sorted(per_department.items())]
    total = analysis.totals(savings.values())
    return HoursSummary(rows, departments, total, _bars(departments))
