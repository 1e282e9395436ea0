"""django-tables2 asks `inspect.signature()` which arguments a column's render method
takes before drawing every cell: 400 times for a 50-row project list, and a tenth of
the page's time. The answer depends only on the function, so it is worked out once
per function. Installed by PortalConfig.ready(); django-tables2 calls the module's
`signature` by name, so replacing it there is enough."""

import functools

import django_tables2.utils

_signature = django_tables2.utils.signature


@functools.cache
def _function_signature(function):
    return _signature(function)


def signature(fn):
    """(argument names, name of the ** catch-all), as django-tables2's own gives them:
    without `self` for a bound method."""
    function = getattr(fn, "__func__", None)
    if function is None:
        return _signature(fn)
    names, keywords = _function_signature(function)
    return names[1:], keywords


def install():
    django_tables2.utils.signature = signature
