"""The forms of two-step verification, with GOV.UK's error messages."""

from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        help_text="The 6-digit code your authenticator app shows, or one of your recovery codes.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autofocus": True}
        ),
        error_messages={"required": "Enter the code from your authenticator app"},
    )


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your app",
        max_length=12,
        help_text="The 6-digit code your authenticator app shows for the portal.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )


class ResetForm(forms.Form):
    reason = forms.CharField(
        label="Why are you resetting it?",
        max_length=2000,
        help_text="For example, how the person told you their phone was lost. It is kept on "
        "the record.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why you are resetting their two-step verification"},
    )


class PasswordAgainForm(forms.Form):
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
        error_messages={"required": "Enter your password"},
    )
