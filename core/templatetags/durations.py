"""A length of time in words: "30 minutes", not "PT30M"."""

from datetime import datetime, timedelta

from django import template
from django.utils.timesince import timesince

register = template.Library()


@register.filter
def in_words(length: timedelta | None) -> str:
    if not length:
        return ""
    start = datetime(2000, 1, 1)
    return timesince(start, start + length, depth=2)
