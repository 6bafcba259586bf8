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
