"""The demo's coverage: computed last, once the roster and the delivery logs are in, so
that the heat map and the teachers going without are there on the first visit."""

from __future__ import annotations

import logging

from districtwise.organization.models import District

log = logging.getLogger(__name__)


def demo_coverage(district: District) -> None:
    """Compute coverage of the demo's current school year so far (the run is stored like
    any other). Nothing to measure (no school year) is logged, not fatal to the build."""
    from districtwise.supports.services.coverage import CoverageUnavailable, coverage_compute

    try:
        coverage_compute(district=district, actor=None)
    except CoverageUnavailable as exc:
        log.warning("The demo's coverage was not computed: %s", exc)
