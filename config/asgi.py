"""One ASGI application: HTTP through Django's WSGI handler in one thread hop (config/http.py,
which says why), websockets through Channels."""

import gc
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup(set_prefix=False)  # as get_wsgi_application() does: the prefix comes per request

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from channels.sessions import SessionMiddlewareStack  # noqa: E402

from config.http import DjangoHttp  # noqa: E402
from engage.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": DjangoHttp(),
        "websocket": AllowedHostsOriginValidator(
            SessionMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)

# Everything loaded so far lives as long as the process: keep it out of the collector's full
# passes, which would otherwise walk it every time and stall whatever request is running.
gc.freeze()
# A request makes tens of thousands of short-lived objects, nearly all freed by reference
# counting; collecting the youngest generation after every 700 new ones (Python's default)
# cost about 8 % of a busy server's survey throughput (bench/README.md).
gc.set_threshold(50_000, 20, 100)
