"""The priorities page, the "you said, we did" page for staff, and the public page children see.

Ann is an analyst; Olivia (an officer), Leo (a safeguarding lead) and Charlie (no role) are not.
"""

import pytest
from django.utils import timezone

from analysis.models import Action, AnswerResult, Code, Priority, Theme, ThemeRun
from surveys.demo_answers import load_demo_answers
from surveys.models import Answer
from tests.analysis.conftest import make_run

pytestmark = pytest.mark.django_db

PRIORITIES = "/staff/analysis/priorities/"
ACTIONS = "/staff/analysis/actions/"
PUBLIC = "/you-said-we-did/"


def finished_run(version, by, labels=("Dark streets", "Bullying at school")) -> ThemeRun:
    """A finished run whose themes each hold 20 of the version's free-text answers, coded
    'bullying' in the second theme and 'places_and_activities' in the first."""
    run = make_run(version, by, status=ThemeRun.Status.DONE, finished_at=timezone.now())
    codes = ["places_and_activities", "bullying"]
    answers = list(Answer.objects.free_text().filter(response__version=version)[:40])
    for number, label in enumerate(labels, start=1):
        Theme.objects.create(run=run, number=number, label=label, size=20, share=0.5, stability=0.8)
    AnswerResult.objects.bulk_create(
        AnswerResult(
            run=run,
            answer=answer,
            theme_number=1 + n % 2,
            codes=[codes[n % 2]],
            code_confidence=0.9,
            sentiment="negative",
            redacted_text=f"What child {n} said",
        )
        for n, answer in enumerate(answers)
    )
    run.answer_count = len(answers)
    run.save()
    return run


@pytest.fixture
def run(demo_link, analyst):
    load_demo_answers(demo_link, count=40)
    return finished_run(demo_link.version, analyst)


def an_action(by, **fields) -> Action:
    defaults = {"you_said": "The park is too dark", "we_did": "We put up lights", "status": "done"}
    return Action.objects.create(created_by=by, **{**defaults, **fields})


# Who may see them


@pytest.mark.parametrize("url", [PRIORITIES, ACTIONS])
def test_staff_without_the_analyst_role_and_outsiders_are_refused(
    client, officer, lead, outsider, url
):
    for person in (officer, lead, outsider):
        client.force_login(person)
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [PRIORITIES, ACTIONS])
def test_signed_out_visitors_are_sent_to_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


def test_an_outsider_cannot_add_a_priority(client, outsider):
    client.force_login(outsider)
    assert client.post(PRIORITIES, {"name": "Neglect"}).status_code == 403
    assert not Priority.objects.exists()


def test_an_outsider_cannot_add_or_change_an_action(client, outsider, analyst):
    action = an_action(analyst)
    client.force_login(outsider)
    fields = {"you_said": "Changed", "we_did": "Changed", "status": "planned"}
    assert client.post(ACTIONS, fields).status_code == 403
    assert client.post(f"{ACTIONS}?edit={action.pk}", fields).status_code == 403
    action.refresh_from_db()
    assert Action.objects.count() == 1 and action.you_said == "The park is too dark"


def test_the_public_page_needs_no_sign_in(client, analyst):
    an_action(analyst)
    response = client.get(PUBLIC)
    assert response.status_code == 200
    assert "The park is too dark" in response.content.decode()


# Priorities


def test_an_analyst_adds_a_priority_fed_by_codes(client, analyst, run):
    client.force_login(analyst)
    bullying = Code.objects.get(key="bullying")
    response = client.post(
        PRIORITIES, {"name": "Keeping safe from bullying", "codes": [bullying.pk]}
    )
    assert response.status_code == 302
    priority = Priority.objects.get()
    assert priority.name == "Keeping safe from bullying"
    assert list(priority.codes.all()) == [bullying]


def test_a_priority_shows_the_answers_coded_with_its_codes_and_their_quotes(client, analyst, run):
    priority = Priority.objects.create(name="Keeping safe from bullying")
    priority.codes.add(Code.objects.get(key="bullying"))
    client.force_login(analyst)
    page = client.get(PRIORITIES).content.decode()
    assert "Keeping safe from bullying" in page
    assert "Answers: <strong>20</strong> (50%)" in page
    assert "What child 1 said" in page  # coded bullying
    assert "What child 0 said" not in page  # coded places to go


def test_a_strong_theme_no_priority_covers_is_listed_and_a_covered_one_is_not(client, analyst, run):
    priority = Priority.objects.create(name="Keeping safe from bullying")
    priority.codes.add(Code.objects.get(key="bullying"))
    client.force_login(analyst)
    page = client.get(PRIORITIES).content.decode()
    uncovered = page.split("Strong themes no priority covers")[1].split("</ul>")[0]
    assert "Dark streets" in uncovered
    assert "Bullying at school" not in uncovered


def test_an_analyst_changes_a_prioritys_name_and_codes(client, analyst, run):
    priority = Priority.objects.create(name="Bullying")
    priority.codes.add(Code.objects.get(key="bullying"))
    online = Code.objects.get(key="online_safety")
    client.force_login(analyst)
    page = client.get(PRIORITIES).content.decode()
    assert f'href="?edit={priority.pk}&amp;run={run.pk}"' in page
    form = client.get(f"{PRIORITIES}?edit={priority.pk}").content.decode()
    assert "Change a priority" in form and 'value="Bullying"' in form
    response = client.post(
        f"{PRIORITIES}?edit={priority.pk}",
        {"name": "Safe online", "codes": [online.pk]},
        follow=True,
    )
    assert "Priority changed." in response.content.decode()
    priority.refresh_from_db()
    assert priority.name == "Safe online" and list(priority.codes.all()) == [online]
    assert Priority.objects.count() == 1


def test_a_change_without_a_name_is_refused_and_the_priority_kept(client, analyst):
    priority = Priority.objects.create(name="Neglect")
    client.force_login(analyst)
    response = client.post(f"{PRIORITIES}?edit={priority.pk}", {"name": ""})
    assert response.status_code == 400
    assert "Give the priority a name." in response.content.decode()
    priority.refresh_from_db()
    assert priority.name == "Neglect"


def test_an_outsider_cannot_change_a_priority(client, outsider):
    priority = Priority.objects.create(name="Neglect")
    client.force_login(outsider)
    response = client.post(f"{PRIORITIES}?edit={priority.pk}", {"name": "Changed"})
    assert response.status_code == 403
    priority.refresh_from_db()
    assert priority.name == "Neglect"


def test_changing_a_priority_that_does_not_exist_is_not_found(client, analyst):
    client.force_login(analyst)
    assert client.get(f"{PRIORITIES}?edit=99999").status_code == 404


def test_with_no_finished_run_the_priorities_are_listed_to_change(client, analyst):
    priority = Priority.objects.create(name="Neglect")
    client.force_login(analyst)
    page = client.get(PRIORITIES).content.decode()
    assert "Neglect (Codes: none yet)" in page
    assert f'href="?edit={priority.pk}"' in page


def test_a_priority_without_a_name_is_refused_with_a_message_and_nothing_stored(client, analyst):
    client.force_login(analyst)
    response = client.post(PRIORITIES, {"name": "  "})
    assert response.status_code == 400
    assert "Give the priority a name." in response.content.decode()
    assert not Priority.objects.exists()


def test_a_code_that_does_not_exist_is_refused_and_nothing_stored(client, analyst):
    client.force_login(analyst)
    response = client.post(PRIORITIES, {"name": "Neglect", "codes": ["not-a-number"]})
    assert response.status_code == 400
    assert "is not a valid value" in response.content.decode()
    assert not Priority.objects.exists()


def test_a_code_id_too_large_for_any_row_is_refused_and_nothing_stored(client, analyst):
    client.force_login(analyst)
    response = client.post(PRIORITIES, {"name": "Neglect", "codes": ["9" * 20]})
    assert response.status_code == 400
    assert "is not a valid value" in response.content.decode()
    assert not Priority.objects.exists()


def test_a_run_that_does_not_exist_or_has_not_finished_is_not_found(client, analyst, demo_link):
    unfinished = make_run(demo_link.version, analyst)
    client.force_login(analyst)
    assert client.get(f"{PRIORITIES}?run=99999").status_code == 404
    assert client.get(f"{PRIORITIES}?run={unfinished.pk}").status_code == 404
    assert client.get(f"{ACTIONS}?run={unfinished.pk}").status_code == 404


def test_with_no_finished_run_the_page_says_so(client, analyst):
    client.force_login(analyst)
    page = client.get(PRIORITIES).content.decode()
    assert "No theme run has finished yet." in page


# "You said, we did" for staff


def test_an_analyst_links_an_action_to_a_theme_and_a_priority(client, analyst, run):
    priority = Priority.objects.create(name="Feeling safe outside")
    theme = run.themes.get(number=1)
    client.force_login(analyst)
    response = client.post(
        ACTIONS,
        {
            "you_said": "The park is too dark",
            "we_did": "We asked the council for more lights",
            "status": "under_way",
            "theme": theme.pk,
            "priority": priority.pk,
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.theme, action.priority, action.created_by) == (theme, priority, analyst)
    page = client.get(ACTIONS).content.decode()
    assert "theme “Dark streets”" in page and "priority Feeling safe outside" in page


def test_the_action_form_says_which_run_its_themes_are_from(client, analyst, run):
    older = finished_run(run.version, analyst, labels=("Old lights", "Old bullying"))
    ThemeRun.objects.filter(pk=older.pk).update(finished_at=run.finished_at.replace(year=2020))
    client.force_login(analyst)
    page = client.get(ACTIONS).content.decode()
    assert f"The themes to link to are from theme run {run.pk} (" in page
    assert "Dark streets" in page and "Old lights" not in page
    page = client.get(f"{ACTIONS}?run={older.pk}").content.decode()
    assert f"The themes to link to are from theme run {older.pk} (" in page
    assert "Old lights" in page and "Dark streets" not in page


def test_an_action_without_what_children_said_is_refused_and_nothing_stored(client, analyst):
    client.force_login(analyst)
    response = client.post(ACTIONS, {"you_said": "", "we_did": "Lights", "status": "done"})
    assert response.status_code == 400
    assert "Say what children told you." in response.content.decode()
    assert not Action.objects.exists()


def test_a_theme_from_no_finished_run_is_refused_and_nothing_stored(client, analyst, run):
    other = make_run(run.version, analyst)  # still waiting to start
    theme = Theme.objects.create(run=other, number=1, label="x", size=9, share=1, stability=1)
    client.force_login(analyst)
    response = client.post(
        ACTIONS, {"you_said": "Dark", "we_did": "Lights", "status": "done", "theme": theme.pk}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Action.objects.exists()


def test_changing_an_action_keeps_its_theme_from_an_earlier_run(client, analyst, run):
    theme = run.themes.get(number=1)
    action = an_action(analyst, theme=theme)
    newer = finished_run(run.version, analyst, labels=("Street lights", "Name calling"))
    assert newer.finished_at > run.finished_at
    client.force_login(analyst)
    form = client.get(f"{ACTIONS}?edit={action.pk}").content.decode()
    assert f'<option value="{theme.pk}" selected>Dark streets (theme run {run.pk})' in form
    client.post(
        f"{ACTIONS}?edit={action.pk}",
        {"you_said": "It is too dark", "we_did": "Lights", "status": "done", "theme": theme.pk},
    )
    action.refresh_from_db()
    assert (action.you_said, action.theme) == ("It is too dark", theme)


def test_changing_an_action_that_does_not_exist_is_not_found(client, analyst):
    client.force_login(analyst)
    assert client.get(f"{ACTIONS}?edit=99999").status_code == 404


# What children see


def test_the_public_page_shows_public_actions_in_words_for_children_and_hides_the_rest(
    client, analyst
):
    an_action(analyst, you_said="The park is too dark", status="done")
    an_action(
        analyst, you_said="Buses are late", we_did="We talk to the bus firm", status="under_way"
    )
    an_action(analyst, you_said="More clubs", we_did="We open a club", status="planned")
    an_action(analyst, you_said="A private note", is_public=False)
    page = client.get(PUBLIC).content.decode()
    assert "<strong>We did:</strong> We put up lights" in page
    assert "<strong>We are doing:</strong> We talk to the bus firm" in page
    assert "<strong>We plan to:</strong> We open a club" in page
    assert "A private note" not in page


def test_with_no_public_action_the_public_page_says_what_comes_next(client, analyst):
    an_action(analyst, is_public=False)
    page = client.get(PUBLIC).content.decode()
    assert "Come back soon to see what we do." in page
    assert "The park is too dark" not in page


def test_a_strong_themes_size_hidden_on_the_runs_page_is_hidden_here_too(
    client, analyst, demo_link
):
    load_demo_answers(demo_link, count=40)
    run = make_run(demo_link.version, analyst, status=ThemeRun.Status.DONE)
    answers = list(Answer.objects.free_text().filter(response__version=demo_link.version)[:40])
    sizes = {1: 20, 2: 17, 3: 3}  # all 40 less 20 and 17 would give the 3 away
    for number, size in sizes.items():
        Theme.objects.create(
            run=run, number=number, label=f"Theme {number}", size=size, share=0, stability=1
        )
    numbers = [number for number, size in sizes.items() for _ in range(size)]
    AnswerResult.objects.bulk_create(
        AnswerResult(
            run=run,
            answer=answer,
            theme_number=number,
            code_confidence=0.5,
            sentiment="neutral",
            redacted_text="x",
        )
        for answer, number in zip(answers, numbers, strict=True)
    )
    client.force_login(analyst)
    page = client.get(PRIORITIES).content.decode()
    uncovered = page.split("Strong themes no priority covers")[1].split("</ul>")[0]
    assert "Theme 1</a> (20 answers" in uncovered
    assert "Theme 2</a> (number of answers hidden" in uncovered
    assert "Theme 3" not in uncovered and "17 answers" not in uncovered
