"""Snapshots issued before version 2, read as version 2.

Version 1 (to December 2026) named RAG levels by id in the rows (and levels carried
"id"), and resolved them against the snapshot's own scales when drawn. Version 2 keeps
each level, whole, in the row that shows it. The reports 0004 migration rewrote the
stored snapshots with `upgraded`; a backup taken before it is read through it too.
The function must not change: it says what version 1 was
(tests/test_report_snapshots.py)."""

from __future__ import annotations

import copy
from typing import Any

ROWS_WITH_A_RAG = {"status_table": "rows", "exceptions": "rows", "money": "rows"}


def upgraded(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The snapshot as version 2 writes it; a version 2 snapshot as it is."""
    if snapshot.get("version", 1) >= 2:
        return snapshot
    snapshot = copy.deepcopy(snapshot)
    levels: dict[int, dict[str, Any]] = {}
    for scale_id, scale in snapshot["scales"].items():
        scale["pk"] = int(scale_id)
        scale["levels"] = [{"pk": level.pop("id"), **level} for level in scale["levels"]]
        levels.update({level["pk"]: level for level in scale["levels"]})
    scales = snapshot["scales"]
    for appendix in snapshot["appendices"]:
        data = appendix["data"]
        key = ROWS_WITH_A_RAG.get(appendix["kind"])
        if key:
            for row in data[key]:
                row["rag"] = levels.get(row["rag"])
        if appendix["kind"] == "plan_summary":
            for plan in data["plans"]:
                plan["scale"] = scales.get(str(plan["scale"]))
    snapshot["version"] = 2
    return snapshot
