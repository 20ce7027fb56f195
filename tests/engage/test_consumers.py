"""Live session websockets, through the project's whole ASGI stack and its real channel layer
(in memory by default, Redis when REDIS_URL is set): phones follow the officer, the projector
and the officer's page hear answers at a bounded rate, and nothing private travels."""

import importlib.util
import json
import sys
import types
from pathlib import Path

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.conf import settings
from django.http import HttpResponse
from django.test import Client

from config.asgi import application
from engage import access, results, services
from engage.models import LiveSession, LiveTextAnswer
from surveys.models import Answer
from tests.conftest import make_user
from tests.engage.test_services import answer, go_to

if importlib.util.find_spec("daphne") is None:
    # channels.testing's __init__ imports daphne for its live-server test case, which this
    # project does not use (uvicorn serves it): load the communicators without that import.
    import channels

    testing = types.ModuleType("channels.testing")
    testing.__path__ = [str(Path(channels.__file__).parent / "testing")]
    sys.modules.setdefault("channels.testing", testing)

from channels.testing.websocket import WebsocketCommunicator  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True)

ORIGIN = (b"origin", b"http://127.0.0.1")
WORRY = "my dad hits me when he is angry"


@pytest.fixture
def live(demo_link, officer, lead):
    demo_link.safeguarding_lead = lead
    demo_link.save()
    return services.session_start(
        version=demo_link.version, band="12-17", link=demo_link, officer=officer
    )


def phone_cookie(session: LiveSession) -> bytes:
    """Join through the join page, as a phone does, and keep its participant cookie."""
    client = Client()
    client.post("/j/", {"code": session.code})
    name = access.cookie_name(session.code)
    return f"{name}={client.cookies[name].value}".encode()


def staff_cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}".encode()


def phone_socket(session, cookie: bytes | None) -> WebsocketCommunicator:
    headers = [ORIGIN] + ([(b"cookie", cookie)] if cookie else [])
    return WebsocketCommunicator(application, f"/j/{session.code}/ws/", headers=headers)


def staff_socket(session, cookie: bytes | None, *, officer=False) -> WebsocketCommunicator:
    headers = [ORIGIN] + ([(b"cookie", cookie)] if cookie else [])
    path = f"/ws/live/{session.pk}/" + ("?for=officer" if officer else "")
    return WebsocketCommunicator(application, path, headers=headers)


async def connected(socket: WebsocketCommunicator) -> dict:
    """Connect, and return the snapshot the socket sends first."""
    ok, _code = await socket.connect()
    assert ok
    return await socket.receive_json_from(timeout=3)


async def drain(socket: WebsocketCommunicator, quiet: float = 1.0) -> list[dict]:
    """Every message until the socket has been quiet for a while."""
    received = []
    while not await socket.receive_nothing(timeout=quiet):
        received.append(await socket.receive_json_from())
    return received


def stamp_of(session, which) -> str:
    session.refresh_from_db()
    return which(session)


def test_a_phone_gets_the_session_state_when_it_connects(live):
    cookie = phone_cookie(live)

    async def scenario():
        socket = phone_socket(live, cookie)
        snapshot = await connected(socket)
        await socket.disconnect()
        return snapshot

    assert async_to_sync(scenario)() == {
        "type": "state",
        "stamp": results.participant_stamp(live),
    }


def test_the_officer_and_projector_get_their_own_state_when_they_connect(live, officer):
    cookie = staff_cookie(officer)

    async def scenario():
        projector, own = staff_socket(live, cookie), staff_socket(live, cookie, officer=True)
        snapshots = [await connected(projector), await connected(own)]
        await projector.disconnect()
        await own.disconnect()
        return snapshots

    assert async_to_sync(scenario)() == [
        {"type": "state", "stamp": results.presenter_stamp(live)},
        {"type": "state", "stamp": results.officer_stamp(live)},
    ]


@pytest.mark.parametrize("who", ["nobody", "another session's phone", "a stranger's cookie"])
def test_a_phone_socket_without_this_sessions_cookie_is_refused(live, demo_link, officer, who):
    other = services.session_start(
        version=demo_link.version, band="12-17", link=demo_link, officer=officer
    )
    cookie = {
        "nobody": None,
        "another session's phone": phone_cookie(other).replace(
            other.code.encode(), live.code.encode()
        ),
        "a stranger's cookie": f"{access.cookie_name(live.code)}=forged-token".encode(),
    }[who]

    async def scenario():
        return await phone_socket(live, cookie).connect()

    assert async_to_sync(scenario)() == (False, 4403)


@pytest.mark.parametrize("held", [True, False])
def test_a_phone_socket_is_let_in_whether_or_not_this_process_holds_its_session(live, held):
    cookie = phone_cookie(live)
    if not held:
        access.forget_session(live.code)

    async def scenario():
        socket = phone_socket(live, cookie)
        snapshot = await connected(socket)
        await socket.disconnect()
        return snapshot

    assert async_to_sync(scenario)()["stamp"] == results.participant_stamp(live)


def test_a_phone_socket_with_a_cookie_holding_only_its_token_is_let_in(live):
    """Cookies from before they named the participant: the token is looked up."""
    go_to(live, "safe-home")
    participant = services.participant_join(code=live.code, address="x")
    answer(participant, value="yes")
    old = HttpResponse()
    old.set_signed_cookie(
        access.cookie_name(live.code), participant.token, salt="engage.participant"
    )
    name = access.cookie_name(live.code)
    cookie = f"{name}={old.cookies[name].value}".encode()

    async def scenario():
        socket = phone_socket(live, cookie)
        snapshot = await connected(socket)
        await socket.disconnect()
        return snapshot

    assert async_to_sync(scenario)()["stamp"] == f"open:{live.question_id}:open"


def test_an_ended_sessions_phone_socket_is_refused(live):
    cookie = phone_cookie(live)
    services.session_end(session=live)

    async def scenario():
        return await phone_socket(live, cookie).connect()

    assert async_to_sync(scenario)() == (False, 4403)


def test_a_phone_connecting_gets_a_change_made_by_another_server_process(live):
    """Each process keeps a copy of a session; where the session is comes from the database."""
    cookie = phone_cookie(live)
    LiveSession.objects.filter(pk=live.pk).update(question_state=LiveSession.QuestionState.OPEN)

    async def scenario():
        socket = phone_socket(live, cookie)
        snapshot = await connected(socket)
        await socket.disconnect()
        return snapshot

    assert async_to_sync(scenario)()["stamp"] == f"open:{live.question_id}:open"


def test_a_phone_socket_of_a_session_ended_by_another_server_process_is_refused(live):
    cookie = phone_cookie(live)
    LiveSession.objects.filter(pk=live.pk).update(status=LiveSession.Status.ENDED)

    async def scenario():
        return await phone_socket(live, cookie).connect()

    assert async_to_sync(scenario)() == (False, 4403)


@pytest.mark.parametrize("who", ["nobody", "another officer", "a participant"])
def test_the_staff_socket_is_only_for_the_sessions_officer(live, who):
    cookie = {
        "nobody": None,
        "another officer": staff_cookie(make_user("bob", "participation officer")),
        "a participant": phone_cookie(live),
    }[who]

    async def scenario():
        return await staff_socket(live, cookie).connect()

    assert async_to_sync(scenario)() == (False, 4403)


def test_opening_the_question_reaches_every_connected_phone(live):
    cookies = [phone_cookie(live) for _ in range(3)]

    async def scenario():
        phones = [phone_socket(live, cookie) for cookie in cookies]
        for phone in phones:
            await connected(phone)
        await database_sync_to_async(services.session_open_question)(session=live)
        heard = [await phone.receive_json_from(timeout=3) for phone in phones]
        for phone in phones:
            await phone.disconnect()
        return heard

    heard = async_to_sync(scenario)()
    assert heard == [{"type": "state", "stamp": f"open:{live.question_id}:open"}] * 3


def test_next_question_and_end_reach_the_phones(live):
    cookie = phone_cookie(live)

    async def scenario():
        phone = phone_socket(live, cookie)
        await connected(phone)
        await database_sync_to_async(services.session_next_question)(session=live)
        moved = await phone.receive_json_from(timeout=3)
        await database_sync_to_async(services.session_end)(session=live)
        ended = await phone.receive_json_from(timeout=3)
        await phone.disconnect()
        return moved, ended

    moved, ended = async_to_sync(scenario)()
    assert moved["stamp"] == f"open:{live.question_id}:waiting"
    assert ended["stamp"].startswith("ended:")


def test_answers_reach_the_projector_at_a_bounded_rate_and_the_last_push_is_current(live, officer):
    go_to(live, "safe-home")
    cookie = staff_cookie(officer)
    participants = [services.participant_join(code=live.code, address="x") for _ in range(10)]
    question = services.session_question(live)

    async def scenario():
        projector = staff_socket(live, cookie)
        await connected(projector)
        for participant in participants:
            await database_sync_to_async(answer)(participant, question, "yes")
        pushes = await drain(projector)
        await projector.disconnect()
        return pushes

    pushes = async_to_sync(scenario)()
    assert 1 <= len(pushes) < len(participants)
    assert pushes[-1]["stamp"] == stamp_of(live, results.presenter_stamp)
    assert pushes[-1]["stamp"].endswith(":10:0")


def test_a_phone_hears_nothing_when_others_answer(live):
    go_to(live, "safe-home")
    cookie = phone_cookie(live)
    other = services.participant_join(code=live.code, address="x")
    question = services.session_question(live)

    async def scenario():
        phone = phone_socket(live, cookie)
        await connected(phone)
        await database_sync_to_async(answer)(other, question, "yes")
        quiet = await phone.receive_nothing(timeout=0.5)
        await phone.disconnect()
        return quiet

    assert async_to_sync(scenario)()


def test_approving_text_reaches_the_projector_and_a_worry_never_travels(live, officer):
    go_to(live, "one-change")
    staff, phone_cookie_ = staff_cookie(officer), phone_cookie(live)
    kind, worried = (services.participant_join(code=live.code, address="x") for _ in range(2))

    async def scenario():
        projector = staff_socket(live, staff)
        own = staff_socket(live, staff, officer=True)
        phone = phone_socket(live, phone_cookie_)
        heard = [await connected(projector), await connected(own), await connected(phone)]
        await database_sync_to_async(answer)(kind, text="More lights in the park")
        await database_sync_to_async(answer)(worried, text=WORRY)
        heard += await drain(projector) + await drain(own, quiet=0.1)
        text = await database_sync_to_async(LiveTextAnswer.objects.pending().get)()
        await database_sync_to_async(services.text_moderate)(text=text, approve=True)
        approved = await drain(projector)
        heard += approved + await drain(own, quiet=0.1) + await drain(phone, quiet=0.1)
        for socket in (projector, own, phone):
            await socket.disconnect()
        return approved, heard

    approved, heard = async_to_sync(scenario)()
    assert approved[-1]["stamp"] == stamp_of(live, results.presenter_stamp)
    assert approved[-1]["stamp"].endswith(":2:1")  # two answered, one shown
    everything = json.dumps(heard)
    assert "hits" not in everything and "lights" not in everything


BAD_MESSAGES = [
    ("x" * 5000, "That message is too long."),
    ('{"type": "state", "pad": "' + "x" * 4100 + '"}', "That message is too long."),
    ("{not json", "That message isn't valid JSON."),
    ("[1, 2]", 'A message must be an object with a "type".'),
    ('{"type": 7}', 'A message must be an object with a "type".'),
    ('{"type": "shout"}', "That isn't something this connection understands."),
    ('{"type": "next"}', "Only the officer running the session can do that."),
    ('{"type": "end"}', "Only the officer running the session can do that."),
    ('{"type": "approve", "text": 1}', "Only the officer running the session can do that."),
]


@pytest.mark.parametrize("raw, message", BAD_MESSAGES)
def test_a_bad_message_from_a_phone_is_refused_and_the_socket_stays_open(live, raw, message):
    go_to(live, "one-change")
    before = stamp_of(live, results.officer_stamp)
    cookie = phone_cookie(live)

    async def scenario():
        phone = phone_socket(live, cookie)
        await connected(phone)
        await phone.send_to(text_data=raw)
        reply = await phone.receive_json_from(timeout=3)
        await phone.send_json_to({"type": "state"})
        still_open = await phone.receive_json_from(timeout=3)
        await phone.disconnect()
        return reply, still_open

    reply, still_open = async_to_sync(scenario)()
    assert reply == {"type": "error", "message": message}
    assert still_open["type"] == "state"
    assert stamp_of(live, results.officer_stamp) == before  # nothing changed or stored
    assert not Answer.objects.exists()


def test_an_officer_action_over_the_staff_socket_points_to_the_page(live, officer):
    cookie = staff_cookie(officer)

    async def scenario():
        own = staff_socket(live, cookie, officer=True)
        await connected(own)
        await own.send_json_to({"type": "open"})
        reply = await own.receive_json_from(timeout=3)
        await own.send_to(bytes_data=b"\xff\xfe")
        garbled = await own.receive_json_from(timeout=3)
        await own.disconnect()
        return reply, garbled

    reply, garbled = async_to_sync(scenario)()
    assert reply == {"type": "error", "message": "Use the buttons on the page to run the session."}
    assert garbled == {"type": "error", "message": "That message isn't valid JSON."}
    live.refresh_from_db()
    assert live.question_state == LiveSession.QuestionState.WAITING
