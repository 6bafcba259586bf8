from django import forms
from django.contrib.auth.forms import AuthenticationForm

from districtwise.core.forms import DesignSystemForm


class LoginForm(AuthenticationForm):
    """Django's log-in form with labels and autocomplete hints the design system expects."""

    error_messages = {
        "invalid_login": "That user name and password do not match an account. "
        "Check both and try again.",
        "inactive": "This account is not active. Ask your system administrator.",
    }


class TokenForm(DesignSystemForm, forms.Form):
    name = forms.CharField(
        max_length=100,
        label="What the token is for",
        help_text="For example: 'nightly roster sync'.",
    )


class NotificationSettingsForm(DesignSystemForm, forms.Form):
    """E-mail of notifications on or off; on needs an address to send to."""

    email = forms.BooleanField(required=False, label="Also send me each new notification by e-mail")

    def __init__(self, *args, address: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.address = address
        self.fields["email"].widget.attrs["class"] = "usa-checkbox__input"

    def clean_email(self) -> bool:
        wanted = self.cleaned_data["email"]
        if wanted and not self.address:
            raise forms.ValidationError(
                "Your account has no e-mail address, so there is nowhere to send e-mails. "
                "Ask a system administrator to add one, then turn e-mail on."
            )
        return wanted
