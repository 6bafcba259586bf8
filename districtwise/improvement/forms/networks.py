"""The forms of networks, teams and members. The services check everything again; these
turn what a person typed into values and put each message next to its field."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth.forms import SetPasswordForm

from districtwise.core.forms import NamedMultipleChoice, PeopleChoice, PersonChoice
from districtwise.improvement.models import ImprovementNetwork, TeamMember
from districtwise.strategy.forms.progress import _styled

DATE_HELP = "Written YYYY-MM-DD."


class NetworkForm(forms.Form):
    """A network's name, its aim in four parts, its period and its leads."""

    name = forms.CharField(max_length=200, help_text="e.g. 'Ninth grade on track'.")
    aim_what = forms.CharField(
        max_length=300,
        label="What will improve",
        help_text="The result the network works on, e.g. 'ninth graders passing all their "
        "courses'.",
    )
    aim_how_much = forms.CharField(
        max_length=200,
        label="By how much",
        help_text="From where to where, with the unit, e.g. 'from 71% to 85%'.",
    )
    aim_by_when = forms.DateField(
        label="By when",
        help_text="The day the aim should be met; inside the network's period. " + DATE_HELP,
    )
    aim_for_whom = forms.CharField(
        max_length=300,
        label="For whom",
        help_text="The students it is for, e.g. 'ninth graders of the member schools'.",
    )
    starts_on = forms.DateField(label="The network starts on", help_text=DATE_HELP)
    ends_on = forms.DateField(
        label="The network ends on",
        help_text="Measure values and cycles fall inside the period. " + DATE_HELP,
    )
    leads = PeopleChoice(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Leads",
        help_text="Leads run the network: its aim, teams and members. Staff with a sign-in.",
    )

    def __init__(self, *args, lead_choices, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["leads"]).queryset = lead_choices
        _styled(self)
        self.fields["leads"].widget.attrs["class"] = "usa-checkbox__input"

    @classmethod
    def initial_of(cls, network: ImprovementNetwork) -> dict:
        names = ("name", "aim_what", "aim_how_much", "aim_by_when", "aim_for_whom")
        values = {n: getattr(network, n) for n in (*names, "starts_on", "ends_on")}
        return values | {"leads": list(network.leads.all())}

    def edits(self) -> dict:
        """The network's own fields (the leads apart)."""
        return {k: v for k, v in self.cleaned_data.items() if k != "leads"}


class ConveneForm(NetworkForm):
    """A new network: also its member schools."""

    schools = NamedMultipleChoice(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Member schools",
        help_text="Each gets a team. You may add schools later.",
    )

    def __init__(self, *args, school_choices, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["schools"]).queryset = school_choices
        self.fields["schools"].widget.attrs["class"] = "usa-checkbox__input"
        self.fields["leads"].label = "Other leads"
        self.fields[
            "leads"
        ].help_text = (
            "You lead the network; add the colleagues who lead it with you (staff with a sign-in)."
        )

    def edits(self) -> dict:
        return {k: v for k, v in super().edits().items() if k != "schools"}


class TeamsForm(forms.Form):
    """Member schools to add to a network."""

    schools = NamedMultipleChoice(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label="Schools to add",
        help_text="Each gets a team.",
        error_messages={"required": "Choose at least one school."},
    )

    def __init__(self, *args, school_choices, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["schools"]).queryset = school_choices
        self.fields["schools"].widget.attrs["class"] = "usa-checkbox__input"


ROLE_HELP = "What they do on the team, e.g. 'data lead' or 'facilitator' (optional)."


class StaffMemberForm(forms.Form):
    """A member of the district's staff joining a team."""

    person = PersonChoice(
        queryset=None,
        label="Staff member",
        empty_label="Type or choose a name",
        help_text="Type part of a name to narrow the list.",
        error_messages={"required": "Choose a member of staff."},
    )
    role_on_team = forms.CharField(
        max_length=120, required=False, label="Role on the team", help_text=ROLE_HELP
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["person"]).queryset = people
        _styled(self)


FAMILY_KINDS = [
    (TeamMember.Kind.FAMILY.value, "Family member"),
    (TeamMember.Kind.STUDENT.value, "Student"),
]


class FamilyMemberForm(forms.Form):
    """A student or family member joining a team: someone who already signs in with the
    family and student role, or a new person (who gets a sign-in)."""

    kind = forms.ChoiceField(
        choices=FAMILY_KINDS, widget=forms.RadioSelect, initial="family", label="They are a"
    )
    existing = PersonChoice(
        queryset=None,
        required=False,
        label="Someone who already takes part",
        empty_label="Nobody: a new person (fill in the names below)",
        help_text="Students and family members already on a team of the district.",
    )
    given_name = forms.CharField(max_length=100, required=False, label="Given name (new person)")
    family_name = forms.CharField(max_length=100, required=False, label="Family name (new person)")
    email = forms.EmailField(
        required=False,
        label="E-mail (optional)",
        help_text="Kept with their record; Districtwise sends no e-mail.",
    )
    role_on_team = forms.CharField(
        max_length=120, required=False, label="Role on the team", help_text=ROLE_HELP
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["existing"]).queryset = people
        _styled(self)

    def clean(self):
        data = super().clean() or {}
        if data.get("existing") is None:
            for name, what in (("given_name", "given"), ("family_name", "family")):
                if not (data.get(name) or "").strip() and name not in self.errors:
                    self.add_error(
                        name, f"Choose someone above or give the new person's {what} name."
                    )
        return data


class MemberRoleForm(forms.Form):
    role_on_team = forms.CharField(
        max_length=120, required=False, label="Role on the team", help_text=ROLE_HELP
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class WelcomeForm(SetPasswordForm):
    """A new student or family member's first password, in the district's styles."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Password"
        self.fields["new_password2"].label = "The same password again"
        for field in self.fields.values():
            field.widget.attrs["class"] = "usa-input"
