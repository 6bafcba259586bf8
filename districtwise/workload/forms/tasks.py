"""The forms of the task audit: one row per task on the fill-in page (a formset), and a
task's decision. The services check everything again; these turn what a person typed into
values and name the row of every message."""

from __future__ import annotations

from typing import cast

from django import forms
from django.db.models import Q

from districtwise.organization.models import Department, Person
from districtwise.workload.models import Category, PrincipalTask, TaskDecision
from districtwise.workload.services.tasks import AuditRow


def _styled(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs["class"] = "usa-checkbox__input"
        elif isinstance(widget, forms.RadioSelect):
            widget.attrs["class"] = "usa-radio__input"
        elif isinstance(widget, forms.Select):
            widget.attrs["class"] = "usa-select"
        elif isinstance(widget, forms.Textarea):
            widget.attrs["class"] = "usa-textarea"
        elif not isinstance(widget, forms.HiddenInput):
            widget.attrs["class"] = "usa-input"


class TaskRowForm(forms.Form):
    """One row of the audit: every field optional here, so an empty row is no error; the
    service says what a ticked row still lacks."""

    keep = forms.BooleanField(required=False, label="One of my tasks")
    task_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    starter_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(required=False, max_length=200, label="Task")
    category = forms.ChoiceField(
        required=False, choices=[("", "- Choose -"), *Category.choices], label="Category"
    )
    hours = forms.DecimalField(
        required=False, max_digits=7, decimal_places=2, label="Hours", localize=False
    )
    hours_unit = forms.ChoiceField(choices=PrincipalTask.Unit.choices, label="Per")
    requested_by = forms.ChoiceField(choices=PrincipalTask.Requester.choices, label="Asked by")
    requesting_department = forms.ModelChoiceField(
        queryset=Department.objects.none(), required=False, label="Which department"
    )
    frequency = forms.ChoiceField(choices=PrincipalTask.Frequency.choices, label="How often")

    def __init__(self, *args, district=None, **kwargs):
        super().__init__(*args, **kwargs)
        departments = cast(forms.ModelChoiceField, self.fields["requesting_department"])
        departments.queryset = Department.objects.filter(district=district)
        _styled(self)
        self.fields["hours"].widget.attrs.update({"inputmode": "decimal", "step": "any"})
        # A plain, large checkbox: the row's own label is for screen readers only.
        self.fields["keep"].widget.attrs = {"class": "dw-task-tick"}


TaskRowFormSet = forms.formset_factory(TaskRowForm, extra=0, max_num=400, validate_max=True)


def audit_rows(formset) -> tuple[list[AuditRow], list[str]]:
    """The rows in the service's words, and the messages of fields that could not be read
    (a word in the hours), each naming its row."""
    rows, problems = [], []
    for line, form in enumerate(formset.forms, start=1):
        if not form.is_valid():
            name = form.data.get(form.add_prefix("name"), "")
            where = f"Row {line}" + (f" ({name})" if name else "")
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else field
                problems += [f"{where}: {str(label).lower()}: {e}" for e in errors]
            continue
        data = form.cleaned_data
        department = data.get("requesting_department")
        rows.append(
            AuditRow(
                line=line,
                keep=data["keep"],
                name=data["name"],
                category=data["category"],
                hours=data["hours"],
                hours_unit=data["hours_unit"],
                requested_by=data["requested_by"],
                frequency=data["frequency"],
                task_id=data["task_id"],
                starter_id=data["starter_id"],
                requesting_department_id=department.pk if department else None,
            )
        )
    return rows, problems


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} ({obj.title or 'staff'}, {obj.place})"


class DecisionForm(forms.Form):
    """What happens to one task, who owns it next, and from when."""

    decision = forms.ChoiceField(choices=TaskDecision.Decision.choices, widget=forms.RadioSelect)
    new_department = forms.ModelChoiceField(
        queryset=Department.objects.none(),
        required=False,
        label="New owner: department (for a task moved to the central office)",
    )
    new_owner = PersonChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="New owner: person",
        help_text="Someone on the school's staff for a delegated task; for a moved task, "
        "someone of the department if known.",
    )
    starts_on = forms.DateField(
        required=False,
        label="Starts on",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, task: PrincipalTask, **kwargs):
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["new_department"]
        ).queryset = Department.objects.filter(district=task.district)
        people = Person.objects.filter(district=task.district).filter(
            Q(school=task.school) | Q(department__isnull=False, school__isnull=True)
        )
        owner = cast(forms.ModelChoiceField, self.fields["new_owner"])
        owner.queryset = people.select_related("school", "department")
        _styled(self)
