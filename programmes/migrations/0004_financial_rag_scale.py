from django.db import migrations

from programmes.rag_scales import install_default_scales


def add_scales(apps, schema_editor):
    """Installs the scales added since 0002 (the financial RAG); leaves edited ones alone."""
    install_default_scales(
        apps.get_model("programmes", "RagScale"), apps.get_model("programmes", "RagLevel")
    )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0003_strategy_contract")]
    operations = [migrations.RunPython(add_scales, migrations.RunPython.noop)]
