"""Websockets for live sessions. They only push where the session is: phones and the officer's
pages then fetch their fresh part over HTTP, exactly as the polling fallback does, so answers
and officer actions stay plain HTTP forms that work without JavaScript.

Both consumers are async, against the "sync by default" advice, for two reasons: a question
opened in a room of hundreds reaches every phone without a thread hop per phone (the phone's
handler only forwards the stamp it is given), and the staff socket needs a timer to bound how
often it pushes.
"""

import asyncio
import functools
import json

from channels.auth import get_user
from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from engage import access, results, services

MESSAGE_LIMIT = 4096  # bytes; the pages send only tiny requests
REFUSED = 4403  # close code for a connection that may not see the session

# An officer's action sent over a phone's socket: refused by name, so it reads as refused
# rather than misunderstood.
OFFICER_ACTIONS = {"open", "close", "results", "next", "end", "moderate", "approve", "reject"}


class LiveSocket(AsyncJsonWebsocketConsumer):
    """What both sockets share: size and shape checks, and a fresh state on request."""

    async def dispatch(self, message):
        # channels closes stale database connections before every handler, a hop to a thread
        # per message: in a room of phones, one for every phone each time the officer moves
        # on. These handlers reach the database only through database_sync_to_async, which
        # does the same on its own thread, so each message goes straight to its handler.
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        raw = text_data if text_data is not None else bytes_data or b""
        size = len(raw.encode() if isinstance(raw, str) else raw)
        if size > MESSAGE_LIMIT:
            return await self.refuse(_("That message is too long."))
        try:
            content = json.loads(raw)
        except ValueError:
            return await self.refuse(_("That message isn't valid JSON."))
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            return await self.refuse(_('A message must be an object with a "type".'))
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs):
        kind = content["type"]
        if kind == "state":
            await self.send_state()
        elif kind in OFFICER_ACTIONS:
            await self.refuse(self.action_refusal)
        else:
            await self.refuse(_("That isn't something this connection understands."))

    async def refuse(self, message: str) -> None:
        """A clear error; the socket stays open."""
        await self.send_json({"type": "error", "message": message})

    async def send_state(self) -> None:
        stamp = await database_sync_to_async(self.current_stamp)()
        await self.send_json({"type": "state", "stamp": stamp})


class ParticipantConsumer(LiveSocket):
    """A phone in the room, known by the participant cookie of the session it joined."""

    action_refusal = _("Only the officer running the session can do that.")

    async def connect(self):
        code = self.scope["url_route"]["kwargs"]["code"]
        # Usually this process holds the session and the cookie names the participant: no
        # thread hop. Otherwise (or to refuse) ask again, reading from the database.
        self.session = self.authorise(code, read=False)
        if self.session is None:
            self.session = await database_sync_to_async(self.authorise)(code)
        if self.session is None:
            return await self.close(code=REFUSED)
        self.group = services.phones_group(self.session)
        await self.channel_layer.group_add(self.group, self.channel_name)
        # Read after joining the group, so a change made meanwhile is heard one way or other.
        stamp = await database_sync_to_async(self.current_stamp)()
        if not self.session.is_open():
            await self.channel_layer.group_discard(self.group, self.channel_name)
            return await self.close(code=REFUSED)
        await self.accept()
        await self.send(text_data=state_message(stamp))

    def authorise(self, code: str, *, read: bool = True):
        """The session this phone joined, from this process's copy and the phone's signed
        cookie (the state is read next). With read=False nothing is read from the database, so
        None may only mean "not known without reading"."""
        session = access.session_to_join(code, read=read)
        if session is None:
            return None
        # The same signed cookie as the phone's pages: access decides, from a request.
        request = HttpRequest()
        request.COOKIES = self.scope.get("cookies", {})
        return session if access.participant_for(request, session, look_up=read) else None

    def current_stamp(self) -> str:
        self.session.refresh_state()
        return results.participant_stamp(self.session)

    async def disconnect(self, code):
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def session_state(self, event):
        await self.send(text_data=state_message(event["stamp"]))


@functools.lru_cache(maxsize=256)
def state_message(stamp: str) -> str:
    """The same few bytes go to every phone in the room: encoded once per process."""
    return json.dumps({"type": "state", "stamp": stamp})


class StaffConsumer(LiveSocket):
    """The officer's control page (`?for=officer`) or the projector, for the signed-in officer
    who may run the session.

    Answers arrive one group message each, but the socket pushes at most once per
    PUSH_INTERVAL: the first change is pushed at once, later ones mark the socket dirty and a
    single pending flush reads the stamp from the database after the interval. A change that
    lands while a flush is reading sets the flag again, so the last push always reflects the
    last change (eventually consistent), and pushes per second stay bounded however fast the
    room answers.
    """

    PUSH_INTERVAL = 0.25  # seconds
    action_refusal = _("Use the buttons on the page to run the session.")

    async def connect(self):
        user = await get_user(self.scope)
        pk = self.scope["url_route"]["kwargs"]["pk"]
        try:
            self.session = await database_sync_to_async(access.session_for)(user, pk)
        except (PermissionDenied, Http404):
            return await self.close(code=REFUSED)
        self.for_officer = b"for=officer" in self.scope.get("query_string", b"")
        self.group = services.staff_group(self.session)
        self.dirty = False
        self.flushing = None
        self.last_push = 0.0
        self.last_stamp = None
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_state()

    def current_stamp(self) -> str:
        self.session.refresh_state()
        if self.for_officer:
            return results.officer_stamp(self.session)
        return results.presenter_stamp(self.session)

    async def send_state(self) -> None:
        stamp = await database_sync_to_async(self.current_stamp)()
        self.last_push = asyncio.get_running_loop().time()
        self.last_stamp = stamp
        await self.send_json({"type": "state", "stamp": stamp})

    async def disconnect(self, code):
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)
        if getattr(self, "flushing", None):
            self.flushing.cancel()

    async def session_changed(self, event):
        self.dirty = True
        if self.flushing is None or self.flushing.done():
            self.flushing = asyncio.create_task(self.flush())

    async def flush(self) -> None:
        loop = asyncio.get_running_loop()
        while self.dirty:
            wait = self.last_push + self.PUSH_INTERVAL - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            self.dirty = False
            stamp = await database_sync_to_async(self.current_stamp)()
            if stamp != self.last_stamp:
                self.last_push = loop.time()
                self.last_stamp = stamp
                await self.send_json({"type": "state", "stamp": stamp})
