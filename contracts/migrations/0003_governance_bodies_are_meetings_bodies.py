"""A contract's governance bodies become the boards and committees of the meetings app,
which also keeps their members and meetings: one record of a body, not two."""

from django.db import migrations, models


def copy_bodies(apps, schema_editor):
    GovernanceBody = apps.get_model("contracts", "GovernanceBody")
    Body = apps.get_model("meetings", "Body")
    Contract = apps.get_model("contracts", "Contract")
    bodies = {}
    for old in GovernanceBody.objects.all():
        bodies[old.pk], _ = Body.objects.get_or_create(
            name=old.name, defaults={"short_name": old.short_name, "kind": "board"}
        )
    for contract in Contract.objects.prefetch_related("governance_bodies", "partners"):
        for old in contract.governance_bodies.all():
            body = bodies[old.pk]
            contract.boards.add(body)
            body.organisations.add(*contract.partners.all())


def copy_bodies_back(apps, schema_editor):
    GovernanceBody = apps.get_model("contracts", "GovernanceBody")
    Contract = apps.get_model("contracts", "Contract")
    for contract in Contract.objects.prefetch_related("boards"):
        for body in contract.boards.all():
            old, _ = GovernanceBody.objects.get_or_create(
                name=body.name, defaults={"short_name": body.short_name}
            )
            contract.governance_bodies.add(old)


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0002_change_lifecycle"),
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="contract",
            name="boards",
            field=models.ManyToManyField(blank=True, related_name="+", to="meetings.body"),
        ),
        migrations.RunPython(copy_bodies, copy_bodies_back),
        migrations.RemoveField(model_name="contract", name="governance_bodies"),
        migrations.DeleteModel(name="GovernanceBody"),
        migrations.RenameField(
            model_name="contract", old_name="boards", new_name="governance_bodies"
        ),
        migrations.AlterField(
            model_name="contract",
            name="governance_bodies",
            field=models.ManyToManyField(blank=True, related_name="contracts", to="meetings.body"),
        ),
    ]
