"""The project's URLs plus a stand-in for the need page (``voice:need``) while the needs
part's page is not merged: the need services link to it in their notifications.

Used only through ``patterns_support.need_page`` and only when ``voice:need`` does not
resolve; once the needs part lands the real URL configuration is used unchanged."""

from django.http import HttpResponse
from django.urls import include, path

from districtwise import urls as real
from districtwise.voice import urls as voice


def need_stand_in(request, pk: int) -> HttpResponse:
    return HttpResponse(f"Need {pk}")


urlpatterns = [
    path(
        "voice/",
        include(
            (
                [*voice.urlpatterns, path("needs/<int:pk>/", need_stand_in, name="need")],
                "voice",
            )
        ),
    ),
    *(p for p in real.urlpatterns if str(p.pattern) != "voice/"),
]
handler404 = real.handler404
handler403 = real.handler403
handler500 = real.handler500
