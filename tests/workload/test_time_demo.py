"""The demo's planted facts of time use, found by the summaries: network N1 well below
the goal, and one principal improving every week. Built on a small hand-made district of
two networks of three schools (the demo's network codes), not the whole demo."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from districtwise.analytics.workload.time_use import rises_every_period
from districtwise.core.roles import Role
from districtwise.demo.workload_time import PLANTED, WEEKS, improving_principal, workload_time_build
from districtwise.workload.selectors.time_use import (
    district_aggregates,
    network_comparison,
    principal_summary,
)
from tests import factories as f


@pytest.fixture
def district(db):
    district = f.DistrictFactory(code="timeville")
    for n in ("N1", "N2"):
        network = f.NetworkFactory(district=district, code=n, name=f"Network {n}")
        lead = f.PersonFactory(district=district, user__username=f"lead_{n}")
        f.MembershipFactory(person=lead, role=Role.NETWORK_LEAD, network=network)
        for s in range(3):
            school = f.SchoolFactory(district=district, network=network, code=f"{n}-S{s}")
            head = f.PersonFactory(district=district, school=school)
            f.MembershipFactory(person=head, role=Role.PRINCIPAL, school=school)
    cabinet = f.PersonFactory(district=district, user__username="cabinet_tv")
    f.MembershipFactory(person=cabinet, role=Role.SUPERINTENDENT)
    workload_time_build(district=district, seed=11)
    return district


def user(district, username):
    return district.people.get(user__username=username).user


def test_the_network_below_the_goal_is_found_in_the_aggregates(district):
    rows, whole, goal = district_aggregates(user=user(district, "cabinet_tv"), district=district)
    shares = {r.name: r.period.instructional_share for r in rows if r.period}
    low = f"Network {PLANTED['network_below_goal']}"
    assert shares[low] < goal - D("0.15")
    assert all(share >= D("0.40") for name, share in shares.items() if name != low)
    assert whole.principals == 5  # one principal in six logs nothing


def test_the_improving_principal_rises_every_week_in_their_summary(district):
    planted = improving_principal(district)
    assert planted is not None and planted.school.code == "N2-S0"
    lead = user(district, "lead_N2")
    summary = principal_summary(user=lead, district=district, pk=planted.person.pk)
    logged = [w for w in summary.weeks if w.total]
    assert len(logged) == WEEKS
    assert rises_every_period(logged)
    assert summary.trend is not None and summary.trend > D("0.03")


def test_the_supervisor_of_n1_sees_their_principals_named_and_all_below_goal(district):
    (n1,) = network_comparison(user=user(district, "lead_N1"), district=district)
    assert n1.named and all(r.label for r in n1.rows)
    logged = [r for r in n1.rows if r.period.total]
    assert logged and all(r.period.instructional_share < r.goal for r in logged)
