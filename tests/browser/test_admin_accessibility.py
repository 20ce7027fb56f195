"""Survey authoring in the admin: named for the service, and axe finds nothing on any page an
author uses, at phone and desktop widths, in light and dark colours, with and without errors."""

import pytest
from playwright.sync_api import expect

from surveys.access import Role
from surveys.models import Choice, Question, QuestionWording, Step, SurveyVersion
from tests.browser.conftest import AXE_JS, AXE_TAGS, _describe
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERVICE_NAME = "Voice of the child — survey authoring"
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def author(db):
    """An administrator, with the admin rights the demo gives administrators."""
    return make_user("ada", Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


@pytest.fixture
def draft(demo_link):
    """A draft second version of the demo survey: one step, one question with a choice and a
    wording, all still editable."""
    version = SurveyVersion.objects.create(
        survey=demo_link.version.survey, number=2, title="Feeling safe, this year"
    )
    step = Step.objects.create(version=version, order=1, title="About you")
    question = Question.objects.create(
        step=step, order=1, key="feel-today", kind=Question.Kind.SINGLE, text="How are you?"
    )
    Choice.objects.create(question=question, order=1, value="fine", label="Fine")
    QuestionWording.objects.create(question=question, band="4-7", text="How do you feel?")
    return version


def admin_url(live_server, path: str) -> str:
    return f"{live_server.url}/admin/{path}"


def sign_in(page, live_server, username: str = "ada") -> None:
    """Sign in through the admin's own form, landing on the admin index."""
    page.goto(admin_url(live_server, "login/?next=/admin/"))
    check_admin_page(page)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pass-for-tests-only")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def axe_violations(page) -> list:
    """axe's WCAG 2.2 A/AA violations on the page as it is now, its scripts having run (the admin
    builds parts of its pages with scripts, so it is checked with them)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                      resultTypes: ['violations']})""",
        AXE_TAGS,
    )
    return result["violations"]


def check_admin_page(page) -> None:
    """axe finds nothing at the page's own size and at desktop size, and neither scrolls
    sideways (wide tables scroll inside their own box)."""
    own_size = page.viewport_size
    for size in [own_size, DESKTOP]:
        page.set_viewport_size(size)
        violations = axe_violations(page)
        where = f"{page.url} at {size['width']}px"
        assert not violations, f"axe found problems on {where}:\n{_describe(violations)}"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= size["width"], f"{where} scrolls sideways: {width}px wide"
    page.set_viewport_size(own_size)


def visit(page, live_server, path: str, heading: str) -> None:
    page.goto(admin_url(live_server, path))
    expect(page.locator("#content h1")).to_have_text(heading)
    check_admin_page(page)


def test_the_admin_carries_the_service_name_language_and_a_skip_link(page, live_server, author):
    page.goto(admin_url(live_server, "login/?next=/admin/"))
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("#site-name")).to_have_text(SERVICE_NAME)
    assert page.title().endswith(f"| {SERVICE_NAME}")

    sign_in(page, live_server)
    expect(page.locator("#site-name")).to_have_text(SERVICE_NAME)
    assert page.title() == f"Site administration | {SERVICE_NAME}"
    assert page.locator("html").get_attribute("lang") == "en"
    check_admin_page(page)

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main#content-start")).to_be_focused()


def test_surveys_and_a_draft_versions_steps_pass_axe(page, live_server, author, draft):
    survey = draft.survey
    sign_in(page, live_server)
    visit(page, live_server, "surveys/survey/", "Select survey to change")
    visit(page, live_server, f"surveys/survey/{survey.pk}/change/", "Change survey")
    # The date and time boxes each have a name of their own.
    expect(page.get_by_role("textbox", name="Created: date")).to_be_visible()
    expect(page.get_by_role("textbox", name="Created: time")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    check_admin_page(page)

    visit(page, live_server, "surveys/surveyversion/", "Select survey version to change")
    visit(
        page,
        live_server,
        "surveys/surveyversion/?status__exact=draft",
        "Select survey version to change",
    )
    visit(page, live_server, f"surveys/surveyversion/{draft.pk}/change/", "Change survey version")
    steps = page.locator("#steps-group")
    expect(steps.get_by_role("textbox", name="Title: 1. About you")).to_have_value("About you")
    expect(steps.get_by_role("checkbox", name="Delete: 1. About you")).to_be_visible()
    steps.get_by_role("button", name="Add another Step").click()
    expect(steps.locator("tr.form-row:not(.empty-form)")).to_have_count(2)
    expect(steps.get_by_role("textbox", name="Title", exact=True)).to_be_visible()
    check_admin_page(page)

    published = draft.survey.versions.get(number=1)
    visit(page, live_server, f"surveys/surveyversion/{published.pk}/change/", "View survey version")


def test_a_step_and_a_question_with_their_inlines_pass_axe(page, live_server, author, draft):
    step = draft.steps.get()
    question = step.questions.get()
    sign_in(page, live_server)
    visit(page, live_server, f"surveys/step/{step.pk}/change/", "Change step")
    questions = page.locator("#questions-group")
    expect(questions.get_by_role("combobox", name=f"Kind: {question}")).to_have_value("single")

    visit(page, live_server, "surveys/question/", "Select question to change")
    visit(page, live_server, "surveys/question/?kind__exact=single", "Select question to change")
    visit(page, live_server, f"surveys/question/{question.pk}/change/", "Change question")
    choices = page.locator("#choices-group")
    expect(choices.get_by_role("textbox", name="Label: Fine")).to_have_value("Fine")
    wordings = page.locator("#wordings-group")
    expect(wordings.get_by_role("combobox", name="Band: 4-7/en: How do you feel?")).to_be_visible()
    choices.get_by_role("button", name="Add another Choice").click()
    wordings.get_by_role("button", name="Add another Question wording").click()
    expect(choices.locator("tr.form-row:not(.empty-form)")).to_have_count(2)
    expect(wordings.locator("tr.form-row:not(.empty-form)")).to_have_count(2)
    expect(choices.get_by_role("textbox", name="Label", exact=True)).to_be_visible()
    check_admin_page(page)

    # A published question is read-only; its inline tables can still be reached to scroll.
    published = Question.objects.filter(step__version__number=1).first()
    visit(page, live_server, f"surveys/question/{published.pk}/change/", "View question")
    expect(page.get_by_role("region", name="Choices")).to_have_attribute("tabindex", "0")


def test_collection_links_pass_axe(page, live_server, author, demo_link):
    sign_in(page, live_server)
    visit(page, live_server, "surveys/collectionlink/", "Select collection link to change")
    visit(
        page,
        live_server,
        f"surveys/collectionlink/{demo_link.pk}/change/",
        "Change collection link",
    )
    for name in ["Opens at: date", "Opens at: time", "Closes at: date", "Closes at: time"]:
        expect(page.get_by_role("textbox", name=name)).to_be_visible()


def test_add_pages_pass_axe_empty_and_with_their_error_messages(page, live_server, author, draft):
    sign_in(page, live_server)
    for model, heading in [
        ("survey", "Add survey"),
        ("surveyversion", "Add survey version"),
        ("step", "Add step"),
        ("question", "Add question"),
        ("collectionlink", "Add collection link"),
    ]:
        visit(page, live_server, f"surveys/{model}/add/", heading)
        with page.expect_navigation():
            page.locator("input[name='_save']").click()
        expect(page.locator("p.errornote")).to_be_visible()
        check_admin_page(page)


def test_admin_pages_pass_axe_in_dark_colours(new_context, live_server, author, draft):
    question = Question.objects.get(step__version=draft)
    # Dark because the browser asks for it.
    page = new_context(color_scheme="dark").new_page()
    sign_in(page, live_server)
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    check_admin_page(page)
    visit(page, live_server, "surveys/surveyversion/", "Select survey version to change")
    visit(page, live_server, f"surveys/question/{question.pk}/change/", "Change question")

    # Dark because the author chose it with the admin's own switch, in a light browser.
    page = new_context(color_scheme="light").new_page()
    sign_in(page, live_server)
    page.evaluate("localStorage.setItem('theme', 'dark')")
    visit(page, live_server, f"surveys/step/{question.step_id}/change/", "Change step")
    assert page.locator("html").get_attribute("data-theme") == "dark"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(18, 18, 18)"


def test_authoring_pages_fit_a_320_pixel_screen(new_context, live_server, author, draft):
    """Changelists, and change pages with wide inline tables, never scroll sideways."""
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    sign_in(page, live_server)
    question = Question.objects.get(step__version=draft)
    for path in [
        "",
        "surveys/question/",
        "surveys/collectionlink/",
        f"surveys/surveyversion/{draft.pk}/change/",
        f"surveys/question/{question.pk}/change/",
    ]:
        page.goto(admin_url(live_server, path))
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{page.url} is {width}px wide"
    check_admin_page(page)
