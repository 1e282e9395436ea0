"""The RAG badge: a level's label on its colour, followed by the scale's words, so RAG is
never shown by colour alone. One tag for every page and the printed reports; built with
format_html because dashboards draw it dozens of times per page."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def rag_badge(level, none_words="not yet reported"):
    if not level:  # None, or "" when a template looked it up on a missing object
        return format_html(
            '<span class="app-rag-none">{}</span>', none_words[:1].upper() + none_words[1:]
        )
    # The colours come from a stylesheet of the levels (`/rag.css`, or a <style> in a
    # PDF): an inline style attribute would need 'unsafe-inline' in the CSP.
    return format_html(
        '<span class="app-rag app-rag--{}">{}</span> <span class="app-rag__words">{}</span>',
        level.pk,
        level.label,
        level.words,
    )


@register.inclusion_tag("partials/rag_key.html")
def rag_key(scale):
    """The key of a RAG scale: a RagScale of the database, whose levels are a related
    manager, or a scale as a frozen report keeps it (core.rag_ref.ScaleRef)."""
    levels = scale.levels
    return {"scale": scale, "levels": levels.all() if hasattr(levels, "all") else levels}


@register.simple_tag
def rag_badge_of(levels, level_id, none_words="not yet reported"):
    """The badge of the level with `level_id` among `levels` ({id: level}), for a table
    that holds its scale's levels."""
    return rag_badge(levels.get(level_id), none_words)
