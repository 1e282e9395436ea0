import json
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "demo"


def read_fixture(name):
    with (FIXTURES / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def parse_date(value):
    return date.fromisoformat(value) if value else None


def thousands(value):
    """£000s as the papers print them, stored in pounds."""
    return None if value is None else Decimal(value) * 1000


_paper_day = ContextVar("paper_day", default=None)


@contextmanager
def recorded_on(day):
    """Records first loaded inside enter the audit trail on the day their paper gives
    them, not on the day the demo is loaded: the dashboard's "as at" view reads
    milestones from that trail, and a member looking back to a quarter of the paper
    expects to see its roadmap. A later change to a record is audited when it is made."""
    token = _paper_day.set(day)
    try:
        yield
    finally:
        _paper_day.reset(token)


def upsert(model, lookup, **values):
    """get_or_create that updates changed fields, saving (and auditing) only on change."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        if _paper_day.get() is not None:
            # django-simple-history dates the record it writes by this attribute.
            obj._history_date = timezone.make_aware(datetime.combine(_paper_day.get(), time.min))
        obj.save()
        return obj
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if changed:
        for field in changed:
            setattr(obj, field, values[field])
        obj.full_clean()
        obj.save(update_fields=changed)
    return obj


def set_m2m(manager, objects):
    """Set a many-to-many only when it differs, so no m2m signal fires on a re-run."""
    wanted = {obj.pk for obj in objects}
    if set(manager.values_list("pk", flat=True)) != wanted:
        manager.set(objects)
