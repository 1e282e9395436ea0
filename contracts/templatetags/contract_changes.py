"""What the contracts app shows on other apps' pages. A project's page lists the contract
changes linked to it through this tag, so the projects app, a layer below, needs to
know nothing of contracts (tests/test_project_page.py)."""

from django import template

register = template.Library()


@register.inclusion_tag("contracts/partials/project_changes.html")
def project_contract_changes(project):
    """The contract changes that name `project`, with their contract: one query."""
    return {"contract_changes": project.contract_changes.select_related("contract")}
