"""Forms of the plan editor. They check what a form can (types, choices, the plain-number
rule of budget amounts); the services check the rest again and their refusals are shown
next to the fields they name (``show_refusal``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from districtwise.analytics.equity.spec import GROUP_TYPES
from districtwise.core.forms import DesignSystemForm
from districtwise.equity.charts.labels import GROUP_TYPE_NAMES, group_name
from districtwise.organization.models import Person, School
from districtwise.strategy.models import (
    ActionStatement,
    AreaOfAction,
    BudgetLine,
    Goal,
    Indicator,
    Initiative,
    InitiativePhase,
    LearningAgenda,
    LogEntry,
    Milestone,
    Pathway,
    Plan,
)
from districtwise.strategy.services.plan_initiatives import plain_amount


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def checkboxes(choices, label: str, what: str, help_text: str = "") -> forms.MultipleChoiceField:
    """A list of checkboxes whose unknown values are named in the district's words."""
    return forms.MultipleChoiceField(
        choices=choices,
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": f"“%(value)s” is not {what}."},
    )


class PlanEditorForm(DesignSystemForm):
    """USWDS classes, checkboxes drawn as USWDS checkboxes, dates as date inputs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            if isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs["class"] = "usa-checkbox__input"


class VersionedForm(PlanEditorForm):
    """An edit form that carries the version it was opened with (see ``StaleEdit``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Added here, not declared: a mixin's declared fields are not collected by forms.
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)  # type: ignore[attr-defined]

    def edits(self) -> dict[str, Any]:
        """The cleaned fields to hand to the service (without the version)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}  # type: ignore[attr-defined]


class PlanForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Plan
        fields = [
            "title",
            "vision",
            "mission",
            "starts_on",
            "ends_on",
            "on_track_share",
            "at_risk_share",
            "school_initiative_limit",
        ]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}
        labels = {
            "starts_on": "The plan starts on",
            "ends_on": "The plan ends on",
            "on_track_share": "On track at this share of the expected progress or more",
            "at_risk_share": "At risk at this share or more (below it: off track)",
            "school_initiative_limit": "Initiatives one school can carry",
        }
        help_texts = {
            "on_track_share": "A share from 0 to 1, e.g. 0.90.",
            "at_risk_share": "A share from 0 to 1, e.g. 0.70.",
            "school_initiative_limit": "A school with more is listed as overloaded.",
        }


def group_choices() -> list[tuple[str, Any]]:
    """Every student group of the audit, by group type: ``race_ethnicity:BL`` …"""
    choices: list[tuple[str, Any]] = [("", "—")]
    for group_type, groups in GROUP_TYPES.items():
        if group_type == "all":
            continue
        options = [(f"{group_type}:{g}", group_name(group_type, g)) for g in groups]
        choices.append((GROUP_TYPE_NAMES[group_type], options))
    return choices


class GoalForm(VersionedForm, forms.ModelForm):
    learning_agendas = checkboxes(LearningAgenda.choices, "Learning agendas", "a learning agenda")
    areas_of_action = checkboxes(AreaOfAction.choices, "Areas of action", "an area of action")

    class Meta:
        model = Goal
        fields = [
            "code",
            "title",
            "description",
            "priority",
            "owner_department",
            "indicator",
            "baseline_value",
            "baseline_on",
            "target_value",
            "target_on",
            "is_equity",
            "learning_agendas",
            "areas_of_action",
        ]
        widgets = {"baseline_on": DateInput, "target_on": DateInput}
        labels = {
            "baseline_value": "Baseline",
            "baseline_on": "Baseline date",
            "target_value": "Target",
            "target_on": "Target date",
            "is_equity": "An equity goal (with targets per student group)",
            "owner_department": "Owner department",
        }
        help_texts = {
            "priority": "1 is the highest, 5 the lowest.",
            "baseline_value": "Rates as a share: 0.25 for 25%.",
        }

    def __init__(self, *args, district, owners, owner_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        indicator = self.fields["indicator"]
        assert isinstance(indicator, forms.ModelChoiceField)
        indicator.queryset = Indicator.objects.filter(district=district)
        indicator.empty_label = "No indicator yet"
        limit_owner(self, owners, owner_required)


def limit_owner(form: forms.ModelForm, owners, required: bool) -> None:
    """Only the departments the user may give work to; a department lead must pick one of
    theirs, the cabinet may leave it to itself."""
    owner = form.fields["owner_department"]
    assert isinstance(owner, forms.ModelChoiceField)
    owner.queryset = owners
    owner.required = required
    owner.empty_label = None if required else "The cabinet"


class GroupTargetForm(PlanEditorForm, forms.Form):
    group = forms.ChoiceField(choices=group_choices, required=False, label="Student group")
    baseline_value = forms.DecimalField(
        max_digits=14, decimal_places=4, required=False, label="Baseline"
    )
    target_value = forms.DecimalField(
        max_digits=14, decimal_places=4, required=False, label="Target"
    )

    def clean(self):
        data = super().clean() or {}
        if data.get("group") and data.get("target_value") is None:
            self.add_error("target_value", "Give this group's target, or leave its group empty.")
        return data

    def target(self) -> dict[str, Any] | None:
        """The row as a target of ``services.goal_update`` (None for an empty row)."""
        if not self.cleaned_data.get("group"):
            return None
        group_type, group = self.cleaned_data["group"].split(":", 1)
        return {
            "group_type": group_type,
            "group": group,
            "baseline_value": self.cleaned_data.get("baseline_value"),
            "target_value": self.cleaned_data["target_value"],
        }


GroupTargetFormSet = forms.formset_factory(GroupTargetForm, extra=2)


def group_target_formset(data, goal: Goal | None) -> forms.BaseFormSet:
    initial = [
        {
            "group": f"{t.group_type}:{t.group}",
            "baseline_value": t.baseline_value,
            "target_value": t.target_value,
        }
        for t in (goal.group_targets.all() if goal is not None else [])
    ]
    return GroupTargetFormSet(data, initial=initial, prefix="targets")


def formset_targets(formset) -> list[dict[str, Any]]:
    return [t for t in (form.target() for form in formset.forms) if t is not None]


class StatementForm(PlanEditorForm, forms.ModelForm):
    class Meta:
        model = ActionStatement
        fields = ["if_clause", "then_clause", "goals"]
        labels = {"if_clause": "If the district …", "then_clause": "… then …"}
        widgets = {
            "if_clause": forms.Textarea(attrs={"rows": 2}),
            "then_clause": forms.Textarea(attrs={"rows": 2}),
            "goals": forms.CheckboxSelectMultiple,
        }
        help_texts = {"goals": "The goals this statement should move."}

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        goals = self.fields["goals"]
        assert isinstance(goals, forms.ModelMultipleChoiceField)
        goals.queryset = plan.goals.all()
        goals.widget.attrs["class"] = "usa-checkbox__input"


class InitiativeForm(VersionedForm, forms.ModelForm):
    pathways = checkboxes(Pathway.choices, "Pathways", "a pathway")
    schools = forms.ModelMultipleChoiceField(
        queryset=School.objects.none(),
        required=False,
        label="Schools taking part",
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unchecked for a district-level effort.",
    )

    class Meta:
        model = Initiative
        fields = [
            "code",
            "name",
            "description",
            "owner_department",
            "lead",
            "status",
            "starts_on",
            "ends_on",
            "students_reached",
            "goals",
            "pathways",
        ]
        widgets = {
            "starts_on": DateInput,
            "ends_on": DateInput,
            "goals": forms.CheckboxSelectMultiple,
        }
        labels = {"goals": "Goals served", "owner_department": "Owner department"}
        help_texts = {
            "students_reached": "Leave empty to count the students of its schools.",
        }

    def __init__(self, *args, plan: Plan, owners, owner_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        limits = {
            "goals": plan.goals.all(),
            "lead": lead_choices(plan, self.instance),
            "schools": School.objects.filter(district=plan.district).order_by("name"),
        }
        for name, queryset in limits.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
        self.fields["lead"].empty_label = "No lead yet"  # type: ignore[attr-defined]
        for name in ("goals", "schools"):
            self.fields[name].widget.attrs["class"] = "usa-checkbox__input"
        if self.instance.pk and not self.is_bound:
            self.initial["schools"] = [p.school_id for p in self.instance.participations.all()]
        limit_owner(self, owners, owner_required)


def lead_choices(plan: Plan, initiative: Initiative):
    """Who may lead an initiative: people holding a role in Districtwise and central-office
    staff (not every teacher of the district), and the current lead whoever they are."""
    leaders = Q(memberships__isnull=False) | Q(school__isnull=True)
    if initiative.lead_id is not None:
        leaders |= Q(pk=initiative.lead_id)
    people = Person.objects.filter(district=plan.district).filter(leaders)
    return Person.objects.filter(pk__in=people.values("pk"))


class PhaseForm(PlanEditorForm, forms.ModelForm):
    schools = forms.ModelMultipleChoiceField(
        queryset=School.objects.none(),
        required=False,
        label="Schools in this phase",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = InitiativePhase
        fields = ["name", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}
        help_texts = {"name": "For example “Pilot” or “All middle schools”."}

    def __init__(self, *args, initiative: Initiative, **kwargs):
        super().__init__(*args, **kwargs)
        schools = self.fields["schools"]
        assert isinstance(schools, forms.ModelMultipleChoiceField)
        schools.queryset = School.objects.filter(district=initiative.plan.district).order_by("name")
        schools.widget.attrs["class"] = "usa-checkbox__input"
        if self.instance.pk and not self.is_bound:
            self.initial["schools"] = [p.school_id for p in self.instance.participations.all()]


class BudgetLineForm(PlanEditorForm, forms.ModelForm):
    amount = forms.CharField(
        label="Amount in dollars", help_text="A plain number, like 1200.50.", max_length=20
    )

    class Meta:
        model = BudgetLine
        fields = ["funding_source", "school_year", "amount", "note"]
        help_texts = {"school_year": "The year the school year ends, e.g. 2026 for 2025-26."}

    def clean_amount(self):
        try:
            return plain_amount(self.cleaned_data["amount"])
        except ValidationError as refused:
            raise ValidationError(refused.message_dict["amount"]) from refused


class MilestoneForm(PlanEditorForm, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on", "status", "done_on"]
        widgets = {"due_on": DateInput, "done_on": DateInput}
        labels = {"due_on": "Due on", "done_on": "Done on"}
        help_texts = {"done_on": "Only for a milestone marked done."}


class LogEntryForm(PlanEditorForm, forms.ModelForm):
    class Meta:
        model = LogEntry
        fields = ["happened_on", "text"]
        widgets = {"happened_on": DateInput, "text": forms.Textarea(attrs={"rows": 3})}
        labels = {"happened_on": "When it happened", "text": "What happened"}


def show_refusal(form: forms.BaseForm, refused: ValidationError) -> None:
    """Put a service's refusal next to the fields it names (else at the top of the form)."""
    if not hasattr(refused, "error_dict"):
        form.add_error(None, refused)
        return
    for name, messages in refused.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)
