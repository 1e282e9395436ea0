"""`make bench`: memory and time for uploads at the import limits (issue 24).

Targets, read from the output: each of the worst workbooks within the limits
(worst_upload.py says how they are built) takes at most 300 MB above the serving
process's idle size; a 200,000-row file is refused within 5 s. Each upload is posted in
a process of its own (upload_memory.py), so its peak is its own."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .worst_upload import WORST, two_hundred_thousand_rows

pytestmark = pytest.mark.bench
ROOT = Path(__file__).resolve().parents[2]


def upload_in_a_process_of_its_own(tmp_path, name, content):
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(content)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / (name + '.sqlite3')}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.upload_memory", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("shape", list(WORST))
def test_the_worst_uploads_within_the_limits(tmp_path, shape):
    run = upload_in_a_process_of_its_own(tmp_path, "worst", WORST[shape]())

    assert run["status"] == 302, run  # read and previewed, not refused
    above = (run["peak_kb"] - run["idle_kb"]) / 1024
    print(
        f"\n{shape} ({run['bytes'] / 1e6:.1f} MB): {run['seconds']:.2f} s, "
        f"{run['rows_read']:,} rows and {run['items']:,} items read; peak "
        f"{run['peak_kb'] / 1024:,.0f} MB, {above:,.0f} MB above idle "
        f"({run['idle_kb'] / 1024:,.0f} MB) [target ≤ 300 MB above idle]"
    )


def test_a_200000_row_upload(tmp_path):
    run = upload_in_a_process_of_its_own(tmp_path, "long", two_hundred_thousand_rows())

    assert run["status"] == 400, run  # refused
    print(
        f"\n200,000 rows ({run['bytes'] / 1e6:.1f} MB): refused in {run['seconds']:.2f} s "
        f"[target ≤ 5 s]; peak {(run['peak_kb'] - run['idle_kb']) / 1024:,.0f} MB above idle"
    )
