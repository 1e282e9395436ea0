"""Every email the portal sends goes through the task queue (README, Background work):
a request or a scheduled command never waits on the mail relay, and a relay that is down
for a while delays a message rather than losing it (core.task_queue retries)."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task

from .task_queue import next_attempt_at, queue_retry, queued_again_if_interrupted

logger = logging.getLogger(__name__)


def queue_email(*, to: list[str], subject: str, text: str, html: str = "") -> None:
    """Queue one message: plain text, and HTML beside it when given."""
    send_email.enqueue(to=to, subject=subject, text=text, html=html)


@task()
def send_email(*, to: list[str], subject: str, text: str, html: str = "", attempt: int = 1) -> None:
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    if html:
        message.attach_alternative(html, "text/html")
    again = {"to": to, "subject": subject, "text": text, "html": html, "attempt": attempt}
    try:
        with queued_again_if_interrupted(send_email, **again):
            message.send()
    except Exception:
        retry_at = next_attempt_at(attempt)
        logger.exception("Sending %r failed (attempt %s)", subject, attempt)
        if retry_at:
            queue_retry(
                send_email,
                to=to,
                subject=subject,
                text=text,
                html=html,
                attempt=attempt,
                run_after=retry_at,
            )
        raise
