"""Forms of partners and partnerships: organisations, contacts, partnerships, committed
services, delivery logs (counts only) and reviews."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from districtwise.community.models import (
    PartnerService,
    Partnership,
    PartnershipReview,
    ServiceCategory,
)
from districtwise.core.forms import (
    DesignSystemForm,
    NamedChoice,
    NamedMultipleChoice,
    PersonChoice,
)
from districtwise.organization.models import Partner, PartnerKind, Person, School


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StyledForm(DesignSystemForm, forms.Form):
    """The design system's classes, with radios, checkboxes and files styled as theirs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect):
                widget.attrs["class"] = "usa-radio__input"
            elif isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                widget.attrs["class"] = "usa-checkbox__input"
            elif isinstance(widget, forms.ClearableFileInput):
                widget.attrs["class"] = "usa-file-input"


# Far above any one partnership's students, families or sessions, and well inside what the
# database stores (a larger number would fail the save instead of being refused here).
MOST_COUNTED = 1_000_000


def _count(label: str, *, initial: int = 0, help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MOST_COUNTED,
        initial=initial,
        help_text=help_text,
        error_messages={
            "min_value": "A count cannot be negative.",
            "max_value": f"A count of at most {MOST_COUNTED:,}: check the number.",
            "invalid": "Write a whole number.",
        },
    )


class PartnerForm(StyledForm):
    name = forms.CharField(max_length=200, label="Organisation name")
    kind = forms.ChoiceField(
        choices=[("", "Choose a kind"), *PartnerKind.choices], label="Kind of organisation"
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="What it does"
    )
    website = forms.URLField(required=False, max_length=200, assume_scheme="https")

    @staticmethod
    def initial_of(partner: Partner) -> dict:
        return {name: getattr(partner, name) for name in ("name", "kind", "description", "website")}


class ContactForm(StyledForm):
    name = forms.CharField(max_length=200)
    title = forms.CharField(max_length=200, required=False, label="Job title")
    email = forms.EmailField(required=False, max_length=254, label="E-mail")
    phone = forms.CharField(max_length=40, required=False)
    is_primary = forms.BooleanField(required=False, label="The primary contact")
    person = PersonChoice(
        queryset=Person.objects.none(),
        required=False,
        label="Their Districtwise log-in (optional)",
        help_text="Link the contact to a person with a log-in, if they have one.",
        error_messages={"invalid_choice": "That person is not a person of this district."},
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(district=district, user__isnull=False)
        self.fields["person"].queryset = people.order_by("family_name", "given_name")  # type: ignore[attr-defined]

    @staticmethod
    def initial_of(contact) -> dict:
        fields = ("name", "title", "email", "phone", "is_primary", "person")
        return {name: getattr(contact, name) for name in fields}


class GoalChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} {obj.title}"


class PartnershipForm(StyledForm):
    partner = NamedChoice(
        queryset=Partner.objects.none(),
        error_messages={"invalid_choice": "That partner is not one of this district's partners."},
    )
    title = forms.CharField(max_length=200)
    status = forms.ChoiceField(choices=Partnership.Status.choices, initial="active")
    shared_goals = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What both sides are working towards together.",
    )
    goals = GoalChoice(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="District goals it serves",
        error_messages={"invalid_choice": "Goal %(value)s is not a goal of this district's plan."},
    )
    district_role = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="The district's role"
    )
    partner_role = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="The partner's role"
    )
    district_commitments = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="The district commits to"
    )
    partner_commitments = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="The partner commits to"
    )
    starts_on = forms.DateField(widget=DateInput(), label="The agreement starts on")
    ends_on = forms.DateField(widget=DateInput(), label="The agreement ends on")
    agreement = forms.FileField(
        required=False,
        label="The signed agreement (optional)",
        help_text="PDF, Word or a scan (JPEG or PNG), up to 10 MB. A new file replaces the old.",
    )
    data_sharing = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Data-sharing terms",
        help_text="What each side may share, and how. Partners report counts, never names.",
    )
    schools = NamedMultipleChoice(
        queryset=School.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Schools served",
        error_messages={
            "invalid_choice": "School %(value)s is not a school of this district.",
        },
    )
    outcome_indicators: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Outcomes it means to move (the plan's indicators)",
        error_messages={"invalid_choice": "Indicator %(value)s is not one of this district's."},
    )
    district_lead = PersonChoice(
        queryset=Person.objects.none(),
        required=False,
        label="District lead",
        help_text="Who looks after the partnership for the district; told before it ends.",
        error_messages={"invalid_choice": "That person is not a person of this district."},
    )

    def __init__(self, *args, district, **kwargs):
        from districtwise.strategy.models import Goal, Indicator

        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["partner"].queryset = Partner.objects.filter(district=district)  # type: ignore[attr-defined]
        fields["goals"].queryset = Goal.objects.filter(plan__district=district)  # type: ignore[attr-defined]
        fields["schools"].queryset = School.objects.filter(district=district).order_by("name")  # type: ignore[attr-defined]
        fields["outcome_indicators"].queryset = Indicator.objects.filter(district=district)  # type: ignore[attr-defined]
        fields["district_lead"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            district=district, user__isnull=False
        ).order_by("family_name", "given_name")

    def clean(self):
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error(
                "ends_on",
                f"The agreement ends on {ends:%d %B %Y}, before it starts on "
                f"{starts:%d %B %Y}: the end date must be on or after the start date.",
            )
        return data

    @staticmethod
    def initial_of(partnership: Partnership) -> dict:
        names = (
            *("partner", "title", "status", "shared_goals", "district_role", "partner_role"),
            *("district_commitments", "partner_commitments", "starts_on", "ends_on"),
            *("data_sharing", "district_lead"),
        )
        initial = {name: getattr(partnership, name) for name in names}
        for name in ("goals", "schools", "outcome_indicators"):
            initial[name] = list(getattr(partnership, name).all())
        return initial


class ServiceForm(StyledForm):
    category = forms.ChoiceField(choices=ServiceCategory.choices)
    name = forms.CharField(max_length=200, label="Service")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    reaches = forms.ChoiceField(
        choices=PartnerService.Reach.choices, label="It reaches", initial="students"
    )
    committed_reach = _count(
        "Students or families it commits to reach",
        help_text="Over the whole agreement, counted in the unit above.",
    )
    committed_sessions = _count("Sessions it commits to", help_text="Over the whole agreement.")
    schools = NamedMultipleChoice(
        queryset=School.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Where it is delivered",
        help_text="None ticked: at every school of the partnership.",
        error_messages={"invalid_choice": "School %(value)s is not a school of this partnership."},
    )

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schools"].queryset = partnership.schools.order_by("name")  # type: ignore[attr-defined]

    @staticmethod
    def initial_of(service: PartnerService) -> dict:
        names = ("category", "name", "description", "reaches", "committed_reach")
        initial = {name: getattr(service, name) for name in (*names, "committed_sessions")}
        initial["schools"] = list(service.schools.all())
        return initial


class ServiceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.get_category_display()})"


class DeliveryForm(StyledForm):
    service = ServiceChoice(queryset=PartnerService.objects.none())
    school = NamedChoice(
        queryset=School.objects.none(),
        error_messages={"invalid_choice": "That school is not a school of this district."},
    )
    delivered_on = forms.DateField(widget=DateInput(), label="Delivered on")
    what = forms.CharField(
        max_length=300,
        label="What was delivered",
        help_text="In a few words, e.g. 'After-school reading group, grade 3'. No names.",
    )
    students_reached = _count("Students reached")
    families_reached = _count("Families reached")
    sessions = _count("Sessions", initial=1)

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = partnership.services.all()  # type: ignore[attr-defined]
        # Any school of the district is accepted here, so the service can say by name
        # which school the partnership does not serve; the list offers its own schools.
        school = self.fields["school"]
        school.queryset = School.objects.filter(district=partnership.district)  # type: ignore[attr-defined]
        school.widget.choices = [("", "Choose a school")] + [
            (s.pk, s.name) for s in partnership.schools.order_by("name")
        ]

    def clean_delivered_on(self):
        delivered_on = self.cleaned_data["delivered_on"]
        if delivered_on > timezone.localdate():
            raise forms.ValidationError(
                f"{delivered_on:%d %B %Y} is in the future: log a delivery once it has happened."
            )
        return delivered_on


class ReviewForm(StyledForm):
    period = forms.CharField(max_length=60, help_text="The period reviewed, e.g. Fall 2026.")
    rating = forms.ChoiceField(
        choices=PartnershipReview.Rating.choices, widget=forms.RadioSelect, label="How it is going"
    )
    went_well = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="What went well"
    )
    to_change = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="What to change"
    )
