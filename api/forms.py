from django import forms


class NewTokenForm(forms.Form):
    name = forms.CharField(
        label="What is the token for?",
        help_text="For example, “Power BI: programme board pack”. You will see this name "
        "on this page, beside when the token was last used.",
        max_length=100,
        error_messages={
            "required": "Enter what the token is for",
            "max_length": "What the token is for must be 100 characters or fewer",
        },
    )
