"""The forms of PDSA cycles: the plan that starts a cycle, one form per stage, and a
file to attach. The services check everything again; these turn what a person typed into
values and put each message next to its field."""

from __future__ import annotations

from typing import Any

from django import forms

from districtwise.improvement.models import ChangeIdea, Cycle
from districtwise.improvement.services import cycle_attachments
from districtwise.improvement.services.cycles import STAGE_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _styled(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        kind = "usa-select" if isinstance(widget, forms.Select) else "usa-input"
        if isinstance(widget, forms.Textarea):
            kind = "usa-textarea"
        if isinstance(widget, forms.ClearableFileInput):
            kind = "usa-file-input"
        widget.attrs["class"] = kind


def _text(label: str, help_text: str = "", *, required: bool = False, rows: int = 3):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class StageForm(forms.Form):
    """A stage's fields; ``service_data`` gives exactly the fields of the stage."""

    stage: str = ""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _styled(self)

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in STAGE_FIELDS[self.stage]}


class PlanForm(StageForm):
    stage = Cycle.Stage.PLAN
    title = forms.CharField(label="Name of the cycle", max_length=200)
    question = _text("Question", "What do we want to learn from this test?", required=True)
    prediction = _text("Prediction", "What do we predict will happen, and why?", required=True)
    plan_who = forms.CharField(label="Who", max_length=300, required=False)
    plan_what = _text("What we will do")
    plan_where = forms.CharField(label="Where", max_length=300, required=False)
    planned_start = forms.DateField(label="Planned start", widget=DateInput)
    planned_end = forms.DateField(label="Planned end", widget=DateInput, required=False)
    data_to_collect = _text("Data to collect", "What will we count or record, and how?")


class StartForm(PlanForm):
    """The plan of a new cycle, with the change idea it tests."""

    change_idea = forms.ModelChoiceField(
        label="Change idea to test", queryset=ChangeIdea.objects.none(), empty_label=None
    )
    field_order = ["change_idea"]

    def __init__(self, *args: Any, ideas=None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["change_idea"].queryset = ideas  # type: ignore[attr-defined]
        self.order_fields(["change_idea", *STAGE_FIELDS[Cycle.Stage.PLAN]])


class DoForm(StageForm):
    stage = Cycle.Stage.DO
    started_on = forms.DateField(label="Started on", widget=DateInput, required=False)
    what_happened = _text("What happened", "Did the test run as planned? What changed?")
    observations = _text("Observations", "What did you notice that you did not expect?")


class StudyForm(StageForm):
    stage = Cycle.Stage.STUDY
    results = _text("Results", "What the data show.", rows=4)
    against_prediction = _text(
        "Against the prediction", "How do the results compare with what you predicted?", rows=4
    )


class ActForm(StageForm):
    stage = Cycle.Stage.ACT
    decision = forms.ChoiceField(
        label="Decision",
        required=False,
        choices=[("", "Not decided yet"), *Cycle.Decision.choices],
        help_text="Adopt: keep the change. Adapt: change it and test again. Abandon: stop.",
    )
    next_steps = _text("Next steps", "What the next cycle will do (it starts from this).")


STAGE_FORMS: dict[str, type[StageForm]] = {
    Cycle.Stage.PLAN: PlanForm,
    Cycle.Stage.DO: DoForm,
    Cycle.Stage.STUDY: StudyForm,
    Cycle.Stage.ACT: ActForm,
}


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="File",
        help_text=f"{cycle_attachments.ACCEPTED}; at most "
        f"{cycle_attachments.DEFAULT_MAX_BYTES // (1024 * 1024)} MB.",
    )
    caption = forms.CharField(label="Caption", max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        limit = cycle_attachments.max_bytes() / (1024 * 1024)
        self.fields["file"].help_text = f"{cycle_attachments.ACCEPTED}; at most {limit:g} MB."
        _styled(self)
