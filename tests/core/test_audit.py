"""The audit history refuses an action longer than its column on every database: SQLite
would keep it and PostgreSQL would refuse the whole change, so a service that names its
action so only fails in production."""

from __future__ import annotations

import pytest

from districtwise.core.audit import audit_record
from districtwise.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_short_action_is_recorded(cast):
    entry = audit_record(
        actor=cast["superintendent"],
        district=cast.district,
        action="approve",
        obj=cast.north_1,
        changes={"name": ["a", "b"]},
    )
    assert AuditEntry.objects.get(pk=entry.pk).action == "approve"


def test_an_action_longer_than_its_column_is_refused_and_nothing_is_recorded(cast):
    with pytest.raises(ValueError, match="'translate es' is longer than 8 characters"):
        audit_record(
            actor=cast["superintendent"],
            district=cast.district,
            action="translate es",
            obj=cast.north_1,
            changes={},
        )
    assert not AuditEntry.objects.exists()
