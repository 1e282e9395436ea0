"""Every RAG level's colours as a stylesheet. Levels are data an administrator may
edit, so their colours cannot be compiled into portal.css; served as a file, they
need no inline style, which the Content Security Policy forbids."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from programmes.models import RagLevel


def rag_rules(levels):
    return render_to_string("partials/rag_levels.css", {"levels": levels})


@require_GET
def rag_stylesheet(request):
    response = HttpResponse(rag_rules(RagLevel.objects.all()), content_type="text/css")
    # Short: an administrator's new colour shows within minutes without a release.
    response["Cache-Control"] = "public, max-age=300"
    return response
