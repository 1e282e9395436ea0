"""How many projects sit at each RAG level: the counts every RAG chart and table draws,
in the scale's order, worst first, then the projects with no RAG yet."""

from dataclasses import dataclass


@dataclass
class RagCount:
    level: object  # None for "no update yet"
    count: int
    share: float = 0.0


def rag_counts(levels, counts_by_level_id, total):
    """Counts in the scale's order, worst first, then projects with no RAG yet."""
    rows = [RagCount(level, counts_by_level_id.get(level.pk, 0)) for level in levels]
    rows.append(RagCount(None, counts_by_level_id.get(None, 0)))
    for row in rows:
        row.share = row.count / total if total else 0
    return rows


def rag_by_programme(levels, programmes, counts):
    """[(programme, [RagCount…], total)] for the stacked bar chart."""
    result = []
    for programme in programmes:
        by_level = counts.get(programme.pk, {})
        total = sum(by_level.values())
        result.append((programme, rag_counts(levels, by_level, total), total))
    return result
