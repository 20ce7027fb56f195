#!/usr/bin/env python
"""Collection benchmark: many children answering the demo survey at once, served as in production.

    .venv/bin/python bench/collection.py [--concurrency 32] [--duration 20] [--workers 2] ...

What it does (see bench/README.md for how to read the figures):

1. Makes a fresh PostgreSQL database (drop/create), migrates it, loads the demo survey and runs
   `collectstatic`, all with PRODUCTION=true settings.
2. Starts uvicorn (config.asgi:application, --workers N, --no-access-log, --proxy-headers) on a
   free port on 127.0.0.1, with DJANGO_SETTINGS_MODULE=bench.settings: the production settings
   with one extra bench-only route, /bench/ceiling/ (bench/ceiling.py).
3. Weighs every child-facing page (gzip HTML + the CSS and JS it pulls in, no images).
4. Drives simulated respondents concurrently from this one asyncio process through the whole
   survey (about, begin, every page, check, send, thanks) and measures the page POSTs.
5. Measures the ceiling: the same server, client and concurrency POSTing a minimal CSRF-protected
   form that inserts one row.
6. Prints a summary; the LAST line of stdout is one JSON object with the figures.

Every request carries X-Forwarded-Proto: https (as a TLS-terminating proxy would send), since
PRODUCTION turns on SECURE_SSL_REDIRECT, secure cookies and HTTPS CSRF checks. Cookies are kept
by hand per respondent (they are Secure, and this client talks plain HTTP to the server).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import html
import json
import os
import random
import re
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

import aiohttp  # noqa: E402

from analysis.concerns import detect_concerns  # noqa: E402  (standard library only)

SLUG = "demo"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/votc_bench"
CEILING_PATH = "/bench/ceiling/"
CEILING_TABLE = "bench_ceiling"
CEILING_CREATE = (
    f"CREATE TABLE IF NOT EXISTS {CEILING_TABLE} ("
    " id bigserial PRIMARY KEY, value text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())"
)
TARGETS = {
    "step_posts_per_s": (">=", 250),
    "p95_ms": ("<=", 150),
    "errors": ("<=", 0),
    "ratio": (">=", 0.6),
    "page_kb_max": ("<=", 60),
}
ALL_BANDS = ["4-7", "8-11", "12-17", "18-25", "adult"]
# What uvicorn serves. "asgi" is production (README: uvicorn config.asgi:application); "wsgi" is
# an experiment: the same settings through Django's WSGI handler (uvicorn's WSGI interface, 10
# threads a worker), to measure what the ASGI handler costs (see bench/README.md).
APPS = {
    "asgi": ["config.asgi:application"],
    "wsgi": ["config.wsgi:application", "--interface", "wsgi"],
}

# Harmless answers: checked against the concern detector at start-up, so no respondent is sent
# to the help page (which would count as an error).
HARMLESS_LONG = [
    "More street lights in the park please.",
    "A bigger youth club with more clubs after school.",
    "Teachers who listen more.",
    "Safer crossings near school.",
    "More buses in the evening so we can get home from football.",
]
HARMLESS_WHY = [
    "My brother is loud at bedtime and our street is noisy.",
    "Sometimes there is shouting outside late at night.",
    "I just worry a bit, it is fine mostly.",
    "Our flat is small and busy but it is ok.",
]
HARMLESS_SHORT = ["Minecraft", "Roblox", "Football games", "Snapchat", "YouTube"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Set-up: database, static files, server
# --------------------------------------------------------------------------------------------


def venv_python() -> str:
    candidate = BASE_DIR / ".venv" / "bin" / "python"
    return str(candidate) if candidate.exists() else sys.executable


def venv_bin(name: str) -> str:
    candidate = Path(venv_python()).parent / name
    return str(candidate) if candidate.exists() else name


def db_name_of(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def recreate_database(url: str, allow_any_name: bool) -> None:
    import psycopg
    from psycopg import sql

    name = db_name_of(url)
    if not name:
        raise SystemExit("--database-url must name a database")
    if "bench" not in name and not allow_any_name:
        raise SystemExit(
            f"Refusing to drop database {name!r}: its name has no 'bench' in it "
            "(pass --allow-drop-any-database if you really mean it)."
        )
    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def create_ceiling_table(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(CEILING_CREATE)


def count_ceiling_rows(url: str) -> int:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(f"SELECT count(*) FROM {CEILING_TABLE}").fetchone()[0]


def manage(env: dict, *args: str) -> None:
    result = subprocess.run(
        [venv_python(), "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        log(result.stdout[-4000:])
        log(result.stderr[-4000:])
        raise SystemExit(f"manage.py {' '.join(args)} failed ({result.returncode})")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(args) -> dict:
    env = os.environ.copy()
    for name in (
        "DEBUG",
        "REDIS_URL",
        "SECURE_SSL_REDIRECT",
        "BENCH_ROOT_URLCONF",
        "BENCH_SYNC_MIDDLEWARE",
        "BENCH_POOL_MAX_SIZE",
        "HTTP_THREADS",
    ):
        env.pop(name, None)
    env.update(
        PRODUCTION="true",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        FIELD_ENCRYPTION_KEY=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=args.database_url,
        TASK_BACKEND=args.task_backend,
        DJANGO_SETTINGS_MODULE="bench.settings",
        PYTHONDONTWRITEBYTECODE="1",
    )
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    if getattr(args, "http_threads", None):
        env["HTTP_THREADS"] = str(args.http_threads)
    if args.sync_middleware:
        env["BENCH_SYNC_MIDDLEWARE"] = "1"  # experiment: see bench/middleware.py
    if args.app == "wsgi":
        # uvicorn's WSGI interface never closes responses, so Django never hands its connection
        # back to the pool: each of the 10 threads keeps one. Give the pool room for them.
        env["BENCH_POOL_MAX_SIZE"] = "12"
    return env


class Server:
    """uvicorn in its own process group, so it and its workers can always be stopped."""

    def __init__(self, env: dict, port: int, workers: int, log_path: Path, app: str = "asgi"):
        self.env, self.port, self.workers, self.log_path = env, port, workers, log_path
        self.app = app
        self.proc: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        command = [venv_bin("uvicorn"), *APPS[self.app]]
        command += [
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--workers",
            str(self.workers),
            "--no-access-log",
            "--proxy-headers",
            "--forwarded-allow-ips=127.0.0.1",
        ]
        self._log = open(self.log_path, "wb")  # noqa: SIM115
        self.proc = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def worker_pids(self) -> list[int]:
        """The uvicorn worker processes (spawned by the supervisor, in its process group)."""
        if not self.proc:
            return []
        if self.workers == 1:
            return [self.proc.pid]  # uvicorn serves in its own process
        pids = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) == self.proc.pid:
                continue
            stat = _proc_stat(int(entry))
            if not stat or stat["pgrp"] != self.proc.pid:
                continue
            try:
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
            except OSError:
                continue
            if b"spawn_main" in cmdline:  # not the multiprocessing resource tracker
                pids.append(int(entry))
        return pids

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        # Workers left behind by a killed supervisor are in the same group.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self._log.close()

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def log_problems(self) -> int:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return 0
        return sum(1 for line in text.splitlines() if "Traceback" in line or " ERROR" in line)


# --------------------------------------------------------------------------------------------
# CPU accounting (Linux /proc): who used the two cores during each phase
# --------------------------------------------------------------------------------------------

CLK_TCK = os.sysconf("SC_CLK_TCK")


def _proc_stat(pid: int) -> dict | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    comm = raw[raw.index("(") + 1 : raw.rindex(")")]
    rest = raw[raw.rindex(")") + 2 :].split()
    # rest[0] is field 3 (state); utime/stime are fields 14/15.
    return {
        "comm": comm,
        "pgrp": int(rest[2]),
        "cpu": (int(rest[11]) + int(rest[12])) / CLK_TCK,
    }


def _postgres_pids(db_name: str) -> list[int]:
    """Backends of the bench database plus PostgreSQL's own background processes."""
    pids = []
    aux = ("walwriter", "checkpointer", "background writer", "autovacuum", "logical replication")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if not cmdline.startswith("postgres"):
            continue
        if f" {db_name} " in cmdline or any(word in cmdline for word in aux):
            pids.append(int(entry))
    return pids


def _machine_cpu() -> tuple[float, float]:
    """(busy seconds, total seconds) over all cores since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    total = sum(fields[:8])
    return (total - idle) / CLK_TCK, total / CLK_TCK


@dataclass
class CpuSnapshot:
    at: float
    server: dict[int, float]
    postgres: dict[int, float]
    client: float
    machine_busy: float
    machine_total: float


def cpu_snapshot(server: Server, db_name: str) -> CpuSnapshot:
    def cpus(pids):
        result = {}
        for pid in pids:
            stat = _proc_stat(pid)
            if stat:
                result[pid] = stat["cpu"]
        return result

    usage = resource.getrusage(resource.RUSAGE_SELF)
    busy, total = _machine_cpu()
    return CpuSnapshot(
        at=time.perf_counter(),
        server=cpus(server.worker_pids()),
        postgres=cpus(_postgres_pids(db_name)),
        client=usage.ru_utime + usage.ru_stime,
        machine_busy=busy,
        machine_total=total,
    )


def cpu_delta(a: CpuSnapshot, b: CpuSnapshot) -> dict:
    wall = max(b.at - a.at, 1e-9)

    def used(before, after):
        return sum(after[pid] - before.get(pid, 0.0) for pid in after)

    per_worker = sorted(
        (round((b.server[pid] - a.server.get(pid, 0.0)) / wall, 2) for pid in b.server),
        reverse=True,
    )
    result = {
        "wall_s": round(wall, 2),
        "server_cores": round(used(a.server, b.server) / wall, 2),
        "server_cores_per_worker": per_worker,
        "postgres_cores": round(used(a.postgres, b.postgres) / wall, 2),
        "client_cores": round((b.client - a.client) / wall, 2),
        "machine_busy_pct": round(
            100 * (b.machine_busy - a.machine_busy) / max(b.machine_total - a.machine_total, 1e-9),
            1,
        ),
        "server_cpu_s": used(a.server, b.server),
    }
    busy_cores = (b.machine_busy - a.machine_busy) / wall
    result["other_cores"] = round(
        max(
            0.0,
            busy_cores - result["server_cores"] - result["postgres_cores"] - result["client_cores"],
        ),
        2,
    )
    return result


# --------------------------------------------------------------------------------------------
# HTTP client: one aiohttp session, cookies kept per simulated browser
# --------------------------------------------------------------------------------------------


class Unexpected(Exception):
    """A response that a real browser journey would not get: counted as an error."""


@dataclass
class Reply:
    status: int
    location: str
    raw: bytes
    headers: object
    seconds: float

    @property
    def text(self) -> str:
        if self.headers.get("Content-Encoding", "") == "gzip":
            return zlib.decompress(self.raw, 16 + zlib.MAX_WBITS).decode()
        return self.raw.decode()


class Browser:
    """One respondent's browser: its own cookies over the shared connection pool."""

    def __init__(self, http: aiohttp.ClientSession, origin: str):
        self.http = http
        self.origin = origin  # what the browser sees: https://127.0.0.1:PORT
        self.cookies: dict[str, str] = {}

    async def request(self, method: str, path: str, data=None, referer: str = "") -> Reply:
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + (referer or path)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urlencode(data or [], doseq=True).encode()
        started = time.perf_counter()
        async with self.http.request(
            method, path, data=body, headers=headers, allow_redirects=False
        ) as response:
            raw = await response.read()
        seconds = time.perf_counter() - started
        for name, morsel in response.cookies.items():
            if morsel["max-age"] == "0" or (morsel.value == "" and morsel["expires"]):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value
        return Reply(
            response.status,
            response.headers.get("Location", ""),
            raw,
            response.headers,
            seconds,
        )

    async def get(self, path: str) -> Reply:
        return await self.request("GET", path)

    async def post(self, path: str, data, referer: str = "") -> Reply:
        return await self.request("POST", path, data, referer)


def expect(reply: Reply, status: int, what: str, location: str | None = None) -> None:
    if reply.status != status:
        raise Unexpected(f"{what}: HTTP {reply.status} (wanted {status}) {reply.location}".strip())
    if location is not None and urlsplit(reply.location).path != location:
        raise Unexpected(f"{what}: redirected to {urlsplit(reply.location).path}")


_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_WIZARD_FORM = re.compile(
    r'<form method="post"(?: action="[^"]*")? novalidate[^>]*>(.*?)</form>', re.S
)
_SEND_FORM = re.compile(r'<form method="post" action="([^"]*/send/)"[^>]*>(.*?)</form>', re.S)
_PAGE_URL = re.compile(r'<body [^>]*data-page-url="([^"]+)"')
_INPUT = re.compile(r"<input\s([^>]*)>")
_TEXTAREA = re.compile(r"<textarea\s([^>]*)>")
_ATTR = re.compile(r'([\w-]+)="([^"]*)"')


def csrf_token(text: str, what: str) -> str:
    found = _CSRF.search(text)
    if not found:
        raise Unexpected(f"{what}: no CSRF token on the page")
    return found.group(1)


@dataclass
class PageFields:
    hidden: list[tuple[str, str]] = field(default_factory=list)
    radios: dict[str, list[str]] = field(default_factory=dict)
    checkboxes: dict[str, list[str]] = field(default_factory=dict)
    short_text: list[str] = field(default_factory=list)
    long_text: list[str] = field(default_factory=list)


def parse_wizard_form(text: str, what: str) -> PageFields:
    found = _WIZARD_FORM.search(text)
    if not found:
        raise Unexpected(f"{what}: no survey form on the page")
    fields = PageFields()
    for attrs_text in _INPUT.findall(found.group(1)):
        attrs = {k: html.unescape(v) for k, v in _ATTR.findall(attrs_text)}
        name, kind, value = attrs.get("name"), attrs.get("type", "text"), attrs.get("value", "")
        if not name:
            continue
        if kind == "hidden":
            fields.hidden.append((name, value))
        elif kind == "radio":
            fields.radios.setdefault(name, []).append(value)
        elif kind == "checkbox":
            fields.checkboxes.setdefault(name, []).append(value)
        else:
            fields.short_text.append(name)
    for attrs_text in _TEXTAREA.findall(found.group(1)):
        attrs = dict(_ATTR.findall(attrs_text))
        if attrs.get("name"):
            fields.long_text.append(attrs["name"])
    return fields


def fill_page(fields: PageFields, rng: random.Random, p_unsafe: float, force_unsafe=False):
    """Valid answers for every question on the page: (form data, may the page grow?)."""
    data = list(fields.hidden)
    may_grow = False
    for name, values in fields.radios.items():
        options = [v for v in values if v != "prefer-not-say"]
        if name.endswith("-safe-home"):
            unsafe = force_unsafe or rng.random() < p_unsafe
            value = rng.choice(["no", "not-sure"]) if unsafe else "yes"
            # The follow-up text question is added to this page (older bands) when it is new.
            may_grow = unsafe and not any(n.endswith("-unsafe-why") for n in fields.long_text)
        elif rng.random() < 0.05 and "prefer-not-say" in values:
            value = "prefer-not-say"
        else:
            value = rng.choice(options)
        data.append((name, value))
    for name, values in fields.checkboxes.items():
        if name.endswith("__rather_not_say"):
            continue  # "I'd rather not say" beside a text box: left unticked
        options = [v for v in values if v != "prefer-not-say"]
        for value in rng.sample(options, k=min(len(options), rng.choice([1, 1, 2, 3]))):
            data.append((name, value))
    for name in fields.short_text:
        data.append((name, rng.choice(HARMLESS_SHORT)))
    for name in fields.long_text:
        pool = HARMLESS_WHY if name.endswith("-unsafe-why") else HARMLESS_LONG
        data.append((name, rng.choice(pool) if rng.random() < 0.9 else ""))
    return data, may_grow


# --------------------------------------------------------------------------------------------
# The respondent journey
# --------------------------------------------------------------------------------------------


@dataclass
class Stats:
    window_start: float = 0.0
    window_end: float = float("inf")
    post_latencies: list[float] = field(default_factory=list)
    completions: int = 0
    started: int = 0
    errors: int = 0
    error_kinds: Counter = field(default_factory=Counter)
    bands: Counter = field(default_factory=Counter)
    requests: int = 0  # every request of the journeys, in the window
    # Totals for the progress line (whole run, not only the window).
    all_posts: int = 0
    all_completions: int = 0

    def in_window(self, when: float) -> bool:
        return self.window_start <= when <= self.window_end

    def post(self, seconds: float) -> None:
        self.all_posts += 1
        if self.in_window(time.perf_counter()):
            self.post_latencies.append(seconds)

    def completed(self, band: str) -> None:
        self.all_completions += 1
        if self.in_window(time.perf_counter()):
            self.completions += 1
            self.bands[band] += 1

    def error(self, kind: str) -> None:
        # Errors count wherever they happen (warm-up included): the target is zero.
        self.errors += 1
        self.error_kinds[kind] += 1


class Journey:
    """The demo survey as a browser answers it. Optionally weighs each page on the way."""

    def __init__(self, browser: Browser, band: str, rng: random.Random, args, stats=None):
        self.b, self.band, self.rng, self.args, self.stats = browser, band, rng, args, stats
        self.answer_prefix = f"/s/{SLUG}/answer/"
        # Most phones run the page script, which asks for the next page in the POST's own
        # response; the rest get POST, redirect, GET (see --no-script-share).
        self.script = rng.random() >= args.no_script_share
        self.pages_seen: list[tuple[str, str]] = []  # (label, html) when weighing

    def _count(self, reply: Reply) -> Reply:
        if self.stats and self.stats.in_window(time.perf_counter()):
            self.stats.requests += 1
        return reply

    async def get(self, path: str, status=200, what="") -> Reply:
        reply = self._count(await self.b.get(path))
        expect(reply, status, what or f"GET {path}")
        return reply

    async def run(self, weigh=None, force_unsafe=False) -> None:
        about = f"/s/{SLUG}/about/?band={self.band}"
        reply = await self.get(about, what="about")
        if weigh:
            await weigh(f"about ({self.band})", reply)
        token = csrf_token(reply.text, "about")
        data = [("band", self.band), ("csrfmiddlewaretoken", token)]
        if self.script:
            data.append(("next_here", "1"))
        reply = self._count(await self.b.post(f"/s/{SLUG}/begin/", data, about))
        # Begin goes straight to the first page, drawn in its response with the page script.
        drawn, url = self._next_page(reply, "begin")
        if not url.startswith(self.answer_prefix):
            raise Unexpected(f"answer start: went to {url}")

        posted: list[str] = []
        grown: set[str] = set()
        for _ in range(40):
            step = url[len(self.answer_prefix) :].strip("/")
            reply = drawn or await self.get(url, what=f"page {step}")
            text = reply.text
            if "govuk-notification-banner" in text:
                raise Unexpected(f"page {step}: shows a message banner")
            if step == "check":
                break
            if weigh:
                label = f"{self.band} {step}" + (" (grown)" if step in grown else "")
                await weigh(label, reply)
            fields = parse_wizard_form(text, f"page {step}")
            data, may_grow = fill_page(fields, self.rng, self.args.p_unsafe, force_unsafe)
            if self.script:
                data.append(("next_here", "1"))
            reply = self._count(await self.b.post(url, data))
            if self.stats:
                self.stats.post(reply.seconds)
            drawn, nxt = self._next_page(reply, f"POST {step}")
            if not nxt.startswith(self.answer_prefix):
                raise Unexpected(f"POST page: redirected to {nxt.split('?')[0]}")
            next_step = nxt[len(self.answer_prefix) :].strip("/")
            if next_step == step:
                if not may_grow or step in grown:
                    raise Unexpected("POST page: sent back to the same page")
                grown.add(step)
            elif next_step in posted:
                raise Unexpected("POST page: sent back to an earlier page")
            posted.append(step)
            url = nxt
        else:
            raise Unexpected("the survey never reached the check page")

        if weigh:
            await weigh("check", reply)
            await weigh("saved", await self.get(f"/s/{SLUG}/saved/", what="saved"))
            await weigh("help", await self.get(f"/s/{SLUG}/help/?next=check", what="help"))
            await weigh("resume", await self.get(f"/s/{SLUG}/resume/", what="resume"))
        send_form = _SEND_FORM.search(reply.text)
        if not send_form:
            raise Unexpected("check: no send form")
        token = csrf_token(send_form.group(2), "check")
        data = [("csrfmiddlewaretoken", token)] + ([("next_here", "1")] if self.script else [])
        reply = self._count(
            await self.b.post(f"/s/{SLUG}/send/", data, self.answer_prefix + "check/")
        )
        drawn, nxt = self._next_page(reply, "send")
        if nxt != f"/s/{SLUG}/thanks/":
            raise Unexpected(f"send: went to {nxt}")
        reply = drawn or await self.get(nxt, what="thanks")
        if weigh:
            await weigh("thanks", reply)
        if self.stats:
            self.stats.completed(self.band)

    def _next_page(self, reply: Reply, what: str) -> tuple[Reply | None, str]:
        """(the page the reply drew, or None; the address of the page that comes next)."""
        if self.script and reply.status == 200:
            found = _PAGE_URL.search(reply.text)
            if not found:
                raise Unexpected(f"{what}: drew a page with no address of its own")
            return reply, found.group(1)
        expect(reply, 302, what)  # without the script, or help first after worrying words
        return None, urlsplit(reply.location).path


def parse_bands(spec: str) -> tuple[list[str], list[float]]:
    bands, weights = [], []
    for part in spec.split(","):
        band, _, weight = part.strip().partition("=")
        if band not in ALL_BANDS:
            raise SystemExit(f"--bands: unknown band {band!r} (choose from {ALL_BANDS})")
        bands.append(band)
        weights.append(float(weight or 1))
    return bands, weights


def make_http(base_url: str, concurrency: int, keepalive: bool) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(
        limit=concurrency + 8, limit_per_host=0, force_close=not keepalive, ttl_dns_cache=None
    )
    return aiohttp.ClientSession(
        base_url=base_url,
        connector=connector,
        cookie_jar=aiohttp.DummyCookieJar(),  # cookies are kept per Browser
        auto_decompress=False,  # so page weights are the bytes on the wire
        headers={"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip", "Accept": "text/html"},
        timeout=aiohttp.ClientTimeout(total=60),
        skip_auto_headers=("User-Agent",),
    )


class Progress:
    def __init__(self, label: str, stats_fn, total: float | None):
        self.label, self.stats_fn, self.total = label, stats_fn, total
        self.tty = sys.stderr.isatty()
        self.started = time.perf_counter()
        self.last = (self.started, 0)

    async def run(self) -> None:
        every = 1.0 if self.tty else 5.0
        try:
            while True:
                await asyncio.sleep(every)
                self.show()
        except asyncio.CancelledError:
            if self.tty:
                sys.stderr.write("\n")
            raise

    def show(self) -> None:
        now = time.perf_counter()
        posts, extra = self.stats_fn()
        rate = (posts - self.last[1]) / max(now - self.last[0], 1e-9)
        self.last = (now, posts)
        elapsed = now - self.started
        of = f"/{self.total:.0f}s" if self.total else "s"
        line = f"[{self.label} {elapsed:5.1f}{of}] posts {posts} ({rate:.0f}/s) {extra}"
        if self.tty:
            sys.stderr.write("\r" + line.ljust(100))
            sys.stderr.flush()
        else:
            log(line)


async def run_for(workers, duration, warmup, stats: Stats, respondents: int | None):
    """Run worker coroutines; the measuring window opens after the warm-up."""
    stats.window_start = time.perf_counter() + warmup
    tasks = [asyncio.create_task(w) for w in workers]
    if respondents:
        await asyncio.gather(*tasks)
        stats.window_end = time.perf_counter()
        return
    await asyncio.sleep(warmup + duration)
    stats.window_end = time.perf_counter()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def survey_phase(http, origin, args, cpu) -> tuple[Stats, dict]:
    stats = Stats()
    bands, weights = parse_bands(args.bands)
    limit = args.respondents

    async def worker(index: int) -> None:
        rng = random.Random(f"{args.seed}-{index}")
        while limit is None or stats.started < limit:
            stats.started += 1
            band = rng.choices(bands, weights)[0]
            try:
                await Journey(Browser(http, origin), band, rng, args, stats).run()
            except asyncio.CancelledError:
                raise
            except Unexpected as problem:
                stats.error(str(problem))
            except (TimeoutError, aiohttp.ClientError, OSError, ValueError) as problem:
                stats.error(f"{type(problem).__name__}: {problem}"[:120])

    progress = Progress(
        "survey",
        lambda: (
            stats.all_posts,
            f"completed {stats.all_completions} errors {stats.errors}",
        ),
        None if limit else args.warmup + args.duration,
    )
    progress_task = asyncio.create_task(progress.run())
    before = None

    async def mark_cpu():
        nonlocal before
        await asyncio.sleep(args.warmup)
        before = cpu()

    marker = asyncio.create_task(mark_cpu())
    try:
        await run_for(
            [worker(i) for i in range(args.concurrency)], args.duration, args.warmup, stats, limit
        )
    finally:
        progress_task.cancel()
        await asyncio.gather(progress_task, return_exceptions=True)
    await marker
    return stats, cpu_delta(before, cpu())


async def ceiling_phase(http, origin, args, cpu) -> tuple[Stats, dict]:
    stats = Stats()

    async def worker(index: int) -> None:
        browser = Browser(http, origin)
        token = None
        n = 0
        while True:
            try:
                if token is None:
                    reply = await browser.get(CEILING_PATH)
                    expect(reply, 200, "ceiling GET")
                    token = csrf_token(reply.text, "ceiling")
                n += 1
                data = [("csrfmiddlewaretoken", token), ("value", f"w{index}-{n}")]
                reply = await browser.post(CEILING_PATH, data)
                expect(reply, 302, "ceiling POST", CEILING_PATH)
                stats.post(reply.seconds)
            except asyncio.CancelledError:
                raise
            except Unexpected as problem:
                stats.error(str(problem))
                token = None
            except (TimeoutError, aiohttp.ClientError, OSError, ValueError) as problem:
                stats.error(f"{type(problem).__name__}: {problem}"[:120])
                token = None

    progress = Progress(
        "ceiling",
        lambda: (stats.all_posts, f"errors {stats.errors}"),
        args.warmup + args.ceiling_duration,
    )
    progress_task = asyncio.create_task(progress.run())
    before = None

    async def mark_cpu():
        nonlocal before
        await asyncio.sleep(args.warmup)
        before = cpu()

    marker = asyncio.create_task(mark_cpu())
    try:
        await run_for(
            [worker(i) for i in range(args.concurrency)],
            args.ceiling_duration,
            args.warmup,
            stats,
            None,
        )
    finally:
        progress_task.cancel()
        await asyncio.gather(progress_task, return_exceptions=True)
    await marker
    return stats, cpu_delta(before, cpu())


# --------------------------------------------------------------------------------------------
# Page weight
# --------------------------------------------------------------------------------------------

_STYLESHEET = re.compile(
    r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"|<link[^>]*href="([^"]+)"[^>]*rel="stylesheet"'
)
_SCRIPT = re.compile(r'<script[^>]*\ssrc="([^"]+)"')
_MODULEPRELOAD = re.compile(r'<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"')
_JS_IMPORT = re.compile(
    r"""(?:^|[;\s])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)"""
)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?["']?([^"')\s;]+)""")


@dataclass
class Asset:
    url: str
    wire_bytes: int
    plain_bytes: int
    encoding: str
    cache_control: str
    imports: list[str]


class PageWeigher:
    def __init__(self, http: aiohttp.ClientSession, origin: str):
        self.http, self.origin = http, origin
        self.assets: dict[str, Asset] = {}
        self.pages: dict[str, dict] = {}
        self.problems: list[str] = []

    async def asset(self, url: str) -> Asset:
        if url in self.assets:
            return self.assets[url]
        async with self.http.get(url) as response:
            raw = await response.read()
            headers = response.headers
            status = response.status
        if status != 200:
            self.problems.append(f"{url}: HTTP {status}")
        encoding = headers.get("Content-Encoding", "")
        plain = zlib.decompress(raw, 16 + zlib.MAX_WBITS) if encoding == "gzip" else raw
        imports = []
        text = plain.decode(errors="replace")
        if url.split("?")[0].endswith((".js", ".mjs")):
            for a, b in _JS_IMPORT.findall(text):
                target = a or b
                if target.startswith((".", "/")):
                    imports.append(urljoin(url, target))
        elif url.split("?")[0].endswith(".css"):
            for target in _CSS_IMPORT.findall(text):
                imports.append(urljoin(url, target))
        found = Asset(
            url, len(raw), len(plain), encoding, headers.get("Cache-Control", ""), imports
        )
        self.assets[url] = found
        return found

    async def weigh(self, label: str, reply: Reply) -> None:
        text = reply.text
        urls = [a or b for a, b in _STYLESHEET.findall(text)]
        urls += _SCRIPT.findall(text) + _MODULEPRELOAD.findall(text)
        seen: dict[str, Asset] = {}
        queue = [urljoin("/", html.unescape(u)) for u in urls]
        while queue:
            url = queue.pop(0)
            if url in seen or not url.startswith("/"):
                continue
            seen[url] = await self.asset(url)
            queue.extend(seen[url].imports)
        html_wire = len(reply.raw)
        assets_wire = sum(a.wire_bytes for a in seen.values())
        self.pages[label] = {
            "html_kb": html_wire / 1024,
            "html_plain_kb": len(text.encode()) / 1024,
            "html_encoding": reply.headers.get("Content-Encoding", ""),
            "assets_kb": assets_wire / 1024,
            "total_kb": (html_wire + assets_wire) / 1024,
            "assets": list(seen),
        }


async def weigh_pages(http, origin, args) -> PageWeigher:
    weigher = PageWeigher(http, origin)
    browser = Browser(http, origin)
    reply = await browser.get(f"/s/{SLUG}/")
    expect(reply, 200, "start")
    await weigher.weigh("start", reply)
    for band in ("4-7", "12-17"):
        # A fresh browser per band; "No" to feeling safe at home so the follow-up page shows.
        journey = Journey(Browser(http, origin), band, random.Random(band), args)
        await journey.run(weigh=weigher.weigh, force_unsafe=True)
    return weigher


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def check_texts() -> None:
    for text in HARMLESS_LONG + HARMLESS_WHY + HARMLESS_SHORT:
        if detect_concerns(text):
            raise SystemExit(f"bench text would raise a concern, change it: {text!r}")


async def wait_until_up(server: Server, http: aiohttp.ClientSession, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not server.alive():
            raise SystemExit("uvicorn exited during start-up:\n" + server.log_tail())
        try:
            async with http.get(f"/s/{SLUG}/") as response:
                await response.read()
                # Every worker must be up before measuring: give the rest a moment.
                if response.status == 200 and len(server.worker_pids()) >= server.workers:
                    return
        except (aiohttp.ClientError, OSError):
            pass
        await asyncio.sleep(0.2)
    raise SystemExit("uvicorn did not answer in time:\n" + server.log_tail())


async def warm_workers(http, origin, args) -> None:
    """A few journeys on many connections so every worker has loaded templates and the survey."""
    journeys = [
        Journey(Browser(http, origin), band, random.Random(i), args).run()
        for i, band in enumerate(["4-7", "12-17", "8-11", "18-25", "adult"] * 4)
    ]
    results = await asyncio.gather(*journeys, return_exceptions=True)
    failed = [r for r in results if isinstance(r, Exception)]
    if failed:
        raise SystemExit(f"warm-up journeys failed: {failed[0]!r}")


async def drive(server: Server, args) -> dict:
    origin = f"https://127.0.0.1:{server.port}"
    db_name = db_name_of(args.database_url)

    def cpu():
        return cpu_snapshot(server, db_name)

    async with make_http(server.base_url, args.concurrency, not args.no_keepalive) as http:
        await wait_until_up(server, http, 60)
        log("server up; weighing pages")
        weigher = await weigh_pages(http, origin, args)
        await warm_workers(http, origin, args)
        log(
            f"survey: {args.concurrency} concurrent respondents, "
            + (
                f"{args.respondents} respondents"
                if args.respondents
                else f"{args.warmup:g}s warm-up + {args.duration:g}s"
            )
        )
        survey, survey_cpu = await survey_phase(http, origin, args, cpu)
        ceiling = ceiling_cpu = None
        if not args.skip_ceiling:
            log(f"ceiling: {args.concurrency} concurrent POSTs to {CEILING_PATH}")
            ceiling, ceiling_cpu = await ceiling_phase(http, origin, args, cpu)
    return {
        "weigher": weigher,
        "survey": survey,
        "survey_cpu": survey_cpu,
        "ceiling": ceiling,
        "ceiling_cpu": ceiling_cpu,
    }


def report(args, out: dict, server_problems: int) -> dict:
    survey: Stats = out["survey"]
    window = survey.window_end - survey.window_start
    lat_ms = [s * 1000 for s in survey.post_latencies]
    step_posts_per_s = len(lat_ms) / window
    completions_per_s = survey.completions / window
    p50, p95, p99 = (percentile(lat_ms, f) for f in (0.5, 0.95, 0.99))
    ceiling: Stats | None = out["ceiling"]
    if ceiling:
        c_window = ceiling.window_end - ceiling.window_start
        ceiling_per_s = len(ceiling.post_latencies) / c_window
        c_lat = [s * 1000 for s in ceiling.post_latencies]
    else:
        ceiling_per_s, c_lat = float("nan"), []
    ratio = step_posts_per_s / ceiling_per_s if ceiling_per_s > 0 else float("nan")
    weigher: PageWeigher = out["weigher"]
    heaviest = max(weigher.pages.items(), key=lambda item: item[1]["total_kb"])
    errors = survey.errors + (ceiling.errors if ceiling else 0)
    cpu = out["survey_cpu"]

    figures = {
        "completions_per_s": round(completions_per_s, 1),
        "step_posts_per_s": round(step_posts_per_s, 1),
        "p50_ms": round(p50, 1),
        "p95_ms": round(p95, 1),
        "p99_ms": round(p99, 1),
        "errors": errors,
        "ceiling_posts_per_s": round(ceiling_per_s, 1),
        "ratio": round(ratio, 3),
        "page_kb_max": round(heaviest[1]["total_kb"], 1),
    }
    met = {}
    for key, (op, limit) in TARGETS.items():
        value = figures[key]
        met[key] = bool(value >= limit if op == ">=" else value <= limit)

    w = sys.stdout.write
    w("\n== Collection benchmark ==\n")
    w(
        f"server: uvicorn {' '.join(APPS[args.app])} x{args.workers} workers,"
        f" {args.http_threads} HTTP threads each, PRODUCTION=true,"
        + (" + bench sync-only middleware (experiment)," if args.sync_middleware else "")
        + f" TASK_BACKEND={args.task_backend}, PostgreSQL {db_name_of(args.database_url)},"
        f" keep-alive {'off' if args.no_keepalive else 'on'}\n"
    )
    w(
        f"client: {args.concurrency} concurrent respondents, bands {args.bands},"
        f" {args.no_script_share:.0%} without the page script,"
        f" window {window:.1f}s after {args.warmup:g}s warm-up\n\n"
    )
    w(
        "Survey (full journeys: about, begin, every page, check, send, thanks; with the page"
        " script a POST draws the next page, without it POST, redirect, GET)\n"
    )
    w(f"  completed surveys   {survey.completions:7d}   {completions_per_s:8.1f} /s\n")
    w(f"  page POSTs          {len(lat_ms):7d}   {step_posts_per_s:8.1f} /s\n")
    w(
        f"  all requests        {survey.requests:7d}   {survey.requests / window:8.1f} /s"
        f"   ({survey.requests / max(len(lat_ms), 1):.2f} requests per page POST)\n"
    )
    w(f"  page POST latency   p50 {p50:.1f} ms   p95 {p95:.1f} ms   p99 {p99:.1f} ms\n")
    w(f"  by band             {dict(survey.bands)}\n")
    w(f"  errors              {survey.errors}\n")
    for kind, count in survey.error_kinds.most_common(8):
        w(f"      {count:5d} x {kind}\n")
    w(
        f"  CPU (cores)         server {cpu['server_cores']} {cpu['server_cores_per_worker']}"
        f"  postgres {cpu['postgres_cores']}  client {cpu['client_cores']}"
        f"  other processes {cpu['other_cores']}  (machine busy {cpu['machine_busy_pct']}%"
        f" of {os.cpu_count()} cores)\n"
    )
    if cpu["other_cores"] > 0.2:
        w(
            f"  WARNING: other processes used {cpu['other_cores']} cores during the run;"
            " figures are low and noisy, run again on a quiet machine\n"
        )
    if survey.completions:
        w(
            f"  server CPU          {1000 * cpu['server_cpu_s'] / survey.completions:.1f} ms"
            f" per completed survey,"
            f" {1000 * cpu['server_cpu_s'] / max(len(lat_ms), 1):.1f} ms per page POST (all its"
            " requests included)\n"
        )
    if ceiling:
        ccpu = out["ceiling_cpu"]
        w("\nCeiling (minimal CSRF form POST inserting one row, same server and client)\n")
        w(f"  POSTs               {len(c_lat):7d}   {ceiling_per_s:8.1f} /s\n")
        w(
            f"  latency             p50 {percentile(c_lat, 0.5):.1f} ms"
            f"   p95 {percentile(c_lat, 0.95):.1f} ms   p99 {percentile(c_lat, 0.99):.1f} ms\n"
        )
        w(f"  errors              {ceiling.errors}\n")
        for kind, count in ceiling.error_kinds.most_common(5):
            w(f"      {count:5d} x {kind}\n")
        w(
            f"  CPU (cores)         server {ccpu['server_cores']} {ccpu['server_cores_per_worker']}"
            f"  postgres {ccpu['postgres_cores']}  client {ccpu['client_cores']}"
            f"  other processes {ccpu['other_cores']}  (machine busy {ccpu['machine_busy_pct']}%)\n"
        )
        if len(c_lat):
            w(f"  server CPU          {1000 * ccpu['server_cpu_s'] / len(c_lat):.2f} ms per POST\n")
        w(f"  ratio               {ratio:.3f} (survey page POSTs/s / ceiling POSTs/s)\n")
        w(
            f"  request ratio       {survey.requests / window / ceiling_per_s:.3f}"
            " (all survey requests/s / ceiling POSTs/s)\n"
        )
    w("\nPage weight (gzip HTML + CSS + JS on the wire, KB; images excluded)\n")
    for label, page in weigher.pages.items():
        w(
            f"  {label:24s} html {page['html_kb']:5.1f} ({page['html_plain_kb']:5.1f} plain,"
            f" {page['html_encoding'] or 'identity'})  + assets {page['assets_kb']:5.1f}"
            f"  = {page['total_kb']:5.1f}\n"
        )
    for asset in weigher.assets.values():
        w(
            f"    {asset.url:56s} {asset.wire_bytes / 1024:6.1f} KB"
            f" ({asset.plain_bytes / 1024:.1f} plain, {asset.encoding or 'identity'};"
            f" {asset.cache_control})\n"
        )
    for problem in weigher.problems:
        w(f"    problem: {problem}\n")
    w(f"  heaviest: {heaviest[0]} {heaviest[1]['total_kb']:.1f} KB\n")
    if server_problems:
        w(f"\nserver log: {server_problems} error/traceback lines (see --keep-log)\n")
    w("\nTargets\n")
    for key, (op, limit) in TARGETS.items():
        w(f"  {key:20s} {figures[key]!s:>10} {op} {limit:<6} {'met' if met[key] else 'MISSED'}\n")

    extras = {
        "app": args.app + ("+sync-middleware" if args.sync_middleware else ""),
        "workers": args.workers,
        "http_threads": args.http_threads,
        "concurrency": args.concurrency,
        "window_s": round(window, 1),
        "bands": args.bands,
        "no_script_share": args.no_script_share,
        "task_backend": args.task_backend,
        "completions": survey.completions,
        "step_posts": len(lat_ms),
        "survey_requests_per_s": round(survey.requests / window, 1),
        "request_ratio": round(survey.requests / window / ceiling_per_s, 3)
        if ceiling_per_s > 0
        else None,
        "server_cores": cpu["server_cores"],
        "postgres_cores": cpu["postgres_cores"],
        "client_cores": cpu["client_cores"],
        "other_cores": cpu["other_cores"],
        "server_log_errors": server_problems,
        "heaviest_page": heaviest[0],
        "targets_met": met,
    }
    return {**extras, **figures}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument(
        "--http-threads", type=int, default=2, help="HTTP threads per worker (HTTP_THREADS)"
    )
    parser.add_argument("--concurrency", type=int, default=32, help="respondents at once")
    parser.add_argument("--duration", type=float, default=20, help="seconds measured (survey)")
    parser.add_argument("--warmup", type=float, default=5, help="seconds before measuring")
    parser.add_argument(
        "--respondents", type=int, default=None, help="stop after this many respondents instead"
    )
    parser.add_argument("--ceiling-duration", type=float, default=10)
    parser.add_argument("--skip-ceiling", action="store_true")
    parser.add_argument(
        "--bands",
        default="12-17=70,4-7=10,8-11=10,18-25=5,adult=5",
        help="age bands and weights, e.g. 12-17 or 12-17=3,4-7=1",
    )
    parser.add_argument(
        "--p-unsafe", type=float, default=0.2, help="share answering No/Not sure to safe at home"
    )
    parser.add_argument(
        "--no-script-share",
        type=float,
        default=0.01,
        help="share of respondents whose browser runs no page script (POST, redirect, GET)",
    )
    parser.add_argument(
        "--app",
        default="asgi",
        choices=sorted(APPS),
        help="asgi = production (config.asgi); wsgi = experiment (config.wsgi)",
    )
    parser.add_argument(
        "--sync-middleware",
        action="store_true",
        help="experiment: add bench/middleware.py's sync-only middleware last (one thread hop)",
    )
    parser.add_argument("--task-backend", default="database", choices=["database", "immediate"])
    parser.add_argument("--redis-url", default="", help="REDIS_URL for the server (default none)")
    parser.add_argument("--no-keepalive", action="store_true", help="new connection per request")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seed", default="bench")
    parser.add_argument("--skip-setup", action="store_true", help="reuse database and staticfiles")
    parser.add_argument("--keep-log", action="store_true", help="keep the uvicorn log file")
    parser.add_argument("--allow-drop-any-database", action="store_true")
    args = parser.parse_args()

    check_texts()
    env = server_env(args)
    if not args.skip_setup:
        log(f"database: recreating {db_name_of(args.database_url)}")
        recreate_database(args.database_url, args.allow_drop_any_database)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "load_demo")
        log("static files: collectstatic")
        manage(env, "collectstatic", "--no-input", "-v", "0")
        create_ceiling_table(args.database_url)

    handle, log_name = tempfile.mkstemp(prefix="bench-uvicorn-", suffix=".log")
    os.close(handle)
    server = Server(env, args.port or free_port(), args.workers, Path(log_name), args.app)

    def on_signal(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    try:
        server.start()
        log(f"uvicorn: {args.workers} workers on {server.base_url} (log {log_name})")
        runner = asyncio.Runner(loop_factory=_loop_factory())
        with runner:
            out = runner.run(drive(server, args))
    finally:
        server.stop()
        problems = server.log_problems()
        if problems:
            log(f"server log had {problems} error lines; tail:\n{server.log_tail(30)}")
        if not args.keep_log:
            os.unlink(log_name)
    if out["ceiling"]:
        rows = count_ceiling_rows(args.database_url)
        log(f"ceiling table holds {rows} rows")
    result = report(args, out, problems)
    sys.stdout.write("\n")
    # Figures that could not be measured (no ceiling run, no samples) are null, not NaN.
    result = {k: None if isinstance(v, float) and v != v else v for k, v in result.items()}
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


def _loop_factory():
    try:
        import uvloop

        return uvloop.new_event_loop
    except ImportError:
        return None


if __name__ == "__main__":
    sys.exit(main())
