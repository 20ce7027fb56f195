"""Bench-only settings: the production settings plus the ceiling route (bench/ceiling.py).

Used only by bench/collection.py, which starts uvicorn with DJANGO_SETTINGS_MODULE=bench.settings.
Everything comes from config.settings (and so from the environment, e.g. PRODUCTION=true); the
one change is ROOT_URLCONF, read from BENCH_ROOT_URLCONF (default "bench.ceiling", which serves
the app's own URLs plus /bench/ceiling/). config/urls.py is not touched.
"""

import os

from config.settings import *  # noqa: F403

ROOT_URLCONF = os.environ.get("BENCH_ROOT_URLCONF", "bench.ceiling")

# Only for the `--app wsgi` experiment (see bench/collection.py): a larger connection pool.
if os.environ.get("BENCH_POOL_MAX_SIZE") and isinstance(
    DATABASES["default"]["OPTIONS"].get("pool"),  # noqa: F405
    dict,
):
    DATABASES["default"]["OPTIONS"]["pool"]["max_size"] = int(  # noqa: F405
        os.environ["BENCH_POOL_MAX_SIZE"]
    )

# Experiment (collection.py --sync-middleware): force the middleware chain into sync mode.
if os.environ.get("BENCH_SYNC_MIDDLEWARE") == "1":
    MIDDLEWARE = [*MIDDLEWARE, "bench.middleware.SyncOnlyMiddleware"]  # noqa: F405
