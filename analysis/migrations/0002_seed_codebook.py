"""Every partnership starts with the children's safeguarding codebook; analysts can change it."""

from django.db import migrations


def seed_codebook(apps, schema_editor):
    from analysis.codebook import SAFEGUARDING_CODEBOOK

    Code = apps.get_model("analysis", "Code")
    if Code.objects.exists():
        return
    Code.objects.bulk_create(
        Code(
            key=entry["code"],
            name=entry["name"],
            description=entry.get("description", ""),
            examples=list(entry.get("examples", [])),
            order=index,
        )
        for index, entry in enumerate(SAFEGUARDING_CODEBOOK)
    )


class Migration(migrations.Migration):
    dependencies = [("analysis", "0001_theme_runs")]

    operations = [migrations.RunPython(seed_codebook, migrations.RunPython.noop)]
