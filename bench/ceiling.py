"""Bench-only URLconf: the app's URLs plus a minimal form POST that inserts one row.

The ceiling view goes through the same middleware (security, whitenoise, gzip, sessions,
locale, CSRF, auth, messages) and the same server setup as the survey, but does no more work
than one INSERT into `bench_ceiling`, a table bench/collection.py creates itself (no model,
no migration). Its POST answers with a redirect, like a survey page does.
"""

from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import include, path

TABLE = "bench_ceiling"
CREATE_TABLE = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} ("
    " id bigserial PRIMARY KEY,"
    " value text NOT NULL,"
    " created_at timestamptz NOT NULL DEFAULT now())"
)

_FORM = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ceiling</title></head>'
    '<body><form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    '<input name="value"><button type="submit">Send</button></form></body></html>'
)


def ceiling(request):
    if request.method == "POST":
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} (value) VALUES (%s)", [request.POST.get("value", "")[:200]]
            )
        return HttpResponseRedirect(request.path)
    return HttpResponse(_FORM.format(token=get_token(request)))


urlpatterns = [
    path("bench/ceiling/", ceiling, name="bench-ceiling"),
    path("", include("config.urls")),
]
