"""Who may see and change the district's data imports."""

from __future__ import annotations

from districtwise.core.access import one_or_404
from districtwise.core.roles import Role
from districtwise.data.models import DatasetVersion, ImportBatch, Job

# Data stewards run imports; system administrators help them. Student-level rows are never
# shown on these pages, only counts and the validation report.
DATA_ROLES = frozenset({Role.DATA_STEWARD, Role.SYSTEM_ADMIN})


def get_batch_for_user(user, district, pk: int) -> ImportBatch:
    del user  # the view's role check admits data roles only; the district scopes the rest
    return one_or_404(ImportBatch.objects.filter(district=district), pk)


def get_job_for_user(user, district, pk: int) -> Job:
    del user
    # A board report's job is the business of the person who asked (equity.access).
    jobs = Job.objects.filter(district=district).exclude(kind="report")
    return one_or_404(jobs.select_related("batch"), pk)


def get_version_for_user(user, district, pk: int) -> DatasetVersion:
    del user
    return one_or_404(DatasetVersion.objects.filter(district=district).select_related("batch"), pk)
