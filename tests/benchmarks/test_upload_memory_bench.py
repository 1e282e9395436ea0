"""`make bench`: memory and time for uploads at the import limits (issue 24).

Targets, read from the output: the worst workbook within the limits (worst_upload.py
says how it is built) takes at most 300 MB above the serving process's idle size; a
200,000-row file is refused within 5 s. The uploads are posted in a process of its own
(upload_memory.py) so its peak is theirs alone."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .worst_upload import two_hundred_thousand_rows, worst_within_the_limits

pytestmark = pytest.mark.bench
ROOT = Path(__file__).resolve().parents[2]


def test_uploads_at_the_limits(tmp_path):
    worst, long = tmp_path / "worst.xlsx", tmp_path / "long.xlsx"
    worst.write_bytes(worst_within_the_limits())
    long.write_bytes(two_hundred_thousand_rows())
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'upload.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.upload_memory", str(worst), str(long)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    idle = figures["idle_kb"] / 1024
    for name, label in (("worst", "worst workbook within the limits"), ("long", "200,000 rows")):
        run = figures[name]
        assert run["status"] == run["expected"], run
        read = (
            f", {run['rows_read']:,} rows and {run['items']:,} items read" if "items" in run else ""
        )
        print(
            f"\n{label} ({run['bytes'] / 1e6:.1f} MB): {run['seconds']:.2f} s, "
            f"answered {run['status']}{read}; peak {run['peak_kb'] / 1024:,.0f} MB, "
            f"{(run['peak_kb'] - run['before_kb']) / 1024:,.0f} MB above the process before "
            f"it (idle {idle:,.0f} MB)"
        )
    print("targets: ≤ 300 MB above idle; 200,000 rows refused ≤ 5 s")
