"""Every write that spans models or reaches outside: responses, answers, concerns, links."""

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from analysis.concerns import detect_concerns
from surveys.models import (
    Answer,
    CollectionLink,
    Concern,
    ConcernAction,
    Question,
    Response,
    SurveyVersion,
)
from surveys.tasks import concern_notify_lead


def response_start(*, link: CollectionLink, band: str, language: str) -> tuple[Response, str]:
    """A new partial response and its resume code (shown once, stored only as a hash)."""
    for _attempt in range(5):
        code = Response.new_resume_code()
        try:
            with transaction.atomic():
                response = Response.objects.create(
                    version=link.version,
                    link=link,
                    band=band,
                    language=language,
                    resume_code_hash=Response.hash_resume_code(code),
                )
            return response, code
        except IntegrityError:
            continue  # a resume code collision: draw another
    raise RuntimeError("Could not draw a unique resume code.")


def response_find_by_code(*, link: CollectionLink, code: str) -> Response | None:
    return Response.objects.filter(
        link=link,
        status=Response.Status.PARTIAL,
        resume_code_hash=Response.hash_resume_code(code),
    ).first()


def response_save_step(
    *,
    response: Response,
    page_key: str,
    raw_data: dict,
    answers: list[tuple[Question, object, str, bool]],
) -> list[Concern]:
    """Store one page's answers and its form data together, then screen any free text.

    Saving the same page twice replaces what it held, so a double submit stores nothing twice.
    """
    now = timezone.now()
    state = _with_page(response.wizard_state or {}, page_key, raw_data, answers)
    # Usually nobody has touched the response since it was read for this request: write at
    # once. Otherwise (another tab, or sent meanwhile), or when the caller passed only its key
    # (a live answer), lock it, read it afresh and add this page to what it holds now.
    saved = _write_page_at_once(response, state, now, answers)
    if saved is None:
        with transaction.atomic():
            written = _write_page_locked(response, page_key, raw_data, answers, now)
        if written is None:
            return []  # sent meanwhile: nothing more to store
        saved, state = written
    response.wizard_state, response.updated_at = state, now
    return _screen_free_text([answer for answer in saved if answer.text])


def _write_page_at_once(response, state, now, answers) -> list[Answer] | None:
    """The page's answers and the response's new state, if the response is as it was read.

    On PostgreSQL one statement does it: the update and the upsert go in one round trip, atomic
    without a transaction around them, instead of four (begin, update, upsert, commit). Other
    databases take the same two writes in a transaction. None when the response has changed.
    """
    if response._state.adding or not answers:
        return None
    if connection.vendor != "postgresql":
        with transaction.atomic():
            if not _update_if_unchanged(response, state, now):
                return None
            return _upsert_answers(response, answers, now)
    value_field = Answer._meta.get_field("value")
    page, params = [], []
    for question, value, text, rns in answers:
        page.append("(%s::bigint, %s::jsonb, %s::text, %s::boolean, %s::timestamptz)")
        params += [question.pk, value_field.get_db_prep_save(value, connection), text, rns, now]
    state_value = Response._meta.get_field("wizard_state").get_db_prep_save(state, connection)
    sql = f"""
        WITH touched AS (
            UPDATE {Response._meta.db_table} SET wizard_state = %s, updated_at = %s
            WHERE id = %s AND status = %s AND updated_at = %s
            RETURNING id
        )
        INSERT INTO {Answer._meta.db_table}
            (response_id, question_id, value, text, prefer_not_say, updated_at)
        SELECT touched.id, page.* FROM touched, (VALUES {", ".join(page)}) AS page
        ON CONFLICT (response_id, question_id) DO UPDATE SET
            value = EXCLUDED.value, text = EXCLUDED.text,
            prefer_not_say = EXCLUDED.prefer_not_say, updated_at = EXCLUDED.updated_at
        RETURNING id, question_id
    """
    head = [state_value, now, response.pk, Response.Status.PARTIAL, response.updated_at]
    with connection.cursor() as cursor:
        cursor.execute(sql, head + params)
        ids = dict((question_id, pk) for pk, question_id in cursor.fetchall())
    if not ids:
        return None
    saved = _answer_rows(response, answers, now)
    for answer in saved:
        answer.pk = ids[answer.question_id]
        answer._state.adding = False
    return saved


def _update_if_unchanged(response, state, now) -> bool:
    return bool(
        Response.objects.filter(
            pk=response.pk, status=Response.Status.PARTIAL, updated_at=response.updated_at
        ).update(wizard_state=state, updated_at=now)
    )


def _write_page_locked(response, page_key, raw_data, answers, now):
    """(answers saved, new state) with the response locked and read afresh; None once sent."""
    row = Response.objects.select_for_update().get(pk=response.pk)
    if row.is_complete():
        return None
    state = _with_page(row.wizard_state or {}, page_key, raw_data, answers)
    Response.objects.filter(pk=row.pk).update(wizard_state=state, updated_at=now)
    return _upsert_answers(row, answers, now), state


def _upsert_answers(response, answers, now) -> list[Answer]:
    return Answer.objects.bulk_create(
        _answer_rows(response, answers, now),
        update_conflicts=True,
        unique_fields=["response", "question"],
        update_fields=["value", "text", "prefer_not_say", "updated_at"],
    )


def _answer_rows(response, answers, now) -> list[Answer]:
    return [
        Answer(
            response=response,
            question=question,
            value=value,
            text=text,
            prefer_not_say=rns,
            updated_at=now,
        )
        for question, value, text, rns in answers
    ]


def _with_page(state: dict, page_key: str, raw_data: dict, answers) -> dict:
    """A copy of a response's wizard state with one page's form data and answer values."""
    state = {key: dict(part) if isinstance(part, dict) else part for key, part in state.items()}
    state.setdefault("step_data", {})[page_key] = raw_data
    state.setdefault("values", {}).update(
        {str(question.pk): value for question, value, _t, _r in answers}
    )
    return state


def _screen_free_text(answers: list[Answer]) -> list[Concern]:
    raised = []
    for answer in answers:
        matches = detect_concerns(answer.text)
        if matches:
            if answer.pk is None:  # a database that does not return upserted rows' keys
                answer = Answer.objects.get(response=answer.response, question=answer.question)
            raised.append(concern_raise(answer=answer, matches=matches))
    return raised


def concern_raise(*, answer: Answer, matches) -> Concern:
    """One concern per distinct text of an answer; the lead is told once it is stored."""
    existing = Concern.objects.filter(answer=answer, text=answer.text).first()
    if existing:
        return existing
    response = answer.response
    concern = Concern.objects.create(
        response=response,
        answer=answer,
        text=answer.text,
        categories=[m.category for m in matches],
        phrases=[m.phrase for m in matches],
        lead=response.link.safeguarding_lead if response.link else None,
    )
    transaction.on_commit(lambda: concern_notify_lead.enqueue(concern.pk))
    return concern


def concern_record_action(*, concern: Concern, by, what: str, closes: bool) -> ConcernAction:
    with transaction.atomic():
        action = ConcernAction.objects.create(
            concern=concern, recorded_by=by, what=what, closes_concern=closes
        )
        if closes and concern.is_open():
            concern.status = Concern.Status.CLOSED
            concern.closed_at = action.recorded_at
            concern.save(update_fields=["status", "closed_at"])
    return action


def response_complete(*, response: Response, shown_question_ids: set[int]) -> bool:
    """Mark the response sent. Answers to questions a later change of path hid are dropped.

    Returns False when it had already been sent (a replayed submit), changing nothing.
    """
    with transaction.atomic():
        updated = Response.objects.filter(pk=response.pk, status=Response.Status.PARTIAL).update(
            status=Response.Status.COMPLETE, completed_at=timezone.now()
        )
        if not updated:
            return False
        Answer.objects.filter(response=response).exclude(
            question_id__in=shown_question_ids
        ).exclude(concerns__isnull=False).delete()
    return True


def link_create(*, form, created_by) -> CollectionLink:
    link = form.save(commit=False)
    link.created_by = created_by
    link.cohort_tags = form.cohort_tags()
    for _attempt in range(5):
        link.slug = CollectionLink.new_slug()
        try:
            with transaction.atomic():
                link.save()
            return link
        except IntegrityError:
            continue
    raise RuntimeError("Could not draw a unique link address.")


def version_publish(*, version: SurveyVersion) -> None:
    """Publish a draft; from now on it cannot be edited."""
    SurveyVersion.objects.filter(pk=version.pk, status=SurveyVersion.Status.DRAFT).update(
        status=SurveyVersion.Status.PUBLISHED, published_at=timezone.now()
    )
    version.refresh_from_db(fields=["status", "published_at"])
