"""What a finished theme run shows: findings by theme, code and group, what children said
against each priority, and the annual-report section."""

from datetime import date

from django.db.models import Q
from django.utils import timezone

from analysis import findings
from analysis.models import Code, Priority, ThemeRun, source_name
from analysis.services.actions import public_actions
from analysis.services.theme_runs import links_tagged
from surveys.models import AgeBand


def run_findings(run: ThemeRun, *, threshold: int) -> dict:
    """The run's themes with counts by age band, sentiment, collection link, group and
    quarter, and the themes emerging in its latest quarter; small numbers suppressed, and
    every table sharing the themes' sizes hides them where the others do."""
    themes = [
        findings.theme_shown(theme, threshold)
        for theme in run.themes.values(
            "number", "label", "size", "top_terms", "quotes", "stability", "is_non_answer"
        )
    ]
    rows = list(
        run.results.values_list(
            "theme_number",
            "answer__response__band",
            "sentiment",
            "answer__response__link__name",
            "answer__response__link__cohort_tags",
            "answer__response__started_at",
        )
    )
    found = findings.theme_findings(
        themes, [(t, band, s) for t, band, s, *_rest in rows], AgeBand.values, threshold
    )
    # Each answer has one link and one quarter: those tables add up to the themes' sizes.
    shared = {"sizes": [row.size for row in found["theme_rows"]], "total": found["total"]}
    links = sorted({link or "" for _t, _b, _s, link, _c, _d in rows})
    cohorts = sorted({tag for *_x, tags, _d in rows for tag in (tags or [])})
    quarters = sorted({findings.quarter_of(started) for *_x, started in rows})
    by_quarter = [(t, findings.quarter_of(started)) for t, *_x, started in rows]
    quarter_table = findings.crosstab(
        "By quarter", themes, by_quarter, quarters, threshold, **shared
    )
    sources = run_source_names(run)
    by_source = findings.crosstab(
        "By survey or import",
        themes,
        [
            (t, sources[version])
            for t, version in run.results.values_list("theme_number", "answer__response__version")
        ],
        list(sources.values()),
        threshold,
        **shared,
    )
    # Each answer comes from one source: the table's totals are the sources' counts, hidden
    # where a small one could otherwise be worked out.
    found["sources"] = list(zip(sources.values(), by_source.totals, strict=True))
    # A run of one survey has no sources to compare.
    found["crosstabs"] = [by_source] if len(sources) > 1 else []
    found["crosstabs"] += [
        findings.crosstab(
            "By collection link",
            themes,
            [(t, link or "") for t, _b, _s, link, _c, _d in rows],
            links,
            threshold,
            **shared,
        ),
        findings.crosstab(
            "By group",
            themes,
            [(t, tag) for t, _b, _s, _l, tags, _d in rows for tag in (tags or [])],
            cohorts,
            threshold,
        ),
        quarter_table,
    ]
    found["code_table"] = run_code_table(run, threshold=threshold)
    found["code_crosstabs"] = run_code_crosstabs(run, threshold=threshold)
    found["emerging"] = (
        findings.emerging_themes(
            themes, by_quarter, quarters[-2], quarters[-1], threshold, shown=quarter_table
        )
        if len(quarters) >= 2
        else []
    )
    found["periods"] = quarters[-2:]
    return found


def run_theme_sizes(run: ThemeRun, *, threshold: int) -> dict:
    """Each theme's size as the run's page shows it (a Cell), by theme number."""
    themes = list(run.themes.values("number", "size"))
    results = list(run.results.values_list("theme_number", "answer__response__band", "sentiment"))
    return findings.theme_sizes(themes, results, AgeBand.values, threshold)


def run_code_table(run: ThemeRun, *, threshold: int) -> findings.CrossTab:
    """Answers per code and age band (an answer may carry several codes), suppressed."""
    codes = [
        {"number": key, "label": name} for key, name in Code.objects.values_list("key", "name")
    ]
    pairs = [
        (code, band)
        for codes_of_answer, band in run.results.values_list("codes", "answer__response__band")
        for code in codes_of_answer
    ]
    return findings.crosstab("Codes by age group", codes, pairs, AgeBand.values, threshold)


def run_code_crosstabs(run: ThemeRun, *, threshold: int) -> list[findings.CrossTab]:
    """Answers per code by collection link, group and quarter (an answer may carry several
    codes, and be in several groups or none), suppressed."""
    codes = [
        {"number": key, "label": name} for key, name in Code.objects.values_list("key", "name")
    ]
    sources = run_source_names(run)
    rows = [
        (code, link or "", tags or [], findings.quarter_of(started), sources[version])
        for codes_of_answer, link, tags, started, version in run.results.values_list(
            "codes",
            "answer__response__link__name",
            "answer__response__link__cohort_tags",
            "answer__response__started_at",
            "answer__response__version",
        )
        for code in codes_of_answer
    ]
    by_source = [(code, source) for code, _l, _t, _q, source in rows]
    by_link = [(code, link) for code, link, _t, _q, _s in rows]
    by_group = [(code, tag) for code, _l, tags, _q, _s in rows for tag in tags]
    by_quarter = [(code, quarter) for code, _l, _t, quarter, _s in rows]
    tables = [
        findings.crosstab(title, codes, pairs, sorted({group for _c, group in pairs}), threshold)
        for title, pairs in [
            ("By collection link", by_link),
            ("By group", by_group),
            ("By quarter", by_quarter),
        ]
    ]
    if len(sources) > 1:
        columns = list(sources.values())
        tables.insert(
            0, findings.crosstab("By survey or import", codes, by_source, columns, threshold)
        )
    return tables


def run_source_names(run: ThemeRun) -> dict[int, str]:
    """What each survey or import a run's answers come from is called, by version id, its own
    version first."""
    return {version.pk: source_name(version) for version in run.sources()}


def run_priority_findings(run: ThemeRun, *, threshold: int) -> dict:
    priorities = [
        (p.pk, p.name, [c.key for c in p.codes.all()], [c.name for c in p.codes.all()])
        for p in Priority.objects.prefetch_related("codes")
    ]
    results = list(
        run.results.values_list("theme_number", "codes", "code_confidence", "redacted_text")
    )
    themes = list(run.themes.values("number", "label", "size", "is_non_answer"))
    sizes = run_theme_sizes(run, threshold=threshold)
    return findings.priority_findings(priorities, results, themes, threshold, sizes)


def latest_finished_run() -> ThemeRun | None:
    return ThemeRun.objects.filter(status=ThemeRun.Status.DONE).order_by("-finished_at").first()


def report_for_run(run: ThemeRun, *, threshold: int):
    """The annual-report section from a finished run, the priorities and the public actions."""
    from django.db.models import Count, Max, Min

    from analysis import report
    from surveys.models import Response

    # As the run's answers are chosen: links narrow only its own version's responses.
    own = Q(version=run.version)
    if run.filters.get("links"):
        own &= Q(link_id__in=run.filters["links"])
    responses = Response.objects.filter(own | Q(version__in=run.also_versions.all()))
    if run.filters.get("bands"):
        responses = responses.filter(band__in=run.filters["bands"])
    if run.filters.get("cohort"):
        responses = responses.filter(link__in=links_tagged(run.filters["cohort"]))
    if run.filters.get("since"):
        responses = responses.filter(started_at__date__gte=date.fromisoformat(run.filters["since"]))
    if run.filters.get("until"):
        responses = responses.filter(started_at__date__lte=date.fromisoformat(run.filters["until"]))
    dates = run.results.aggregate(
        first=Min("answer__response__started_at"), last=Max("answer__response__started_at")
    )
    source = report.ReportSource(
        run=report.RunFacts(
            run_id=run.pk,
            finished_at=timezone.localtime(run.finished_at),
            code_version=run.code_version,
            survey=f"{run.version.survey.title}, version {run.version.number}",
            answers_described=run.describe_filters(),
            sources=tuple(run_source_names(run).values()),
        ),
        first_response=dates["first"] and timezone.localdate(dates["first"]),
        last_response=dates["last"] and timezone.localdate(dates["last"]),
        bands=[(value, str(label)) for value, label in AgeBand.choices],
        responses_by_band=dict(
            responses.order_by()
            .values_list("band")
            .annotate(n=Count("pk"))
            .values_list("band", "n")
        ),
        themes=list(run.themes.values("number", "label", "quotes", "is_non_answer")),
        answers=list(run.results.values_list("theme_number", "answer__response__band")),
        priority_rows=run_priority_findings(run, threshold=threshold)["priority_rows"],
        actions=[(a.you_said, a.we_did, a.status) for a in public_actions()],
    )
    return report.build_report(source, threshold=threshold)
