"""What analysts keep: the codebook, their hand codes, theme runs and what came of them.

Analysis never changes answers. A theme run is a stored snapshot of one pass of the pipeline over
a filtered set of answers, with its parameters and the code version, so every number shown from
it can be traced and reproduced.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from analysis.codebook import OTHER_CODE
from analysis.suppression import Cell, suppress_total, theme_label_shown
from surveys.models import AgeBand, Answer, CollectionLink, Question, SurveyVersion


class Sentiment(models.TextChoices):
    NEGATIVE = "negative", _("Negative")
    NEUTRAL = "neutral", _("Neutral")
    POSITIVE = "positive", _("Positive")


class CodeQuerySet(models.QuerySet):
    def in_use(self):
        """Codes offered for coding and suggested by theme runs."""
        return self.filter(retired_at__isnull=True)

    def retired(self):
        return self.filter(retired_at__isnull=False)


class Code(models.Model):
    """One entry of the partnership's codebook. A retired code stays on the answers coded with
    it, but is no longer offered for coding nor suggested."""

    key = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    examples = models.JSONField(default=list, blank=True, help_text=_("Example phrases."))
    order = models.PositiveIntegerField(default=0)
    retired_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When it stopped being offered for coding.")
    )

    objects = CodeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("analysis-code", kwargs={"pk": self.pk})

    def is_retired(self) -> bool:
        return self.retired_at is not None

    def can_retire(self) -> bool:
        """Other takes the answers no other code fits, so it is always offered."""
        return self.key != OTHER_CODE

    def retire(self) -> None:
        if not self.is_retired():
            self.retired_at = timezone.now()
            self.save(update_fields=["retired_at"])

    def bring_back(self) -> None:
        if self.is_retired():
            self.retired_at = None
            self.save(update_fields=["retired_at"])


class Priority(models.Model):
    """A partnership priority (e.g. neglect), fed by the codes that speak to it."""

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    codes = models.ManyToManyField(Code, related_name="priorities", blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "priorities"

    def __str__(self):
        return self.name


class HandCoding(models.Model):
    """An analyst's codes (and, if they corrected it, sentiment) for one answer."""

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="hand_coding")
    codes = models.JSONField(default=list)
    sentiment = models.CharField(max_length=10, choices=Sentiment, blank=True)
    coded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    coded_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Codes for answer {self.answer_id}"


def silence_cutoff(now: datetime | None = None) -> datetime:
    """Background work last heard of before this has fallen silent."""
    return (now or timezone.now()) - timedelta(minutes=settings.BACKGROUND_STALLED_MINUTES)


class BackgroundWorkQuerySet(models.QuerySet):
    def stalled(self, now: datetime | None = None):
        """Running but silent since the cutoff: the rows whose is_stalled() is true."""
        cutoff = silence_cutoff(now)
        sent_before = {f"{self.model.SENT_FIELD}__lt": cutoff}
        return self.filter(status=self.model.Status.RUNNING).filter(
            Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, **sent_before)
        )


class BackgroundWork:
    """A run or an import that a background worker does. The worker writes heartbeat_at when it
    takes the work and at each step, so work whose worker was stopped part way (a deploy, a
    restart) can be told from work under way."""

    SENT_FIELD: str  # when it was first queued

    def last_heard_of(self) -> datetime:
        """Its heartbeat, or, when no worker has taken it yet, when it was sent."""
        return self.heartbeat_at or getattr(self, self.SENT_FIELD)

    def is_stalled(self, now: datetime | None = None) -> bool:
        """Running, but no worker has been heard from for too long."""
        return self.status == self.Status.RUNNING and self.last_heard_of() < silence_cutoff(now)

    def is_waiting_long(self, now: datetime | None = None) -> bool:
        """Queued for longer than running work may stay silent: no worker seems to be taking
        work."""
        return self.status == self.Status.QUEUED and self.last_heard_of() < silence_cutoff(now)


class ThemeRun(BackgroundWork, models.Model):
    SENT_FIELD = "created_at"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="theme_runs")
    also_versions = models.ManyToManyField(
        SurveyVersion,
        blank=True,
        related_name="theme_runs_also",
        help_text=_("Other surveys or imports whose free-text answers are themed with the run's."),
    )
    # Which answers: bands, link ids, cohort tag, and a date range (ISO dates), all optional.
    filters = models.JSONField(default=dict, blank=True)
    # How: the number of themes asked for (None: chosen automatically) and the random seed.
    parameters = models.JSONField(default=dict, blank=True)
    code_version = models.CharField(max_length=40)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    progress_message = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    answer_count = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("When a worker last showed it was at work on it, or it was queued again."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = BackgroundWorkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Theme run {self.pk} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("analysis-run", kwargs={"pk": self.pk})

    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def answer_count_shown(self) -> Cell:
        """The number of answers themed, or "fewer than 5" when it is that small."""
        return suppress_total(self.answer_count, settings.SMALL_NUMBER_THRESHOLD)

    def sources(self) -> list[SurveyVersion]:
        """The survey versions its answers come from: its own first, then the ones added."""
        added = self.also_versions.select_related("survey", "answer_import").order_by("pk")
        return [self.version, *added]

    def describe_filters(self) -> str:
        parts = []
        if self.filters.get("question"):
            question = Question.objects.filter(pk=self.filters["question"]).first()
            parts.append(f"“{question.text}”" if question else str(_("a deleted question")))
        if self.filters.get("bands"):
            labels = dict(AgeBand.choices)
            parts.append(", ".join(str(labels.get(b, b)) for b in self.filters["bands"]))
        if self.filters.get("links"):
            names = CollectionLink.objects.filter(pk__in=self.filters["links"])
            parts.append(", ".join(link.name for link in names))
        if self.filters.get("cohort"):
            parts.append(self.filters["cohort"])
        if self.filters.get("since") or self.filters.get("until"):
            parts.append(
                f"{self.filters.get('since') or '…'} to {self.filters.get('until') or '…'}"
            )
        return "; ".join(parts) or str(_("All answers"))


def source_name(version: SurveyVersion) -> str:
    """What analysts call a survey version answers came from: an import by its title and the
    day it was imported, a survey by its title and version number."""
    try:
        record = version.answer_import
    except AnswerImport.DoesNotExist:
        return f"{version.survey.title}, version {version.number}"
    day = timezone.localdate(record.finished_at or record.imported_at)
    return f"{record.title}, imported {day.day} {day:%b %Y}"


class Theme(models.Model):
    run = models.ForeignKey(ThemeRun, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveIntegerField()  # 0 is the group of non-answers
    label = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    share = models.FloatField()
    top_terms = models.JSONField(default=list)
    quotes = models.JSONField(default=list)  # redacted
    stability = models.FloatField()
    is_non_answer = models.BooleanField(default=False)

    class Meta:
        ordering = ["run", "number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="one_theme_number_per_run")
        ]

    def __str__(self):
        return self.label_shown()

    def label_shown(self, threshold: int | None = None) -> str:
        """Its label, unless it is smaller than the small-number threshold."""
        return theme_label_shown(
            self.label,
            self.size,
            threshold or settings.SMALL_NUMBER_THRESHOLD,
            is_non_answer=self.is_non_answer,
        )


class AnswerResult(models.Model):
    """What a run made of one answer."""

    run = models.ForeignKey(ThemeRun, on_delete=models.CASCADE, related_name="results")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="results")
    theme_number = models.PositiveIntegerField()
    codes = models.JSONField(default=list)
    code_confidence = models.FloatField()
    codes_by_hand = models.BooleanField(default=False)
    sentiment = models.CharField(max_length=10, choices=Sentiment)
    concern = models.BooleanField(default=False)
    redacted_text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "answer"], name="one_result_per_answer_per_run")
        ]
        indexes = [models.Index(fields=["run", "theme_number"])]

    def __str__(self):
        return f"Run {self.run_id}, answer {self.answer_id}"


class Action(models.Model):
    """ "You said, we did": what the partnership did about something children told it."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")

    you_said = models.CharField(
        max_length=300, help_text=_("What children told us, in their words or close to them.")
    )
    we_did = models.TextField(help_text=_("What changed, in words a child would understand."))
    status = models.CharField(max_length=10, choices=Status, default=Status.PLANNED)
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    code = models.ForeignKey(
        Code, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    is_public = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self):
        return self.you_said


class AnswerImport(BackgroundWork, models.Model):
    """Answers brought in from another survey tool's CSV export: who, when, from which file,
    and the survey version made for them. The upload is checked and kept while a background
    task reads its rows, then let go. The file's ids map to the answers they became, so the
    same rows are not imported twice."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    class Stage(models.TextChoices):
        CHECKING = "checking", _("Checking rows")
        SAVING = "saving", _("Saving answers")

    SENT_FIELD = "imported_at"

    version = models.OneToOneField(
        SurveyVersion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answer_import",
        help_text=_("Made when the import finishes."),
    )
    title = models.CharField(max_length=200)
    question_text = models.CharField(max_length=300, blank=True)
    default_band = models.CharField(max_length=5, choices=AgeBand, blank=True)
    file_name = models.CharField(max_length=255)
    file_digest = models.CharField(max_length=64, db_index=True, help_text=_("SHA-256."))
    columns = models.JSONField(default=dict, help_text=_("The columns read, by what they hold."))
    upload = models.BinaryField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("The file as uploaded, kept only until the import finishes."),
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    stage = models.CharField(max_length=10, choices=Stage, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0, help_text=_("Of the stage under way."))
    row_count = models.PositiveIntegerField(default=0, help_text=_("Answers imported."))
    problems = models.JSONField(
        default=list, blank=True, help_text=_("Why nothing was imported, one message each.")
    )
    source_ids = models.JSONField(
        default=dict, blank=True, help_text=_("The file's id of each row, to the answer's id.")
    )
    heartbeat_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("When a worker last showed it was at work on it, or it was queued again."),
    )
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    imported_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = BackgroundWorkQuerySet.as_manager()

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()}, {self.row_count} answers)"

    def get_absolute_url(self):
        return reverse("analysis-import-status", kwargs={"pk": self.pk})

    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
