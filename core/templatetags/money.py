from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def thousands(pounds):
    """Pounds shown as the papers show them: £40k for 40,000."""
    if pounds in (None, ""):
        return ""
    value = (Decimal(pounds) / 1000).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()
    sign = "\u2212" if value < 0 else ""  # a minus sign: never broken from its figure
    return f"{sign}£{abs(value):,f}k"


@register.filter
def pounds(value):
    if value in (None, ""):
        return ""
    amount = Decimal(value)
    sign = "\u2212" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.0f}"
