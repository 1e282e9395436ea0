"""The garbage collector in a long-running server process.

Python's cyclic collector now and then walks every object that is alive. In a worker
that is mostly what was loaded at start (Django, the apps, their modules and URLconf),
which lives as long as the process, and those walks were the dashboard's slowest
requests (README, Benchmarks). Freezing what is loaded at start takes it out of those
walks; Python's documentation recommends the same for pre-fork servers such as
gunicorn, so that workers do not copy the pages the collector would touch."""

import gc


def freeze_loaded_objects():
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module now, not on a first request
    gc.collect()
    gc.freeze()
