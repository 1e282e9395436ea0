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
                level = levels.get(row["rag"])
                row["rag"] = dict(level) if level else None  # a copy: JSON shares nothing
        if appendix["kind"] == "plan_summary":
            for plan in data["plans"]:
                scale = scales.get(str(plan["scale"]))
                plan["scale"] = copy.deepcopy(scale) if scale else None
    snapshot["version"] = 2
    return snapshot


def downgraded(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A version 2 snapshot as version 1 wrote it, for migrating back to the code before
    version 2: the levels by id again. Rows built since version 2 keep their extra
    fields (project ids), which version 1's templates did not read."""
    if snapshot.get("version", 1) < 2:
        return snapshot
    snapshot = copy.deepcopy(snapshot)
    for scale in snapshot["scales"].values():
        scale.pop("pk", None)
        scale["levels"] = [{"id": level.pop("pk"), **level} for level in scale["levels"]]
    for appendix in snapshot["appendices"]:
        data = appendix["data"]
        key = ROWS_WITH_A_RAG.get(appendix["kind"])
        if key:
            for row in data[key]:
                row["rag"] = row["rag"]["pk"] if row["rag"] else None
        if appendix["kind"] == "plan_summary":
            for plan in data["plans"]:
                plan["scale"] = plan["scale"]["pk"] if plan["scale"] else None
    snapshot["version"] = 1
    return snapshot
