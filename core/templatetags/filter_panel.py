from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.simple_tag
def select_options(field):
    """A filter's <option>s with the chosen one selected. One join for them all: a
    template loop comparing every option's value as text was a fifth of the list's time."""
    chosen = field.value()
    chosen = "" if chosen is None else str(chosen)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, " selected" if str(value) == chosen else "", label)
            for value, label in field.field.choices
        ),
    )
