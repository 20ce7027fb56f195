"""Live sessions: a published survey version answered by a room together, in step with an
officer. Every participant's answers are an ordinary Response with its Answers."""

import functools
import secrets

from django.conf import settings
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from surveys.models import (
    RESUME_ALPHABET,
    AgeBand,
    Answer,
    CollectionLink,
    Question,
    Response,
    SurveyVersion,
)

JOIN_CODE_LENGTH = 6
# A quick poll is a survey of its own, made for one live session; its slug says so, so that
# lists of surveys and places to run live can leave polls out.
POLL_SLUG_PREFIX = "quick-poll-"
# The kinds of question a room can answer together, that a chart or the wall can show.
POLL_KINDS = (
    Question.Kind.SINGLE,
    Question.Kind.FEELINGS,
    Question.Kind.YES_NO,
    Question.Kind.SHORT_TEXT,
)
POLL_OPTIONS_MIN, POLL_OPTIONS_MAX = 2, 8


class LiveSessionQuerySet(models.QuerySet):
    def running(self):
        return self.filter(status=LiveSession.Status.OPEN)


class LiveSession(models.Model):
    """A survey version run in a room: the officer opens one question at a time."""

    class Status(models.TextChoices):
        OPEN = "open", _("Running")
        ENDED = "ended", _("Ended")

    class QuestionState(models.TextChoices):
        WAITING = "waiting", _("Not open yet")
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed")
        RESULTS = "results", _("Showing results")

    version = models.ForeignKey(
        SurveyVersion, on_delete=models.PROTECT, related_name="live_sessions"
    )
    band = models.CharField(max_length=5, choices=AgeBand)
    link = models.ForeignKey(
        CollectionLink,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="live_sessions",
        help_text=_("Where; its safeguarding lead receives any concern."),
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="live_sessions"
    )
    code = models.CharField(max_length=JOIN_CODE_LENGTH, editable=False)
    status = models.CharField(max_length=8, choices=Status, default=Status.OPEN)
    question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    question_state = models.CharField(
        max_length=8, choices=QuestionState, default=QuestionState.WAITING
    )
    created = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = LiveSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            # Codes are reused only once a session has ended.
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(status="open"), name="unique_open_join_code"
            )
        ]

    def __str__(self):
        return f"Live session {self.code} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("engage-control", kwargs={"pk": self.pk})

    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def takes_answers(self) -> bool:
        return self.is_open() and self.question_state == self.QuestionState.OPEN

    def shows_results(self) -> bool:
        return self.question_state == self.QuestionState.RESULTS

    def join_path(self) -> str:
        return reverse("engage-participate", kwargs={"code": self.code})

    def refresh_state(self) -> bool:
        """Read where the session is now (the officer moves it on at any time) in one short
        query. False when the session no longer exists."""
        # Every phone's page and socket asks, so the statement is written once: building it
        # with the ORM cost four times the CPU of running it.
        with connection.cursor() as cursor:
            cursor.execute(_state_sql(), [self.pk])
            row = cursor.fetchone()
        if row is None:
            return False
        self.status, self.question_id, self.question_state = row
        return True

    @staticmethod
    def new_code() -> str:
        return "".join(secrets.choice(RESUME_ALPHABET) for _ in range(JOIN_CODE_LENGTH))

    @staticmethod
    def clean_code(raw: str) -> str:
        return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


@functools.cache
def _state_sql() -> str:
    meta, quote = LiveSession._meta, connection.ops.quote_name
    fields = ("status", "question", "question_state")
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    return f"SELECT {columns} FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s"


class LiveParticipant(models.Model):
    """One phone in the room. Known only by a random token held in a signed cookie, which is
    all there is of it until its first answer: that stores it with its response."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="participants")
    token = models.CharField(max_length=43, unique=True, editable=False)
    response = models.OneToOneField(
        Response, on_delete=models.PROTECT, related_name="live_participant"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["joined_at"]

    def __str__(self):
        return f"Participant {self.pk} in {self.session.code}"

    def is_stored(self) -> bool:
        return self.response_id is not None

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)


class LiveTextAnswerQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=LiveTextAnswer.Status.PENDING)

    def approved(self):
        return self.filter(status=LiveTextAnswer.Status.APPROVED)


class LiveTextAnswer(models.Model):
    """Whether a free-text answer given in a session may be shown on the projector."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Shown")
        REJECTED = "rejected", _("Not shown")

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="texts")
    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="live_text")
    status = models.CharField(max_length=8, choices=Status, default=Status.PENDING)
    moderated_at = models.DateTimeField(null=True, blank=True)

    objects = LiveTextAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["answer__updated_at"]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self):
        return f"{self.answer.text[:40]} ({self.get_status_display()})"
