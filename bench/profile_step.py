#!/usr/bin/env python
"""Where a respondent's request spends its time: Django test client + cProfile on PostgreSQL.

    .venv/bin/python bench/profile_step.py [--journeys 40] [--profile 200] [--top 30]

Uses the database bench/collection.py made (default postgres://postgres@127.0.0.1:5432/votc_bench;
--setup makes it afresh) with the same PRODUCTION=true settings, in this one process:

1. Times whole 12-17 journeys request by request, with the number of SQL queries of each, through
   the sync handler (Client) and Django's ASGI handler (AsyncClient). Production serves HTTP
   through config/http.py, Django's sync handler in one thread hop: close to the first.
2. Profiles one page POST and one page GET repeated --profile times (re-sending an answered page
   is a normal "change my answer" request: it does the same work) and prints the top functions.
3. Times the bench ceiling (a minimal CSRF form POST inserting one row) the same two ways, and
   sent straight to Django's ASGI handler and to config/http.py as uvicorn sends it.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import cProfile
import io
import os
import pstats
import re
import secrets
import statistics
import sys
import time
from collections import Counter, defaultdict
from http.cookies import SimpleCookie
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/votc_bench"
SLUG = "demo"
PREFIX = f"/s/{SLUG}/answer/"
# As a browser sends them, so GZipMiddleware does its work as it does for real pages.
BROWSER_HEADERS = {"Accept-Encoding": "gzip"}


def configure(database_url: str) -> None:
    os.environ.update(
        PRODUCTION="true",
        DEBUG="false",
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        FIELD_ENCRYPTION_KEY=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        ALLOWED_HOSTS="127.0.0.1,testserver",
        DATABASE_URL=database_url,
        TASK_BACKEND="database",
        DJANGO_SETTINGS_MODULE="bench.settings",
        LOG_LEVEL="WARNING",
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


ANSWERS_12_17 = {
    "s-1": {"feel-today": "4"},
    "s-2": {"safe-home": "yes", "safest-place": "school"},
    "s-3": {"bullied": "never", "trusted-adults": ["family", "teacher"]},
    "s-4": {"online-safe": "3", "online-app": "Minecraft"},
    "s-5": {"one-change": "More street lights in the park please."},
}


def page_data(step: str) -> dict:
    data = {"answer_wizard-current_step": step}
    for key, value in ANSWERS_12_17[step].items():
        data[f"{step}-{key}"] = value
    return data


class Timer:
    """Wall time and SQL query count per request kind."""

    def __init__(self):
        self.ms = defaultdict(list)
        self.queries = defaultdict(list)

    def add(self, kind, seconds, queries):
        self.ms[kind].append(seconds * 1000)
        self.queries[kind].append(queries)

    def table(self, title: str) -> str:
        lines = [title, f"  {'request':22s} {'n':>5s} {'mean ms':>8s} {'median':>8s}"]
        for kind, values in self.ms.items():
            lines.append(
                f"  {kind:22s} {len(values):5d} {statistics.mean(values):8.2f}"
                f" {statistics.median(values):8.2f}"
            )
        return "\n".join(lines)


def _expect(response, status, what):
    if response.status_code != status:
        raise SystemExit(f"{what}: HTTP {response.status_code}, wanted {status}")
    return response


_TABLE = re.compile(r'(?:FROM|INTO|UPDATE)\s+"(\w+)"')


def query_label(sql: str) -> str:
    verb = sql.split(None, 1)[0].upper()
    if verb == "SELECT" and "FOR UPDATE" in sql:
        verb = "SELECT FOR UPDATE"
    table = _TABLE.search(sql)
    return f"{verb} {table.group(1)}" if table else verb


def sync_journey(client, timer: Timer | None, queries_by_kind: dict | None = None) -> None:
    """One 12-17 respondent. Timed without query capture (it slows every query down);
    with queries_by_kind, records each request's SQL instead."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def call(kind, method, path, data=None, status=200):
        if queries_by_kind is not None:
            with CaptureQueriesContext(connection) as captured:
                response = getattr(client, method)(path, data or {}, secure=True)
            labels = queries_by_kind.setdefault(kind, [])
            labels.append([query_label(q["sql"]) for q in captured.captured_queries])
        else:
            started = time.perf_counter()
            response = getattr(client, method)(path, data or {}, secure=True)
            elapsed = time.perf_counter() - started
            if timer:
                timer.add(kind, elapsed, 0)
        return _expect(response, status, f"{method} {path}")

    call("GET about", "get", f"/s/{SLUG}/about/", {"band": "12-17"})
    call("POST begin", "post", f"/s/{SLUG}/begin/", {"band": "12-17"}, 302)
    url = call("GET answer/", "get", PREFIX, status=302)["Location"]
    while not url.endswith("/check/"):
        step = url.rstrip("/").rsplit("/", 1)[1]
        call("GET page", "get", url)
        url = call("POST page", "post", url, page_data(step), 302)["Location"]
    call("GET check", "get", url)
    call("POST send", "post", f"/s/{SLUG}/send/", status=302)
    call("GET thanks", "get", f"/s/{SLUG}/thanks/")


async def async_journey(client, timer: Timer | None) -> None:
    async def call(kind, method, path, data=None, status=200):
        started = time.perf_counter()
        response = await getattr(client, method)(path, data or {}, secure=True)
        if timer:
            timer.add(kind, time.perf_counter() - started, 0)
        return _expect(response, status, f"{method} {path}")

    await call("GET about", "get", f"/s/{SLUG}/about/", {"band": "12-17"})
    await call("POST begin", "post", f"/s/{SLUG}/begin/", {"band": "12-17"}, 302)
    url = (await call("GET answer/", "get", PREFIX, status=302))["Location"]
    while not url.endswith("/check/"):
        step = url.rstrip("/").rsplit("/", 1)[1]
        await call("GET page", "get", url)
        url = (await call("POST page", "post", url, page_data(step), 302))["Location"]
    await call("GET check", "get", url)
    await call("POST send", "post", f"/s/{SLUG}/send/", status=302)
    await call("GET thanks", "get", f"/s/{SLUG}/thanks/")


def profile(fn, repeat: int, top: int, title: str) -> str:
    # CPU time, not wall time: waits on PostgreSQL and other processes on a busy machine would
    # otherwise swamp what the code itself costs.
    profiler = cProfile.Profile(time.process_time)
    started = time.perf_counter()
    profiler.enable()
    for _ in range(repeat):
        fn()
    profiler.disable()
    per_call = (time.perf_counter() - started) * 1000 / repeat
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    out.write(
        f"\n=== {title}: {per_call:.2f} ms per request (wall) under cProfile ({repeat} runs);"
        " listings in CPU time\n"
    )
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    text = out.getvalue()
    # Shorter paths.
    text = re.sub(r"/[^\s:]*?/site-packages/", "", text)
    return text.replace(str(BASE_DIR) + "/", "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--setup", action="store_true", help="recreate the bench database first")
    parser.add_argument("--journeys", type=int, default=40)
    parser.add_argument("--profile", type=int, default=200, help="requests under cProfile")
    parser.add_argument("--top", type=int, default=25, help="cProfile rows (0: no cProfile)")
    args = parser.parse_args()

    configure(args.database_url)
    if args.setup:
        from bench.collection import manage, recreate_database

        recreate_database(args.database_url, allow_any_name=False)
        manage(os.environ.copy(), "migrate", "--no-input", "-v", "0")
        manage(os.environ.copy(), "load_demo")

    from django.db import connection
    from django.test import AsyncClient, Client

    from bench.ceiling import CREATE_TABLE

    with connection.cursor() as cursor:
        cursor.execute(CREATE_TABLE)

    # 1. Whole journeys, request by request. One client (so one handler: building a handler
    # scans every static file for WhiteNoise, which a server does once per process); its
    # cookies are cleared between journeys, so each journey is a new respondent.
    client = Client(headers=BROWSER_HEADERS)

    def fresh(c):
        c.cookies = SimpleCookie()
        return c

    for _ in range(3):  # warm: templates, translations, the survey structure cache
        sync_journey(fresh(client), None)
    sync_timer = Timer()
    for _ in range(args.journeys):
        sync_journey(fresh(client), sync_timer)
    print(sync_timer.table(f"Sync handler (test Client, as WSGI), {args.journeys} journeys, 12-17"))

    queries_by_kind: dict = {}
    sync_journey(fresh(client), None, queries_by_kind)
    total = sum(len(q) for runs in queries_by_kind.values() for q in runs)
    print(f"\nSQL of one 12-17 journey: {total} queries")
    for kind, runs in queries_by_kind.items():
        counted = Counter(label for run in runs for label in run)
        per = sum(len(run) for run in runs) / len(runs)
        detail = ", ".join(f"{n / len(runs):g} {label}" for label, n in counted.most_common())
        print(f"  {kind:12s} x{len(runs)}  {per:4.1f} each: {detail}")

    async def run_async():
        client = AsyncClient(headers=BROWSER_HEADERS)
        for _ in range(3):
            await async_journey(fresh(client), None)
        timer = Timer()
        for _ in range(args.journeys):
            await async_journey(fresh(client), timer)
        return timer

    async_timer = asyncio.run(run_async())
    print()
    print(async_timer.table("Django's ASGI handler (AsyncClient), same journeys"))

    # 2. Where one page POST / GET spends CPU (process time), by component.
    client = fresh(Client(headers=BROWSER_HEADERS))
    _expect(client.get(f"/s/{SLUG}/about/", {"band": "12-17"}, secure=True), 200, "about")
    _expect(client.post(f"/s/{SLUG}/begin/", {"band": "12-17"}, secure=True), 302, "begin")
    for step in ANSWERS_12_17:
        _expect(client.post(f"{PREFIX}{step}/", page_data(step), secure=True), 302, step)

    def post_page():
        _expect(client.post(f"{PREFIX}s-3/", page_data("s-3"), secure=True), 302, "POST s-3")

    def post_page_drawing_next():
        data = {**page_data("s-3"), "next_here": "1"}
        _expect(client.post(f"{PREFIX}s-3/", data, secure=True), 200, "POST s-3, draws s-4")

    def get_page():
        _expect(client.get(f"{PREFIX}s-3/", secure=True), 200, "GET s-3")

    def get_check():
        _expect(client.get(f"{PREFIX}check/", secure=True), 200, "GET check")

    print()
    requests = {
        "POST s-3": post_page,
        "POST s-3 drawing s-4 (page script)": post_page_drawing_next,
        "GET s-3": get_page,
        "GET check": get_check,
    }
    print(breakdown(requests, 300))

    # 3. Thread hops and the ceiling under each handler.
    print()
    print(ceiling_comparison(args.profile))

    # 4. cProfile.
    if args.top:
        print(profile(post_page, args.profile, args.top, "POST page s-3 (sync handler)"))
        print(
            profile(
                post_page_drawing_next,
                args.profile,
                args.top,
                "POST page s-3 drawing s-4, page script (sync handler)",
            )
        )
        print(profile(get_page, args.profile, args.top, "GET page s-3 (sync handler)"))
    return 0


def breakdown(requests: dict, n: int) -> str:
    """CPU per request and in the main parts of it, by wrapping them for this process only."""
    import functools

    from django.contrib.sessions.backends import db as session_db
    from django.middleware.gzip import GZipMiddleware
    from django.template import base as template_base

    from surveys import access, services, wizard

    spent: dict[str, float] = defaultdict(float)
    undo = []

    def wrap(owner, name, label):
        original = getattr(owner, name)

        @functools.wraps(original)
        def timed(*a, **k):
            started = time.process_time()
            try:
                return original(*a, **k)
            finally:
                spent[label] += time.process_time() - started

        setattr(owner, name, timed)
        undo.append((owner, name, original))

    wrap(access, "link_for_answering", "link lookup (cached per process)")
    wrap(session_db.SessionStore, "load", "session load (staff only: should be 0)")
    wrap(access, "response_for_browser", "response lookup (signed cookie + 1 query)")
    wrap(wizard.AnswerWizard, "get_form_list", "page plan + form classes")
    wrap(services, "response_save_step", "response_save_step (transaction)")
    wrap(GZipMiddleware, "process_response", "gzip")
    original_render = template_base.Template.render

    def render(self, context):
        if self.origin.template_name not in ("surveys/page.html", "surveys/check.html"):
            return original_render(self, context)
        started = time.process_time()
        try:
            return original_render(self, context)
        finally:
            spent["template render (whole page)"] += time.process_time() - started

    template_base.Template.render = render
    lines = ["CPU per request by part (parts overlap where nested; process time, sync handler)"]
    try:
        for kind, fn in requests.items():
            for _ in range(20):
                fn()
            spent.clear()
            started = time.process_time()
            for _ in range(n):
                fn()
            total = (time.process_time() - started) * 1000 / n
            lines.append(f"  {kind}: {total:.2f} ms CPU")
            for label, seconds in spent.items():
                lines.append(f"      {label:44s} {seconds * 1000 / n:6.2f} ms")
    finally:
        template_base.Template.render = original_render
        for owner, name, original in undo:
            setattr(owner, name, original)
    return "\n".join(lines)


def ceiling_comparison(n: int) -> str:
    """The bench ceiling POST under the sync handler, the ASGI handler, and the ASGI handler
    with bench/middleware.py's sync-only middleware last; thread hops counted."""
    import asgiref.sync
    from django.test import AsyncClient, Client, override_settings

    hops = Counter()
    to_thread, to_loop = asgiref.sync.SyncToAsync.__call__, asgiref.sync.AsyncToSync.__call__

    async def counted_to_thread(self, *a, **k):
        hops["sync_to_async"] += 1
        return await to_thread(self, *a, **k)

    def counted_to_loop(self, *a, **k):
        hops["async_to_sync"] += 1
        return to_loop(self, *a, **k)

    def run_sync():
        client = Client(headers=BROWSER_HEADERS)
        _expect(client.get("/bench/ceiling/", secure=True), 200, "ceiling GET")
        for i in range(20):
            client.post("/bench/ceiling/", {"value": str(i)}, secure=True)
        started, cpu = time.perf_counter(), time.process_time()
        for i in range(n):
            _expect(client.post("/bench/ceiling/", {"value": str(i)}, secure=True), 302, "c")
        return time.perf_counter() - started, time.process_time() - cpu

    async def run_async():
        client = AsyncClient(headers=BROWSER_HEADERS)
        await client.get("/bench/ceiling/", secure=True)
        for i in range(20):
            await client.post("/bench/ceiling/", {"value": str(i)}, secure=True)
        hops.clear()
        started, cpu = time.perf_counter(), time.process_time()
        for i in range(n):
            response = await client.post("/bench/ceiling/", {"value": str(i)}, secure=True)
            _expect(response, 302, "ceiling")
        return time.perf_counter() - started, time.process_time() - cpu

    from django.conf import settings

    lines = ["Ceiling POST (minimal CSRF form POST inserting one row), per request"]
    wall, cpu = run_sync()
    lines.append(
        f"  {'sync handler (WSGI)':30s} wall {wall * 1000 / n:5.2f} ms"
        f"  CPU {cpu * 1000 / n:5.2f} ms"
    )
    asgiref.sync.SyncToAsync.__call__ = counted_to_thread
    asgiref.sync.AsyncToSync.__call__ = counted_to_loop
    try:
        for label, middleware in (
            ("ASGI handler (AsyncClient)", settings.MIDDLEWARE),
            (
                "AsyncClient + sync-only mw",
                [*settings.MIDDLEWARE, "bench.middleware.SyncOnlyMiddleware"],
            ),
        ):
            with override_settings(MIDDLEWARE=middleware):
                wall, cpu = asyncio.run(run_async())
            lines.append(
                f"  {label:30s} wall {wall * 1000 / n:5.2f} ms  CPU {cpu * 1000 / n:5.2f} ms"
                f"  thread hops {hops['sync_to_async'] / n:.0f} sync_to_async"
                f" + {hops['async_to_sync'] / n:.0f} async_to_sync"
            )
        from django.core.asgi import get_asgi_application

        from config.http import DjangoHttp

        for label, app in (
            ("Django's ASGI handler, direct", get_asgi_application()),
            ("config/http.py (production)", DjangoHttp()),
        ):
            hops.clear()
            wall, cpu = asyncio.run(direct_posts(app, n))
            lines.append(
                f"  {label:30s} wall {wall * 1000 / n:5.2f} ms  CPU {cpu * 1000 / n:5.2f} ms"
                f"  thread hops {hops['sync_to_async'] / n:.0f} sync_to_async"
                f" + {hops['async_to_sync'] / n:.0f} async_to_sync"
            )
    finally:
        asgiref.sync.SyncToAsync.__call__ = to_thread
        asgiref.sync.AsyncToSync.__call__ = to_loop
    lines.append(
        "  (CPU is this process's, all threads; 'direct' rows call the ASGI application as"
        " uvicorn does, without a test client)"
    )
    return "\n".join(lines)


async def direct_posts(app, n: int) -> tuple[float, float]:
    """Ceiling POSTs sent straight to an ASGI application, as uvicorn sends them."""
    secret = "b" * 32  # an unmasked CSRF secret is a valid token for its own cookie
    body = f"csrfmiddlewaretoken={secret}&value=direct".encode()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/bench/ceiling/",
        "raw_path": b"/bench/ceiling/",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"127.0.0.1"),
            (b"x-forwarded-proto", b"https"),
            (b"origin", b"https://127.0.0.1"),
            (b"accept-encoding", b"gzip"),
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"content-length", str(len(body)).encode()),
            (b"cookie", f"csrftoken={secret}".encode()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }

    async def one() -> int:
        stop = asyncio.Event()
        incoming = [{"type": "http.request", "body": body, "more_body": False}]
        status = []

        async def receive():
            if incoming:
                return incoming.pop()
            await stop.wait()  # the browser stays connected
            return {"type": "http.disconnect"}

        async def send(message):
            if message["type"] == "http.response.start":
                status.append(message["status"])

        await app(dict(scope), receive, send)
        stop.set()
        return status[0]

    for _ in range(20):
        await one()
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(n):
        if await one() != 302:
            raise SystemExit("direct ceiling POST was not answered 302")
    return time.perf_counter() - started, time.process_time() - cpu


if __name__ == "__main__":
    sys.exit(main())
