"""Live session pages: the officer's controls, the projector, and the participant's phone."""

import functools

import segno
from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engage import access, results, services
from engage.forms import JoinForm, PollStartForm, SessionStartForm
from engage.models import LiveTextAnswer
from surveys.access import Role, role_required
from surveys.forms import PREFER_NOT_SAY, page_form_class
from surveys.models import Answer
from surveys.plan import Page, wording_for
from surveys.wizard import wants_next_here

# Officer


@role_required(Role.OFFICER)
def session_list(request):
    sessions = access.sessions_for(request.user)[:50]
    return render(request, "engage/sessions.html", {"sessions": sessions})


@role_required(Role.OFFICER)
def session_start(request):
    form = SessionStartForm(request.POST or None)
    return _start(request, form, services.session_start, form, PollStartForm(prefix="poll"))


@role_required(Role.OFFICER)
def poll_start(request):
    """The start page's second way: one question written on the spot."""
    poll = PollStartForm(request.POST or None, prefix="poll")
    return _start(request, poll, services.poll_start, SessionStartForm(), poll)


def _start(request, sent, start, form, poll):
    """Start with the form sent and go to the new session; or the start page with its errors."""
    if request.method == "POST" and sent.is_valid():
        try:
            session = start(**sent.cleaned_data, officer=request.user)
        except services.LiveError as problem:
            sent.add_error(None, problem.message)
        else:
            return redirect(session)
    status = 400 if form.errors or poll.errors else 200
    return render(request, "engage/start.html", {"form": form, "poll": poll}, status=status)


def _join_url(request, session) -> str:
    return request.build_absolute_uri(session.join_path())


@functools.lru_cache(maxsize=64)
def _qr_svg(url: str, title: str) -> str:
    # Drawing the code takes several milliseconds, and the control page is fetched again each
    # time its socket says something changed.
    return segno.make(url, error="m").svg_inline(scale=5, title=title)


@role_required(Role.OFFICER)
def control(request, pk):
    """The officer's own screen: controls, the moderation queue and any concern, privately."""
    session = access.session_for(request.user, pk)
    url = _join_url(request, session)
    context = {
        "session": session,
        "join_url": url,
        "qr_svg": _qr_svg(url, _("QR code for %(url)s") % {"url": url}),
        "wording": _wording(session),
        "results": results.question_results(session, get_language()),
        "pending": LiveTextAnswer.objects.pending()
        .filter(session=session)
        .select_related("answer__question"),
        "concerns": results.session_concerns(session),
        "stamp": results.officer_stamp(session),
    }
    return render(request, "engage/control.html", context)


CONTROLS = {
    "open": services.session_open_question,
    "close": services.session_close_question,
    "results": services.session_show_results,
    "next": services.session_next_question,
    "end": services.session_end,
}


@require_POST
@role_required(Role.OFFICER)
def control_action(request, pk, action):
    session = access.session_for(request.user, pk)
    if action not in CONTROLS:
        messages.error(request, _("That isn't something a session can do."))
        return redirect(session)
    try:
        if CONTROLS[action](session=session) is False:
            messages.info(request, _("That was the last question. End the session when ready."))
    except services.LiveError as problem:
        messages.error(request, problem.message)
    return redirect(session)


@require_POST
@role_required(Role.OFFICER)
def text_moderate(request, pk, text_pk):
    session = access.session_for(request.user, pk)
    text = get_object_or_404(
        LiveTextAnswer.objects.select_related("answer"), pk=text_pk, session=session
    )
    services.text_moderate(text=text, approve=request.POST.get("decision") == "approve")
    return redirect(session)


@role_required(Role.OFFICER)
def presenter(request, pk):
    """For the projector: the question, then a chart or the approved answers. Never concerns."""
    session = access.session_for(request.user, pk)
    context = {
        "session": session,
        "join_url": _join_url(request, session),
        "wording": _wording(session),
        "results": results.question_results(session, get_language()),
        "wall": results.wall_texts(session),
        "stamp": results.presenter_stamp(session),
    }
    return render(request, "engage/presenter.html", context)


@role_required(Role.OFFICER)
def session_state(request, pk):
    session = access.session_for(request.user, pk)
    which = request.GET.get("for")
    stamp = (
        results.officer_stamp(session) if which == "officer" else results.presenter_stamp(session)
    )
    return JsonResponse({"stamp": stamp})


# Participants


def join(request):
    form = JoinForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if _already_joined(request, code):
            return redirect("engage-participate", code=code)
        try:
            participant = services.participant_join(
                code=code, address=request.META.get("REMOTE_ADDR", "")
            )
        except services.JoinRefused as problem:
            form.add_error("code", problem.message)
            status = 429 if isinstance(problem, services.TooManyJoins) else 400
        else:
            if wants_next_here(request):
                joined = _question_page(request, participant.session, participant)
            else:
                joined = redirect("engage-participate", code=code)
            access.remember_participant(joined, participant)
            return joined
    elif request.method == "POST":
        status = 400
    if form.is_bound:
        return render(request, "engage/join.html", {"form": form}, status=status)
    return _render_shared(request, "engage/join.html", lambda: {"form": form})


def _already_joined(request, code: str) -> bool:
    session = access.session_to_join(code)
    return bool(session and access.participant_for(request, session))


def participate(request, code):
    session = access.session_for_code(code)
    participant = access.participant_for(request, session)
    if not session.is_open():
        return render(request, "engage/ended.html", {"session": session}, status=410)
    if participant is None:
        context = {"form": JoinForm(initial={"code": session.code}), "session": session}
        return _render_shared(request, "engage/join.html", lambda: context)
    if request.method == "POST":
        return _answer(request, session, participant, _answer_form(request, session))
    return _question_page(request, session, participant)


def _question_page(request, session, participant):
    """The open question, unless answered already (then only when asked to change it, with
    the earlier answer filled in); else what to look at meanwhile."""
    saved = _saved_answer(session, participant)
    asks = session.takes_answers() and (saved is None or "change" in request.GET)
    stamp = results.participant_stamp(session)

    def context():
        return {
            "session": session,
            "band": session.band,
            "wording": _wording(session) if asks else None,
            "form": _answer_form(request, session, saved) if asks else None,
            "stamp": stamp,
        }

    if asks and saved is not None:
        return render(request, "engage/participate.html", context())  # their earlier answer
    return _render_shared(
        request,
        "engage/participate.html",
        context,
        key=(session.pk, stamp, not asks),
        address=reverse("engage-participate", kwargs={"code": session.code}),
    )


def _answer(request, session, participant, form):
    if not form.is_valid():
        context = {"session": session, "band": session.band, "wording": _wording(session)}
        context["form"] = form
        return render(request, "engage/participate.html", context, status=400)
    stored = participant.is_stored()
    try:
        concerns = services.participant_answer(
            participant=participant,
            question_id=_posted_question(request),
            raw_data={k: request.POST.getlist(k) for k in form.fields},
            answer=form.answers()[0],
            language=get_language(),
        )
    except services.AnswerRefused as problem:
        messages.error(request, problem.message)
        return redirect("engage-participate", code=session.code)
    if wants_next_here(request) and not concerns:
        answered = _question_page(request, session, participant)
    else:
        answered = redirect("engage-help" if concerns else "engage-participate", code=session.code)
    if not stored:
        access.remember_participant(answered, participant)  # now naming its rows
    return answered


def _posted_question(request) -> int | None:
    raw = request.POST.get("question", "")
    return int(raw) if raw.isdigit() else None


def _answer_form(request, session, saved: Answer | None = None):
    question = services.session_question(session)
    if question is None:
        return None
    page = Page(f"q-{question.key}", question.step, (question,))
    form_class = page_form_class(page, session.band, get_language(), 1)
    if request.method == "POST":
        return form_class(request.POST)
    return form_class(initial=_earlier(saved, question) if saved else {})


def _saved_answer(session, participant) -> Answer | None:
    """The participant's answer to the open question, if any."""
    if not session.takes_answers() or not participant.is_stored():
        return None  # nothing to ask, or it has answered nothing yet
    return Answer.objects.filter(
        response_id=participant.response_id, question_id=session.question_id
    ).first()


def _earlier(saved: Answer, question) -> dict:
    if saved.prefer_not_say:
        return {question.key: PREFER_NOT_SAY}
    return {question.key: saved.text if question.is_free_text() else saved.value}


def help_page(request, code):
    session = access.session_for_code(code)
    return render(request, "engage/help.html", {"session": session})


def participant_state(request, code):
    session = access.session_for_code(code)
    return JsonResponse({"stamp": results.participant_stamp(session)})


# Phone pages that look the same for everyone in the room but for the CSRF token (the join
# page; a question not yet answered; waiting; answered): drawn once per process and the token
# put in afterwards, as surveys.wizard does for survey pages nobody has answered.
SHARED_PAGES_MAX = 500
_CSRF_PLACEHOLDER = "\x00csrf-token\x00"
_shared_pages: dict[tuple, str] = {}


def _render_shared(
    request, template: str, context, key: tuple = (), address: str = ""
) -> HttpResponse:
    """`context` makes the context, only when the page is drawn; `key` says what else than the
    template, language and address the page depends on. `address` is the page's own, when
    a POST to another address draws it (join, with the page script)."""
    if len(messages.get_messages(request)):
        return render(request, template, {**context(), "page_url": address})
    key = (template, get_language(), address or request.get_full_path(), *key)
    html = _shared_pages.get(key)
    if html is None:
        html = render_to_string(
            template,
            {**context(), "csrf_token": _CSRF_PLACEHOLDER, "page_url": address},
            request,
        )
        if len(_shared_pages) >= SHARED_PAGES_MAX:
            _shared_pages.clear()
        _shared_pages[key] = html
    return HttpResponse(html.replace(_CSRF_PLACEHOLDER, get_token(request)))


def _wording(session):
    question = services.session_question(session)
    return wording_for(question, session.band, get_language()) if question else None
