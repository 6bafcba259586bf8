"""Who may see and change the district's data imports."""

from __future__ import annotations

from django.http import Http404

from districtwise.core.roles import Role
from districtwise.data.models import DatasetVersion, ImportBatch, Job

# Data stewards run imports; system administrators help them. Student-level rows are never
# shown on these pages, only counts and the validation report.
DATA_ROLES = frozenset({Role.DATA_STEWARD, Role.SYSTEM_ADMIN})


def _one(queryset, pk: int):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise Http404("Not found") from None


def get_batch_for_user(user, district, pk: int) -> ImportBatch:
    del user  # the view's role check admits data roles only; the district scopes the rest
    return _one(ImportBatch.objects.filter(district=district), pk)


def get_job_for_user(user, district, pk: int) -> Job:
    del user
    # A board report's job is the business of the person who asked (equity.access).
    jobs = Job.objects.filter(district=district).exclude(kind="report")
    return _one(jobs.select_related("batch"), pk)


def get_version_for_user(user, district, pk: int) -> DatasetVersion:
    del user
    return _one(DatasetVersion.objects.filter(district=district).select_related("batch"), pk)
