"""The GOV.UK date input (day, month, year boxes) as a Django form field."""

from datetime import date

from django import forms


class GovukDateWidget(forms.MultiWidget):
    template_name = "partials/widgets/govuk_date.html"

    def __init__(self, attrs=None):
        widgets = [
            forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2}),
            forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2}),
            forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4}),
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, part in zip(
            context["widget"]["subwidgets"], ("Day", "Month", "Year"), strict=True
        ):
            subwidget["part"] = part
        return context


class GovukDateField(forms.MultiValueField):
    """Day, month and year; blank is allowed unless required. Messages follow the
    GOV.UK pattern: say which part is missing, or that the date is not real."""

    widget = GovukDateWidget

    def __init__(self, *, required=False, **kwargs):
        fields = [forms.CharField(required=False) for _ in range(3)]
        super().__init__(fields, required=required, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        day, month, year = (part.strip() if part else "" for part in (data_list or ["", "", ""]))
        label = (self.label or "the date").lower()
        if not (day or month or year):
            if self.required:
                raise forms.ValidationError(f"Enter {label}")
            return None
        missing = [
            name for name, part in (("day", day), ("month", month), ("year", year)) if not part
        ]
        if missing:
            raise forms.ValidationError(f"{self.label} must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise forms.ValidationError(f"{self.label} must be a real date, for example 31 3 2022")
        try:
            return date(int(year), int(month), int(day))
        except (ValueError, OverflowError):  # a day of 99999999999999999999 overflows
            raise forms.ValidationError(
                f"{self.label} must be a real date, for example 31 3 2022"
            ) from None
