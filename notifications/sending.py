"""Telling people: a notification on their page, and an email at once or in the weekly
digest, as each chose (notifications.models.Preference). Emails go through the task
queue (core.outbox); their links are absolute, on PORTAL_BASE_URL."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.outbox import queue_email
from programmes.models import Person

from .models import Delivery, Kind, Notification, Preference

# Digests go on Mondays (date.weekday), for the week before.
DIGEST_WEEKDAY = 0


@dataclass(frozen=True)
class Message:
    """What to tell people: `key` names the event, so that it is told once."""

    kind: Kind
    key: str
    subject: str
    body: str
    link: str  # a path in the portal


def email_address(person: Person) -> str:
    """Where to email `person`: only someone with an active sign-in, who can open the links
    and choose what they hear (tests/test_notifications.py). Anyone else is told nothing
    by email; as the old reminders did, the portal does not write to people it does not let in."""
    user = person.user
    if user is None or not user.is_active:
        return ""
    return user.email or person.email


def absolute(link: str) -> str:
    return settings.PORTAL_BASE_URL + link


def notify(people: Iterable[Person | None], message: Message) -> list[Notification]:
    """Tell each of `people` (none twice, however often this is called for one event):
    the new notifications, each emailed now if its recipient chose at once."""
    recipients = {person.pk: person for person in people if person is not None}
    if not recipients:
        return []
    key = message.key[:200]
    with transaction.atomic():
        told = set(
            Notification.objects.filter(key=key, recipient__in=recipients).values_list(
                "recipient_id", flat=True
            )
        )
        chosen = dict(
            Preference.objects.filter(person__in=recipients, kind=message.kind).values_list(
                "person_id", "delivery"
            )
        )
        fresh = [
            Notification(
                recipient=person,
                kind=message.kind,
                key=key,
                subject=message.subject[:300],
                body=message.body,
                link=message.link,
                delivery=chosen.get(pk, Delivery.AT_ONCE),
            )
            for pk, person in recipients.items()
            if pk not in told
        ]
        # A race with another save of the same event makes one row, not two (the unique
        # constraint); it could email twice, which is as much as email promises anyway.
        Notification.objects.bulk_create(fresh, ignore_conflicts=True)
        emailed = [
            notification.recipient_id
            for notification in fresh
            if notification.delivery == Delivery.AT_ONCE and email_at_once(notification)
        ]
        if emailed:
            Notification.objects.filter(key=key, recipient__in=emailed).update(
                emailed_at=timezone.now()
            )
    return fresh


def email_at_once(notification: Notification) -> bool:
    """Queue the notification's email; False when its recipient has no address for it."""
    address = email_address(notification.recipient)
    if not address:
        return False
    context = {
        "notification": notification,
        "url": absolute(notification.link),
        "preferences_url": absolute(reverse("notifications:preferences")),
        "portal_name": settings.PORTAL_NAME,
    }
    queue_email(
        to=[address],
        subject=notification.subject,
        text=render_to_string("notifications/email/message.txt", context),
        html=render_to_string("notifications/email/message.html", context),
    )
    return True


def send_digests(*, today: date) -> int:
    """On Mondays, email each person their waiting digest notifications in one message,
    unless they had a digest in the last six days; say how many went. Safe to run twice:
    each is marked sent in the transaction that queues its email, with the rows locked."""
    if today.weekday() != DIGEST_WEEKDAY:
        return 0
    sent = 0
    since = timezone.now() - timedelta(days=6)
    waiting = Notification.objects.waiting_for_digest().values_list("recipient", flat=True)
    for person in Person.objects.filter(pk__in=waiting).select_related("user"):
        with transaction.atomic():
            items = list(
                Notification.objects.waiting_for_digest()
                .filter(recipient=person)
                .select_for_update()
                .order_by("created_at", "pk")
            )
            recent = Notification.objects.filter(recipient=person, digested_at__gte=since)
            if not items or recent.exists():
                continue
            address = email_address(person)
            if address:
                context = {
                    "person": person,
                    "items": [(item, absolute(item.link)) for item in items],
                    "today": today,
                    "preferences_url": absolute(reverse("notifications:preferences")),
                    "portal_name": settings.PORTAL_NAME,
                }
                queue_email(
                    to=[address],
                    subject=f"Your weekly digest: {len(items)} thing"
                    f"{'s' if len(items) != 1 else ''} to know",
                    text=render_to_string("notifications/email/digest.txt", context),
                    html=render_to_string("notifications/email/digest.html", context),
                )
                sent += 1
            Notification.objects.filter(pk__in=[item.pk for item in items]).update(
                digested_at=timezone.now()
            )
    return sent
