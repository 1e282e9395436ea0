from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Cabinet reports"

    def ready(self) -> None:
        from projects.milestone_plan import REPORTED_ELSEWHERE

        from .models import ReportIssue

        def in_a_report(milestone, added):
            """A report on its strategy issued since it was added may have printed it."""
            issued = ReportIssue.objects.filter(
                report__strategy_id=milestone.project.programme.strategy_id
            )
            return issued.filter(issued_at__gte=added).exists() if added else issued.exists()

        REPORTED_ELSEWHERE.append(in_a_report)
