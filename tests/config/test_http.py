"""HTTP through the project's ASGI application (config/asgi.py, config/http.py): what uvicorn
sends in is answered as Django answers it, bodies arrive whole, and every request ends."""

import pytest
from asgiref.sync import async_to_sync
from django.core.signals import request_finished
from django.http import HttpResponse

from config.asgi import application
from surveys.models import Response

pytestmark = pytest.mark.django_db(transaction=True)

CSRF_SECRET = "a" * 32  # Django accepts the unmasked secret as the form's token


def call(path, *, method="GET", body_parts=(b"",), headers=(), disconnect_first=False):
    """Run one request through the ASGI application; return (start message, body, sent)."""
    incoming = [
        {"type": "http.request", "body": part, "more_body": i < len(body_parts) - 1}
        for i, part in enumerate(body_parts)
    ]
    if disconnect_first:
        incoming = [{"type": "http.disconnect"}]
    sent = []

    async def receive():
        return incoming.pop(0)

    async def send(message):
        sent.append(message)

    async_to_sync(application)(http_scope(path, method, headers), receive, send)
    if not sent:
        return None, b"", sent
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0], body, sent


def http_scope(path, method="GET", headers=()) -> dict:
    """What uvicorn passes in for a plain HTTP request."""
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("203.0.113.9", 50000),
        "server": ("testserver", 80),
    }


def header(start, name: bytes) -> bytes | None:
    return dict(start["headers"]).get(name)


def test_a_page_is_answered_with_its_status_headers_and_whole_body(demo_link):
    start, body, sent = call("/s/demo/")

    assert start["type"] == "http.response.start" and start["status"] == 200
    assert header(start, b"content-type") == b"text/html; charset=utf-8"
    assert "no-store" in header(start, b"cache-control").decode()
    assert b"How old are you?" in body and body.rstrip().endswith(b"</html>")
    assert sent[-1] == {"type": "http.response.body", "body": b""}  # the response ends


def test_a_form_sent_in_several_parts_reaches_the_view_whole(demo_link):
    form = f"csrfmiddlewaretoken={CSRF_SECRET}&band=12-17".encode()
    start, _body, _sent = call(
        "/s/demo/begin/",
        method="POST",
        body_parts=(form[:10], form[10:25], form[25:]),
        headers=[
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"content-length", str(len(form)).encode()),
            (b"cookie", f"csrftoken={CSRF_SECRET}".encode()),
        ],
    )

    assert start["status"] == 302
    assert header(start, b"location") == b"/s/demo/answer/s-1/"
    assert Response.objects.get().band == "12-17"


def test_a_form_without_its_csrf_token_is_refused_and_stores_nothing(demo_link):
    start, body, _sent = call(
        "/s/demo/begin/",
        method="POST",
        body_parts=(b"band=12-17",),
        headers=[(b"content-type", b"application/x-www-form-urlencoded")],
    )

    assert start["status"] == 403
    assert not Response.objects.exists()


def test_every_request_ends_so_its_database_connection_goes_back(demo_link):
    ended = []

    def count(**kwargs):
        ended.append(1)

    request_finished.connect(count)
    try:
        call("/s/demo/")
        call("/s/unknown-link/")
    finally:
        request_finished.disconnect(count)

    assert len(ended) == 2


def test_a_browser_gone_before_sending_its_request_gets_no_answer(demo_link):
    start, _body, sent = call("/s/demo/", disconnect_first=True)

    assert start is None and sent == []


def test_loading_the_application_keeps_its_objects_out_of_the_collectors_passes():
    import gc

    assert gc.get_freeze_count() > 10_000  # Django, the apps and their libraries, frozen


def test_requests_are_answered_side_by_side_on_the_configured_threads():
    """While one request waits (on PostgreSQL, say), another is answered: each process has
    settings.HTTP_THREADS threads for HTTP, not one."""
    import asyncio
    import threading

    from config.http import DjangoHttp

    both_in = threading.Barrier(2, timeout=5)
    threads_seen = set()

    def waits_for_the_other(environ, start_response):
        threads_seen.add(threading.get_ident())
        both_in.wait()  # raises BrokenBarrierError if the other request never starts
        start_response("200 OK", [("Content-Type", "text/plain")])
        return HttpResponse(b"both")  # what Django's handler returns: closed after sending

    http = DjangoHttp(threads=2)
    http.handler = waits_for_the_other

    async def one_request():
        sent = []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            sent.append(message)

        await http(http_scope("/"), receive, send)
        return sent

    async def two_at_once():
        return await asyncio.gather(one_request(), one_request())

    replies = async_to_sync(two_at_once)()

    assert [r[0]["status"] for r in replies] == [200, 200]
    assert [r[1]["body"] for r in replies] == [b"both", b"both"]
    assert len(threads_seen) == 2
