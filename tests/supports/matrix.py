"""Authorization-matrix rows of the supports URLs, gathered by the matrix test."""

from __future__ import annotations

from tests.access_matrix import Row

ROWS: dict[str, Row] = {}
