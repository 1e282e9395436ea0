from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from portal.my_projects import my_projects
from programmes.models import Person


class Command(BaseCommand):
    help = (
        "Email each officer whose status updates are due this reporting period, listing the "
        "projects with links. People named on projects who have no sign-in are reported."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        named = (
            Person.objects.filter(
                Q(sponsored_projects__isnull=False)
                | Q(managed_projects__isnull=False)
                | Q(led_projects__isnull=False)
                | Q(editable_projects__isnull=False)
            )
            .distinct()
            .select_related("user")
        )
        sent, skipped = 0, []
        for person in named.order_by("name"):
            mine = my_projects(person, today)
            if not mine.due:
                continue
            if person.user is None or not (person.user.email or person.email):
                skipped.append((person, len(mine.due)))
                continue
            self._send(person, mine.due, mine.period_start)
            sent += 1
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} reminder{'s' if sent != 1 else ''}."))
        for person, count in skipped:
            reason = "no sign-in" if person.user is None else "no email address"
            self.stdout.write(f"Skipped {person.name} ({reason}): {count} update(s) due.")

    def _send(self, person, projects, since):
        lines = [
            f"Dear {person.name},",
            "",
            f"These projects have had no status update since {since:%-d %B %Y}:",
            "",
        ]
        for project in projects:
            url = settings.PORTAL_BASE_URL + reverse("projects:update", args=[project.pk])
            overdue = (
                f" – {project.overdue_milestones} overdue milestone(s)"
                if project.overdue_milestones
                else ""
            )
            lines.append(f"- {project.name}{overdue}: {url}")
        lines += ["", f"{settings.PORTAL_NAME}"]
        send_mail(
            subject=f"Status updates due on {len(projects)} project(s)",
            message="\n".join(lines),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[person.user.email or person.email],
        )
