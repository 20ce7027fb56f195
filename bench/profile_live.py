#!/usr/bin/env python
"""Where a live session spends server CPU per phone: in-process, PRODUCTION=true settings,
PostgreSQL and the Redis channel layer, through the project's ASGI application.

    .venv/bin/python bench/profile_live.py [--phones 200] [--answers 100] [--top 25] [--setup]

Uses its own database (default postgres://postgres@127.0.0.1:5432/votc_bench_live_profile, made
with `migrate` and `load_demo --no-answers` when missing or with --setup), Redis (default
redis://127.0.0.1:6379/1, as bench/live.py) and `staticfiles/` (collected when missing). In this
one process, one phone at a time:

1. Join, as bench/live.py's phones with the page script do: GET /j/, POST the code with the
   CSRF token, which draws the session page (Django's AsyncClient, so the ASGI handler as under
   uvicorn), then
   the phone's websocket (channels' WebsocketCommunicator on config.asgi.application) until its
   first state arrives. Every phone stays connected.
2. The officer opens the question (POST, as the control page's button) until every connected
   phone has heard it; the CPU of the whole fan-out is divided by the phones.
3. Answers over HTTP, as the bench sends them, at --answer-rate a second: each phone GETs its
   page with the form (what live.js fetches after every push) and POSTs an answer; the projector's
   socket is connected, so its bounded-rate pushes are counted in the answer phase.
4. The same again under cProfile (one profiler per thread, merged; CPU time) for --top rows.

CPU is process time (every thread: the event loop and the threads Django and channels hand sync
work to), so it includes the ASGI handler, the channel layer client and the test clients
themselves, but not PostgreSQL or Redis. The last line of stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import concurrent.futures.thread
import contextlib
import cProfile
import gc
import gzip
import importlib.util
import io
import json
import os
import pstats
import random
import re
import secrets
import sys
import threading
import time
import types
from collections import Counter, defaultdict
from http.cookies import SimpleCookie
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/votc_bench_live_profile"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/1"
ORIGIN = "https://testserver"
BAND = "12-17"
# As a browser sends them, on every request (the test clients' default headers would reach the
# ASGI scope under their WSGI names).
HEADERS = {"Accept-Encoding": "gzip", "Origin": ORIGIN}
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_ANSWER_FORM = re.compile(r'<form method="post" action="[^"]*" novalidate[^>]*>(.*?)</form>', re.S)


def configure(database_url: str, redis_url: str) -> None:
    os.environ.update(
        PRODUCTION="true",
        DEBUG="false",
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        FIELD_ENCRYPTION_KEY=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        ALLOWED_HOSTS="127.0.0.1,testserver",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        TASK_BACKEND="database",
        DJANGO_SETTINGS_MODULE="bench.settings",
        LOG_LEVEL="WARNING",
    )


def database_exists(url: str) -> bool:
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    from bench.collection import db_name_of

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db_name_of(url)])
        return found.fetchone() is not None


def websocket_communicator():
    """channels.testing's __init__ imports daphne, which this project does not use (uvicorn
    serves it): load the communicator without that import, as tests/engage does."""
    if importlib.util.find_spec("daphne") is None:
        import channels

        testing = types.ModuleType("channels.testing")
        testing.__path__ = [str(Path(channels.__file__).parent / "testing")]
        sys.modules.setdefault("channels.testing", testing)
    from channels.testing.websocket import WebsocketCommunicator

    return WebsocketCommunicator


# --------------------------------------------------------------------------------------------
# Counting: CPU, SQL queries and Redis commands per step; cProfile in every thread
# --------------------------------------------------------------------------------------------


class Meter:
    """CPU (process time, all threads), SQL queries, Redis commands and the CPU of a few layers
    (see Parts), summed by step."""

    def __init__(self):
        self.cpu: dict[str, float] = defaultdict(float)
        self.runs: Counter = Counter()
        self.counted: dict[str, Counter] = defaultdict(Counter)  # step -> what -> how many
        self.parts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.calls: Counter = Counter()  # global counters, patched in by count_calls()
        self.spent: dict[str, float] = defaultdict(float)  # global, patched in by Parts

    @contextlib.contextmanager
    def step(self, name: str, runs: int = 1):
        calls, spent = Counter(self.calls), dict(self.spent)
        started = time.process_time()
        try:
            yield
        finally:
            self.cpu[name] += time.process_time() - started
            self.runs[name] += runs
            self.counted[name].update(self.calls - calls)
            for label, seconds in self.spent.items():
                self.parts[name][label] += seconds - spent.get(label, 0.0)

    def ms(self, name: str, part: str | None = None) -> float:
        seconds = self.cpu[name] if part is None else self.parts[name][part]
        return 1000 * seconds / max(self.runs[name], 1)

    def each(self, name: str, what: str) -> float:
        return self.counted[name][what] / max(self.runs[name], 1)

    def line(self, name: str) -> str:
        parts = "".join(f" {self.ms(name, label):8.2f}" for label in PARTS)
        counts = "".join(f" {self.each(name, what):6.2f}" for what in COUNTS)
        return f"  {name:34s} {self.runs[name]:5d} {self.ms(name):8.2f}{parts}{counts}"


# What is counted by step: SQL statements, Redis commands, new Redis connections.
COUNTS = {"sql": "SQL", "redis": "Redis", "redis connections": "+conn"}

# Layers whose CPU is counted apart, in the thread that runs them (thread time).
PARTS = {
    "view": "the view function (sync), including its SQL and template",
    "sql": "the ORM compiling and running SQL (execute_sql), in views or sockets",
    "render": "rendering a template (the whole page)",
    "socket": "a socket's sync work (database_sync_to_async), including its SQL",
    "gc": "Python's garbage collector, in any of these or elsewhere",
}


def time_parts(meter: Meter) -> None:
    """Wrap a few layers so each step can say where its CPU went."""
    import functools
    import inspect

    from channels.db import DatabaseSyncToAsync
    from django.core.handlers.base import BaseHandler
    from django.db.models.sql import compiler
    from django.template.backends.django import Template

    local = threading.local()

    def timed(label, fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            if getattr(local, label, False):  # nested: counted by the outer call
                return fn(*a, **k)
            setattr(local, label, True)
            started = time.thread_time()
            try:
                return fn(*a, **k)
            finally:
                meter.spent[label] += time.thread_time() - started
                setattr(local, label, False)

        return wrapper

    make_view_atomic = BaseHandler.make_view_atomic

    def timed_view(self, view):
        view = make_view_atomic(self, view)
        return view if inspect.iscoroutinefunction(view) else timed("view", view)

    BaseHandler.make_view_atomic = timed_view
    for name in dir(compiler):
        owner = getattr(compiler, name)
        if isinstance(owner, type) and "execute_sql" in vars(owner):
            owner.execute_sql = timed("sql", owner.execute_sql)
    Template.render = timed("render", Template.render)
    DatabaseSyncToAsync.thread_handler = timed("socket", DatabaseSyncToAsync.thread_handler)

    collecting = {}

    def on_gc(phase, info):
        if phase == "start":
            collecting["at"] = time.thread_time()
        elif "at" in collecting:
            meter.spent["gc"] += time.thread_time() - collecting.pop("at")

    gc.callbacks.append(on_gc)


def count_calls(meter: Meter) -> None:
    """Count every SQL statement and Redis command, whichever thread or client sends it."""
    import redis
    import redis.asyncio
    from django.db.backends import utils

    for owner in (utils.CursorWrapper, utils.CursorDebugWrapper):
        for name in ("execute", "executemany"):
            original = getattr(owner, name)

            def counted(self, *a, _original=original, **k):
                meter.calls["sql"] += 1
                return _original(self, *a, **k)

            setattr(owner, name, counted)

    original_sync = redis.Redis.execute_command

    def counted_sync(self, *a, **k):
        meter.calls["redis"] += 1
        return original_sync(self, *a, **k)

    redis.Redis.execute_command = counted_sync
    for pool in (redis.ConnectionPool, redis.asyncio.ConnectionPool):
        original = pool.make_connection

        def counted_connection(self, *a, _original=original, **k):
            meter.calls["redis connections"] += 1
            return _original(self, *a, **k)

        pool.make_connection = counted_connection
    for owner in (redis.asyncio.Redis, redis.asyncio.client.PubSub):
        original = owner.execute_command

        async def counted_async(self, *a, _original=original, **k):
            meter.calls["redis"] += 1
            return await _original(self, *a, **k)

        owner.execute_command = counted_async


PROJECT_AND_LAYERS = (
    r"engage/|surveys/|analysis/|django/(shortcuts|middleware|template/backends|db/models/sql)"
    r"|channels/(generic|db)|channels_redis|core/cache"
)


class AllThreads:
    """cProfile in the event loop's thread and in every executor thread (where Django runs sync
    views and channels runs database work), merged; timed in each thread's own CPU time."""

    def __init__(self):
        self.profiles: list[cProfile.Profile] = []
        self.local = threading.local()
        self.original_run = concurrent.futures.thread._WorkItem.run
        self.main = cProfile.Profile(time.thread_time)

    def __enter__(self):
        profiles, local, original_run = self.profiles, self.local, self.original_run

        def run(item):
            profile = getattr(local, "profile", None)
            if profile is None:
                profile = local.profile = cProfile.Profile(time.thread_time)
                profiles.append(profile)
            profile.enable()
            try:
                return original_run(item)
            finally:
                profile.disable()

        concurrent.futures.thread._WorkItem.run = run
        self.profiles.append(self.main)
        self.main.enable()
        return self

    def __exit__(self, *exc):
        self.main.disable()
        concurrent.futures.thread._WorkItem.run = self.original_run

    def listing(self, title: str, top: int) -> str:
        out = io.StringIO()
        stats = pstats.Stats(self.profiles[0], stream=out)
        for profile in self.profiles[1:]:
            stats.add(profile)
        out.write(f"\n=== {title}: cProfile, CPU time, every thread; by own time\n")
        stats.sort_stats("tottime").print_stats(top)
        # Cumulative time is led by the thread and handler wrappers around everything: list
        # this project's own functions, and the layers they go through, instead.
        out.write(f"\n=== {title}: this project's functions and the main layers, cumulative\n")
        stats.sort_stats("cumulative").print_stats(PROJECT_AND_LAYERS, top)
        text = re.sub(r"/[^\s:]*?/site-packages/", "", out.getvalue())
        return text.replace(str(BASE_DIR) + "/", "")


# --------------------------------------------------------------------------------------------
# The room: phones, the officer, the projector
# --------------------------------------------------------------------------------------------


class Browser:
    """One phone's cookies on a client shared by every phone: building a client builds a
    handler, whose WhiteNoise middleware scans every static file, which a server does once."""

    client = None

    def __init__(self):
        from django.test import AsyncClient

        if Browser.client is None:
            Browser.client = AsyncClient(enforce_csrf_checks=True)
        self.cookies = SimpleCookie()

    async def get(self, path: str):
        return await self.call("get", path)

    async def post(self, path: str, data):
        return await self.call("post", path, data)

    async def call(self, method: str, path: str, data=None):
        client = Browser.client
        client.cookies = self.cookies
        kwargs = {"data": data} if data is not None else {}
        # Each request in a task of its own, as uvicorn runs them: what Django keeps per
        # context (cache clients, for one) starts afresh for every request, as in production.
        request = getattr(client, method)(path, secure=True, headers=HEADERS, **kwargs)
        return await asyncio.create_task(request)


class Phone:
    def __init__(self, code: str, Communicator):
        self.code = code
        self.client = Browser()
        self.Communicator = Communicator
        self.socket = None

    def cookie_header(self) -> bytes:
        return "; ".join(f"{k}={m.value}" for k, m in self.client.cookies.items()).encode()

    async def join(self, meter: Meter) -> None:
        from config.asgi import application

        with meter.step("GET /j/"):
            page = await self.client.get("/j/")
        expect(page, 200, "join page")
        token = _CSRF.search(text_of(page)).group(1)
        with meter.step("POST /j/ (code, draws the session page)"):
            joined = await self.client.post(
                "/j/", {"csrfmiddlewaretoken": token, "code": self.code, "next_here": "1"}
            )
        expect(joined, 200, "join")
        with meter.step("socket connect + first state"):
            self.socket = self.Communicator(
                application,
                f"/j/{self.code}/ws/",
                headers=[(b"origin", ORIGIN.encode()), (b"cookie", self.cookie_header())],
            )
            connected, _ = await self.socket.connect(timeout=10)
            if not connected:
                raise SystemExit("phone socket refused")
            state = await self.socket.receive_json_from(timeout=10)
        if state.get("type") != "state":
            raise SystemExit(f"phone socket: {state}")

    async def answer_form(self, meter: Meter) -> list[tuple[str, str]]:
        from bench.collection import HARMLESS_LONG, fill_page, parse_wizard_form

        with meter.step("GET /j/<code>/ (form)"):
            page = await self.client.get(f"/j/{self.code}/")
        expect(page, 200, "participate page")
        text = text_of(page)
        found = _ANSWER_FORM.search(text)
        if not found:
            raise SystemExit("participate page: no answer form")
        fields = parse_wizard_form(f'<form method="post" novalidate>{found.group(1)}</form>', "")
        data, _ = fill_page(fields, random.Random(id(self)), p_unsafe=0.0)
        data.append(("csrfmiddlewaretoken", _CSRF.search(text).group(1)))
        filled = dict(data)
        for name in fields.long_text + fields.short_text:
            if not filled.get(name):
                data.append((name, random.choice(HARMLESS_LONG)))
        return [(k, v) for k, v in data if v != ""]

    async def answer(self, data, meter: Meter) -> None:
        body = defaultdict(list)
        for key, value in data:
            body[key].append(value)
        body["next_here"] = ["1"]
        with meter.step("POST /j/<code>/ (answer)"):
            reply = await self.client.post(f"/j/{self.code}/", dict(body))
        expect(reply, 200, "answer")
        if "messages" in reply.cookies and reply.cookies["messages"].value:
            raise SystemExit("answer refused (the page showed a message)")


def text_of(reply) -> str:
    if reply.get("Content-Encoding") == "gzip":
        return gzip.decompress(reply.content).decode()
    return reply.content.decode()


def expect(reply, status: int, what: str) -> None:
    if reply.status_code != status:
        raise SystemExit(f"{what}: HTTP {reply.status_code}, wanted {status}")


async def receive_all(phones: list[Phone], wanted) -> None:
    async def one(phone):
        while True:
            message = await phone.socket.receive_json_from(timeout=30)
            if message.get("type") == "state" and wanted(message["stamp"]):
                return

    await asyncio.gather(*(one(p) for p in phones))


class Room:
    def __init__(self, setup: dict, Communicator):
        self.setup, self.Communicator = setup, Communicator
        self.code, self.pk = setup["code"], setup["pk"]
        self.phones: list[Phone] = []
        self.officer = Browser()
        self.token = ""
        self.projector = None
        self.pushes: list[str] = []

    async def start(self) -> None:
        from config.asgi import application

        self.officer.cookies[self.setup["cookie"]] = self.setup["session_key"]
        page = await self.officer.get(f"/staff/live/{self.pk}/")
        expect(page, 200, "control page")
        self.token = _CSRF.search(text_of(page)).group(1)
        cookie = f"{self.setup['cookie']}={self.setup['session_key']}".encode()
        self.projector = self.Communicator(
            application,
            f"/ws/live/{self.pk}/",
            headers=[(b"origin", ORIGIN.encode()), (b"cookie", cookie)],
        )
        connected, _ = await self.projector.connect(timeout=10)
        if not connected:
            raise SystemExit("projector socket refused")
        self.pushes.append((await self.projector.receive_json_from(timeout=10))["stamp"])

    async def act(self, action: str) -> None:
        reply = await self.officer.post(
            f"/staff/live/{self.pk}/{action}/", {"csrfmiddlewaretoken": self.token}
        )
        expect(reply, 302, f"officer {action}")

    async def join(self, n: int, meter: Meter) -> None:
        for _ in range(n):
            phone = Phone(self.code, self.Communicator)
            await phone.join(meter)
            self.phones.append(phone)

    async def change(self, action: str, meter: Meter, wanted) -> None:
        """An officer's action, until every phone has heard it."""
        with meter.step(f"officer {action} -> every phone"):
            await self.act(action)
            await receive_all(self.phones, wanted)
        meter.runs[f"officer {action} -> every phone"] += len(self.phones) - 1

    async def answers(self, n: int, rate: float, meter: Meter, rng: random.Random) -> None:
        """n phones answer the open question at about `rate` a second; the phase runs until
        the projector's socket shows them all."""
        sample = rng.sample(self.phones, min(n, len(self.phones)))
        forms = [await phone.answer_form(meter) for phone in sample]
        stamp = self.pushes[-1].split(":")
        question = stamp[1]

        def answered(stamp: str) -> int:
            parts = stamp.split(":")
            return int(parts[3]) if parts[1] == question and parts[2] == "open" else -1

        before = max((answered(s) for s in self.pushes), default=0)
        before = max(before, 0)
        with meter.step("answer phase (POSTs + projector)", runs=len(sample)):
            for phone, form in zip(sample, forms, strict=True):
                await phone.answer(form, meter)
                await asyncio.sleep(rng.expovariate(rate))
            while answered(self.pushes[-1]) < before + len(sample):
                message = await self.projector.receive_json_from(timeout=10)
                self.pushes.append(message["stamp"])

    async def drain_projector(self) -> None:
        while not await self.projector.receive_nothing(timeout=0.6):
            self.pushes.append((await self.projector.receive_json_from())["stamp"])

    async def close(self) -> None:
        for phone in self.phones:
            await phone.socket.disconnect()
        await self.projector.disconnect()


def make_session() -> dict:
    """An officer with its signed-in session row, and a fresh live session on the demo link."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore

    from engage import services
    from surveys.access import Role
    from surveys.demo import DEMO_LINK_SLUG
    from surveys.models import CollectionLink

    officer, _ = get_user_model().objects.get_or_create(username="profile-officer")
    officer.set_unusable_password()
    officer.save()
    officer.groups.add(Group.objects.get_or_create(name=Role.OFFICER)[0])
    store = SessionStore()
    store[SESSION_KEY] = str(officer.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = officer.get_session_auth_hash()
    store.create()
    link = CollectionLink.objects.select_related("version").get(slug=DEMO_LINK_SLUG)
    session = services.session_start(version=link.version, band=BAND, link=link, officer=officer)
    return {
        "pk": session.pk,
        "code": session.code,
        "session_key": store.session_key,
        "cookie": settings.SESSION_COOKIE_NAME,
    }


async def run_room(args, meter: Meter, phones: int, answers: int, profiled=None) -> None:
    """One room: phones join, then two questions are opened and answered."""
    from asgiref.sync import sync_to_async

    setup = await sync_to_async(make_session)()
    room = Room(setup, websocket_communicator())
    rng = random.Random(7)
    await room.start()
    scope = profiled["join"] if profiled else contextlib.nullcontext()
    with scope:
        await room.join(phones, meter)
    for number in range(2):
        if number:
            await room.change("next", meter, lambda s: s.endswith(":waiting"))
        scope = profiled["open"] if profiled else contextlib.nullcontext()
        with scope:
            await room.change("open", meter, lambda s: s.endswith(":open"))
        await room.drain_projector()
        scope = profiled["answer"] if profiled else contextlib.nullcontext()
        with scope:
            await room.answers(answers, args.answer_rate, meter, rng)
    await room.act("end")
    await room.close()


JOIN_STEPS = [
    "GET /j/",
    "POST /j/ (code, draws the session page)",
    "socket connect + first state",
]


def report(meter: Meter, args) -> dict:
    w = sys.stdout.write
    w(
        f"\n== Live session CPU per phone (in-process, PRODUCTION=true, PostgreSQL, Redis layer)"
        f"\n{args.phones} phones joined one at a time; 2 questions opened; {args.answers} answers"
        f" a question at ~{args.answer_rate:g}/s\n\n"
    )
    w(
        f"  {'ms CPU each':34s} {'runs':>5s} {'total':>8s}"
        + "".join(f" {label:>8s}" for label in PARTS)
        + "".join(f" {title:>6s}" for title in COUNTS.values())
        + "\n"
    )
    for name in meter.cpu:
        w(meter.line(name) + "\n")
    for label, meaning in PARTS.items():
        w(f"  {label:>8s}: {meaning}\n")
    w("  SQL statements, Redis commands and new Redis connections are counted for each run\n")
    join_ms = sum(meter.ms(step) for step in JOIN_STEPS)
    join_sql = sum(meter.each(step, "sql") for step in JOIN_STEPS)
    answer_ms = meter.ms("answer phase (POSTs + projector)")
    result = {
        "phones": args.phones,
        "join_cpu_ms": round(join_ms, 2),
        "join_sql": round(join_sql, 2),
        "join_redis_connections": round(
            sum(meter.each(step, "redis connections") for step in JOIN_STEPS), 2
        ),
        "join_steps_cpu_ms": {step: round(meter.ms(step), 2) for step in JOIN_STEPS},
        "open_cpu_ms_per_phone": round(meter.ms("officer open -> every phone"), 3),
        "answer_cpu_ms": round(answer_ms, 2),
        "answer_sql": round(meter.each("answer phase (POSTs + projector)", "sql"), 2),
        "answer_post_cpu_ms": round(meter.ms("POST /j/<code>/ (answer)"), 2),
        "page_with_form_cpu_ms": round(meter.ms("GET /j/<code>/ (form)"), 2),
    }
    w(
        f"\nper join    {join_ms:6.2f} ms CPU, {join_sql:.1f} SQL queries"
        f" (x1000 phones on 2 cores: {join_ms * 1000 / 2000:.1f} s of both cores)\n"
        f"per answer  {answer_ms:6.2f} ms CPU, {result['answer_sql']:.1f} SQL queries (the POST and"
        " its share of the projector's pushes)\n"
        f"per phone when a question opens {result['open_cpu_ms_per_phone']:.3f} ms CPU\n"
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument("--setup", action="store_true", help="recreate the database first")
    parser.add_argument("--phones", type=int, default=200, help="phones joining (timed)")
    parser.add_argument("--answers", type=int, default=100, help="answers a question")
    parser.add_argument("--answer-rate", type=float, default=40, help="answers a second")
    parser.add_argument("--profile-phones", type=int, default=100, help="phones under cProfile")
    parser.add_argument("--top", type=int, default=25, help="cProfile rows (0: no cProfile)")
    args = parser.parse_args()

    configure(args.database_url, args.redis_url)
    if args.setup or not database_exists(args.database_url):
        from bench.collection import manage, recreate_database

        recreate_database(args.database_url, allow_any_name=False)
        manage(os.environ.copy(), "migrate", "--no-input", "-v", "0")
        manage(os.environ.copy(), "load_demo", "--no-answers")
    if not (BASE_DIR / "staticfiles" / "staticfiles.json").exists():
        from bench.collection import manage

        manage(os.environ.copy(), "collectstatic", "--no-input", "-v", "0")
    import django

    django.setup()
    meter = Meter()
    count_calls(meter)
    time_parts(meter)

    async def timed_then_profiled():
        await run_room(args, Meter(), 20, 10)  # warm: templates, translations, structures
        await run_room(args, meter, args.phones, args.answers)
        if not args.top:
            return None
        profiled = {"join": AllThreads(), "open": AllThreads(), "answer": AllThreads()}
        n = args.profile_phones
        await run_room(args, Meter(), n, min(args.answers, n), profiled)
        return profiled

    profiled = asyncio.run(timed_then_profiled())
    result = report(meter, args)
    if profiled:
        titles = {
            "join": f"join ({args.profile_phones} phones: 3 requests + socket each)",
            "open": "opening a question until every phone has heard it (2 opens)",
            "answer": "answers (GET form + POST) and the projector's pushes",
        }
        for key, title in titles.items():
            sys.stdout.write(profiled[key].listing(title, args.top))
    sys.stdout.write("\n" + json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
