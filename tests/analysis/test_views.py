"""Analyst pages: starting a theme run, reading its themes, coding answers, exporting."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from analysis.models import AnswerResult, HandCoding, ThemeRun
from surveys.demo_answers import load_demo_answers
from surveys.models import Question
from tests.analysis.conftest import make_run

pytestmark = pytest.mark.django_db

RUNS = "/staff/analysis/"


@pytest.fixture
def demo_answers(demo_link):
    load_demo_answers(demo_link, count=160)
    return demo_link


def one_change(version_id) -> int:
    return Question.objects.get(step__version_id=version_id, key="one-change").pk


def start_run(client, version_id, django_capture_on_commit_callbacks, **fields):
    """Theme the demo's "one change" answers as the form does; the immediate task backend
    runs it on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RUNS, {"question": one_change(version_id), **fields})
    return response


@pytest.fixture
def finished_run(client, analyst, demo_answers, django_capture_on_commit_callbacks):
    client.force_login(analyst)
    start_run(client, demo_answers.version_id, django_capture_on_commit_callbacks)
    run = ThemeRun.objects.get()
    assert run.status == ThemeRun.Status.DONE, run.error
    return run


# Who may see analysis


@pytest.mark.parametrize(
    "url",
    [
        RUNS,
        "/staff/analysis/runs/{pk}/",
        "/staff/analysis/runs/{pk}/coding/",
        "/staff/analysis/runs/{pk}/export.xlsx",
        "/staff/analysis/runs/{pk}/export.csv",
        "/staff/analysis/runs/{pk}/export.json",
    ],
)
def test_staff_without_the_analyst_role_and_outsiders_are_refused(
    client, officer, lead, outsider, url, finished_run
):
    for person in (officer, lead, outsider):
        client.force_login(person)
        assert client.get(url.format(pk=finished_run.pk)).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    response = client.get(RUNS)
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


def test_an_outsider_cannot_start_a_run(client, outsider, demo_answers):
    client.force_login(outsider)
    response = client.post(RUNS, {"question": one_change(demo_answers.version_id)})
    assert response.status_code == 403
    assert not ThemeRun.objects.exists()


def test_an_outsider_cannot_code_an_answer(client, outsider, finished_run):
    result = finished_run.results.first()
    client.force_login(outsider)
    response = client.post(
        f"/staff/analysis/runs/{finished_run.pk}/coding/",
        {"result": result.pk, "codes": ["bullying"], "sentiment": "negative"},
    )
    assert response.status_code == 403
    assert not HandCoding.objects.exists()


# Starting a run


def test_an_analyst_starts_a_run_and_sees_themes_with_labels_quotes_and_feelings(
    client, finished_run
):
    page = client.get(finished_run.get_absolute_url()).content.decode()
    assert finished_run.answer_count > 100
    theme = finished_run.themes.exclude(is_non_answer=True).order_by("-size").first()
    assert theme.label in page
    assert theme.quotes[0] in page or theme.quotes[0].replace("'", "&#x27;") in page
    assert "Feeling:" in page and "negative" in page
    assert "Themes by age group" in page


def test_a_run_asked_for_a_number_of_themes_makes_that_many(
    client, analyst, demo_answers, django_capture_on_commit_callbacks
):
    client.force_login(analyst)
    start_run(client, demo_answers.version_id, django_capture_on_commit_callbacks, n_themes=4)
    run = ThemeRun.objects.get()
    assert run.themes.filter(is_non_answer=False).count() == 4


def test_a_filtered_run_themes_only_the_chosen_age_group(
    client, analyst, demo_answers, django_capture_on_commit_callbacks
):
    client.force_login(analyst)
    start_run(client, demo_answers.version_id, django_capture_on_commit_callbacks, bands=["12-17"])
    run = ThemeRun.objects.get()
    bands = set(run.results.values_list("answer__response__band", flat=True))
    assert bands == {"12-17"}


def test_a_run_for_one_group_themes_only_answers_from_links_tagged_with_it(
    client, analyst, demo_answers, django_capture_on_commit_callbacks
):
    client.force_login(analyst)
    form = client.get(RUNS).content.decode()
    assert '<option value="children in care">children in care</option>' in form
    start_run(
        client,
        demo_answers.version_id,
        django_capture_on_commit_callbacks,
        cohort="children in care",
    )
    run = ThemeRun.objects.get()
    assert run.filters["cohort"] == "children in care"
    links = set(run.results.values_list("answer__response__link__slug", flat=True))
    assert links == {"demo-care"}
    assert "children in care" in run.describe_filters()


def test_a_group_no_link_is_tagged_with_is_refused_and_starts_nothing(
    client, analyst, demo_answers
):
    client.force_login(analyst)
    response = client.post(
        RUNS, {"question": one_change(demo_answers.version_id), "cohort": "made up"}
    )
    assert response.status_code == 400
    assert "Choose one of the groups the links are tagged with." in response.content.decode()
    assert not ThemeRun.objects.exists()


def test_too_few_themes_asked_for_says_what_to_do_and_starts_nothing(client, analyst, demo_link):
    client.force_login(analyst)
    response = client.post(RUNS, {"question": one_change(demo_link.version_id), "n_themes": "1"})
    assert response.status_code == 400
    assert "Ask for at least 2 themes" in response.content.decode()
    assert not ThemeRun.objects.exists()


def test_an_end_date_before_the_start_date_is_refused(client, analyst, demo_link):
    client.force_login(analyst)
    response = client.post(
        RUNS,
        {
            "question": one_change(demo_link.version_id),
            "since": "2026-05-01",
            "until": "2026-04-01",
        },
    )
    assert response.status_code == 400
    assert "end date must be on or after" in response.content.decode()
    assert not ThemeRun.objects.exists()


def test_the_runs_list_hides_the_count_of_a_run_over_few_answers(client, analyst, demo_link):
    make_run(demo_link.version, analyst, status=ThemeRun.Status.DONE, answer_count=3)
    make_run(demo_link.version, analyst, status=ThemeRun.Status.DONE, answer_count=4321)
    client.force_login(analyst)
    page = client.get(RUNS).content.decode()
    cells = [cell.split("</td>")[0] for cell in page.split('<td class="govuk-table__cell">')[1:]]
    assert "fewer than 5" in cells and "4321" in cells
    assert "3" not in cells


def test_a_question_with_no_answers_yet_is_refused_and_starts_nothing(client, analyst, demo_link):
    client.force_login(analyst)
    response = client.post(RUNS, {"question": one_change(demo_link.version_id)})
    assert response.status_code == 400
    assert "This question has no answers yet: choose another." in response.content.decode()
    assert not ThemeRun.objects.exists()


def test_choices_no_answer_matches_are_refused_and_start_nothing(client, analyst, demo_answers):
    client.force_login(analyst)
    response = client.post(
        RUNS,
        {
            "question": one_change(demo_answers.version_id),
            "since": "2001-01-01",
            "until": "2001-12-31",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "No answers to this question match the age groups, links, group and dates" in page
    assert '<a href="#id_question">' in page  # in the error summary, linked to the field
    assert not ThemeRun.objects.exists()


def test_a_run_over_no_answers_finishes_and_its_pages_open(client, analyst, demo_link):
    from analysis import services

    run = services.theme_run_start(
        version=demo_link.version, filters={}, n_themes=None, by=analyst, queue=False
    )
    run = services.theme_run_execute(run_id=run.pk)
    assert (run.status, run.answer_count) == (ThemeRun.Status.DONE, 0)
    client.force_login(analyst)
    assert "0 answers in all" in client.get(run.get_absolute_url()).content.decode()
    for page in ("export.xlsx", "export.json", "report/", "report.docx", "coding/"):
        assert client.get(f"{run.get_absolute_url()}{page}").status_code == 200, page


def test_a_link_id_too_large_for_any_row_is_refused_and_starts_nothing(
    client, analyst, demo_answers
):
    client.force_login(analyst)
    huge = "9" * 20
    response = client.post(RUNS, {"question": one_change(demo_answers.version_id), "links": [huge]})
    assert response.status_code == 400
    assert f"“{huge}” is not a valid value." in response.content.decode()
    assert not ThemeRun.objects.exists()


def test_small_themes_show_no_count_or_quotes(client, finished_run):
    small = finished_run.themes.filter(size__lt=5, size__gt=0).first()
    if small is None:  # make one: the page must hide it whatever the data
        small = finished_run.themes.exclude(is_non_answer=True).last()
        small.size, small.quotes = 3, ["a quote from a small group"]
        small.save()
    page = client.get(finished_run.get_absolute_url()).content.decode()
    assert "a quote from a small group" not in page
    assert "fewer than 5" in page


def one_small_theme(run):
    """Leave one theme of the run small, with 3 answers: the others' answers that would make
    them small too, and the rest of its own, go to the largest theme."""
    large, small = run.themes.filter(is_non_answer=False).order_by("-size")[:2]
    for theme in run.themes.exclude(pk=small.pk).filter(size__lt=5):
        run.results.filter(theme_number=theme.number).update(theme_number=large.number)
        theme.delete()
    moved = run.results.filter(theme_number=small.number).values_list("pk", flat=True)[3:]
    run.results.filter(pk__in=list(moved)).update(theme_number=large.number)
    for theme in run.themes.all():
        theme.size = run.results.filter(theme_number=theme.number).count()
        theme.save()
    small.refresh_from_db()
    return small


def test_a_small_themes_size_cannot_be_worked_out_from_the_total_on_the_page(client, finished_run):
    small = one_small_theme(finished_run)
    page = client.get(finished_run.get_absolute_url()).content.decode()
    assert f"{finished_run.answer_count} answers in all" in page
    sizes = [
        line.split("Answers:")[1].split("·")[0].split(" (")[0].strip()
        for line in page.split("\n")
        if 'class="govuk-body-s">Answers:' in line
    ]
    assert len(sizes) == finished_run.themes.count()
    assert "fewer than 5" in sizes and "hidden" in sizes
    book = load_workbook(
        io.BytesIO(client.get(f"/staff/analysis/runs/{finished_run.pk}/export.xlsx").content)
    )
    exported = {row[0]: row[2] for row in list(book["Themes"].values)[1:]}
    assert exported[small.number] == "fewer than 5"
    assert sorted(exported.values(), key=str) == sorted(sizes, key=str)


# Coding answers


def test_coding_an_answer_is_stored_and_trains_the_next_run(
    client, finished_run, demo_answers, django_capture_on_commit_callbacks
):
    result = finished_run.results.order_by("code_confidence").first()
    response = client.post(
        f"/staff/analysis/runs/{finished_run.pk}/coding/",
        {"result": result.pk, "codes": ["bullying", "school"], "sentiment": "negative"},
    )
    assert response.status_code == 302
    coding = HandCoding.objects.get(answer=result.answer)
    assert coding.codes == ["bullying", "school"] and coding.sentiment == "negative"
    start_run(client, demo_answers.version_id, django_capture_on_commit_callbacks)
    latest = ThemeRun.objects.latest("created_at")
    again = AnswerResult.objects.get(run=latest, answer=result.answer)
    assert again.codes_by_hand and set(again.codes) == {"bullying", "school"}
    assert again.sentiment == "negative"


def test_a_code_not_in_the_codebook_is_refused_and_nothing_stored(client, finished_run):
    result = finished_run.results.first()
    response = client.post(
        f"/staff/analysis/runs/{finished_run.pk}/coding/",
        {"result": result.pk, "codes": ["made-up"]},
        follow=True,
    )
    assert "could not be saved" in response.content.decode()
    assert not HandCoding.objects.exists()


def test_coding_an_answer_with_no_code_is_refused_and_nothing_stored(client, finished_run):
    result = finished_run.results.first()
    response = client.post(
        f"/staff/analysis/runs/{finished_run.pk}/coding/",
        {"result": result.pk, "sentiment": "negative"},
        follow=True,
    )
    assert "Choose at least one code: Other if none fits." in response.content.decode()
    assert not HandCoding.objects.exists()


def test_coding_an_answer_that_is_not_in_the_run_is_not_found_and_nothing_stored(
    client, finished_run
):
    url = f"/staff/analysis/runs/{finished_run.pk}/coding/"
    for tampered in ("not-a-number", "99999", ""):
        response = client.post(url, {"result": tampered, "codes": ["bullying"]})
        assert response.status_code == 404, tampered
    assert not HandCoding.objects.exists()


def test_the_coding_page_of_an_unfinished_run_goes_back_to_the_run_with_a_message(
    client, analyst, demo_link
):
    run = make_run(demo_link.version, analyst)
    client.force_login(analyst)
    response = client.get(f"/staff/analysis/runs/{run.pk}/coding/", follow=True)
    assert response.redirect_chain == [(run.get_absolute_url(), 302)]
    page = response.content.decode()
    assert "This run has not finished: code its answers when it has." in page
    assert "Every answer in this run is coded by hand." not in page


# Exports


def test_the_spreadsheet_has_a_sheet_per_table_with_redacted_answers(client, finished_run):
    response = client.get(f"/staff/analysis/runs/{finished_run.pk}/export.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Read me",
        "Themes",
        "Themes by age group",
        "Codes by age group",
        "Themes by collection link",
        "Themes by group",
        "Themes by quarter",
        "Codes by collection link",
        "Codes by group",
        "Codes by quarter",
        "Answers",
        "About this run",
    ]
    assert list(book["Codes by age group"].values)[-1][0] == "All codes given"
    by_band = list(book["Themes by age group"].values)
    assert by_band[0][0] == "theme"
    shown = [v for row in by_band[1:] for v in row[1:]]
    assert all(
        isinstance(v, int) and (v == 0 or v >= 5) or v in ("hidden", "fewer than 5") for v in shown
    ), shown
    answers = list(book["Answers"].values)
    assert answers[0][0] == "answer_id"
    assert len(answers) == finished_run.answer_count + 1


def test_csv_and_json_exports_hold_every_answer(client, finished_run):
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/staff/analysis/runs/{finished_run.pk}/export.csv").content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert len(rows) == finished_run.answer_count + 1
    document = json.loads(client.get(f"/staff/analysis/runs/{finished_run.pk}/export.json").content)
    assert len(document["answers"]) == finished_run.answer_count
    assert document["run"]["id"] == finished_run.pk


def test_the_run_page_says_the_answer_files_are_not_for_publication(client, finished_run):
    page = client.get(finished_run.get_absolute_url()).content.decode()
    notice = page.split('id="not-for-publication"')[1].split("</div>")[0]
    assert "Not for publication" in notice
    assert "hold individual answers" in notice and "CSV and JSON" in notice
    assert "Small groups are not suppressed in them" in notice and "smaller than 5" in notice
    assert "annual-report section" in notice and "summary tables" in notice


def test_the_spreadsheet_opens_on_a_read_me_saying_its_answers_are_not_for_publication(
    client, finished_run
):
    response = client.get(f"/staff/analysis/runs/{finished_run.pk}/export.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "Read me" and book.active.title == "Read me"
    lines = [row[0] for row in book["Read me"].values]
    assert lines[0] == "Not for publication"
    assert "The Answers sheet holds individual answers" in lines[1]
    assert "Small groups are not suppressed" in lines[1] and "smaller than 5" in lines[1]
    assert "summary tables" in lines[2] and "may be published" in lines[2]


def test_the_csv_stays_plain_csv_and_its_name_says_it_is_not_for_publication(client, finished_run):
    response = client.get(f"/staff/analysis/runs/{finished_run.pk}/export.csv")
    assert response["Content-Disposition"] == (
        f'attachment; filename="theme-run-{finished_run.pk}-answers-not-for-publication.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "answer_id"
    assert all(len(row) == len(rows[0]) for row in rows)


def test_the_json_leads_with_a_notice_that_its_answers_are_not_for_publication(
    client, finished_run
):
    response = client.get(f"/staff/analysis/runs/{finished_run.pk}/export.json")
    document = json.loads(response.content)
    assert next(iter(document)) == "notice"
    assert document["notice"].startswith("Not for publication.")
    assert 'The "answers" list holds individual answers' in document["notice"]
    assert "Small groups are not suppressed" in document["notice"]
    assert response["Content-Disposition"] == (
        f'attachment; filename="theme-run-{finished_run.pk}.json"'
    )


def test_an_unknown_export_kind_is_not_found(client, finished_run):
    assert client.get(f"/staff/analysis/runs/{finished_run.pk}/export.exe").status_code == 404


def test_the_run_says_how_well_suggestions_match_hand_codes(
    client, finished_run, demo_answers, django_capture_on_commit_callbacks
):
    """After enough hand coding, the next run reports agreement on answers held back."""
    results = list(finished_run.results.select_related("answer")[:12])
    for result in results:
        codes = ["places_and_activities"] if "club" in result.answer.text else ["feeling_safe"]
        client.post(
            f"/staff/analysis/runs/{finished_run.pk}/coding/",
            {"result": result.pk, "codes": codes},
        )
    start_run(client, demo_answers.version_id, django_capture_on_commit_callbacks)
    latest = ThemeRun.objects.latest("created_at")
    agreement = latest.summary["hand_code_agreement"]
    assert agreement["checked"] == 12
    assert 0 <= agreement["matched_share"] <= 1
    assert (
        "hand-coded answers held back from training"
        in client.get(latest.get_absolute_url()).content.decode()
    )


def test_the_run_page_counts_codes_by_age_group_with_small_counts_hidden(client, finished_run):
    import re

    page = client.get(finished_run.get_absolute_url()).content.decode()
    assert "Codes by age group" in page
    section = page[page.index('id="codes-by-age-group"') :]
    section = section[: section.index("</table>")]
    numbers = [int(n) for n in re.findall(r'numeric">(\d+)</td>', section)]
    assert numbers and all(n == 0 or n >= 5 for n in numbers)


def test_the_run_page_counts_codes_by_link_group_and_quarter_with_small_counts_hidden(
    client, finished_run
):
    import re

    from surveys.models import CollectionLink

    page = client.get(finished_run.get_absolute_url()).content.decode()
    headings = re.findall(r'<h2 class="govuk-heading-m" id="code-crosstab-\d">([^<]+)</h2>', page)
    assert headings == ["Codes by collection link", "Codes by group", "Codes by quarter"]
    section = page[page.index('id="code-crosstab-1"') :]
    section = section[: section.index("</table>")]
    for link in CollectionLink.objects.filter(responses__isnull=False).distinct():
        assert f">{link.name}</th>" in section
    numbers = [int(n) for n in re.findall(r'numeric">(\d+)</td>', section)]
    assert numbers and all(n == 0 or n >= 5 for n in numbers)
    assert "fewer than 5" in section
