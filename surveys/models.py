import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AgeBand(models.TextChoices):
    AGE_4_7 = "4-7", _("4 to 7")
    AGE_8_11 = "8-11", _("8 to 11")
    AGE_12_17 = "12-17", _("12 to 17")
    AGE_18_25 = "18-25", _("18 to 25")
    ADULT = "adult", _("Parent or carer")

    @classmethod
    def one_question_per_page(cls, band: str) -> bool:
        """The youngest bands see one question at a time."""
        return band in {cls.AGE_4_7, cls.AGE_8_11}

    @classmethod
    def feelings_points(cls, band: str) -> int:
        return 3 if band == cls.AGE_4_7 else 5


def bands_validator(value):
    from django.core.exceptions import ValidationError

    unknown = set(value or []) - set(AgeBand.values)
    if unknown:
        raise ValidationError(_("Unknown age bands: %(bands)s") % {"bands": ", ".join(unknown)})


class Survey(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True, help_text=_("For staff only."))
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def published_version(self):
        return (
            self.versions.filter(status=SurveyVersion.Status.PUBLISHED).order_by("-number").first()
        )


class SurveyVersion(models.Model):
    """What respondents answer. Frozen once published, so every response can be read against
    exactly the questions it was given."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    title = models.CharField(max_length=200, help_text=_("Shown to respondents."))
    title_translations = models.JSONField(default=dict, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "number"], name="unique_version_number")
        ]
        ordering = ["survey", "-number"]

    def __str__(self):
        return f"{self.survey.title} v{self.number} ({self.get_status_display()})"

    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def title_in(self, language: str) -> str:
        return self.title_translations.get(language) or self.title


class Conditional(models.Model):
    """Shown only in some bands and, optionally, only after a given earlier answer."""

    bands = models.JSONField(
        default=list,
        blank=True,
        validators=[bands_validator],
        help_text=_('Age bands that see this, e.g. ["8-11", "12-17"]. Empty means every band.'),
    )
    condition_question = models.ForeignKey(
        "Question",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Show only if this earlier question was answered with one of the values."),
    )
    condition_values = models.JSONField(default=list, blank=True)

    class Meta:
        abstract = True

    def shown_to(self, band: str, answers: dict) -> bool:
        """answers maps question id to the stored Answer.value."""
        if self.bands and band not in self.bands:
            return False
        if self.condition_question_id is None:
            return True
        given = answers.get(self.condition_question_id)
        given = given if isinstance(given, list) else [given]
        return bool({str(v) for v in given if v is not None} & set(map(str, self.condition_values)))


class Step(Conditional):
    version = models.ForeignKey(SurveyVersion, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    title_translations = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="unique_step_order")
        ]

    def __str__(self):
        return f"{self.order}. {self.title}"

    def title_in(self, language: str) -> str:
        return self.title_translations.get(language) or self.title


class Question(Conditional):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        FEELINGS = "feelings", _("Feelings scale (faces)")
        YES_NO = "yes_no", _("Yes / no / not sure")
        SHORT_TEXT = "short_text", _("Short free text")
        LONG_TEXT = "long_text", _("Long free text")
        PICTURE = "picture", _("Picture choice")

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField()
    key = models.SlugField(
        max_length=40, help_text=_("Stable name for exports, e.g. feel-safe-home.")
    )
    kind = models.CharField(max_length=12, choices=Kind)
    text = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    image = models.CharField(max_length=200, blank=True, help_text=_("Static path of a picture."))
    image_alt = models.CharField(max_length=200, blank=True)
    required = models.BooleanField(
        default=False, help_text=_("Children can skip any question unless this is ticked.")
    )
    allow_prefer_not_say = models.BooleanField(default=True)
    max_length = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["step__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["step", "order"], name="unique_question_order"),
        ]

    def __str__(self):
        return f"{self.key}: {self.text}"

    def is_free_text(self) -> bool:
        return self.kind in {self.Kind.SHORT_TEXT, self.Kind.LONG_TEXT}

    def text_limit(self) -> int:
        return self.max_length or (200 if self.kind == self.Kind.SHORT_TEXT else 2000)


class QuestionWording(models.Model):
    """A question's words for one age band and/or language."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="wordings")
    band = models.CharField(max_length=5, choices=AgeBand, blank=True, help_text=_("Empty: all."))
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    text = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    image = models.CharField(max_length=200, blank=True)
    image_alt = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "band", "language"], name="unique_wording")
        ]

    def __str__(self):
        return f"{self.band or 'all'}/{self.language}: {self.text}"


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveIntegerField()
    value = models.SlugField(max_length=40)
    label = models.CharField(max_length=200)
    image = models.CharField(max_length=200, blank=True)
    image_alt = models.CharField(max_length=200, blank=True)
    translations = models.JSONField(
        default=dict, blank=True, help_text=_('e.g. {"cy": {"label": "...", "image_alt": "..."}}')
    )

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="unique_choice_value")
        ]

    def __str__(self):
        return self.label

    def label_in(self, language: str) -> str:
        return self.translations.get(language, {}).get("label") or self.label

    def image_alt_in(self, language: str) -> str:
        return self.translations.get(language, {}).get("image_alt") or self.image_alt


class CollectionLink(models.Model):
    """Where a survey is answered: a school, a children in care council, a youth club."""

    class Setting(models.TextChoices):
        SCHOOL = "school", _("School or college")
        CARE_COUNCIL = "care_council", _("Children in care council")
        YOUTH_GROUP = "youth_group", _("Youth club or group")
        HEALTH = "health", _("Health setting")
        ONLINE = "online", _("Online / open invitation")
        OTHER = "other", _("Other")

    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="links")
    name = models.CharField(max_length=120, help_text=_("The setting or group, e.g. Oak Primary."))
    setting = models.CharField(max_length=20, choices=Setting, default=Setting.SCHOOL)
    slug = models.SlugField(max_length=16, unique=True, editable=False)
    opens_at = models.DateTimeField(default=timezone.now)
    closes_at = models.DateTimeField(null=True, blank=True)
    fixed_band = models.CharField(max_length=5, choices=AgeBand, blank=True)
    cohort_tags = models.JSONField(default=list, blank=True)
    safeguarding_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("surveys-start", kwargs={"slug": self.slug})

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now and (self.closes_at is None or now < self.closes_at)

    @staticmethod
    def new_slug() -> str:
        return secrets.token_urlsafe(6).replace("-", "x").replace("_", "y").lower()


# Unambiguous letters and digits for codes a child may copy by hand.
RESUME_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class ResponseQuerySet(models.QuerySet):
    def partial(self):
        return self.filter(status=Response.Status.PARTIAL)

    def complete(self):
        return self.filter(status=Response.Status.COMPLETE)


class Response(models.Model):
    """One person's answers to one survey version. Holds no name, address or device details."""

    class Status(models.TextChoices):
        PARTIAL = "partial", _("Partial (not sent)")
        COMPLETE = "complete", _("Complete")

    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="responses")
    link = models.ForeignKey(
        CollectionLink, null=True, blank=True, on_delete=models.PROTECT, related_name="responses"
    )
    band = models.CharField(max_length=5, choices=AgeBand)
    language = models.CharField(max_length=8, default="en")
    status = models.CharField(max_length=10, choices=Status, default=Status.PARTIAL)
    # NULL, not "", so the unique index allows responses without a code.
    resume_code_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001
    # Raw form data per wizard page, so a child can pick up on any device where they left off,
    # and each saved answer's value, so working out which pages show needs no other query.
    # The answers themselves are the Answer rows, written in the same transaction.
    wizard_state = models.JSONField(default=dict, editable=False)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["version", "status"]),
            models.Index(fields=["link", "band"]),
        ]

    def __str__(self):
        return f"Response {self.pk} ({self.get_status_display()})"

    def is_complete(self) -> bool:
        return self.status == self.Status.COMPLETE

    def answered_pages(self) -> set[str]:
        return set(self.wizard_state.get("step_data", {}))

    def answer_values(self) -> dict[int, object]:
        """Question id to the value saved for it, as kept beside the wizard state."""
        if "values" not in self.wizard_state and self.wizard_state.get("step_data"):
            # Saved before the values were kept in the state: read the answers instead.
            return dict(self.answers.values_list("question_id", "value"))
        return {int(pk): value for pk, value in self.wizard_state.get("values", {}).items()}

    @staticmethod
    def new_resume_code() -> str:
        return "".join(secrets.choice(RESUME_ALPHABET) for _ in range(8))

    @staticmethod
    def hash_resume_code(code: str) -> str:
        cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
        return hashlib.sha256(cleaned.encode()).hexdigest()


class AnswerQuerySet(models.QuerySet):
    def free_text(self):
        return self.exclude(text="")


class Answer(models.Model):
    """One question's answer. A row with no value and prefer_not_say unset was seen and skipped."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField(null=True, blank=True)
    text = models.TextField(blank=True, help_text=_("Free text, as written."))
    prefer_not_say = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self):
        return f"{self.question.key}: {self.value!r}"

    def is_skipped(self) -> bool:
        return self.value in (None, "", []) and not self.prefer_not_say


class Concern(models.Model):
    """Raised when an answer suggests a child may be at risk; open until someone records what
    was done."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Handled")

    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="concerns")
    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="concerns")
    text = models.TextField(help_text=_("The answer as it was when the concern was raised."))
    categories = models.JSONField(default=list)
    phrases = models.JSONField(default=list)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="concerns"
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    raised_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "-raised_at"]
        indexes = [models.Index(fields=["status", "raised_at"])]

    def __str__(self):
        return f"Concern {self.pk} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("staff-concern", kwargs={"pk": self.pk})

    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ConcernAction(models.Model):
    """What someone did about a concern: who, when, what."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="actions")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    recorded_at = models.DateTimeField(default=timezone.now)
    what = models.TextField()
    closes_concern = models.BooleanField(default=False)

    class Meta:
        ordering = ["recorded_at"]

    def __str__(self):
        return f"{self.recorded_by} at {self.recorded_at:%Y-%m-%d %H:%M}"
