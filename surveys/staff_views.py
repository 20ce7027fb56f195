"""Staff pages: surveys, previews, response monitor, collection links and concerns."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from analysis.concerns import CATEGORIES
from analysis.suppression import suppress_table, suppress_total
from surveys import access, services
from surveys.access import Role, role_required
from surveys.forms import (
    CollectionLinkForm,
    ConcernActionForm,
    describe_answer,
    page_form_class,
)
from surveys.models import AgeBand, Answer, Response
from surveys.plan import Page, all_questions, load_structure


@role_required(*Role.values)
def home(request):
    roles = access.roles_of(request.user)
    open_concerns = None
    if access.has_role(request.user, Role.SAFEGUARDING_LEAD):
        open_concerns = access.concerns_for(request.user).filter(status="open").count()
    return render(request, "staff/home.html", {"roles": roles, "open_concerns": open_concerns})


@role_required(Role.OFFICER, Role.ANALYST)
def survey_list(request):
    versions = access.versions_for(request.user).annotate(link_count=Count("links"))
    return render(request, "staff/surveys.html", {"versions": versions})


@role_required(Role.OFFICER, Role.ANALYST)
def preview(request, pk, band):
    """Every question a band could be asked, as the respondent would see it."""
    version = access.version_for(request.user, pk)
    if band not in AgeBand.values:
        return redirect("staff-preview", pk=pk, band=AgeBand.AGE_4_7)
    language = request.GET.get("lang", "en")
    if language not in dict(settings.LANGUAGES):
        language = "en"
    questions = all_questions(load_structure(version), band)
    forms = []
    for number, question in enumerate(questions, start=1):
        page = Page(f"q-{question.key}", question.step, (question,))
        forms.append(page_form_class(page, band, language, number)(prefix=page.key))
    return render(
        request,
        "staff/preview.html",
        {
            "version": version,
            "band": band,
            "bands": AgeBand.choices,
            "forms": forms,
            "language": language,
            "languages": settings.LANGUAGES,
            "total": len(questions),
        },
    )


@role_required(Role.OFFICER, Role.ANALYST)
def monitor(request, pk):
    """Started, sent and unfinished responses by link and band, small numbers hidden."""
    version = access.version_for(request.user, pk)
    threshold = settings.SMALL_NUMBER_THRESHOLD
    counts = (
        Response.objects.filter(version=version)
        .values("link_id", "band", "status")
        .annotate(n=Count("id"))
    )
    links = list(version.links.order_by("name"))
    by_band = {(c["link_id"], c["band"]): 0 for c in counts}
    by_status = {}
    for c in counts:
        by_band[c["link_id"], c["band"]] = by_band.get((c["link_id"], c["band"]), 0) + c["n"]
        key = (c["link_id"], c["status"])
        by_status[key] = by_status.get(key, 0) + c["n"]
    band_table = suppress_table(
        [[by_band.get((link.pk, band), 0) for band in AgeBand.values] for link in links], threshold
    )
    status_table = suppress_table(
        [[by_status.get((link.pk, s), 0) for s in Response.Status.values] for link in links],
        threshold,
    )
    rows = [
        {
            "link": link,
            "bands": band_table[i],
            "statuses": status_table[i],
            "total": suppress_total(sum(c.value for c in band_table[i]), threshold),
        }
        for i, link in enumerate(links)
    ]
    return render(
        request,
        "staff/monitor.html",
        {
            "version": version,
            "rows": rows,
            "bands": AgeBand.choices,
            "statuses": Response.Status.choices,
            "threshold": threshold,
        },
    )


@role_required(Role.OFFICER)
def link_list(request):
    links = access.links_for(request.user).annotate(responses_count=Count("responses"))
    return render(request, "staff/links.html", {"links": links})


@role_required(Role.OFFICER)
def link_create(request):
    leads = get_user_model().objects.filter(groups__name=Role.SAFEGUARDING_LEAD, is_active=True)
    form = CollectionLinkForm(request.POST or None, leads=leads)
    if request.method == "POST" and form.is_valid():
        link = services.link_create(form=form, created_by=request.user)
        messages.success(request, _("Link created. Print the poster or share the address."))
        return redirect("staff-link", pk=link.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "staff/link_form.html", {"form": form}, status=status)


def _link_url(request, link) -> str:
    return request.build_absolute_uri(link.get_absolute_url())


@role_required(Role.OFFICER)
def link_detail(request, pk):
    """The link, its QR code and a printable poster."""
    link = access.link_for(request.user, pk)
    url = _link_url(request, link)
    qr_svg = segno.make(url, error="m").svg_inline(
        scale=6, title=_("QR code for %(url)s") % {"url": url}
    )
    return render(request, "staff/link_detail.html", {"link": link, "url": url, "qr_svg": qr_svg})


@role_required(Role.OFFICER)
def link_qr(request, pk):
    link = access.link_for(request.user, pk)
    svg = segno.make(_link_url(request, link), error="m").svg_inline(scale=10)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="survey-{link.slug}-qr.svg"'
    return response


@role_required(Role.SAFEGUARDING_LEAD)
def concern_list(request):
    concerns = access.concerns_for(request.user).select_related("response__link", "lead")
    return render(request, "staff/concerns.html", {"concerns": concerns})


@role_required(Role.SAFEGUARDING_LEAD)
def concern_detail(request, pk):
    """The worrying answer with the rest of that one response, and the record of what was done."""
    concern = access.concern_for(request.user, pk)
    form = ConcernActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.concern_record_action(
            concern=concern,
            by=request.user,
            what=form.cleaned_data["what"],
            closes=form.cleaned_data["closes_concern"],
        )
        messages.success(request, _("Recorded."))
        return redirect(concern)
    band = concern.response.band
    answers = [
        (a.question, describe_answer(a.question, a.value, a.prefer_not_say, band, "en"))
        for a in Answer.objects.filter(response=concern.response)
        .select_related("question")
        .prefetch_related("question__choices")
        .order_by("question__step__order", "question__order")
    ]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "staff/concern.html",
        {
            "concern": concern,
            "answers": answers,
            "form": form,
            "categories": [CATEGORIES.get(c, c) for c in concern.categories],
            "actions": concern.actions.select_related("recorded_by"),
        },
        status=status,
    )
