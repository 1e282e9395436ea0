from django.db import migrations

from programmes.rag_scales import install_default_scales


def add_scales(apps, schema_editor):
    install_default_scales(
        apps.get_model("programmes", "RagScale"), apps.get_model("programmes", "RagLevel")
    )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]
    operations = [migrations.RunPython(add_scales, migrations.RunPython.noop)]
