"""A theme run can theme, with its own survey's answers, those of other surveys and imports."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('analysis', '0006_code_retired'),
        ('surveys', '0002_role_groups'),
    ]

    operations = [
        migrations.AddField(
            model_name='themerun',
            name='also_versions',
            field=models.ManyToManyField(blank=True, help_text="Other surveys or imports whose free-text answers are themed with the run's.", related_name='theme_runs_also', to='surveys.surveyversion'),
        ),
    ]
