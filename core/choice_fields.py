"""Choice fields that check a submitted id is a plausible integer before asking the
database. Django's own pass any digits to the query, and an id past 64 bits makes
SQLite raise OverflowError (PostgreSQL, "out of range"): a server error from a typo.

They also read their options in one plain query (ListedChoices)."""

import re

import django_filters
from django import forms

PLAUSIBLE_ID = re.compile(r"^\s*\d{1,18}\s*$")


class ListedChoices(forms.models.ModelChoiceIterator):
    """A model choice field's options from one plain query. Django's own iterator reads
    them through QuerySet.iterator(), which on PostgreSQL opens a server-side cursor:
    three round trips (DECLARE, FETCH, CLOSE) for a dozen options, for every filter of
    every list page. Options are few; the memory iterator() saves is nothing."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for instance in self.queryset.all():
            yield self.choice(instance)


class SafeModelChoiceField(forms.ModelChoiceField):
    iterator = ListedChoices

    def to_python(self, value):
        if value not in self.empty_values and not PLAUSIBLE_ID.match(str(value)):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = ListedChoices

    def _check_values(self, value):
        for pk in value:
            if not PLAUSIBLE_ID.match(str(pk)):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class SafeModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SafeModelChoiceField
