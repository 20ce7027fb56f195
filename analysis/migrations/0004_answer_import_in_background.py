"""Imports run as background work: the upload is kept with the import until a task has read it,
and the import records its status, progress and problems. Imports made before this were all
finished ones."""

import django.db.models.deletion
from django.db import migrations, models

BANDS = [
    ("4-7", "4 to 7"),
    ("8-11", "8 to 11"),
    ("12-17", "12 to 17"),
    ("18-25", "18 to 25"),
    ("adult", "Parent or carer"),
]
STATUSES = [
    ("queued", "Waiting to start"),
    ("running", "Importing"),
    ("done", "Imported"),
    ("failed", "Not imported"),
]


def describe_earlier_imports(apps, schema_editor):
    AnswerImport = apps.get_model("analysis", "AnswerImport")
    for earlier in AnswerImport.objects.select_related("version__survey"):
        earlier.title = earlier.version.survey.title[:200]
        earlier.rows_done = earlier.rows_total = earlier.row_count
        earlier.finished_at = earlier.imported_at
        earlier.save(update_fields=["title", "rows_done", "rows_total", "finished_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0003_answer_import"),
        ("surveys", "0002_role_groups"),
    ]

    operations = [
        migrations.AlterField(
            model_name="answerimport",
            name="version",
            field=models.OneToOneField(
                blank=True,
                help_text="Made when the import finishes.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="answer_import",
                to="surveys.surveyversion",
            ),
        ),
        migrations.AddField(
            model_name="answerimport",
            name="title",
            field=models.CharField(default="", max_length=200),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="answerimport",
            name="question_text",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="answerimport",
            name="default_band",
            field=models.CharField(blank=True, choices=BANDS, max_length=5),
        ),
        migrations.AddField(
            model_name="answerimport",
            name="upload",
            field=models.BinaryField(
                blank=True,
                help_text="The file as uploaded, kept only until the import finishes.",
                null=True,
            ),
        ),
        # Earlier imports finished in the request that made them.
        migrations.AddField(
            model_name="answerimport",
            name="status",
            field=models.CharField(choices=STATUSES, default="done", max_length=10),
        ),
        migrations.AlterField(
            model_name="answerimport",
            name="status",
            field=models.CharField(choices=STATUSES, default="queued", max_length=10),
        ),
        migrations.AddField(
            model_name="answerimport",
            name="stage",
            field=models.CharField(
                blank=True,
                choices=[("checking", "Checking rows"), ("saving", "Saving answers")],
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="answerimport",
            name="rows_done",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="answerimport",
            name="rows_total",
            field=models.PositiveIntegerField(default=0, help_text="Of the stage under way."),
        ),
        migrations.AlterField(
            model_name="answerimport",
            name="row_count",
            field=models.PositiveIntegerField(default=0, help_text="Answers imported."),
        ),
        migrations.AddField(
            model_name="answerimport",
            name="problems",
            field=models.JSONField(
                blank=True, default=list, help_text="Why nothing was imported, one message each."
            ),
        ),
        migrations.AddField(
            model_name="answerimport",
            name="finished_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(describe_earlier_imports, migrations.RunPython.noop),
    ]
