"""Families taking part in child safeguarding practice reviews.

A review has family members; each is reached through single-use invitations, writes their own
contributions, and reads documents shared with them. Nothing one member writes or is sent is
visible to another. Every word a family member gives is encrypted at rest.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.fields import EncryptedJSONField, EncryptedTextField


class Stage(models.TextChoices):
    RAPID_REVIEW = "rapid_review", _("Rapid review")
    COMMISSIONED = "commissioned", _("Review commissioned")
    CONTRIBUTIONS_OPEN = "contributions_open", _("Family contributions open")
    DRAFT_SHARED = "draft_shared", _("Draft findings shared")
    PUBLISHED = "published", _("Report published")


# What each stage means for a family, in plain words.
STAGE_FOR_FAMILIES = {
    Stage.RAPID_REVIEW: _("The safeguarding partners look quickly at what happened."),
    Stage.COMMISSIONED: _("They decided a fuller review is needed and chose a reviewer."),
    Stage.CONTRIBUTIONS_OPEN: _("Families can tell the reviewer what they want them to know."),
    Stage.DRAFT_SHARED: _("The reviewer shares what they found, so you can comment first."),
    Stage.PUBLISHED: _("The report is published, without names, so others can learn from it."),
}


class Review(models.Model):
    """A rapid review or local child safeguarding practice review."""

    reference = models.CharField(max_length=40, unique=True)
    working_title = models.CharField(
        max_length=200, help_text=_("Private to assigned staff; never shown to families.")
    )
    child_pseudonym = models.CharField(
        max_length=80, help_text=_("The name the review uses for the child, e.g. 'Child J'.")
    )
    stage = models.CharField(max_length=20, choices=Stage, default=Stage.RAPID_REVIEW)
    rapid_review_on = models.DateField(null=True, blank=True)
    commissioned_on = models.DateField(null=True, blank=True)
    contributions_open_on = models.DateField(null=True, blank=True)
    draft_shared_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    reviewer_name = models.CharField(max_length=120, blank=True)
    reviewer_intro = models.TextField(
        blank=True, help_text=_("Who the reviewer is, in a few plain sentences for families.")
    )
    retention_until = models.DateField(
        help_text=_("After this date every family contribution is deleted.")
    )
    contributions_deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="ReviewAssignment", related_name="reviews"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("reviews-detail", kwargs={"pk": self.pk})

    def stage_dates(self) -> list[tuple[str, str, object, bool]]:
        """(value, label, date, reached) for every stage, in order."""
        order = list(Stage.values)
        reached = order.index(self.stage)
        return [
            (value, label, getattr(self, f"{value}_on"), index <= reached)
            for index, (value, label) in enumerate(Stage.choices)
        ]

    def takes_contributions(self) -> bool:
        return self.stage != Stage.PUBLISHED and self.contributions_deleted_at is None


class ReviewAssignment(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Review coordinator")
        LEAD_REVIEWER = "lead_reviewer", _("Lead reviewer")
        PANEL = "panel", _("Panel member")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    role = models.CharField(max_length=20, choices=Role, default=Role.COORDINATOR)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "user"], name="one_assignment_per_user")
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) on {self.review}"


def email_lookup(email: str) -> str:
    """A keyed digest of an address, so a returning member can ask for a new link by email
    without the address being stored in the clear."""
    normal = (email or "").strip().lower()
    if not normal:
        return ""
    key = settings.FIELD_ENCRYPTION_KEYS[0].encode()
    return hmac.new(key, normal.encode(), hashlib.sha256).hexdigest()


class FamilyMember(models.Model):
    class Relationship(models.TextChoices):
        MOTHER = "mother", _("Mother")
        FATHER = "father", _("Father")
        CARER = "carer", _("Carer")
        SIBLING = "sibling", _("Brother or sister")
        CHILD = "child", _("The child")
        EXTENDED = "extended", _("Extended family")
        OTHER = "other", _("Someone else close to the child")

    class ContactBy(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone or text")
        POST = "post", _("Letter")
        SUPPORTER = "supporter", _("Through an advocate or supporter")

    class TakesPartBy(models.TextChoices):
        WRITTEN = "written", _("Write it here, in my own time")
        PHONE = "phone", _("A phone call")
        VIDEO = "video", _("A video call")
        MEETING = "meeting", _("A meeting in person")
        SUPPORTER = "supporter", _("Through an advocate or supporter")
        NOT_AT_ALL = "not_at_all", _("I do not want to take part")

    class QuoteConsent(models.TextChoices):
        ANONYMOUSLY = "anonymously", _("My words may be quoted, without my name")
        NOT_QUOTED = "not_quoted", _("Use what I say, but do not quote my words")

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="members")
    name = EncryptedTextField(help_text=_("How we address them."))
    relationship = models.CharField(max_length=12, choices=Relationship)
    contact_by = models.CharField(max_length=12, choices=ContactBy)
    contact_details = EncryptedTextField(blank=True)
    email_digest = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    takes_part_by = models.CharField(max_length=12, choices=TakesPartBy, blank=True)
    supporter_name = EncryptedTextField(blank=True)
    interpreter_language = models.CharField(max_length=60, blank=True)
    # The portal's language as they last used it (or as the coordinator set it): emails to them
    # are written in it.
    language = models.CharField(
        _("language for the portal and emails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
    )
    other_help = EncryptedTextField(blank=True)
    quote_consent = models.CharField(max_length=12, choices=QuoteConsent, blank=True)
    consent_given_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    told_before_publication_on = models.DateField(null=True, blank=True)
    told_how = models.CharField(max_length=120, blank=True)
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["added_at"]

    def __str__(self):
        # Never a name: this string can reach logs.
        return f"Family member {self.pk} ({self.get_relationship_display()})"

    def save(self, *args, **kwargs):
        is_email = self.contact_by == self.ContactBy.EMAIL
        self.email_digest = email_lookup(self.contact_details) if is_email else ""
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reviews-member", kwargs={"pk": self.review_id, "member_pk": self.pk})

    def has_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def remember_language(self, code: str) -> None:
        """Keep the language they are reading the portal in, for what we send them later."""
        if code != self.language and code in dict(settings.LANGUAGES):
            self.language = code
            FamilyMember.objects.filter(pk=self.pk).update(language=code)


class Invitation(models.Model):
    """A single-use link to the portal for one family member, with an expiry."""

    class SecondFactor(models.TextChoices):
        NONE = "none", _("None: the link alone")
        ACCESS_CODE = "access_code", _("An access code sent separately")
        DATE_OF_BIRTH = "date_of_birth", _("Their date of birth")

    member = models.ForeignKey(FamilyMember, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    second_factor = models.CharField(
        max_length=14, choices=SecondFactor, default=SecondFactor.ACCESS_CODE
    )
    second_factor_hash = models.CharField(max_length=128, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    failed_checks = models.PositiveSmallIntegerField(default=0)
    locked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation {self.pk} for {self.member}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)  # 256 bits

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def status(self, now=None) -> str:
        now = now or timezone.now()
        if self.revoked_at:
            return "revoked"
        if self.locked_at:
            return "locked"
        if self.used_at:
            return "used"
        if self.expires_at <= now:
            return "expired"
        return "waiting"

    def has_second_factor(self) -> bool:
        return self.second_factor != self.SecondFactor.NONE

    def can_be_used(self, now=None) -> bool:
        return self.status(now) == "waiting"


class Contribution(models.Model):
    """What a family member tells the review: written here over several visits, or recorded
    by staff from a meeting or call with the member's agreement."""

    class Source(models.TextChoices):
        PORTAL = "portal", _("Written by them here")
        MEETING = "meeting", _("Notes of a meeting")
        PHONE = "phone", _("Notes of a phone call")
        VIDEO = "video", _("Notes of a video call")
        LETTER = "letter", _("A letter or email")
        SUPPORTER = "supporter", _("Through an advocate or supporter")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not sent yet")
        SENT = "sent", _("Sent")

    # The written account's parts, in order: (key, heading, prompt).
    SECTIONS = [
        (
            "about_child",
            _("About the child"),
            # Some children in a review died and some survived: words that fit both.
            _(
                "Tell the reviewer about the child in your own words, so they know the child as "
                "a person and not only as a case."
            ),
        ),
        (
            "what_helped",
            _("What helped"),
            _("Which people or services helped you or the child, and how?"),
        ),
        (
            "could_be_better",
            _("What could have been better"),
            _("What do you wish had happened differently, and when?"),
        ),
        (
            "should_change",
            _("What should change"),
            _("What should services do differently so other children are safer?"),
        ),
        (
            "anything_else",
            _("Anything else"),
            _("Is there anything else you want the reviewer to know?"),
        ),
    ]
    SECTION_KEYS = [key for key, _heading, _prompt in SECTIONS]
    MAX_SECTION_CHARS = 20_000

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="contributions")
    member = models.ForeignKey(FamilyMember, on_delete=models.PROTECT, related_name="contributions")
    source = models.CharField(max_length=10, choices=Source, default=Source.PORTAL)
    parts = EncryptedJSONField(blank=True)
    status = models.CharField(max_length=5, choices=Status, default=Status.DRAFT)
    started_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_with_member = models.BooleanField(
        default=False, help_text=_("The family member agreed to this record of what they said.")
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_because = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["started_at"]

    def __str__(self):
        return f"Contribution {self.pk} ({self.get_source_display()}, {self.get_status_display()})"

    def is_sent(self) -> bool:
        return self.status == self.Status.SENT

    def is_removed(self) -> bool:
        return self.removed_at is not None

    def filled_sections(self) -> list[tuple[str, str, str]]:
        """(key, heading, text) for the parts with words in them."""
        if self.source != self.Source.PORTAL:
            return [("notes", _("Notes"), self.parts.get("notes", ""))]
        return [
            (key, heading, self.parts.get(key, ""))
            for key, heading, _prompt in self.SECTIONS
            if self.parts.get(key, "").strip()
        ]


class SharedDocument(models.Model):
    """Draft findings, a summary or the published report, shared with chosen members."""

    class Kind(models.TextChoices):
        DRAFT_FINDINGS = "draft_findings", _("Draft findings")
        SUMMARY = "summary", _("Summary of the findings")
        PUBLISHED_REPORT = "published_report", _("The published report")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=16, choices=Kind)
    title = models.CharField(max_length=200)
    body = EncryptedTextField()
    shared_with = models.ManyToManyField(FamilyMember, related_name="documents")
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(default=timezone.now)
    comments_until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-shared_at"]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.review}"

    def takes_comments(self, today=None) -> bool:
        if self.kind == self.Kind.PUBLISHED_REPORT:
            return False
        today = today or timezone.localdate()
        return self.comments_until is None or today <= self.comments_until


class DocumentComment(models.Model):
    document = models.ForeignKey(SharedDocument, on_delete=models.CASCADE, related_name="comments")
    member = models.ForeignKey(FamilyMember, on_delete=models.PROTECT, related_name="comments")
    text = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Comment {self.pk} by {self.member}"


class FamilyConcern(models.Model):
    """Words from a family member that suggest a child may be at risk now; open until someone
    records what was done."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Handled")

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="concerns")
    member = models.ForeignKey(FamilyMember, on_delete=models.PROTECT, related_name="concerns")
    contribution = models.ForeignKey(
        Contribution, null=True, blank=True, on_delete=models.SET_NULL, related_name="concerns"
    )
    categories = models.JSONField(default=list)
    words = EncryptedTextField(help_text=_("The words as they were when the concern was raised."))
    status = models.CharField(max_length=6, choices=Status, default=Status.OPEN)
    raised_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    what_was_done = models.TextField(blank=True)

    class Meta:
        ordering = ["status", "-raised_at"]

    def __str__(self):
        return f"Family concern {self.pk} ({self.get_status_display()})"

    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ReviewEvent(models.Model):
    """The review's audit log: who did what, when. Never the words themselves."""

    class Action(models.TextChoices):
        CREATED = "created", _("Review created")
        STAGE_CHANGED = "stage_changed", _("Stage changed")
        STAFF_ASSIGNED = "staff_assigned", _("Staff assigned")
        MEMBER_ADDED = "member_added", _("Family member added")
        MEMBER_VIEWED = "member_viewed", _("Family member's details viewed")
        INVITED = "invited", _("Invitation created")
        INVITATION_REVOKED = "invitation_revoked", _("Invitation revoked")
        INVITATION_LOCKED = "invitation_locked", _("Invitation locked after wrong answers")
        SIGNED_IN = "signed_in", _("Family member signed in")
        NEW_LINK_SENT = "new_link_sent", _("New link sent by email")
        PARTICIPATION_CHOSEN = "participation_chosen", _("Way of taking part chosen")
        CONTRIBUTION_SENT = "contribution_sent", _("Contribution sent")
        CONTRIBUTION_RECORDED = "contribution_recorded", _("Offline contribution recorded")
        CONTRIBUTION_VIEWED = "contribution_viewed", _("Contribution read")
        DOCUMENT_SHARED = "document_shared", _("Document shared")
        DOCUMENT_READ = "document_read", _("Shared document read by the family member")
        COMMENT_ADDED = "comment_added", _("Comment on a shared document")
        COMMENTS_VIEWED = "comments_viewed", _("Comments read")
        CONSENT_CHANGED = "consent_changed", _("Consent recorded")
        WITHDREW = "withdrew", _("Family member withdrew")
        TOLD_BEFORE_PUBLICATION = "told_before_publication", _("Told before publication")
        CONCERN_RAISED = "concern_raised", _("Concern raised")
        CONCERN_VIEWED = "concern_viewed", _("Concern read")
        CONCERN_CLOSED = "concern_closed", _("Concern handled")
        CONTRIBUTIONS_DELETED = "contributions_deleted", _("Contributions deleted (retention)")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=24, choices=Action)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    member = models.ForeignKey(
        FamilyMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_member = models.BooleanField(default=False)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["review", "-at"])]

    def __str__(self):
        return f"{self.get_action_display()} at {self.at:%Y-%m-%d %H:%M}"
