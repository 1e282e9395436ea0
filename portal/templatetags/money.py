from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def thousands(pounds):
    """Pounds shown as the papers show them: £40k for 40,000."""
    if pounds in (None, ""):
        return ""
    value = (Decimal(pounds) / 1000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()
    return f"£{value:,f}k"


@register.filter
def pounds(value):
    if value in (None, ""):
        return ""
    return f"£{Decimal(value):,.0f}"
