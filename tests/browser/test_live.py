"""A live session in real Chromium: an officer on a laptop, the projector, three phones.

Every page visited is checked with axe. Updates here come from the pages' polling script (the
websocket layer comes later), so the checks wait for text to appear rather than reloading.
"""

import pytest

from engage import services
from engage.models import LiveSession
from surveys.models import Answer, Concern
from tests.browser.conftest import check_axe
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-for-tests-only"
LAPTOP = {"viewport": {"width": 1280, "height": 800}, "is_mobile": False, "has_touch": False}


@pytest.fixture
def session(live_server, demo_link):
    officer = make_user("olu", "participation officer")
    demo_link.safeguarding_lead = make_user("sam", "safeguarding lead")
    demo_link.save()
    return services.session_start(
        version=demo_link.version, band="12-17", link=demo_link, officer=officer
    )


def move_to(session: LiveSession, key: str) -> None:
    while session.question.key != key:
        services.session_next_question(session=session)
        session.refresh_from_db()
    services.session_open_question(session=session)


def officer_page(new_context, live_server, session):
    page = new_context(**LAPTOP).new_page()
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("Username").fill("olu")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/staff/live/{session.pk}/")
    return page


def projector_page(new_context, live_server, session):
    """The big screen, signed in as the officer on its own laptop."""
    page = new_context(**LAPTOP).new_page()
    page.goto(f"{live_server.url}/staff/live/{session.pk}/present/")
    page.get_by_label("Username").fill("olu")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/present/")
    return page


def join(new_context, live_server, session, axe: bool = False):
    page = new_context().new_page()
    page.goto(f"{live_server.url}/j/")
    if axe:
        check_axe(page)
    page.get_by_label("Code").fill(session.code.lower())
    with page.expect_navigation():
        page.get_by_role("button", name="Join").click()
    page.wait_for_url(f"**/j/{session.code}/")
    return page


def send(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Send").click()


def test_three_phones_answer_and_the_projector_waits_for_enough_answers(
    new_context, live_server, session
):
    move_to(session, "safe-home")
    officer = officer_page(new_context, live_server, session)
    assert session.code in officer.content()
    check_axe(officer)
    projector = projector_page(new_context, live_server, session)
    check_axe(projector)

    phones = [join(new_context, live_server, session, axe=(n == 0)) for n in range(3)]
    check_axe(phones[0])
    for phone in phones:
        phone.get_by_role("radio").first.check()
        send(phone)
        assert "saved" in phone.content()
    check_axe(phones[0])
    assert Answer.objects.filter(question__key="safe-home").count() == 3
    projector.reload()
    assert "Waiting for more answers" in projector.content()


def test_free_text_reaches_the_projector_only_when_approved_and_a_worry_stays_private(
    new_context, live_server, session
):
    move_to(session, "one-change")
    officer = officer_page(new_context, live_server, session)
    kind, worried = join(new_context, live_server, session), join(new_context, live_server, session)
    kind.get_by_role("textbox").fill("More lights in the park")
    send(kind)
    worried.get_by_role("textbox").fill("my dad hits me when he is angry")
    send(worried)
    worried.wait_for_url("**/help/")
    assert "0800 1111" in worried.content()
    check_axe(worried)
    assert Concern.objects.count() == 1

    officer.reload()
    assert "my dad hits me" in officer.content()  # the officer is told, privately
    check_axe(officer)
    with officer.expect_navigation():
        officer.get_by_role("button", name="Show on screen").first.click()
    projector = projector_page(new_context, live_server, session)
    text = projector.content()
    assert "More lights in the park" in text
    assert "my dad hits me" not in text
    check_axe(projector)


def test_an_officer_asks_one_question_and_a_phone_answers_it(new_context, live_server, demo_link):
    make_user("olu", "participation officer")
    officer = new_context().new_page()  # at phone size: the start page works on a phone too
    officer.goto(f"{live_server.url}/staff/login/?next=/staff/live/new/")
    officer.get_by_label("Username").fill("olu")
    officer.get_by_label("Password").fill(PASSWORD)
    with officer.expect_navigation():
        officer.get_by_role("button", name="Sign in").click()
    with officer.expect_navigation():
        officer.get_by_role("button", name="Start the poll").click()
    assert "Enter the question to ask." in officer.content()
    check_axe(officer)
    officer.get_by_label("Your question").fill("Do you like the new room?")
    officer.get_by_label("Yes, no or not sure").check()
    officer.locator("#id_poll-band").select_option("8-11")
    officer.locator("#id_poll-place").select_option(str(demo_link.pk))
    with officer.expect_navigation():
        officer.get_by_role("button", name="Start the poll").click()
    with officer.expect_navigation():
        officer.get_by_role("button", name="Open question").click()
    assert "Do you like the new room?" in officer.content()
    check_axe(officer)

    session = LiveSession.objects.get()
    phone = join(new_context, live_server, session)
    phone.get_by_role("radio", name="Yes").check()
    send(phone)
    assert "saved" in phone.content()
    check_axe(phone)
    answer = Answer.objects.get()
    assert (answer.question, answer.value) == (session.question, "yes")
