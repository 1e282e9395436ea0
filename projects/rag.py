"""Current RAG for lists of projects, read from the latest status update."""

from programmes.models import RagLevel


def attach_current_rag(projects):
    """Give each project annotated by `with_current_rag()` its RagLevel, in one query."""
    wanted = {project.current_rag_id for project in projects if project.current_rag_id}
    levels = RagLevel.objects.in_bulk(wanted) if wanted else {}
    for project in projects:
        project.listed_rag = levels.get(project.current_rag_id)
    return projects
