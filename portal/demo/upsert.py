import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "demo"


def read_fixture(name):
    with (FIXTURES / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def parse_date(value):
    return date.fromisoformat(value) if value else None


def thousands(value):
    """£000s as the papers print them, stored in pounds."""
    return None if value is None else Decimal(value) * 1000


def upsert(model, lookup, **values):
    """get_or_create that updates changed fields, saving (and auditing) only on change."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
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
