"""A reference for every request: in its log lines, its response headers and the
error page, so a person quoting it leads the service desk to the right log lines.

A load balancer's X-Request-ID is kept when it looks like one; otherwise a new
one is made.
"""

import contextvars
import json
import logging
import re
import uuid

from django.core.signals import request_finished
from django.dispatch import receiver

HEADER = "X-Request-ID"
ACCEPTABLE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
current = contextvars.ContextVar("request_id", default="-")


def request_id_middleware(get_response):
    def middleware(request):
        given = request.headers.get(HEADER, "")
        request_id = given if ACCEPTABLE.fullmatch(given) else uuid.uuid4().hex
        request.request_id = request_id
        # Kept until the request has finished: Django logs a response's status
        # (django.request) after the middleware has returned.
        current.set(request_id)
        response = get_response(request)
        response[HEADER] = request_id
        return response

    return middleware


@receiver(request_finished)
def forget_request_id(sender, **kwargs):
    current.set("-")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = current.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: what log collectors read without a parsing rule."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
