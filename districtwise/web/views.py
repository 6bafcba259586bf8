"""The web shell: log-in, home page per role, district switcher, sections, API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from districtwise.core.access import district_view, get_notification_for_user
from districtwise.core.login import (
    login_failure_record,
    login_failures_clear,
    login_is_throttled,
)
from districtwise.core.middleware import SESSION_KEY
from districtwise.core.notifications import (
    is_local_url,
    notification_email_set,
    notification_list,
    notification_open,
    notification_setting,
    notifications_mark_all_read,
)
from districtwise.core.tokens import api_token_create, api_token_list, api_token_revoke
from districtwise.web.forms import LoginForm, NotificationSettingsForm, TokenForm
from districtwise.web.navigation import SECTION_BY_SLUG
from districtwise.web.selectors import home_summary


def _client_address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class LoginView(auth_views.LoginView):
    """Log-in with a generic error message and a pause after repeated failures."""

    form_class = LoginForm
    template_name = "web/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if login_is_throttled(username=username, address=_client_address(request)):
            form = self.get_form()
            form.errors.clear()
            context = self.get_context_data(form=form, throttled=True)
            return render(request, self.template_name, context, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        login_failure_record(
            username=self.request.POST.get("username", ""), address=_client_address(self.request)
        )
        return super().form_invalid(form)

    def form_valid(self, form):
        login_failures_clear(username=form.get_user().get_username())
        return super().form_valid(form)


@login_required
def home(request):
    if request.district is None:
        return render(request, "web/no_district.html", status=200)
    return _home(request)


@district_view()
def _home(request):
    summary = home_summary(user=request.user, district=request.district)
    return render(request, "web/home.html", {"summary": summary, "scope": request.scope})


@require_POST
@login_required
def district_switch(request):
    wanted = request.POST.get("district")
    match = [d for d in request.user_districts if str(d.pk) == wanted]
    if not match:
        raise Http404("Not found")
    request.session[SESSION_KEY] = match[0].pk
    messages.success(request, f"You are now working in {match[0].name}.")
    return redirect("home")


@district_view()
def section(request, slug: str):
    found = SECTION_BY_SLUG.get(slug)
    if found is None or found.slug == "organization":
        raise Http404("Not found")
    if found.opens_for(request.scope) and found.url_name:
        return redirect(found.url_name)
    return render(request, "web/section.html", {"section": found})


@district_view()
def token_list(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _, new_token = api_token_create(
            actor=request.user, district=request.district, name=form.cleaned_data["name"]
        )
        form = TokenForm()
    context = {"tokens": api_token_list(user=request.user), "form": form, "new_token": new_token}
    return render(request, "web/token_list.html", context)


@require_POST
@district_view()
def token_revoke(request, pk: int):
    token = get_object_or_404(api_token_list(user=request.user), pk=pk)
    api_token_revoke(actor=request.user, token=token)
    messages.success(request, f"The token '{token.name}' is revoked and no longer works.")
    return redirect("token_list")


NOTIFICATIONS_PER_PAGE = 20


@district_view()
def notifications(request):
    """The user's own notifications in the current district, newest first, a page at a time."""
    found = notification_list(user=request.user, district=request.district)
    page = Paginator(found, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/notifications.html", {"page": page})


@require_GET
@district_view()
def notification_follow(request, pk: int):
    """Open a notification: mark it read and go to its page (never off-site)."""
    notification = get_notification_for_user(request.user, request.district, pk)
    notification_open(actor=request.user, notification=notification)
    if is_local_url(notification.url):
        return redirect(notification.url)
    messages.error(
        request,
        f"The notification '{notification.title}' points outside Districtwise, so it was "
        "not followed. It is marked read.",
    )
    return redirect("notifications")


@require_POST
@district_view()
def notifications_mark_read(request):
    marked = notifications_mark_all_read(actor=request.user, district=request.district)
    noun = "notification" if marked == 1 else "notifications"
    messages.success(request, f"{marked} {noun} marked as read.")
    return redirect("notifications")


@district_view()
def notification_settings(request):
    """E-mail of the user's notifications in the current district, on or off."""
    current = notification_setting(user=request.user, district=request.district)
    address = request.user.email or ""
    # An unticked checkbox sends nothing: an empty POST is still a POST, so bind it.
    data = request.POST if request.method == "POST" else None
    form = NotificationSettingsForm(data, initial={"email": current.email}, address=address)
    if request.method == "POST" and form.is_valid():
        wanted = form.cleaned_data["email"]
        notification_email_set(actor=request.user, district=request.district, email=wanted)
        if wanted:
            messages.success(request, f"E-mail is on: each new notification goes to {address}.")
        else:
            messages.success(request, "E-mail is off: notifications stay in Districtwise only.")
        return redirect("notification_settings")
    context = {"form": form, "address": address, "setting": current}
    return render(request, "web/notification_settings.html", context)


def page_not_found(request, exception=None) -> HttpResponse:
    return render(request, "web/404.html", status=404)


def permission_denied(request, exception=None) -> HttpResponse:
    return render(request, "web/403.html", status=403)


def server_error(request) -> HttpResponse:
    return render(request, "web/500.html", status=500)
