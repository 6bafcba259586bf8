"""The pages of family feedback: the survey list, building a survey (questions, texts in
each language, opening and closing), its links, its results (page and CSV), the public
page where families answer without an account, and engagement events."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from districtwise.community import access
from districtwise.community.access import SURVEY_BUILDERS, SURVEY_READERS
from districtwise.community.charts.surveys import question_chart
from districtwise.community.forms.surveys import (
    QuestionForm,
    ResultFilterForm,
    SurveyForm,
    TranslationForm,
)
from districtwise.community.models import SurveyLanguage
from districtwise.community.selectors import surveys as selectors
from districtwise.community.services import surveys as services
from districtwise.core.access import district_view
from districtwise.core.exports import csv_download
from districtwise.strategy.forms.plan import show_refusal

POST_ONLY = ["POST"]
EVENTS_PER_PAGE = 50


def _rendered(request, template: str, context: dict, form):
    """A form page: 400 when it shows errors, so nothing looks saved."""
    return render(request, template, context, status=400 if form.errors else 200)


def _survey_fields(form: SurveyForm) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "purpose": data["purpose"],
        "languages": [SurveyLanguage.ENGLISH, *data["languages"]],
        "shared_with_partners": data["shared_with_partners"],
    }


# ----- the list and building -------------------------------------------------------------
@district_view(SURVEY_READERS)
def surveys(request):
    context = {
        "surveys": selectors.survey_list(user=request.user, district=request.district),
        "builds": access.builds_surveys(request.scope),
    }
    return render(request, "community/surveys_list.html", context)


@district_view(SURVEY_BUILDERS)
def survey_new(request):
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(
                actor=request.user, district=request.district, **_survey_fields(form)
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"{survey.title} is started as a draft. Add its questions.")
            return redirect("community:survey", pk=survey.pk)
    return _rendered(request, "community/surveys_form.html", {"form": form}, form)


@district_view(SURVEY_READERS)
def survey(request, pk: int):
    found = access.get_survey_for_user(request.user, request.district, pk)
    builds = access.builds_surveys(request.scope)
    missing = selectors.missing_texts(found) if builds else {}
    context = {
        "survey": found,
        "questions": selectors.survey_questions(found),
        "builds": builds,
        "languages": [
            (code, SurveyLanguage(code).label, missing.get(code, [])) for code in found.languages
        ],
        "sees_links": not access.reads_totals_only(request.scope),
    }
    return render(request, "community/surveys_detail.html", context)


@district_view(SURVEY_READERS)
def survey_edit(request, pk: int):
    found = access.get_survey_for_building(request.user, request.district, pk)
    form = SurveyForm(request.POST or None, initial=SurveyForm.initial_of(found))
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(actor=request.user, survey=found, **_survey_fields(form))
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, "The survey is saved.")
            return redirect("community:survey", pk=found.pk)
    context = {"form": form, "survey": found}
    return _rendered(request, "community/surveys_form.html", context, form)


@district_view(SURVEY_READERS)
def question_new(request, pk: int):
    found = access.get_survey_for_building(request.user, request.district, pk)
    form = QuestionForm(request.POST or None, initial={"kind": "scale"})
    if request.method == "POST" and form.is_valid():
        try:
            services.question_add(
                actor=request.user,
                survey=found,
                kind=form.cleaned_data["kind"],
                required=form.cleaned_data["required"],
                wording=form.wording(),
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, "The question is added.")
            return redirect("community:survey", pk=found.pk)
    context = {"form": form, "survey": found}
    return _rendered(request, "community/surveys_question_form.html", context, form)


@district_view(SURVEY_READERS)
def question_edit(request, pk: int):
    question = access.get_question_for_building(request.user, request.district, pk)
    english = next(
        (
            r["english"]
            for r in selectors.survey_questions(question.survey)
            if r["question"].pk == question.pk
        ),
        None,
    )
    form = QuestionForm(request.POST or None, initial=QuestionForm.initial_of(question, english))
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(
                actor=request.user,
                question=question,
                kind=form.cleaned_data["kind"],
                required=form.cleaned_data["required"],
                wording=form.wording(),
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, "The question is saved.")
            return redirect("community:survey", pk=question.survey_id)
    context = {"form": form, "survey": question.survey, "question": question}
    return _rendered(request, "community/surveys_question_form.html", context, form)


@district_view(SURVEY_READERS)
def question_move(request, pk: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(POST_ONLY)
    question = access.get_question_for_building(request.user, request.district, pk)
    try:
        services.question_move(
            actor=request.user, question=question, up=request.POST.get("direction") == "up"
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    return redirect("community:survey", pk=question.survey_id)


@district_view(SURVEY_READERS)
def question_remove(request, pk: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(POST_ONLY)
    question = access.get_question_for_building(request.user, request.district, pk)
    survey_pk = question.survey_id
    try:
        services.question_remove(actor=request.user, question=question)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, "The question is removed.")
    return redirect("community:survey", pk=survey_pk)


@district_view(SURVEY_READERS)
def survey_translate(request, pk: int, lang: str):
    found = access.get_survey_for_building(request.user, request.district, pk)
    if lang not in found.languages:
        raise Http404("The survey is not offered in that language.")
    name = SurveyLanguage(lang).label
    rows = selectors.translation_rows(found, lang)
    head = found.texts.filter(language=lang).first()
    form = TranslationForm(
        request.POST or None,
        initial=TranslationForm.initial_of(head, rows),
        rows=rows,
        language_name=name,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_translate(
                actor=request.user,
                survey=found,
                language=lang,
                title=form.cleaned_data["title"],
                intro=form.cleaned_data["intro"],
                wordings=form.wordings(),
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"The {name} texts are saved.")
            return redirect("community:survey_translate", pk=found.pk, lang=lang)
    english = found.texts.filter(language=SurveyLanguage.ENGLISH).first()
    context = {
        "survey": found,
        "form": form,
        "lang": lang,
        "language_name": name,
        "english": english,
        "missing": selectors.missing_texts(found).get(lang, []),
        "is_english": lang == SurveyLanguage.ENGLISH,
    }
    return _rendered(request, "community/surveys_translate.html", context, form)


def _status_change(request, pk: int, change, done: str):
    if request.method != "POST":
        return HttpResponseNotAllowed(POST_ONLY)
    found = access.get_survey_for_building(request.user, request.district, pk)
    try:
        change(actor=request.user, survey=found)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, done)
    return redirect("community:survey", pk=found.pk)


@district_view(SURVEY_READERS)
def survey_open(request, pk: int):
    return _status_change(
        request, pk, services.survey_open, "The survey is open: every school has its link."
    )


@district_view(SURVEY_READERS)
def survey_close(request, pk: int):
    return _status_change(
        request, pk, services.survey_close, "The survey is closed: its links take no answers."
    )


@district_view(SURVEY_READERS)
def survey_links(request, pk: int):
    found = access.get_survey_for_user(request.user, request.district, pk)
    if access.reads_totals_only(request.scope):
        raise PermissionDenied("Partners read the totals of a shared survey, not its links.")
    user, district = request.user, request.district
    context = {
        "survey": found,
        "links": selectors.survey_links(user=user, district=district, survey=found),
        "base": request.build_absolute_uri("/")[:-1],
        "without_link": (
            selectors.schools_without_link_count(user=user, district=district, survey=found)
            if found.is_open
            else 0
        ),
    }
    return render(request, "community/surveys_links.html", context)


@district_view(SURVEY_READERS)
def survey_links_add(request, pk: int):
    """POST: give the schools opened since the survey opened their links."""
    if request.method != "POST":
        return HttpResponseNotAllowed(POST_ONLY)
    found = access.get_survey_for_building(request.user, request.district, pk)
    try:
        made = services.links_add(actor=request.user, survey=found)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _links_added(made))
    return redirect("community:survey_links", pk=found.pk)


def _links_added(made: int) -> str:
    if not made:
        return "Every school already has its link."
    return f"{made} school link{'' if made == 1 else 's'} added."


# ----- results ---------------------------------------------------------------------------
def _results_for(request, found):
    filters = ResultFilterForm(
        request.GET or None,
        schools=selectors.result_schools(user=request.user, district=request.district),
        totals_only=access.reads_totals_only(request.scope),
        languages=found.languages,
    )
    chosen = filters.cleaned_data if filters.is_valid() else {}
    school = chosen.get("school")
    narrowed = {
        "school": school.pk if school else None,
        "group": chosen.get("group", ""),
        "language": chosen.get("language", ""),
    }
    results = selectors.survey_results(
        user=request.user, district=request.district, survey=found, **narrowed
    )
    return filters, narrowed, results


@district_view(SURVEY_READERS)
def survey_results(request, pk: int):
    found = access.get_survey_for_user(request.user, request.district, pk)
    filters, _, results = _results_for(request, found)
    for q in results.questions:
        q.chart = question_chart(q) if q.figures else ""
    context = {
        "survey": found,
        "filters": filters,
        "results": results,
        "query": request.GET.urlencode(),
    }
    return render(request, "community/surveys_results.html", context)


@district_view(SURVEY_READERS)
def survey_results_csv(request, pk: int):
    found = access.get_survey_for_user(request.user, request.district, pk)
    _, narrowed, results = _results_for(request, found)
    if results.totals_only:
        narrowed["school"] = None
    hidden = f"hidden (fewer than {results.minimum})"
    rows: list[list[object]] = [["all", "responses", "", results.responses, ""]]
    for breakdown, figures in (
        ("school", results.by_school),
        ("group", results.by_group),
        ("language", results.by_language),
    ):
        rows += [[f"by {breakdown}", f.label, "", _cell(f.count, hidden), ""] for f in figures]
    for q in results.questions:
        label = f"question {q.number}"
        if not q.shown:
            rows.append([label, q.wording, "", hidden, ""])
            continue
        mean = f"{q.mean:.2f}" if q.mean is not None else ""
        rows += [[label, q.wording, f.label, _cell(f.count, hidden), mean] for f in q.figures]
        if results.texts_shown and q.question.kind == "text":
            answered = selectors.result_responses(
                user=request.user, district=request.district, survey=found, **narrowed
            )
            texts = selectors.all_text_answers(found=answered, question=q.question)
            rows += [[label, q.wording, "text answer", text, ""] for text in texts]
    header = ["part", "item", "answer", "count or text", "mean"]
    return csv_download(f"survey-{found.pk}-results.csv", header, rows)


def _cell(count: int | None, hidden: str) -> object:
    return hidden if count is None else count
