"""HTTP for the ASGI server: each request through Django's WSGI handler, in one thread hop.

Every view of this service is synchronous. Django's ASGI handler runs such a request with
several hops between the event loop and a thread, and a disconnect listener beside it: about
twice the CPU of the same request through the WSGI handler (bench/README.md, "HTTP through
one thread hop"). Here the body is read on the event loop, Django handles the request and
draws the whole response in the thread Django's synchronous code runs in, and the response is
sent from the event loop. Websockets stay with Channels (config/asgi.py).

Requests run on a small pool of threads of their own (settings.HTTP_THREADS), not on the one
thread Django's synchronous code shares by default: while one request waits on PostgreSQL,
another uses the core. Websocket consumers keep that shared thread.
"""

from concurrent.futures import ThreadPoolExecutor
from tempfile import SpooledTemporaryFile

from asgiref.sync import sync_to_async
from asgiref.wsgi import WsgiToAsgiInstance
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler

BODY_IN_MEMORY = 65536  # bytes of a request body kept in memory before it goes to a file


class DjangoHttp:
    def __init__(self, threads: int | None = None):
        self.handler = WSGIHandler()
        threads = threads or settings.HTTP_THREADS
        self.respond_in_thread = sync_to_async(
            self.respond,
            thread_sensitive=False,
            executor=ThreadPoolExecutor(threads, thread_name_prefix="http"),
        )

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"DjangoHttp serves HTTP only, not {scope['type']}")
        with SpooledTemporaryFile(max_size=BODY_IN_MEMORY) as body:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return  # gone before sending the whole request: nothing to answer
                body.write(message.get("body", b""))
                if not message.get("more_body"):
                    break
            body.seek(0)
            start, chunks = await self.respond_in_thread(scope, body)
        await send(start)
        for chunk in chunks:
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b""})

    def respond(self, scope, body) -> tuple[dict, list[bytes]]:
        """Django's whole request and response; closing the response ends the request (Django's
        request_finished: database connection back to the pool, files closed)."""
        try:
            environ = _environ(scope, body)
        except ValueError:  # more duplicate headers than asgiref allows
            return _plain_start(400), [b"Bad request: too many duplicate headers."]
        started = {}

        def start_response(status, headers, exc_info=None):
            started["status"] = int(status.split(" ", 1)[0])
            started["headers"] = [
                (name.lower().encode("latin1"), value.encode("latin1")) for name, value in headers
            ]

        response = self.handler(environ, start_response)
        try:
            chunks = [bytes(chunk) for chunk in response if chunk]
        finally:
            response.close()
        return {"type": "http.response.start", **started}, chunks


def _environ(scope, body) -> dict:
    """The WSGI environ for an ASGI HTTP scope, as asgiref's WSGI adapter builds it."""
    adapter = WsgiToAsgiInstance(wsgi_application=None)
    adapter.scope = scope
    return adapter.build_environ(scope, body)


def _plain_start(status: int) -> dict:
    return {
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"text/plain; charset=utf-8")],
    }
