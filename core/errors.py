"""The 500 page, with the request's reference for the service desk."""

from django.http import HttpResponseServerError
from django.template import loader


def server_error(request):
    template = loader.get_template("500.html")
    return HttpResponseServerError(
        template.render({"request_id": getattr(request, "request_id", "")})
    )
