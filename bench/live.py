#!/usr/bin/env python
"""Live session benchmark: one presenter and a room of phones on a live session, served as in
production with the Redis channel layer.

    .venv/bin/python bench/live.py [--participants 1000] [--workers 2] [--questions 5] ...

What it does (see bench/README.md for how to read the figures):

1. Makes a fresh PostgreSQL database, migrates it, loads the demo survey and runs
   `collectstatic`, all with PRODUCTION=true settings (helpers shared with bench/collection.py).
2. With `manage.py shell`: a staff user holding the participation officer role, a signed-in
   session for it (a session row, as the sign-in form would make) and a live session on the demo
   survey for band 12-17 through the demo link (engage.services.session_start).
3. Starts uvicorn (config.asgi:application, --workers N) with REDIS_URL set, so websockets go
   through channels-redis across the workers.
4. The presenter's socket (`/ws/live/<pk>/`, signed-in cookie) opens; rounds of a few phones
   join and leave until every worker has served some (a worker's first requests import and
   compile what a running service already has); then every phone joins as a browser does:
   GET /j/, POST the code with the CSRF token (with the page script, as 99 % of phones by
   default, the POST's response is the session page; without it, the redirect to /j/<code>/
   is followed), then opens its socket at /j/<code>/ws/ with the signed participant cookie.
5. For each question: the officer POSTs "next" (after the first) and "open"; the time from the
   start of each POST to each phone hearing the new state is recorded. While the question is
   open, a sample of phones answer over HTTP at a steady rate, and the time until the presenter's
   socket shows each answer is recorded. Last, the officer ends the session.
6. Prints a summary; the LAST line of stdout is one JSON object with the figures.

Answers are anonymous on the projector: the presenter stamp carries how many have answered the
current question. The i-th answer sent (in the order the POSTs started) counts as shown at the
first push whose count reaches i. Answers arrive faster than the staff socket's push interval
(0.25 s), so the figure includes the bounded rate as a projector would see it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import resource
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

import aiohttp  # noqa: E402

from analysis.concerns import detect_concerns  # noqa: E402
from bench.collection import (  # noqa: E402
    HARMLESS_LONG,
    HARMLESS_SHORT,
    Browser,
    Server,
    Unexpected,
    _loop_factory,
    cpu_delta,
    cpu_snapshot,
    csrf_token,
    db_name_of,
    expect,
    fill_page,
    free_port,
    log,
    make_http,
    manage,
    parse_wizard_form,
    percentile,
    recreate_database,
    server_env,
    venv_python,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/votc_bench_live"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/1"
BAND = "12-17"
DELIVERY_TIMEOUT = 10.0  # seconds a phone may take to hear a change before it counts as lost
TARGETS = {
    "join_s": ("<=", 5.0),
    "join_failed": ("<=", 0),
    "open_p95_ms": ("<=", 250),
    "answer_p95_ms": ("<=", 500),
    "lost": ("<=", 0),
}

# Runs in `manage.py shell` against the bench database: the officer, its signed-in session and
# the live session. Prints one JSON line.
SETUP_SHELL = """
import json
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from engage import services
from surveys.access import Role
from surveys.demo import DEMO_LINK_SLUG
from surveys.models import CollectionLink

officer, _ = get_user_model().objects.get_or_create(username="bench-officer")
officer.set_unusable_password()
officer.save()
officer.groups.add(Group.objects.get_or_create(name=Role.OFFICER)[0])
store = SessionStore()
store[SESSION_KEY] = str(officer.pk)
store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
store[HASH_SESSION_KEY] = officer.get_session_auth_hash()
store.create()
link = CollectionLink.objects.select_related("version").get(slug=DEMO_LINK_SLUG)
session = services.session_start(version=link.version, band="BAND", link=link, officer=officer)
questions = services.session_questions(session)
print(json.dumps({
    "pk": session.pk, "code": session.code, "session_key": store.session_key,
    "cookie": settings.SESSION_COOKIE_NAME, "questions": len(questions),
}))
"""

# Free text the phones send: none may raise a concern, which would send the phone to the help
# page (counted as an error). Checked against the detector as it is when the bench runs.
SAFE_TEXTS = [text for text in HARMLESS_LONG + HARMLESS_SHORT if not detect_concerns(text)]

_ANSWER_FORM = re.compile(r'<form method="post" action="[^"]*" novalidate[^>]*>(.*?)</form>', re.S)


def raise_open_files(wanted: int) -> int:
    """Sockets are files: raise the soft limit (inherited by the server) as far as allowed."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def setup_session(env: dict) -> dict:
    import subprocess

    result = subprocess.run(
        [venv_python(), "manage.py", "shell", "-c", SETUP_SHELL.replace("BAND", BAND)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        log(result.stderr[-4000:])
        raise SystemExit("setting up the officer and live session failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------------
# Clients: phones and the presenter, each a socket whose messages are kept with arrival times
# --------------------------------------------------------------------------------------------


@dataclass
class Errors:
    kinds: Counter = field(default_factory=Counter)

    def add(self, kind: str) -> None:
        self.kinds[kind[:120]] += 1

    @property
    def total(self) -> int:
        return sum(self.kinds.values())


class Listener:
    """A websocket whose state messages are recorded as (arrival time, stamp)."""

    def __init__(self, errors: Errors, label: str):
        self.errors, self.label = errors, label
        self.states: list[tuple[float, str]] = []
        self.ws = None
        self.reader = None
        self.closed_early = False
        self.first_state = asyncio.Event()

    async def open(self, ws_http, path: str, headers: dict) -> None:
        self.ws = await ws_http.ws_connect(path, headers=headers, heartbeat=None, autoping=True)
        self.reader = asyncio.create_task(self.read())

    async def read(self) -> None:
        try:
            async for message in self.ws:
                if message.type != aiohttp.WSMsgType.TEXT:
                    continue
                content = json.loads(message.data)
                if content.get("type") == "state":
                    self.states.append((time.perf_counter(), content["stamp"]))
                    self.first_state.set()
                else:
                    self.errors.add(f"{self.label} socket: {content.get('message', content)}")
        except (aiohttp.ClientError, OSError) as problem:
            self.errors.add(f"{self.label} socket: {problem!r}")
        if not getattr(self, "closing", False):
            self.closed_early = True
            self.errors.add(f"{self.label} socket closed by the server ({self.ws.close_code})")

    def first_after(self, since: float, wanted) -> float | None:
        for at, stamp in self.states:
            if at >= since and wanted(stamp):
                return at
        return None

    async def close(self) -> None:
        self.closing = True
        if self.ws is not None and not self.ws.closed:
            await self.ws.close()
        if self.reader is not None:
            await asyncio.gather(self.reader, return_exceptions=True)


class Phone(Listener):
    def __init__(self, http, ws_http, origin: str, code: str, errors: Errors, script=True):
        super().__init__(errors, "phone")
        self.browser = Browser(http, origin)
        self.ws_http, self.origin, self.code = ws_http, origin, code
        self.joined = False
        # A phone running the page script gets the session page in the join POST's response
        # (and the thank-you page in an answer's); without it, POST, redirect, GET.
        self.script = script
        self.extra = {"next_here": "1"} if script else {}

    async def join(self, gate: asyncio.Semaphore) -> None:
        """As a browser: the join page, the code with its CSRF token, the session page (in the
        POST's response with the page script, else after the redirect), the socket."""
        try:
            async with gate:
                reply = await self.browser.get("/j/")
                expect(reply, 200, "join page")
                data = {"csrfmiddlewaretoken": csrf_token(reply.text, "join page"), **self.extra}
                reply = await self.browser.post("/j/", {**data, "code": self.code})
                if self.script:
                    expect(reply, 200, "join")
                    if f'data-page-url="/j/{self.code}/"' not in reply.text:
                        raise Unexpected("join: did not draw the session page")
                else:
                    expect(reply, 302, "join", location=f"/j/{self.code}/")
                    reply = await self.browser.get(f"/j/{self.code}/")
                    expect(reply, 200, "participate page")
                await self.open(self.ws_http, f"/j/{self.code}/ws/", self.socket_headers())
                await asyncio.wait_for(self.first_state.wait(), 30)
            self.joined = True
        except (Unexpected, aiohttp.ClientError, OSError, TimeoutError) as problem:
            self.errors.add(f"join: {problem!r}")

    def socket_headers(self) -> dict:
        cookies = "; ".join(f"{k}={v}" for k, v in self.browser.cookies.items())
        return {"Origin": self.origin, "Cookie": cookies, "X-Forwarded-Proto": "https"}

    async def answer_form(self) -> list[tuple[str, str]] | None:
        """The open question's form on the phone's page, filled in with a harmless answer."""
        reply = await self.browser.get(f"/j/{self.code}/")
        expect(reply, 200, "participate page")
        found = _ANSWER_FORM.search(reply.text)
        if not found:
            raise Unexpected("participate page: no answer form")
        fields = parse_wizard_form(f'<form method="post" novalidate>{found.group(1)}</form>', "")
        rng = random.Random(id(self))
        data, _ = fill_page(fields, rng, p_unsafe=0.0)
        # Answer every question, free text with one of the harmless texts the concern detector
        # lets through: no blank text, so each answer counts on the projector.
        texts = set(fields.long_text + fields.short_text)
        data = [(k, v) for k, v in data if v != "" and k not in texts]
        return data + [(name, rng.choice(SAFE_TEXTS)) for name in sorted(texts)]

    async def answer(self, data) -> None:
        self.browser.cookies.pop("messages", None)
        reply = await self.browser.post(f"/j/{self.code}/", [*data, *self.extra.items()])
        if self.script:
            expect(reply, 200, "answer")
            if "govuk-error-summary" in reply.text or "govuk-notification-banner" in reply.text:
                raise Unexpected("answer refused (the page showed a message)")
        else:
            expect(reply, 302, "answer", location=f"/j/{self.code}/")
        if "messages" in self.browser.cookies:
            raise Unexpected("answer refused (the page showed a message)")


class Officer:
    """The officer's laptop: signed in, posting the control buttons with the CSRF token."""

    def __init__(self, http, origin: str, setup: dict):
        self.browser = Browser(http, origin)
        self.browser.cookies[setup["cookie"]] = setup["session_key"]
        self.control = f"/staff/live/{setup['pk']}/"
        self.token = ""

    async def sign_in_page(self) -> None:
        reply = await self.browser.get(self.control)
        expect(reply, 200, "control page")
        self.token = csrf_token(reply.text, "control page")

    async def act(self, action: str) -> float:
        """POST a control; returns when the POST started."""
        started = time.perf_counter()
        reply = await self.browser.post(
            f"{self.control}{action}/", {"csrfmiddlewaretoken": self.token}, self.control
        )
        expect(reply, 302, f"officer {action}", location=self.control)
        return started


def parse_stamp(stamp: str) -> tuple[str, str, str]:
    status, question, state = stamp.split(":")[:3]
    return status, question, state


# --------------------------------------------------------------------------------------------
# Phases
# --------------------------------------------------------------------------------------------


@dataclass
class Figures:
    join_s: float = 0.0
    joined: int = 0
    join_failed: int = 0
    open_ms: list[float] = field(default_factory=list)
    open_p95_by_question: list[float] = field(default_factory=list)
    change_ms: list[float] = field(default_factory=list)  # next + end, to every phone
    answer_ms: list[float] = field(default_factory=list)
    answers_sent: int = 0
    answers_unshown: int = 0
    lost: int = 0
    changes: int = 0
    presenter_pushes: int = 0
    questions: int = 0


async def delivered(phones: list[Phone], since: float, wanted, figures: Figures, into: list):
    """Wait until every phone heard the change (or the timeout); record latencies and losses."""
    deadline = since + DELIVERY_TIMEOUT
    while time.perf_counter() < deadline:
        if all(p.first_after(since, wanted) is not None for p in phones):
            break
        await asyncio.sleep(0.02)
    figures.changes += 1
    for phone in phones:
        at = phone.first_after(since, wanted)
        if at is None:
            figures.lost += 1
        else:
            into.append(1000 * (at - since))


async def answer_phase(phones, presenter: Listener, question: str, args, figures, errors):
    """A sample of phones answer at a steady rate; each answer is timed to the presenter."""
    rng = random.Random(f"answers-{question}")
    sample = rng.sample(phones, min(args.answers, len(phones)))
    forms = await asyncio.gather(*(p.answer_form() for p in sample), return_exceptions=True)
    ready = []
    for phone, form in zip(sample, forms, strict=True):
        if isinstance(form, Exception):
            errors.add(f"answer form: {form!r}")
        else:
            ready.append((phone, form))

    def answered(stamp: str) -> int | None:
        parts = stamp.split(":")
        return int(parts[3]) if parts[1] == question and parts[2] == "open" else None

    base = max(
        (n for _, s in presenter.states if (n := answered(s)) is not None),
        default=0,
    )
    sent: list[tuple[float, bool]] = []

    async def one(phone, form):
        started = time.perf_counter()
        try:
            await phone.answer(form)
            sent.append((started, True))
        except (Unexpected, aiohttp.ClientError, OSError) as problem:
            errors.add(f"answer: {problem!r}")

    tasks = []
    for phone, form in ready:
        tasks.append(asyncio.create_task(one(phone, form)))
        await asyncio.sleep(rng.expovariate(args.answer_rate))
    await asyncio.gather(*tasks)
    deadline = time.perf_counter() + DELIVERY_TIMEOUT
    total = base + len(sent)
    while time.perf_counter() < deadline:
        if any(answered(s) == total for _, s in presenter.states[-3:]):
            break
        await asyncio.sleep(0.02)
    pushes = [(at, n) for at, s in presenter.states if (n := answered(s)) is not None]
    for rank, (started, _ok) in enumerate(sorted(sent), start=1):
        figures.answers_sent += 1
        shown = next((at for at, n in pushes if n >= base + rank and at >= started), None)
        if shown is None:
            figures.answers_unshown += 1
        else:
            figures.answer_ms.append(1000 * (shown - started))


async def drive(server: Server, setup: dict, args, cpu) -> tuple[Figures, Errors, dict]:
    origin = f"https://127.0.0.1:{server.port}"
    errors, figures = Errors(), Figures()
    code = setup["code"]
    http = make_http(server.base_url, args.join_concurrency, True)
    ws_http = aiohttp.ClientSession(
        base_url=server.base_url,
        connector=aiohttp.TCPConnector(limit=0),
        cookie_jar=aiohttp.DummyCookieJar(),
        timeout=aiohttp.ClientTimeout(total=None, sock_connect=30),
    )
    phones: list[Phone] = []
    presenter = Listener(errors, "presenter")
    cpus = {}
    try:
        await wait_until_up(server, http)
        officer = Officer(http, origin, setup)
        await officer.sign_in_page()
        headers = {
            "Origin": origin,
            "Cookie": f"{setup['cookie']}={setup['session_key']}",
            "X-Forwarded-Proto": "https",
        }
        await presenter.open(ws_http, f"/ws/live/{setup['pk']}/", headers)
        await asyncio.wait_for(presenter.first_state.wait(), 10)

        rounds = await warm_up(http, ws_http, origin, code, errors, cpu)
        log(f"warm-up: {rounds} round(s) of {WARM_PHONES} phones joined and left")
        log(f"join: {args.participants} phones, {args.join_concurrency} HTTP connections")
        rng = random.Random("phones")
        phones = [
            Phone(http, ws_http, origin, code, errors, rng.random() >= args.no_script_share)
            for _ in range(args.participants)
        ]
        gate = asyncio.Semaphore(args.join_concurrency)
        before = cpu()
        started = time.perf_counter()
        await asyncio.gather(*(p.join(gate) for p in phones))
        figures.join_s = time.perf_counter() - started
        cpus["join"] = cpu_delta(before, cpu())
        joined = [p for p in phones if p.joined]
        figures.joined, figures.join_failed = len(joined), len(phones) - len(joined)
        log(f"join: {len(joined)} joined in {figures.join_s:.2f}s")
        await asyncio.sleep(1.0)  # let the server settle before timing state changes

        before = cpu()
        rounds = min(args.questions, setup["questions"])
        figures.questions = rounds
        for number in range(rounds):
            if number:
                current = parse_stamp(presenter.states[-1][1])[1]
                since = await officer.act("next")
                await delivered(
                    joined,
                    since,
                    lambda s, q=current: parse_stamp(s)[1] != q and s.endswith(":waiting"),
                    figures,
                    figures.change_ms,
                )
                await asyncio.sleep(0.5)
            question = joined[0].states[-1][1].split(":")[1] if joined else ""
            heard_before = len(figures.open_ms)
            since = await officer.act("open")
            await delivered(
                joined,
                since,
                lambda s, q=question: parse_stamp(s)[1:] == (q, "open"),
                figures,
                figures.open_ms,
            )
            this_question = figures.open_ms[heard_before:]
            if this_question:
                figures.open_p95_by_question.append(round(percentile(this_question, 0.95), 1))
            log(f"question {number + 1}/{rounds}: opened; {args.answers} answers")
            await answer_phase(joined, presenter, question, args, figures, errors)
            await asyncio.sleep(0.5)
        since = await officer.act("end")
        await delivered(joined, since, lambda s: s.startswith("ended:"), figures, figures.change_ms)
        cpus["rounds"] = cpu_delta(before, cpu())
        figures.presenter_pushes = len(presenter.states)
    except (Unexpected, aiohttp.ClientError, OSError, TimeoutError) as problem:
        errors.add(f"run stopped: {problem!r}")
        log(f"run stopped: {problem!r}")
    finally:
        await asyncio.gather(*(p.close() for p in phones), presenter.close())
        await ws_http.close()
        await http.close()
    return figures, errors, cpus


WARM_PHONES = 16
WARM_CPU_S = 0.05  # CPU seconds each worker must have used in the warm-up


async def warm_up(http, ws_http, origin: str, code: str, errors: Errors, cpu) -> int:
    """Each worker imports the URLconf (and the analysis pages' libraries with it) and compiles
    the templates on its first requests: a few hundred ms of CPU that a running service has
    spent before a room joins. Rounds of phones join and leave until every worker has served
    some. Returns the rounds."""
    before = cpu().server
    for rounds in range(1, 6):
        phones = [Phone(http, ws_http, origin, code, errors) for _ in range(WARM_PHONES)]
        gate = asyncio.Semaphore(WARM_PHONES)
        await asyncio.gather(*(p.join(gate) for p in phones))
        await asyncio.gather(*(p.close() for p in phones))
        after = cpu().server
        if all(after[pid] - before.get(pid, 0.0) >= WARM_CPU_S for pid in after):
            return rounds
    return rounds


async def wait_until_up(server: Server, http, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not server.alive():
            raise SystemExit("uvicorn exited during start-up:\n" + server.log_tail())
        try:
            async with http.get("/j/", headers={"X-Forwarded-Proto": "https"}) as response:
                await response.read()
                if response.status == 200 and len(server.worker_pids()) >= server.workers:
                    return
        except (aiohttp.ClientError, OSError):
            pass
        await asyncio.sleep(0.2)
    raise SystemExit("uvicorn did not answer in time:\n" + server.log_tail())


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def report(args, figures: Figures, errors: Errors, cpus: dict, problems: int) -> dict:
    def pct(values, fraction):
        return round(percentile(values, fraction), 1) if values else None

    result = {
        "participants": args.participants,
        "join_s": round(figures.join_s, 2),
        "open_p50_ms": pct(figures.open_ms, 0.5),
        "open_p95_ms": pct(figures.open_ms, 0.95),
        "open_p99_ms": pct(figures.open_ms, 0.99),
        "answer_p50_ms": pct(figures.answer_ms, 0.5),
        "answer_p95_ms": pct(figures.answer_ms, 0.95),
        "answer_p99_ms": pct(figures.answer_ms, 0.99),
        "lost": figures.lost,
        "errors": errors.total + problems,
        "joined": figures.joined,
        "join_failed": figures.join_failed,
        "change_p95_ms": pct(figures.change_ms, 0.95),
        "open_p95_by_question_ms": figures.open_p95_by_question,
        "state_changes": figures.changes,
        "questions": figures.questions,
        "answers": figures.answers_sent,
        "answers_unshown": figures.answers_unshown,
        "presenter_pushes": figures.presenter_pushes,
        "workers": args.workers,
        "http_threads": args.http_threads,
        "no_script_share": args.no_script_share,
        "server_log_errors": problems,
    }
    met = {}
    for key, (op, limit) in TARGETS.items():
        value = result[key]
        met[key] = value is not None and (value >= limit if op == ">=" else value <= limit)
    result["targets_met"] = met

    w = sys.stdout.write
    w("\n== Live session benchmark ==\n")
    w(
        f"server: uvicorn config.asgi:application x{args.workers} workers,"
        f" {args.http_threads} HTTP threads each, PRODUCTION=true,"
        f" Redis channel layer ({args.redis_url}), PostgreSQL {db_name_of(args.database_url)}\n"
    )
    w(
        f"client: 1 presenter socket + {args.participants} phones (HTTP join, then socket),"
        f" {args.join_concurrency} HTTP connections, one asyncio process\n\n"
    )
    w(
        "Join (GET /j/, POST code drawing the session page, socket open + first state;"
        f" {args.no_script_share:.0%} of phones without the page script also GET /j/<code>/)\n"
    )
    w(
        f"  joined              {figures.joined}/{args.participants} in {figures.join_s:.2f} s"
        f"   ({figures.joined / max(figures.join_s, 1e-9):.0f} phones/s), failed"
        f" {figures.join_failed}\n"
    )
    w(f"\nState changes ({figures.questions} questions; officer POST start -> phone hears it)\n")
    w(
        f"  open question       p50 {result['open_p50_ms']} ms   p95 {result['open_p95_ms']} ms"
        f"   p99 {result['open_p99_ms']} ms   ({len(figures.open_ms)} deliveries)\n"
    )
    w(f"  open p95 by question {figures.open_p95_by_question} ms\n")
    w(
        f"  next / end          p50 {pct(figures.change_ms, 0.5)} ms"
        f"   p95 {result['change_p95_ms']} ms   ({len(figures.change_ms)} deliveries)\n"
    )
    w(
        f"  lost                {figures.lost} (phone x change never heard within "
        f"{DELIVERY_TIMEOUT:g} s, of {figures.changes} changes)\n"
    )
    w("\nAnswers (POST start -> presenter push whose count includes it)\n")
    w(
        f"  answers             {figures.answers_sent} at ~{args.answer_rate:g}/s,"
        f" {args.answers} a question; never shown {figures.answers_unshown}\n"
    )
    w(
        f"  latency             p50 {result['answer_p50_ms']} ms   p95 {result['answer_p95_ms']}"
        f" ms   p99 {result['answer_p99_ms']} ms   ({figures.presenter_pushes} presenter pushes)\n"
    )
    w(f"\nErrors                {errors.total} (+{problems} server log error lines)\n")
    for kind, count in errors.kinds.most_common(8):
        w(f"      {count:5d} x {kind}\n")
    for phase, cpu in cpus.items():
        w(
            f"CPU {phase:6s} (cores)  server {cpu['server_cores']} {cpu['server_cores_per_worker']}"
            f"  postgres {cpu['postgres_cores']}  client {cpu['client_cores']}"
            f"  other {cpu['other_cores']}  (machine busy {cpu['machine_busy_pct']}%"
            f" of {os.cpu_count()} cores, {cpu['wall_s']} s)\n"
        )
    w("\nTargets\n")
    for key, (op, limit) in TARGETS.items():
        w(f"  {key:16s} {result[key]!s:>10} {op} {limit:<6} {'met' if met[key] else 'MISSED'}\n")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument(
        "--http-threads", type=int, default=2, help="HTTP threads per worker (HTTP_THREADS)"
    )
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--questions", type=int, default=5, help="questions run in the room")
    parser.add_argument("--answers", type=int, default=100, help="phones answering each question")
    parser.add_argument("--answer-rate", type=float, default=40, help="answers a second")
    parser.add_argument("--join-concurrency", type=int, default=64, help="HTTP connections")
    parser.add_argument(
        "--no-script-share",
        type=float,
        default=0.01,
        help="share of phones whose browser runs no page script (POST, redirect, GET)",
    )
    parser.add_argument("--skip-setup", action="store_true", help="reuse database and static")
    parser.add_argument("--keep-log", action="store_true", help="keep the uvicorn log file")
    parser.add_argument("--allow-drop-any-database", action="store_true")
    args = parser.parse_args()

    if not SAFE_TEXTS:
        raise SystemExit("every harmless bench text would raise a concern")
    limit = raise_open_files(2 * args.participants + 1024)
    if limit < args.participants + 256:
        log(f"warning: open-file limit {limit} is low for {args.participants} sockets")
    env = server_env(
        argparse.Namespace(
            database_url=args.database_url,
            task_backend="database",
            redis_url=args.redis_url,
            sync_middleware=False,
            app="asgi",
            http_threads=args.http_threads,
        )
    )
    if not args.skip_setup:
        log(f"database: recreating {db_name_of(args.database_url)}")
        recreate_database(args.database_url, args.allow_drop_any_database)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "load_demo", "--no-answers")
        log("static files: collectstatic")
        manage(env, "collectstatic", "--no-input", "-v", "0")
    setup = setup_session(env)
    log(f"live session {setup['pk']} code {setup['code']}, {setup['questions']} questions")

    handle, log_name = tempfile.mkstemp(prefix="bench-live-uvicorn-", suffix=".log")
    os.close(handle)
    server = Server(env, free_port(), args.workers, Path(log_name))

    def on_signal(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    db_name = db_name_of(args.database_url)
    try:
        server.start()
        log(f"uvicorn: {args.workers} workers on {server.base_url} (log {log_name})")
        with asyncio.Runner(loop_factory=_loop_factory()) as runner:
            figures, errors, cpus = runner.run(
                drive(server, setup, args, lambda: cpu_snapshot(server, db_name))
            )
    finally:
        server.stop()
        problems = server.log_problems()
        if problems:
            log(f"server log had {problems} error lines; tail:\n{server.log_tail(30)}")
        if not args.keep_log:
            os.unlink(log_name)
    result = report(args, figures, errors, cpus, problems)
    sys.stdout.write("\n" + json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
