"""The coarse layer of access control: who may open a view at all.

The object layer lives in each app's ``access.py``. A user who may not see a page
or object gets 404, exactly as if it did not exist; one who may see but not change
it gets 403.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from districtwise.core.models import StudentRecordView
from districtwise.core.scopes import Scope, scope_for


def district_view(
    roles: Iterable[str] | None = None,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view: signed in, a member of the current district, and (if given) holding
    one of ``roles``. Sets ``request.scope``."""
    allowed = frozenset(roles) if roles is not None else None

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            scope = scope_for(request.user, getattr(request, "district", None))
            if not scope.is_member or (allowed is not None and not scope.has_any(allowed)):
                raise Http404("Not found")
            request.scope = scope  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        wrapper.district_roles = allowed  # type: ignore[attr-defined]
        return wrapper

    return decorate


def one_or_404(queryset, pk: int):
    """The object ``pk`` of ``queryset`` (what the user may see), else 404: an object the
    user may not see answers exactly like one that does not exist."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404("Not found")
    return found


def person_ids(user, district) -> frozenset[int]:
    """The user's person records in ``district`` (a user has at most one per district),
    looked up once per request."""
    from districtwise.organization.models import Person

    cache = user.__dict__.setdefault("_districtwise_people", {})
    if district.pk not in cache:
        found = Person.objects.filter(user_id=user.pk, district=district)
        cache[district.pk] = frozenset(found.values_list("pk", flat=True))
    return cache[district.pk]


def require_change(scope: Scope, roles: Iterable[str]) -> None:
    """403 unless the user holds one of ``roles`` (use after the object is known visible)."""
    if not scope.has_any(frozenset(roles)):
        raise PermissionDenied("You may see this but not change it.")


def student_record_view_log(*, user, district, student_id: str, what: str) -> None:
    """Check the student-record grant and log the view (FERPA 34 CFR 99.32).

    Raises Http404 for users without the grant: the record is as good as absent to them.
    """
    if not scope_for(user, district).student_records:
        raise Http404("Not found")
    StudentRecordView.objects.create(
        district=district, user=user, student_id=student_id, what=what[:200]
    )


def get_notification_for_user(user, district, pk: int):
    """One of the user's own notifications in ``district``, else 404 (another person's, or
    one of another district, answers like one that does not exist)."""
    from districtwise.core.notifications import notification_list

    return one_or_404(notification_list(user=user, district=district), pk)
