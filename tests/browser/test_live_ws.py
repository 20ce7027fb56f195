"""A live session over websockets in real Chromium: the project's ASGI application served by
uvicorn (Django's own live server speaks only HTTP), an officer on a laptop and a phone.

The phone follows the officer without reloading: through its socket when websockets work, and
through polling when the network blocks them.
"""

import re
import socket
import threading
import time

import pytest
import uvicorn
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

from config.asgi import application
from engage import services
from surveys.plan import wording_for
from tests.browser.conftest import check_axe
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-for-tests-only"
LAPTOP = {"viewport": {"width": 1280, "height": 800}, "is_mobile": False, "has_touch": False}

# What a school network that blocks websockets looks like to a page: the socket never opens.
BLOCK_WEBSOCKETS = """
window.WebSocket = class extends EventTarget {
  constructor() {
    super();
    setTimeout(() => {
      this.dispatchEvent(new Event("error"));
      this.dispatchEvent(new CloseEvent("close", { code: 1006 }));
    }, 50);
  }
  send() {}
  close() {}
};
"""


@pytest.fixture
def asgi_server(transactional_db):
    """The project's ASGI application (HTTP and websockets) on a free port, with the static
    files served from the source folders, as collectstatic has not run for tests."""
    app = ASGIStaticFilesHandler(application)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, lifespan="off", log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    listener.close()


@pytest.fixture
def session(asgi_server, demo_link):
    officer = make_user("olu", "participation officer")
    return services.session_start(
        version=demo_link.version, band="12-17", link=demo_link, officer=officer
    )


def officer_page(new_context, url, session):
    page = new_context(**LAPTOP).new_page()
    page.goto(f"{url}/staff/login/")
    page.get_by_label("Username").fill("olu")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.goto(f"{url}/staff/live/{session.pk}/")
    return page


def phone_page(new_context, url, session, *, blocked: bool = False, relay=None):
    context = new_context()
    if blocked:
        context.add_init_script(BLOCK_WEBSOCKETS)
    if relay:
        context.route_web_socket(re.compile(r".*/ws/$"), relay)
    page = context.new_page()
    page.goto(f"{url}/j/")
    page.get_by_label("Code").fill(session.code)
    with page.expect_navigation():
        page.get_by_role("button", name="Join").click()
    page.wait_for_url(f"**/j/{session.code}/")
    return page


def press(page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def second_question(session) -> str:
    return wording_for(services.session_questions(session)[1], session.band, "en").text


def test_a_phone_gets_the_next_question_over_its_socket_without_reloading(
    new_context, asgi_server, session
):
    officer = officer_page(new_context, asgi_server, session)
    phone = phone_page(new_context, asgi_server, session)
    polled = []
    phone.on("request", lambda request: "/state/" in request.url and polled.append(request.url))
    phone.wait_for_selector("[data-live-via=socket]", state="attached")
    officer.wait_for_selector("[data-live-via=socket]", state="attached")
    navigations = []
    phone.on("framenavigated", lambda frame: navigations.append(frame.url))

    press(officer, "Next question")
    press(officer, "Open question")

    phone.get_by_role("heading", name=second_question(session)).wait_for()
    assert phone.get_by_role("button", name="Send").is_visible()
    assert navigations == []  # no reload: the socket said so and the page swapped its part
    assert polled == []  # and not the polling
    check_axe(phone)


def test_a_phone_shows_waiting_when_the_question_closes_without_fetching_its_page(
    new_context, asgi_server, session
):
    """The waiting words are the same for the whole room, so the phone holds them."""
    officer = officer_page(new_context, asgi_server, session)
    phone = phone_page(new_context, asgi_server, session)
    phone.wait_for_selector("[data-live-via=socket]", state="attached")
    press(officer, "Open question")
    phone.get_by_role("button", name="Send").wait_for()
    fetched = []
    phone.on("request", lambda request: fetched.append(request.url))

    press(officer, "Close question")

    phone.get_by_role("heading", name="Waiting for the next question").wait_for()
    assert not phone.get_by_role("button", name="Send").is_visible()
    assert fetched == []
    check_axe(phone)


def test_a_phone_whose_network_blocks_websockets_follows_by_polling(
    new_context, asgi_server, session
):
    officer = officer_page(new_context, asgi_server, session)
    phone = phone_page(new_context, asgi_server, session, blocked=True)
    phone.wait_for_selector("[data-live-via=poll]", state="attached")

    press(officer, "Next question")
    press(officer, "Open question")

    phone.get_by_role("heading", name=second_question(session)).wait_for()
    assert phone.get_by_role("button", name="Send").is_visible()
    check_axe(phone)


def test_a_phone_reconnects_after_its_socket_drops_and_still_follows(
    new_context, asgi_server, session
):
    sockets = []

    def relay(route):
        route.connect_to_server()
        sockets.append(route)

    officer = officer_page(new_context, asgi_server, session)
    phone = phone_page(new_context, asgi_server, session, relay=relay)
    phone.wait_for_selector("[data-live-via=socket]", state="attached")

    sockets[0].close(code=1006)  # the signal drops
    for _wait in range(100):
        if len(sockets) > 1:
            break
        phone.wait_for_timeout(100)
    assert len(sockets) == 2, "the phone did not reconnect"
    phone.wait_for_selector("[data-live-via=socket]", state="attached")

    press(officer, "Next question")
    press(officer, "Open question")
    phone.get_by_role("heading", name=second_question(session)).wait_for()


def test_a_phone_is_told_when_the_officer_ends_the_session(new_context, asgi_server, session):
    officer = officer_page(new_context, asgi_server, session)
    phone = phone_page(new_context, asgi_server, session)
    phone.wait_for_selector("[data-live-via=socket]", state="attached")

    press(officer, "End session")

    phone.get_by_role("heading", name="This session has ended").wait_for()
    check_axe(phone)
