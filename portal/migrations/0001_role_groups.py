from django.db import migrations

ROLES = ("Officer", "Member", "Clerk", "Administrator")


def add_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role in ROLES:
        Group.objects.get_or_create(name=role)


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(add_groups, migrations.RunPython.noop)]
