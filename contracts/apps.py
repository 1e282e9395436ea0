from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "contracts"
    verbose_name = "Contracts"

    def ready(self):
        from projects.audit import register_project_history

        from .models import ContractChange

        # A project's audit trail includes the contract changes linked to it
        # (tests/test_audit_trail.py).
        register_project_history(
            ContractChange, lambda project: {"id__in": project.contract_changes.values("pk")}
        )
