"""Every write in a practice review: reviews, invitations, contributions, sharing, withdrawal.

Each write that touches a family member's words or access is recorded in the review's audit log
(ReviewEvent) in the same transaction.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from analysis.concerns import detect_concerns
from engage.models import (
    Contribution,
    DocumentComment,
    FamilyConcern,
    FamilyMember,
    Invitation,
    Review,
    ReviewAssignment,
    ReviewEvent,
    SharedDocument,
)
from engage.models.reviews import Stage, email_lookup
from surveys.models import RESUME_ALPHABET

ACCESS_CODE_LENGTH = 8
MAX_COMMENT_CHARS = 10_000


class ReviewError(Exception):
    """A request that cannot be carried out, with a message that says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def record(review, action, *, by_user=None, member=None, by_member=False, detail=""):
    return ReviewEvent.objects.create(
        review=review,
        action=action,
        by_user=by_user,
        member=member,
        by_member=by_member,
        detail=detail[:200],
    )


# Staff side


def review_create(*, by, **fields) -> Review:
    """A new review; whoever creates it is its first coordinator."""
    with transaction.atomic():
        review = Review.objects.create(**fields)
        setattr(
            review,
            f"{review.stage}_on",
            getattr(review, f"{review.stage}_on") or timezone.localdate(),
        )
        review.save()
        ReviewAssignment.objects.create(
            review=review, user=by, role=ReviewAssignment.Role.COORDINATOR
        )
        record(review, ReviewEvent.Action.CREATED, by_user=by)
    return review


def review_set_stage(*, review: Review, stage: str, on_date, by) -> None:
    with transaction.atomic():
        review.stage = stage
        setattr(review, f"{stage}_on", on_date)
        review.save(update_fields=["stage", f"{stage}_on"])
        record(review, ReviewEvent.Action.STAGE_CHANGED, by_user=by, detail=Stage(stage).label)


def review_assign(*, review: Review, user, role: str, by) -> ReviewAssignment:
    with transaction.atomic():
        assignment, _created = ReviewAssignment.objects.update_or_create(
            review=review, user=user, defaults={"role": role}
        )
        record(
            review,
            ReviewEvent.Action.STAFF_ASSIGNED,
            by_user=by,
            detail=f"{user.get_username()}: {assignment.get_role_display()}",
        )
    return assignment


def member_add(*, review: Review, by, **fields) -> FamilyMember:
    if review.contributions_deleted_at:
        raise ReviewError(_("This review's family records were deleted on its retention date."))
    with transaction.atomic():
        member = FamilyMember.objects.create(review=review, **fields)
        record(review, ReviewEvent.Action.MEMBER_ADDED, by_user=by, member=member)
    return member


def invitation_create(
    *, member: FamilyMember, by, second_factor: str, date_of_birth=None
) -> tuple[Invitation, str, str]:
    """A new single-use link for the member; any link still waiting is revoked, so only one
    works. Returns the invitation, its token and any access code: both are shown to the
    coordinator once and stored only as hashes."""
    if member.has_withdrawn():
        raise ReviewError(_("This family member has withdrawn. They cannot be invited again."))
    if not member.review.takes_contributions():
        raise ReviewError(_("This review no longer takes contributions."))
    access_code = ""
    secret = ""
    if second_factor == Invitation.SecondFactor.ACCESS_CODE:
        access_code = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(ACCESS_CODE_LENGTH))
        secret = access_code
    elif second_factor == Invitation.SecondFactor.DATE_OF_BIRTH:
        if date_of_birth is None:
            raise ReviewError(_("Enter their date of birth, or choose another check."))
        secret = date_of_birth.isoformat()
    token = Invitation.new_token()
    now = timezone.now()
    with transaction.atomic():
        _revoke_waiting(member, now)
        invitation = Invitation.objects.create(
            member=member,
            token_hash=Invitation.hash_token(token),
            second_factor=second_factor,
            second_factor_hash=make_password(secret) if secret else "",
            created_by=by,
            expires_at=now + timedelta(days=settings.REVIEW_INVITATION_DAYS),
        )
        record(
            member.review,
            ReviewEvent.Action.INVITED,
            by_user=by,
            member=member,
            detail=invitation.get_second_factor_display(),
        )
    return invitation, token, access_code


def _revoke_waiting(member: FamilyMember, now) -> None:
    Invitation.objects.filter(
        member=member, used_at=None, revoked_at=None, locked_at=None, expires_at__gt=now
    ).update(revoked_at=now)


def invitation_revoke(*, invitation: Invitation, by) -> None:
    """The link stops working at once, and so does any visit signed in with it."""
    with transaction.atomic():
        if invitation.revoked_at is None:
            invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["revoked_at"])
            record(
                invitation.member.review,
                ReviewEvent.Action.INVITATION_REVOKED,
                by_user=by,
                member=invitation.member,
            )


def contribution_record_offline(
    *, member: FamilyMember, source: str, notes: str, agreed: bool, by
) -> Contribution:
    if not agreed:
        raise ReviewError(_("Record that the family member agreed to these notes first."))
    if not member.review.takes_contributions():
        raise ReviewError(_("This review no longer takes contributions."))
    if member.has_withdrawn():
        raise ReviewError(_("This family member has withdrawn: nothing more can be recorded."))
    now = timezone.now()
    with transaction.atomic():
        contribution = Contribution.objects.create(
            review=member.review,
            member=member,
            source=source,
            parts={"notes": notes},
            status=Contribution.Status.SENT,
            sent_at=now,
            updated_at=now,
            recorded_by=by,
            agreed_with_member=True,
        )
        record(
            member.review,
            ReviewEvent.Action.CONTRIBUTION_RECORDED,
            by_user=by,
            member=member,
            detail=contribution.get_source_display(),
        )
    return contribution


def contribution_read_by_staff(*, contribution: Contribution, by) -> None:
    record(
        contribution.review,
        ReviewEvent.Action.CONTRIBUTION_VIEWED,
        by_user=by,
        member=contribution.member,
        detail=f"Contribution {contribution.pk}",
    )


def member_read_by_staff(*, member: FamilyMember, by) -> None:
    record(member.review, ReviewEvent.Action.MEMBER_VIEWED, by_user=by, member=member)


def document_share(
    *, review: Review, kind: str, title: str, body: str, members, comments_until, by
) -> SharedDocument:
    if review.contributions_deleted_at:
        raise ReviewError(_("This review's family records were deleted on its retention date."))
    members = [member for member in members if not member.has_withdrawn()]
    if not members:
        raise ReviewError(_("Choose at least one family member who is still taking part."))
    with transaction.atomic():
        document = SharedDocument.objects.create(
            review=review,
            kind=kind,
            title=title,
            body=body,
            shared_by=by,
            comments_until=comments_until,
        )
        document.shared_with.set(members)
        for member in members:
            record(
                review,
                ReviewEvent.Action.DOCUMENT_SHARED,
                by_user=by,
                member=member,
                detail=document.get_kind_display(),
            )
        if kind == SharedDocument.Kind.PUBLISHED_REPORT:
            from engage.reviews.tasks import published_report_notify

            transaction.on_commit(lambda: published_report_notify.enqueue(document.pk))
        elif review.published_on is None:
            # Sharing findings before publication is telling the member before publication.
            today = timezone.localdate()
            FamilyMember.objects.filter(
                pk__in=[m.pk for m in members], told_before_publication_on=None
            ).update(told_before_publication_on=today, told_how="Shared in the portal")
    return document


def member_record_told(*, member: FamilyMember, on_date, how: str, by) -> None:
    with transaction.atomic():
        member.told_before_publication_on = on_date
        member.told_how = how
        member.save(update_fields=["told_before_publication_on", "told_how"])
        record(
            member.review,
            ReviewEvent.Action.TOLD_BEFORE_PUBLICATION,
            by_user=by,
            member=member,
            detail=how,
        )


def comments_read_by_staff(*, document: SharedDocument, by) -> None:
    record(
        document.review,
        ReviewEvent.Action.COMMENTS_VIEWED,
        by_user=by,
        detail=f"{document.get_kind_display()} {document.pk}",
    )


def concern_read_by_staff(*, concern: FamilyConcern, by) -> None:
    record(
        concern.review,
        ReviewEvent.Action.CONCERN_VIEWED,
        by_user=by,
        member=concern.member,
        detail=f"Concern {concern.pk}",
    )


def concern_close(*, concern: FamilyConcern, what_was_done: str, by) -> None:
    if not what_was_done.strip():
        raise ReviewError(_("Say what was done before marking the concern handled."))
    with transaction.atomic():
        locked = FamilyConcern.objects.select_for_update().get(pk=concern.pk)
        if not locked.is_open():
            # Two people closing at once: the first record of what was done stands.
            raise ReviewError(_("Someone has already recorded how this concern was handled."))
        locked.status = FamilyConcern.Status.CLOSED
        locked.closed_at = timezone.now()
        locked.closed_by = by
        locked.what_was_done = what_was_done.strip()
        locked.save(update_fields=["status", "closed_at", "closed_by", "what_was_done"])
        record(
            concern.review,
            ReviewEvent.Action.CONCERN_CLOSED,
            by_user=by,
            member=concern.member,
            detail=f"Concern {concern.pk}",
        )
    for field in ("status", "closed_at", "closed_by", "what_was_done"):
        setattr(concern, field, getattr(locked, field))


def retention_delete_due(*, today=None) -> list[Review]:
    """Delete every family word and contact detail of reviews past their retention date, and
    record it. What stays is the review's outline and its log, which hold no family words."""
    today = today or timezone.localdate()
    due = Review.objects.filter(retention_until__lt=today, contributions_deleted_at=None)
    done = []
    for review in due:
        with transaction.atomic():
            now = timezone.now()
            count = _remove_words(Contribution.objects.filter(review=review), now, "retention")
            DocumentComment.objects.filter(document__review=review).update(text="", removed_at=now)
            FamilyConcern.objects.filter(review=review).update(words="")
            SharedDocument.objects.filter(review=review).update(body="")
            FamilyMember.objects.filter(review=review).update(
                name="",
                contact_details="",
                email_digest="",
                supporter_name="",
                other_help="",
            )
            Invitation.objects.filter(member__review=review, revoked_at=None).update(revoked_at=now)
            review.contributions_deleted_at = now
            review.save(update_fields=["contributions_deleted_at"])
            record(
                review,
                ReviewEvent.Action.CONTRIBUTIONS_DELETED,
                detail=f"{count} contributions, contact details and shared documents deleted",
            )
        done.append(review)
    return done


def _remove_words(contributions, now, because: str) -> int:
    return contributions.filter(removed_at=None).update(
        parts={}, removed_at=now, removed_because=because
    )


# Family side


def rate_limited(key: str, *, limit: int, seconds: int) -> bool:
    """Count one try against key; True once more than limit tries fall in the window."""
    cache.add(key, 0, timeout=seconds)
    try:
        tries = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        tries = 1
    return tries > limit


def invitation_for_token(token: str) -> Invitation | None:
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("member__review")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )


def invitation_check(*, invitation: Invitation, answer: str) -> bool:
    """Whether the second factor is right: an access code, or a date of birth as YYYY-MM-DD.
    Wrong answers count; at the limit the invitation locks and the coordinators are told."""
    if invitation.second_factor == Invitation.SecondFactor.NONE:
        return True
    answer = (answer or "").strip()
    if invitation.second_factor == Invitation.SecondFactor.ACCESS_CODE:
        # Codes are read out or copied from a letter: spaces, dashes and case do not matter.
        answer = answer.upper().replace(" ", "").replace("-", "")
    if answer and check_password(answer, invitation.second_factor_hash):
        return True
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        locked.failed_checks += 1
        fields = ["failed_checks"]
        if locked.failed_checks >= settings.FAMILY_CHECK_ATTEMPTS and not locked.locked_at:
            locked.locked_at = timezone.now()
            fields.append("locked_at")
            record(
                locked.member.review,
                ReviewEvent.Action.INVITATION_LOCKED,
                member=locked.member,
                detail=f"{locked.failed_checks} wrong answers",
            )
            from engage.reviews.tasks import invitation_locked_notify

            transaction.on_commit(lambda: invitation_locked_notify.enqueue(locked.pk))
        locked.save(update_fields=fields)
    invitation.failed_checks, invitation.locked_at = locked.failed_checks, locked.locked_at
    return False


def invitation_exchange(*, invitation: Invitation) -> FamilyMember:
    """Use the invitation up: from now on only the browser it was exchanged in gets in."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.can_be_used():
            raise ReviewError(_("This link has already been used or has stopped working."))
        locked.used_at = timezone.now()
        locked.save(update_fields=["used_at"])
        record(
            locked.member.review,
            ReviewEvent.Action.SIGNED_IN,
            member=locked.member,
            by_member=True,
        )
    return invitation.member


def new_link_by_email(*, email: str) -> None:
    """Queue a fresh link for the member whose contact address this is. The request does the
    same work whether or not the address is known, so neither its answer nor its timing tells
    a stranger which addresses belong to a family."""
    digest = email_lookup(email)
    if not digest:
        return
    from engage.reviews.tasks import new_link_email

    # The link is drawn inside the task, so no usable token waits in the task queue.
    new_link_email.enqueue(digest)


def member_for_new_link(digest: str) -> FamilyMember | None:
    """The member a new link may go to: invited before, still taking part, not locked out or
    taken off the review by the coordinator."""
    member = (
        FamilyMember.objects.select_related("review")
        .filter(email_digest=digest, withdrawn_at=None)
        .order_by("-added_at")
        .first()
    )
    if member is None or not member.review.takes_contributions():
        return None
    last = member.invitations.order_by("-created_at").first()
    if last is None or last.locked_at or last.revoked_at:
        return None
    return member


def invitation_renew(*, member: FamilyMember) -> str:
    """A fresh link with the second factor of the member's last invitation; returns its token."""
    last = member.invitations.order_by("-created_at").first()
    token = Invitation.new_token()
    now = timezone.now()
    with transaction.atomic():
        _revoke_waiting(member, now)
        Invitation.objects.create(
            member=member,
            token_hash=Invitation.hash_token(token),
            second_factor=last.second_factor,
            second_factor_hash=last.second_factor_hash,
            expires_at=now + timedelta(days=settings.REVIEW_INVITATION_DAYS),
        )
        record(member.review, ReviewEvent.Action.NEW_LINK_SENT, member=member, by_member=True)
    return token


def participation_choose(*, member: FamilyMember, **choices) -> None:
    _refuse_if_withdrawn(member)
    with transaction.atomic():
        for field, value in choices.items():
            setattr(member, field, value)
        member.save(update_fields=list(choices))
        record(
            member.review,
            ReviewEvent.Action.PARTICIPATION_CHOSEN,
            member=member,
            by_member=True,
            detail=member.get_takes_part_by_display(),
        )


def _refuse_if_withdrawn(member: FamilyMember) -> None:
    if member.has_withdrawn():
        raise ReviewError(_("You have withdrawn from the review, so nothing more can be added."))


def _refuse_if_closed(member: FamilyMember) -> None:
    _refuse_if_withdrawn(member)
    if not member.review.takes_contributions():
        raise ReviewError(_("The review has finished, so it cannot take anything more."))


def contribution_draft(member: FamilyMember) -> Contribution:
    """The member's account in progress, or a new one: after sending, writing more starts a new
    account, so what was sent is never changed or lost."""
    _refuse_if_closed(member)
    draft = member.contributions.filter(
        source=Contribution.Source.PORTAL, status=Contribution.Status.DRAFT, removed_at=None
    ).first()
    return draft or Contribution(review=member.review, member=member)


def contribution_save_part(*, contribution: Contribution, key: str, text: str) -> list:
    """Save one part of the account at once; screen the words for current risk."""
    _refuse_if_closed(contribution.member)
    if key not in Contribution.SECTION_KEYS:
        raise ReviewError(_("That part of the account does not exist."))
    if len(text) > Contribution.MAX_SECTION_CHARS:
        raise ReviewError(
            _("This part is too long to save: keep it under %(n)s characters.")
            % {"n": f"{Contribution.MAX_SECTION_CHARS:,}"}
        )
    member = contribution.member
    with transaction.atomic():
        # One writer per member at a time, reading the account afresh: two open tabs then add
        # to the same account, and neither loses the part the other saved a moment before.
        FamilyMember.objects.select_for_update().filter(pk=member.pk).exists()
        current = _account_to_write(contribution)
        current.parts = {**current.parts, key: text}
        current.updated_at = timezone.now()
        current.save()
        contribution.pk, contribution.parts = current.pk, current.parts
        return _screen(member, text, contribution=current)


def _account_to_write(contribution: Contribution) -> Contribution:
    """The saved state of the account this page was writing to, or the draft another page of
    the member's started meanwhile, or the new account itself."""
    if contribution.pk:
        current = Contribution.objects.get(pk=contribution.pk)
        if current.is_sent():
            raise ReviewError(_("This account has been sent: start a new one to add more."))
        return current
    return contribution_draft(contribution.member) if contribution.member_id else contribution


def contribution_send(*, contribution: Contribution) -> None:
    _refuse_if_closed(contribution.member)
    if not contribution.pk or not contribution.filled_sections():
        raise ReviewError(_("Write something in at least one part before sending."))
    with transaction.atomic():
        locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
        if locked.is_sent():
            return
        now = timezone.now()
        Contribution.objects.filter(pk=locked.pk).update(
            status=Contribution.Status.SENT, sent_at=now, updated_at=now
        )
        contribution.status, contribution.sent_at = Contribution.Status.SENT, now
        record(
            contribution.review,
            ReviewEvent.Action.CONTRIBUTION_SENT,
            member=contribution.member,
            by_member=True,
            detail=f"Contribution {contribution.pk}",
        )


def document_read_by_member(*, document: SharedDocument, member: FamilyMember) -> None:
    if not ReviewEvent.objects.filter(
        review=document.review,
        member=member,
        action=ReviewEvent.Action.DOCUMENT_READ,
        detail=f"Document {document.pk}",
    ).exists():
        record(
            document.review,
            ReviewEvent.Action.DOCUMENT_READ,
            member=member,
            by_member=True,
            detail=f"Document {document.pk}",
        )


def comment_add(*, document: SharedDocument, member: FamilyMember, text: str) -> list:
    if member.has_withdrawn():
        raise ReviewError(_("You have withdrawn from the review, so nothing more can be added."))
    if not document.takes_comments():
        raise ReviewError(_("Comments on this document have closed."))
    text = text.strip()
    if not text:
        raise ReviewError(_("Write your comment before sending it."))
    if len(text) > MAX_COMMENT_CHARS:
        raise ReviewError(
            _("Your comment is too long to save: keep it under %(n)s characters.")
            % {"n": f"{MAX_COMMENT_CHARS:,}"}
        )
    with transaction.atomic():
        DocumentComment.objects.create(document=document, member=member, text=text)
        record(
            document.review,
            ReviewEvent.Action.COMMENT_ADDED,
            member=member,
            by_member=True,
            detail=document.get_kind_display(),
        )
        return _screen(member, text)


def consent_set(*, member: FamilyMember, choice: str) -> None:
    # Withdrawing clears consent; giving it again afterwards would undo the withdrawal.
    _refuse_if_withdrawn(member)
    with transaction.atomic():
        member.quote_consent = choice
        member.consent_given_at = timezone.now()
        member.save(update_fields=["quote_consent", "consent_given_at"])
        record(
            member.review,
            ReviewEvent.Action.CONSENT_CHANGED,
            member=member,
            by_member=True,
            detail=member.get_quote_consent_display(),
        )


def member_withdraw(*, member: FamilyMember) -> None:
    """Take the member's words out of everything not yet published, and record it. Concerns
    about a child's safety are kept: they are safeguarding records, not contributions."""
    if member.has_withdrawn():
        return
    with transaction.atomic():
        now = timezone.now()
        member.withdrawn_at = now
        member.quote_consent = ""
        member.save(update_fields=["withdrawn_at", "quote_consent"])
        count = _remove_words(member.contributions.all(), now, "withdrawn")
        comments = member.comments.filter(removed_at=None).update(text="", removed_at=now)
        _revoke_waiting(member, now)
        record(
            member.review,
            ReviewEvent.Action.WITHDREW,
            member=member,
            by_member=True,
            detail=f"{count} contributions and {comments} comments removed",
        )


def _screen(member: FamilyMember, text: str, *, contribution=None) -> list[FamilyConcern]:
    """A family member may describe current risk to another child: raise it with the review's
    coordinators, once per distinct text."""
    matches = detect_concerns(text)
    if not matches:
        return []
    for concern in FamilyConcern.objects.filter(member=member, contribution=contribution):
        if concern.words == text:
            return [concern]
    concern = FamilyConcern.objects.create(
        review=member.review,
        member=member,
        contribution=contribution,
        categories=[match.category for match in matches],
        words=text,
    )
    record(
        member.review,
        ReviewEvent.Action.CONCERN_RAISED,
        member=member,
        detail=f"Concern {concern.pk}",
    )
    from engage.reviews.tasks import family_concern_notify

    transaction.on_commit(lambda: family_concern_notify.enqueue(concern.pk))
    return [concern]
