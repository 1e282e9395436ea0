import pytest
from django.contrib import admin
from django.urls import reverse

from .second_factor import log_in

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in {"programmes", "projects", "contracts", "meetings"}
)


def test_every_domain_model_is_in_the_admin():
    assert (
        sorted(
            [
                ("contracts", "contract"),
                ("contracts", "contractchange"),
                ("meetings", "body"),
                ("meetings", "meeting"),
                ("programmes", "kpi"),
                ("programmes", "organisation"),
                ("programmes", "person"),
                ("programmes", "programme"),
                ("programmes", "raglevel"),
                ("programmes", "ragscale"),
                ("programmes", "strategy"),
                ("projects", "benefit"),
                ("projects", "dependency"),
                ("projects", "issue"),
                ("projects", "milestone"),
                ("projects", "project"),
                ("projects", "risk"),
                ("projects", "statusupdate"),
            ]
        )
        == REGISTERED
    )


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_admin_pages_render_for_every_model(client, administrator, app_label, model_name):
    log_in(client, administrator)
    model = next(m for m in admin.site._registry if m._meta.model_name == model_name)
    obj = model.objects.order_by("pk").first()
    assert obj is not None, f"the world has no {model_name}"
    name = model._meta.verbose_name_plural

    changelist = client.get(reverse(f"admin:{app_label}_{model_name}_changelist"), {"q": "a"})
    assert changelist.status_code == 200
    assert f"Select {model._meta.verbose_name} to change" in changelist.content.decode()

    add = client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    assert f"Add {model._meta.verbose_name}" in add.content.decode()

    change = client.get(reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk]))
    assert change.status_code == 200, name
    assert str(obj)[:20] in change.content.decode() or model_name == "raglevel"


def test_a_member_cannot_reach_the_admin(client, member):
    client.force_login(member)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_strategys_admin_page_edits_its_councils_cost_shares(client, world):
    # projects/admin.py registers the strategy's admin again with the shares' inline.
    log_in(client, world.admin)

    page = client.get(reverse("admin:programmes_strategy_change", args=[world.strategy.pk]))

    assert page.status_code == 200
    assert "cost_shares-TOTAL_FORMS" in page.content.decode()
    assert "Programmes" in page.content.decode()
