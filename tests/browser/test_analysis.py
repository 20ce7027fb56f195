"""An analyst themes children's answers in a real browser, and children see what changed."""

import importlib
import re
import zipfile

import pytest
from django.apps import apps
from openpyxl import load_workbook
from playwright.sync_api import expect

from analysis import services
from analysis.models import Action, HandCoding, Priority, ThemeRun
from surveys.demo_answers import load_demo_answers
from surveys.models import Question
from tests.browser.conftest import begin, check_axe, continue_

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-for-tests-only"
ONE_CHANGE = "If you could change one thing"
REPORT_TITLE = "What children and young people told us and what changed"


@pytest.fixture
def codebook(transactional_db):
    """The migration seeds the codebook, but the flush after an earlier transactional test
    empties it: seed it again the same way."""
    migration = importlib.import_module("analysis.migrations.0002_seed_codebook")
    migration.seed_codebook(apps, None)


@pytest.fixture
def demo_answers(survey_url, demo_link, codebook):
    load_demo_answers(demo_link, count=160)
    return demo_link


def sign_in(page, live_server, username: str) -> None:
    """Sign in through the staff login form, landing on the staff home page."""
    page.goto(f"{live_server.url}/staff/login/")
    check_page(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/")
    assert page.get_by_role("heading", name=re.compile("^Hello"), level=1).is_visible()
    check_page(page)


def start_theme_run(page) -> ThemeRun:
    """From the staff home page, theme the answers to "If you could change one thing…"."""
    page.get_by_role("link", name="Themes from free-text answers").click()
    page.wait_for_url("**/staff/analysis/")
    assert page.get_by_role("heading", name="Themes from free-text answers", level=1).is_visible()
    check_page(page)
    question = page.get_by_label("Question", exact=True)
    value = question.locator("option", has_text=ONE_CHANGE).get_attribute("value")
    question.select_option(value)
    with page.expect_navigation():
        page.get_by_role("button", name="Start theme run").click()
    page.wait_for_url("**/staff/analysis/runs/*/")
    # The run is done by the time the page shows its themes (it refreshes itself until then).
    expect(page.get_by_role("heading", name="Themes", exact=True)).to_be_visible(timeout=60_000)
    run = ThemeRun.objects.get()
    assert run.status == ThemeRun.Status.DONE, run.error
    return run


@pytest.fixture
def run_page(page, live_server, analyst, demo_answers):
    """An analyst signed in and looking at a finished theme run."""
    sign_in(page, live_server, analyst.username)
    start_theme_run(page)
    return page


def check_page(page) -> None:
    """axe finds nothing, and the page never scrolls sideways."""
    check_axe(page)
    wide = sideways_overflow(page)
    assert not wide, f"{page.url} scrolls sideways: {wide}"


def sideways_overflow(page) -> list[str]:
    """Elements wider than the page that are not inside their own scrolling box."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return [];
            return [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > width + 1)
                .filter(el => !el.closest('.app-table-scroll'))
                .map(el => el.outerHTML.slice(0, 120));
        }"""
    )


def test_an_analyst_starts_a_theme_run_and_reads_its_themes(
    page, live_server, analyst, demo_answers
):
    sign_in(page, live_server, analyst.username)
    run = start_theme_run(page)

    assert page.get_by_role("heading", name=f"Theme run {run.pk}", level=1).is_visible()
    themes = run.themes.filter(is_non_answer=False)
    assert themes.count() >= 2
    items = page.locator("li.app-theme")
    assert items.count() == run.themes.count()
    labels = [label.strip() for label in items.locator("h3").all_inner_texts()]
    for theme in themes:
        # A theme of fewer answers than the threshold is shown unnamed.
        assert theme.label_shown() in labels
        assert theme.size < 5 or theme.label in labels
    assert page.locator(".app-bar__fill").count() == items.count()
    assert page.locator(".app-quote").count() > 0
    feeling = items.first.get_by_text(re.compile(r"^Feeling: negative \S+, neutral \S+"))
    assert feeling.is_visible()
    assert page.get_by_role("heading", name="Emerging themes").is_visible()
    assert page.get_by_role("heading", name="Themes by age group").is_visible()
    by_age = page.locator(".app-table-scroll table").first
    assert by_age.get_by_role("columnheader", name="Theme").is_visible()
    assert by_age.get_by_role("rowheader", name="All answers").is_visible()
    check_page(page)

    # On the narrowest phone the page never scrolls sideways; wide tables scroll in their box.
    page.set_viewport_size({"width": 320, "height": 640})
    check_page(page)

    page.get_by_role("link", name="All theme runs").click()
    page.wait_for_url("**/staff/analysis/")
    assert page.get_by_role("link", name=f"Run {run.pk}").is_visible()
    check_page(page)


def test_a_run_still_going_updates_in_place_and_shows_its_themes_when_done(
    page, live_server, analyst, demo_answers
):
    question = Question.objects.get(step__version=demo_answers.version, key="one-change")
    run = services.theme_run_start(
        version=demo_answers.version,
        filters={"question": question.pk},
        n_themes=None,
        by=analyst,
        queue=False,
    )
    sign_in(page, live_server, analyst.username)
    page.goto(f"{live_server.url}{run.get_absolute_url()}")
    assert page.get_by_role("status").get_by_text("Waiting to start").is_visible()
    # A page that reloads itself every few seconds takes a reader back to the top.
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    check_page(page)

    services.theme_run_execute(run_id=run.pk)
    expect(page.get_by_role("heading", name="Themes", exact=True)).to_be_visible(timeout=20_000)
    check_page(page)


def test_an_analyst_codes_the_first_answer(run_page):
    page = run_page
    page.get_by_role("link", name="Code answers").click()
    page.wait_for_url("**/coding/")
    assert page.get_by_role("heading", name="Code answers", level=1).is_visible()
    check_page(page)

    first = page.locator("form.app-coding").first
    code = first.locator("input[name=codes]:not(:checked)").first
    key = code.get_attribute("value")
    code.check()
    with page.expect_navigation():
        first.get_by_role("button", name="Save codes").click()
    page.wait_for_url("**/coding/")
    assert page.get_by_text("Saved. The next theme run learns from it.").is_visible()
    assert page.get_by_text("1 answer of this run is coded by hand.").is_visible()
    check_page(page)

    assert key in HandCoding.objects.get().codes


def test_a_priority_and_a_public_action_reach_children(
    run_page, new_context, live_server, survey_url
):
    page = run_page
    run = ThemeRun.objects.get()
    page.get_by_role("link", name="All theme runs").click()
    page.wait_for_url("**/staff/analysis/")
    page.get_by_role("link", name="Priorities").click()
    page.wait_for_url("**/staff/analysis/priorities/")
    check_page(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Add priority").click()
    assert page.title().startswith("Error:")
    summary = page.get_by_role("alert")
    summary.get_by_role("link", name="Give the priority a name.").click()
    expect(page.get_by_label("Name")).to_be_focused()
    check_page(page)
    assert not Priority.objects.exists()

    page.get_by_label("Name").fill("Keeping safe from bullying")
    codes = page.get_by_role("group", name="Codes")
    codes.get_by_role("checkbox", name="Bullying").check()
    codes.get_by_role("checkbox", name="Online safety").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Add priority").click()
    page.wait_for_url("**/staff/analysis/priorities/")
    assert page.get_by_text("Priority added.").is_visible()
    priority = page.locator("section.app-theme").filter(
        has=page.get_by_role("heading", name="Keeping safe from bullying")
    )
    assert priority.get_by_text("Codes: Bullying, Online safety").is_visible()
    answers = priority.get_by_text(re.compile(r"^Answers: \d+")).inner_text()
    assert int(re.search(r"\d+", answers).group()) > 0
    check_page(page)
    assert Priority.objects.get().codes.count() == 2

    page.get_by_role("link", name="You said, we did").click()
    page.wait_for_url("**/staff/analysis/actions/")
    check_page(page)
    theme = run.themes.filter(is_non_answer=False).order_by("number").first()
    page.get_by_label("You said", exact=True).fill("The park is too dark at night")
    page.get_by_label("We did", exact=True).fill("We asked the council to put up more lights")
    page.get_by_label("Status").select_option(label="Done")
    themes = page.get_by_label("Theme", exact=True)
    themes.select_option(str(theme.pk))
    assert page.get_by_label("Show on the public page").is_checked()
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/staff/analysis/actions/")
    assert page.get_by_text("Saved.", exact=True).is_visible()
    assert page.get_by_role("cell", name="The park is too dark at night", exact=True).is_visible()
    check_page(page)
    assert Action.objects.get().theme == theme

    # Signed out, on a phone: the public page.
    public = new_context().new_page()
    public.goto(f"{live_server.url}/you-said-we-did/")
    assert public.get_by_role("heading", name="You said, we did", level=1).is_visible()
    assert public.get_by_text("The park is too dark at night").is_visible()
    assert public.get_by_text("We asked the council to put up more lights").is_visible()
    check_page(public)

    # A child who answers the survey sees it after sending their answers.
    child = new_context().new_page()
    begin(child, survey_url, "4 to 7")
    for _ in range(5):
        check_page(child)
        continue_(child)  # skipped
    child.wait_for_url("**/answer/check/")
    check_page(child)
    with child.expect_navigation():
        child.get_by_role("button", name="Send my answers").click()
    child.wait_for_url("**/thanks/")
    assert child.get_by_role(
        "heading", name="What changed after children told us before"
    ).is_visible()
    assert child.get_by_text("The park is too dark at night").is_visible()
    assert child.get_by_text("We did:").is_visible()
    check_page(child)


def test_the_annual_report_section_shows_charts_and_downloads_as_word(run_page, tmp_path):
    page = run_page
    page.get_by_role("link", name="Annual-report section").click()
    page.wait_for_url("**/report/")
    assert page.get_by_role("heading", name=REPORT_TITLE, level=1).is_visible()
    charts = page.locator("figure svg")
    assert charts.count() >= 1
    for chart in charts.all():
        assert chart.locator("title").first.text_content().strip()
    check_page(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download as a Word document (DOCX)").click()
    assert download.value.suggested_filename.endswith(".docx")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert "word/document.xml" in zipfile.ZipFile(path).namelist()


def test_the_run_downloads_as_a_spreadsheet(run_page, tmp_path):
    page = run_page
    with page.expect_download() as download:
        page.get_by_role("link", name="Download spreadsheet (XLSX)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert load_workbook(path).sheetnames


def test_an_analyst_adds_changes_and_retires_a_code(page, live_server, analyst, codebook):
    sign_in(page, live_server, analyst.username)
    page.get_by_role("link", name="Themes from free-text answers").click()
    page.wait_for_url("**/staff/analysis/")
    page.get_by_role("link", name="Codebook").click()
    page.wait_for_url("**/staff/analysis/codebook/")
    assert page.get_by_role("heading", name="Codebook", level=1).is_visible()
    check_page(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Add code").click()
    assert page.title().startswith("Error:")
    page.get_by_role("alert").get_by_role("link", name="Give the code a name.").click()
    expect(page.get_by_label("Name")).to_be_focused()
    check_page(page)

    page.get_by_label("Name").fill("School transport")
    page.get_by_label("Example phrases (optional)").fill("the school bus is late\nbuses are full")
    with page.expect_navigation():
        page.get_by_role("button", name="Add code").click()
    assert page.get_by_text("Code “School transport” added.").is_visible()
    assert page.get_by_role("rowheader", name=re.compile("^School transport")).is_visible()
    check_page(page)

    page.get_by_role("link", name="Change School transport").click()
    page.wait_for_url("**/staff/analysis/codebook/*/")
    assert page.get_by_role("heading", name="Change code: School transport").is_visible()
    check_page(page)
    page.get_by_label("Description (optional)").fill("Getting to school and back.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save code").click()
    assert page.get_by_text("Code “School transport” changed.").is_visible()

    page.get_by_role("link", name="Change School transport").click()
    page.wait_for_url("**/staff/analysis/codebook/*/")
    with page.expect_navigation():
        page.get_by_role("button", name="Retire code School transport").click()
    assert page.get_by_text("Code “School transport” retired.").is_visible()
    row = page.get_by_role("row").filter(has_text="School transport")
    assert row.get_by_text("Retired", exact=True).is_visible()
    check_page(page)


def test_an_officer_is_refused_the_analysis_pages(page, live_server, officer):
    sign_in(page, live_server, officer.username)
    assert page.get_by_role("link", name="Themes from free-text answers").count() == 0

    response = page.goto(f"{live_server.url}/staff/analysis/")
    assert response.status == 403
    assert page.get_by_role("heading", name="You can't see this page", level=1).is_visible()
    assert page.get_by_text("Your account does not have the role this page needs").is_visible()
    check_page(page)


def import_file(page, tmp_path, name: str, content: str, text_column: str = "Comment") -> None:
    """Fill the import form with a CSV file and send it."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    page.get_by_label("CSV file").set_input_files(str(path))
    page.get_by_label("Title").fill("Youth council survey 2025")
    page.get_by_label("Column with the answers").fill(text_column)
    page.get_by_label("Column with the age group or age (optional)").fill("Age")
    with page.expect_navigation():
        page.get_by_role("button", name="Import answers").click()


def test_an_analyst_imports_last_years_answers_and_is_told_what_to_fix(
    page, live_server, analyst, codebook, tmp_path
):
    sign_in(page, live_server, analyst.username)
    page.get_by_role("link", name="Themes from free-text answers").click()
    page.get_by_role("link", name="Import answers").click()
    page.wait_for_url("**/staff/analysis/import/")
    check_page(page)

    # A column that is not in the file: told on the form, with the columns there are.
    rows = "Comment,Age\nMore buses at night,14\nA park with lights,purple\nSafer crossings,9\n"
    import_file(page, tmp_path, "export.csv", rows, text_column="Comments")
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert page.get_by_text(re.compile("columns are: “Comment”, “Age”")).first.is_visible()
    check_page(page)

    # A row whose age cannot be read: nothing is imported, and the row is named.
    import_file(page, tmp_path, "export.csv", rows)
    page.wait_for_url("**/staff/analysis/import/*/")
    expect(page.get_by_role("heading", name="Nothing was imported")).to_be_visible()
    assert page.get_by_text(re.compile(r"age band could not be read in row 3")).is_visible()
    check_page(page)

    # Corrected: every answer is imported and offered for theming.
    fixed = rows.replace("purple", "12")
    page.get_by_role("link", name="Import a file").click()
    import_file(page, tmp_path, "export-fixed.csv", fixed)
    page.wait_for_url("**/staff/analysis/import/*/")
    expect(page.get_by_role("heading", name="Answers imported")).to_be_visible()
    assert page.get_by_text("3 answers, as “Youth council survey 2025”").is_visible()
    check_page(page)
    page.get_by_role("link", name="Theme these answers").click()
    page.wait_for_url("**/staff/analysis/")
    options = page.get_by_label("Question", exact=True).locator("option").all_inner_texts()
    assert any("Youth council survey 2025" in option for option in options), options
