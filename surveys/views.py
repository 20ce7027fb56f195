"""Pages children and young people see around the survey itself (the wizard is in wizard.py)."""

import hashlib
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from analysis import services as analysis_services
from surveys import access, services
from surveys.forms import BandForm, ResumeForm
from surveys.models import AgeBand
from surveys.plan import plan_pages, structure_for
from surveys.wizard import CHECK_STEP, AnswerWizard, shown_question_ids, wants_next_here


def link_required(view):
    """Resolve the collection link; a closed or unpublished one gets a clear page."""

    @wraps(view)
    def wrapped(request, slug, *args, **kwargs):
        try:
            request.survey_link = access.link_for_answering(slug)
        except access.LinkNotOpen as problem:
            status = 410 if problem.reason == "closed" else 404
            return render(
                request,
                "surveys/not_open.html",
                {"link": problem.link, "reason": problem.reason},
                status=status,
            )
        return view(request, *args, slug=slug, **kwargs)

    return wrapped


@link_required
def start(request, slug):
    link = request.survey_link
    if access.response_for_browser(request, link):
        return render(request, "surveys/welcome_back.html", {"link": link})
    if link.fixed_band:
        return redirect(f"{request.path}about/?band={link.fixed_band}")
    return render(request, "surveys/start.html", {"link": link, "bands": AgeBand.choices})


@link_required
def about(request, slug):
    """The privacy notice and assent, in words for the chosen age band."""
    link = request.survey_link
    form = BandForm(request.GET)
    if link.fixed_band:
        form = BandForm({"band": link.fixed_band})
    if not form.is_valid():
        return render(
            request,
            "surveys/start.html",
            {"link": link, "bands": AgeBand.choices, "form": form},
            status=400,
        )
    return render(request, "surveys/about.html", {"link": link, "band": form.cleaned_data["band"]})


@require_POST
@link_required
def begin(request, slug):
    link = request.survey_link
    form = BandForm({"band": link.fixed_band or request.POST.get("band")})
    if not form.is_valid():
        return render(
            request,
            "surveys/start.html",
            {"link": link, "bands": AgeBand.choices, "form": form},
            status=400,
        )
    if access.response_for_browser(request, link):
        return redirect("surveys-answer-start", slug=link.slug)
    response, code = services.response_start(
        link=link, band=form.cleaned_data["band"], language=get_language()
    )
    if wants_next_here(request):
        going_on = AnswerWizard.first_page(request, link, response)
    else:
        # Straight to the first page: a new response has answered nothing yet.
        pages = plan_pages(structure_for(response), response.band, {})
        step = pages[0].key if pages else CHECK_STEP
        going_on = redirect("surveys-answer", slug=link.slug, step=step)
    access.remember_response(going_on, link, response, code)
    return going_on


@require_POST
@link_required
def restart(request, slug):
    """Leave the unfinished answers stored as partial and start afresh."""
    afresh = redirect("surveys-start", slug=slug)
    access.forget_response(afresh, request.survey_link)
    return afresh


def _resume_attempts_key(request, slug) -> str:
    # Counted per network address for an hour, in the cache only: never stored with answers.
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:24]
    return f"resume-attempts:{slug}:{digest}"


@link_required
def resume(request, slug):
    link = request.survey_link
    form = ResumeForm(request.POST or None)
    key = _resume_attempts_key(request, slug)
    if request.method == "POST":
        cache.add(key, 0, timeout=3600)
        attempts = cache.incr(key)
        if attempts > settings.RESUME_ATTEMPTS_PER_HOUR:
            form.add_error(
                None, _("Too many tries. Please wait an hour, or start the survey again.")
            )
            return render(request, "surveys/resume.html", {"link": link, "form": form}, status=429)
        if form.is_valid():
            code = form.cleaned_data["code"]
            response = services.response_find_by_code(link=link, code=code)
            if response:
                going_on = redirect("surveys-answer-start", slug=slug)
                access.remember_response(going_on, link, response, code)
                return going_on
            form.add_error("code", _("We couldn't find that code. Check it and try again."))
        return render(request, "surveys/resume.html", {"link": link, "form": form}, status=400)
    return render(request, "surveys/resume.html", {"link": link, "form": form})


@link_required
def saved(request, slug):
    link = request.survey_link
    code = access.resume_code_for_browser(request, link)
    if not code:
        return redirect("surveys-start", slug=slug)
    return render(request, "surveys/saved.html", {"link": link, "code": code})


def help_page(request, slug):
    """Help straight away; the child can carry on afterwards."""
    next_step = request.GET.get("next", "")
    if not next_step.replace("-", "").isalnum():
        next_step = ""
    return render(request, "surveys/help.html", {"slug": slug, "next_step": next_step})


@require_POST
@link_required
def send(request, slug):
    link = request.survey_link
    response = access.response_for_browser(request, link)
    if response is None:
        if access.was_sent(request, link):
            messages.info(request, _("Your answers were already sent. Thank you."))
            return redirect("surveys-thanks", slug=slug)
        return redirect("surveys-start", slug=slug)
    question_ids, all_done = shown_question_ids(response)
    if not all_done:
        messages.error(request, _("Please answer or skip every page before sending."))
        return redirect("surveys-answer-start", slug=slug)
    services.response_complete(response=response, shown_question_ids=question_ids)
    if wants_next_here(request):
        done = _thanks_page(request, link)
    else:
        done = redirect("surveys-thanks", slug=slug)
    access.forget_response(done, link)
    access.mark_sent(done, link)
    return done


@link_required
def thanks(request, slug):
    return _thanks_page(request, request.survey_link)


def _thanks_page(request, link):
    context = {
        "link": link,
        "actions": analysis_services.public_actions(limit=3),
        "page_url": reverse("surveys-thanks", kwargs={"slug": link.slug}),
    }
    return render(request, "surveys/thanks.html", context)


def csrf_failure(request, reason=""):
    """A form sent from a page left open too long: say so kindly; nothing saved is lost."""
    return render(request, "surveys/form_expired.html", status=403)
