"""A code can be retired: it stays on the answers coded with it, but is no longer offered for
coding nor suggested. Every code so far is in use."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0005_background_heartbeat"),
    ]

    operations = [
        migrations.AddField(
            model_name="code",
            name="retired_at",
            field=models.DateTimeField(
                blank=True, help_text="When it stopped being offered for coding.", null=True
            ),
        ),
    ]
