"""Bench-only experiment (BENCH_SYNC_MIDDLEWARE=1, see bench/settings.py): a no-op middleware
that can only run synchronously, placed last in MIDDLEWARE.

Under the ASGI handler Django runs every middleware that can run asynchronously in async mode,
and MiddlewareMixin then sends each process_request/process_response to a thread with
sync_to_async: about 19 thread hops a request with this project's middleware. One sync-only
middleware at the inner end makes Django adapt the chain once, so the whole chain and the sync
views run in one worker thread. Not used by the app.
"""


class SyncOnlyMiddleware:
    sync_capable = True
    async_capable = False

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
