"""Theme runs and imports keep a heartbeat, so work whose worker stopped part way can be told
from work under way. Work from before has none: it is judged by when it was sent."""

from django.db import migrations, models

HELP = "When a worker last showed it was at work on it, or it was queued again."


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0004_answer_import_in_background"),
    ]

    operations = [
        migrations.AddField(
            model_name="answerimport",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, editable=False, help_text=HELP, null=True),
        ),
        migrations.AddField(
            model_name="themerun",
            name="heartbeat_at",
            field=models.DateTimeField(blank=True, editable=False, help_text=HELP, null=True),
        ),
    ]
