"""The demo's coverage: computed last, once the roster and the delivery logs are in, so
that the heat map and the teachers going without are there on the first visit."""

from __future__ import annotations

import logging

from districtwise.organization.models import District

log = logging.getLogger(__name__)


def demo_coverage(district: District) -> None:
    """Compute coverage over the days the demo's delivery logs cover (the first school day
    to the demo's "today"), stored like any other run. Nothing to measure (no school year) is
    logged, not fatal to the build."""
    from districtwise.demo.support_logs import logged_period
    from districtwise.supports.services.coverage import CoverageUnavailable, coverage_compute

    period = logged_period(district=district)
    try:
        coverage_compute(district=district, actor=None, period=period)
    except CoverageUnavailable as exc:
        log.warning("The demo's coverage was not computed: %s", exc)
