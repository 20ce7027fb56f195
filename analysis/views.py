"""Analyst pages: theme runs, their themes and findings, hand coding, exports."""

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from analysis import access, exports, services
from analysis.forms import ActionForm, CodeForm, HandCodingForm, PriorityForm, ThemeRunForm
from analysis.models import Action, AnswerImport, AnswerResult, Code, Priority
from surveys.access import Role, role_required
from surveys.models import Question

CODING_PAGE_SIZE = 10


@role_required(Role.ANALYST)
def run_list(request):
    runs = access.runs_for(request.user)
    form = ThemeRunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        run = services.theme_run_start(
            version=form.cleaned_data["question"].step.version,
            filters=form.filters(),
            n_themes=form.cleaned_data["n_themes"],
            also_versions=form.cleaned_data["also_versions"],
            by=request.user,
        )
        return redirect(run)
    status = 400 if form.errors else 200
    return render(request, "analysis/runs.html", {"runs": runs[:50], "form": form}, status=status)


@role_required(Role.ANALYST)
def run_detail(request, pk):
    run = access.run_for(request.user, pk)
    context = {
        "run": run,
        "sources": [(name, None) for name in services.run_source_names(run).values()],
        "stalled_minutes": settings.BACKGROUND_STALLED_MINUTES,
        "small_number_threshold": settings.SMALL_NUMBER_THRESHOLD,
    }
    if run.status == run.Status.DONE:
        context.update(services.run_findings(run, threshold=settings.SMALL_NUMBER_THRESHOLD))
    return render(request, "analysis/run.html", context)


@role_required(Role.ANALYST)
@require_POST
def run_restart(request, pk):
    """Start again a run whose background worker stopped part way."""
    run = access.run_for(request.user, pk)
    try:
        services.theme_run_restart(run_id=run.pk)
    except services.CannotRestart as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Started again."))
    return redirect(run)


@role_required(Role.ANALYST)
def run_coding(request, pk):
    """The answers the run was least sure how to code come first; each code saved trains the
    next run."""
    run = access.run_for(request.user, pk)
    if run.status != run.Status.DONE:
        messages.error(request, _("This run has not finished: code its answers when it has."))
        return redirect(run)
    if request.method == "POST":
        chosen = request.POST.get("result", "")
        result = get_object_or_404(AnswerResult, run=run, pk=chosen if chosen.isdigit() else None)
        form = HandCodingForm(request.POST)
        if form.is_valid():
            services.hand_code(
                answer=result.answer,
                codes=form.cleaned_data["codes"],
                sentiment=form.cleaned_data["sentiment"],
                by=request.user,
            )
            messages.success(request, _("Saved. The next theme run learns from it."))
            return redirect("analysis-coding", pk=run.pk)
        messages.error(
            request,
            _("That coding could not be saved: %(problem)s")
            % {"problem": " ".join(e for errors in form.errors.values() for e in errors)},
        )
        return redirect("analysis-coding", pk=run.pk)
    to_code = (
        run.results.filter(answer__hand_coding__isnull=True)
        .select_related("answer__response")
        .order_by("code_confidence", "pk")[:CODING_PAGE_SIZE]
    )
    codes = list(Code.objects.in_use())
    coded = run.results.filter(answer__hand_coding__isnull=False).count()
    return render(
        request,
        "analysis/coding.html",
        {"run": run, "to_code": to_code, "codes": codes, "coded": coded},
    )


@role_required(Role.ANALYST)
def run_export(request, pk, kind):
    run = access.run_for(request.user, pk)
    if run.status != run.Status.DONE:
        messages.error(request, _("This run has not finished yet: export it when it has."))
        return redirect(run)
    threshold = settings.SMALL_NUMBER_THRESHOLD
    content, content_type = exports.EXPORTERS[kind](run, threshold=threshold)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{exports.file_name(run, kind)}"'
    return response


@role_required(Role.ANALYST)
def priorities(request):
    """What children said against each priority, and strong themes no priority covers."""
    editing = None
    if request.GET.get("edit", "").isdigit():
        editing = get_object_or_404(Priority, pk=request.GET["edit"])
    form = PriorityForm(request.POST or None, instance=editing)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Priority changed.") if editing else _("Priority added."))
        return redirect("analysis-priorities")
    run = _chosen_run(request)
    context = {
        "form": form,
        "editing": editing,
        "priorities": Priority.objects.prefetch_related("codes"),
        "run": run,
        "runs": access.runs_for(request.user).filter(status="done"),
    }
    if run:
        context.update(
            services.run_priority_findings(run, threshold=settings.SMALL_NUMBER_THRESHOLD)
        )
    return render(request, "analysis/priorities.html", context, status=400 if form.errors else 200)


@role_required(Role.ANALYST)
def actions(request):
    """ "You said, we did": what changed because of what children said."""
    editing = None
    if request.GET.get("edit", "").isdigit():
        editing = get_object_or_404(Action, pk=request.GET["edit"])
    run = _chosen_run(request)
    themes = run.themes.filter(is_non_answer=False) if run else None
    form = ActionForm(request.POST or None, instance=editing, themes=themes)
    if request.method == "POST" and form.is_valid():
        services.action_save(form=form, by=request.user)
        messages.success(request, _("Saved."))
        return redirect("analysis-actions")
    return render(
        request,
        "analysis/actions.html",
        {
            "form": form,
            "editing": editing,
            "actions": Action.objects.select_related("theme", "code", "priority"),
            "run": run,
        },
        status=400 if form.errors else 200,
    )


def you_said_we_did(request):
    """Public: what the partnership did about what children and young people told it."""
    return render(request, "analysis/you_said_we_did.html", {"actions": services.public_actions()})


def _chosen_run(request):
    pk = request.GET.get("run", "")
    if pk.isdigit():
        return get_object_or_404(access.runs_for(request.user), pk=pk, status="done")
    return services.latest_finished_run()


@role_required(Role.ANALYST)
def report(request, pk):
    """The annual-report section from a finished run, to print or paste."""
    from django.utils.safestring import mark_safe

    from analysis import charts

    run = access.run_for(request.user, pk)
    if run.status != run.Status.DONE:
        return _no_report_yet(request, run)
    content = services.report_for_run(run, threshold=settings.SMALL_NUMBER_THRESHOLD)
    return render(
        request,
        "analysis/report.html",
        {
            "run": run,
            "report": content,
            # The chart module escapes every label and value it draws.
            "themes_chart": mark_safe(
                charts.bar_chart_svg(content.theme_bars(), title=_("Answers by theme"))
            ),
            "bands_chart": mark_safe(
                charts.grouped_bar_chart_svg(
                    content.band_groups(), title=_("Answers by theme and age group")
                )
            ),
        },
    )


@role_required(Role.ANALYST)
def report_docx(request, pk):
    from analysis.report_docx import report_document

    run = access.run_for(request.user, pk)
    if run.status != run.Status.DONE:
        return _no_report_yet(request, run)
    content = services.report_for_run(run, threshold=settings.SMALL_NUMBER_THRESHOLD)
    response = HttpResponse(
        report_document(content),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="report-theme-run-{run.pk}.docx"'
    return response


def _no_report_yet(request, run):
    if run.status == run.Status.FAILED:
        messages.error(request, _("This run failed, so it has no report: start another."))
    else:
        messages.error(
            request, _("This run has not finished yet: its report is ready when it has.")
        )
    return redirect(run)


@role_required(Role.ANALYST)
def answers_import(request):
    """Answers from another survey tool's CSV export, to theme beside new ones. The file is
    checked as far as it quickly can be, then imported in the background."""
    from analysis.forms import AnswerImportForm
    from analysis.imports import ImportProblems

    form = AnswerImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = services.answers_import_start(
                file=data["file"],
                filename=data["file"].name,
                text_column=data["text_column"],
                question_text=data["question_text"],
                title=data["title"],
                default_band=data["default_band"],
                id_column=data["id_column"],
                band_column=data["band_column"],
                cohort_column=data["cohort_column"],
                date_column=data["date_column"],
                codes_column=data["codes_column"],
                by=request.user,
            )
        except ImportProblems as problems:
            form.add_problems(problems.problems)
        else:
            return redirect(record)
    recent = AnswerImport.objects.defer("upload").select_related("imported_by")[:10]
    status = 400 if form.errors else 200
    return render(request, "analysis/import.html", {"form": form, "recent": recent}, status=status)


@role_required(Role.ANALYST)
def answers_import_status(request, pk):
    """How far an import has got; when it is done, where its answers are; when it failed, why."""
    record = access.import_for(request.user, pk)
    question = None
    if record.version_id:
        question = Question.objects.filter(step__version=record.version_id).first()
    return render(
        request,
        "analysis/import_status.html",
        {
            "record": record,
            "question": question,
            "stalled_minutes": settings.BACKGROUND_STALLED_MINUTES,
        },
    )


@role_required(Role.ANALYST)
@require_POST
def answers_import_restart(request, pk):
    """Start again an import whose background worker stopped part way."""
    record = access.import_for(request.user, pk)
    try:
        services.answers_import_restart(import_id=record.pk)
    except services.CannotRestart as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("Started again."))
    return redirect(record)


@role_required(Role.ANALYST)
def codebook(request):
    """The codes analysts give answers and theme runs suggest; an analyst adds one here."""
    codes = access.codes_for(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and _saved(form):
        messages.success(
            request,
            _("Code “%(name)s” added. Theme runs from now on suggest it.")
            % {"name": form.instance.name},
        )
        return redirect("analysis-codebook")
    status = 400 if form.errors else 200
    return render(request, "analysis/codebook.html", {"codes": codes, "form": form}, status=status)


@role_required(Role.ANALYST)
def code_change(request, pk):
    code = access.code_for(request.user, pk)
    form = CodeForm(request.POST or None, instance=code)
    if request.method == "POST" and _saved(form):
        messages.success(request, _("Code “%(name)s” changed.") % {"name": code.name})
        return redirect("analysis-codebook")
    if form.errors:
        code.refresh_from_db()  # the heading and buttons show the code as it is stored
    status = 400 if form.errors else 200
    return render(request, "analysis/code.html", {"code": code, "form": form}, status=status)


def _saved(form) -> bool:
    """Save a valid code form. A key another analyst took since the form was checked is
    refused with a message, and nothing is written."""
    if not form.is_valid():
        return False
    try:
        with transaction.atomic():
            form.save()
    except IntegrityError:
        form.add_error(None, _("Another analyst added a code with this key just now: try again."))
        return False
    return True


@role_required(Role.ANALYST)
@require_POST
def code_retire(request, pk):
    code = access.code_for(request.user, pk)
    if not code.can_retire():
        messages.error(
            request,
            _("“%(name)s” cannot be retired: answers that fit no other code are coded with it.")
            % {"name": code.name},
        )
        return redirect(code)
    code.retire()
    messages.success(
        request,
        _(
            "Code “%(name)s” retired. It stays on the answers already coded with it, but is no "
            "longer offered for coding or suggested."
        )
        % {"name": code.name},
    )
    return redirect("analysis-codebook")


@role_required(Role.ANALYST)
@require_POST
def code_bring_back(request, pk):
    code = access.code_for(request.user, pk)
    code.bring_back()
    messages.success(
        request,
        _("Code “%(name)s” is in use again: offered for coding, and suggested by theme runs.")
        % {"name": code.name},
    )
    return redirect("analysis-codebook")
