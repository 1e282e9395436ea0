"""Run by test_upload_memory_bench.py in a process of its own for each upload, as a
server's worker is: Django loaded, its database migrated, a first request served, then
the upload posted through the whole stack (upload handling, the scan, openpyxl, the plan,
the stored upload). Prints, as JSON, its resident memory when idle and its peak during
the upload, from /proc/self/status."""

import json
import os
import sys
import time
from pathlib import Path


def memory_kb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def reset_peak():
    # Linux: writing 5 to clear_refs resets the peak resident set size (VmHWM).
    Path("/proc/self/clear_refs").write_text("5")


def main(path):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client

    from core.memory import freeze_loaded_objects
    from core.roles import ADMINISTRATOR, role_groups
    from programmes.models import RagScale, Strategy
    from projects.models import TrackerImport
    from tests.second_factor import log_in

    call_command("migrate", verbosity=0)
    admin = get_user_model().objects.create_user("bench-admin", password="x")
    admin.groups.add(role_groups()[ADMINISTRATOR])
    strategy = Strategy.objects.create(
        slug="bench-upload",
        title="Upload benchmark",
        rag_scale=RagScale.objects.get(slug="annual-plan"),
    )
    client = Client()
    log_in(client, admin)
    client.get("/import/")  # a first request, as a worker has served before
    freeze_loaded_objects()
    figures = {"idle_kb": memory_kb("VmRSS")}
    content = Path(path).read_bytes()
    reset_peak()
    started = time.perf_counter()
    response = client.post(
        "/import/",
        {"strategy": strategy.pk, "workbook": SimpleUploadedFile("upload.xlsx", content)},
    )
    figures.update(
        seconds=round(time.perf_counter() - started, 2),
        status=response.status_code,
        peak_kb=memory_kb("VmHWM"),
        bytes=len(content),
    )
    if response.status_code == 302:
        plan = TrackerImport.objects.latest("pk").plan
        figures.update(rows_read=plan["rows"], items=sum(plan["counts"].values()))
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1])
