"""The public family survey page: no login, in the family's language (see
``survey_chrome``), one answer per visit."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from districtwise.community.forms.surveys import AnswerForm
from districtwise.community.selectors import surveys as selectors
from districtwise.community.services import surveys as services
from districtwise.community.survey_chrome import CHROME, page_language


@never_cache
def survey_answer(request, key: str):
    """Where a family answers, without an account, in its language (see survey_chrome)."""
    link = selectors.public_link(key)
    if link is None:
        raise Http404("No survey has that link.")
    found = link.survey
    lang = page_language(
        asked=request.GET.get("lang") or request.POST.get("lang"),
        header=request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
        offered=found.languages,
    )
    words = CHROME[lang]
    head, rows = selectors.public_wording(found, lang)
    context = {
        "link": link,
        "lang": lang,
        "words": words,
        "head": head,
        "switches": [
            (code, CHROME[code]["language_name"])
            for code in found.languages
            if code != lang and code in CHROME
        ],
    }
    if not found.is_open or not link.active:
        return render(request, "community/surveys_answer.html", {**context, "state": "closed"})
    if request.method == "POST":
        return _answer_posted(request, link, lang, rows, context)
    ticket = services.ticket_issue(link=link)
    form = AnswerForm(initial={"ticket": ticket.key, "lang": lang}, rows=rows, chrome=words)
    return render(request, "community/surveys_answer.html", {**context, "form": form})


def _answer_posted(request, link, lang: str, rows, context: dict):
    words = context["words"]
    ticket = request.POST.get("ticket", "")
    state = selectors.ticket_state(link=link, key=ticket, now=timezone.now())
    if state != "unused":
        return _refused(request, context, state)
    form = AnswerForm(request.POST, rows=rows, chrome=words)
    if form.is_valid():
        try:
            services.response_submit(
                link=link,
                ticket=form.cleaned_data["ticket"],
                language=lang,
                group=form.cleaned_data["group"],
                answers=form.answers(),
            )
        except services.TicketSpent:
            state = selectors.ticket_state(link=link, key=ticket, now=timezone.now())
            return _refused(request, context, state)
        except ValidationError:
            form.add_error(None, words["invalid"])
        else:
            return render(request, "community/surveys_answer.html", {**context, "state": "thanks"})
    return render(request, "community/surveys_answer.html", {**context, "form": form}, status=400)


def _refused(request, context: dict, state: str):
    """A form that cannot be sent: this visit's answer was received already ("spent"), or
    the form is too old or unknown ("expired")."""
    shown = "used" if state == "spent" else "expired"
    return render(request, "community/surveys_answer.html", {**context, "state": shown}, status=409)
