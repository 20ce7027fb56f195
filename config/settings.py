"""One settings file, configured from the environment (see README: Configuration)."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from config.env import (
    database_from_url,
    env_bool,
    env_fernet_keys,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# PRODUCTION switches on every secure default; the embedded defaults are for a laptop.
PRODUCTION = env_bool("PRODUCTION", False)
DEBUG = env_bool("DEBUG", not PRODUCTION)
SECRET_KEY = env_str("SECRET_KEY", None if PRODUCTION else "insecure-local-only-key-" + "x" * 40)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "formtools",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "surveys",
    "engage",
    "analysis",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "surveys.middleware.never_cache_pages",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "surveys.context_processors.service",
            ],
        },
    },
]

# Database: SQLite on a laptop, PostgreSQL (psycopg 3 with its pool) anywhere real.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {"default": database_from_url(DATABASE_URL, pool=env_bool("DATABASE_POOL", True))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Threads per server process answering HTTP at once (config/http.py). PostgreSQL takes writes
# from several; SQLite takes one writer at a time, so a laptop keeps to one.
HTTP_THREADS = env_int("HTTP_THREADS", 1 if DATABASE_URL.startswith("sqlite") else 2, minimum=1)

# Redis carries the channel layer and the cache when it is configured.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    # Redis pub/sub: a group send is one PUBLISH that each worker fans out to its own sockets
    # over one subscriber connection. The list-based layer pops messages one at a time per
    # worker, and with redis-py's defaults (5 s read timeout, the same as its 5 s blocking pop;
    # a bounded pool) it dropped sockets with a room of phones connected. Delivery is at most
    # once; each stamp carries the whole state, so the next one puts a page right.
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "votc",
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work: "immediate" runs tasks in the request (tests); "database" queues them
# for `manage.py db_worker`, which `make run` starts.
TASK_BACKEND = env_str("TASK_BACKEND", "database" if PRODUCTION else "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }.get(TASK_BACKEND, "invalid"),
    }
}
if TASKS["default"]["BACKEND"] == "invalid":
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("TASK_BACKEND must be 'immediate' or 'database'.")

# Background work not heard from for this many minutes is taken to have stopped half-way (its
# worker was restarted) and can be started again. Generous: on SQLite an import's saving stage
# shows no progress until it ends.
BACKGROUND_STALLED_MINUTES = env_int("BACKGROUND_STALLED_MINUTES", 10, minimum=1)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
CSRF_FAILURE_VIEW = "surveys.views.csrf_failure"
LOGIN_URL = "staff-login"
LOGIN_REDIRECT_URL = "staff-home"
LOGOUT_REDIRECT_URL = "staff-login"

# Children come back to a half-finished survey on the same device for up to 30 days.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 30 * 24 * 3600, minimum=3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("cy", _("Welsh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 31536000 if PRODUCTION else 0

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "voice-of-the-child@localhost")

# The service's own rules.
SMALL_NUMBER_THRESHOLD = env_int("SMALL_NUMBER_THRESHOLD", 5, minimum=1)
QUICK_EXIT_URL = env_str("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")
RESUME_ATTEMPTS_PER_HOUR = env_int("RESUME_ATTEMPTS_PER_HOUR", 20, minimum=1)
# How long each server process may answer from its copy of a collection link before reading it
# again: a link closed or changed by staff takes effect everywhere within this many seconds.
LINK_CACHE_SECONDS = env_int("LINK_CACHE_SECONDS", 10, minimum=0)

# Family members' words in practice reviews are encrypted in the database with this key
# (Fernet; several comma-separated keys rotate: the first encrypts, all decrypt). Generate one
# with `python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`.
FIELD_ENCRYPTION_KEYS = env_list(
    "FIELD_ENCRYPTION_KEY",
    None if PRODUCTION else ["bG9jYWwtb25seS1maWVsZC1rZXktbm90LWZvci11c2U="],
)
env_fernet_keys("FIELD_ENCRYPTION_KEY", FIELD_ENCRYPTION_KEYS)
# An invitation link to a family member works once, within this many days.
REVIEW_INVITATION_DAYS = env_int("REVIEW_INVITATION_DAYS", 14, minimum=1)
# A family member's signed-in visit ends after this many minutes without a page.
FAMILY_IDLE_MINUTES = env_int("FAMILY_IDLE_MINUTES", 60, minimum=5)
# Wrong second-factor answers before an invitation locks and the coordinator is told.
FAMILY_CHECK_ATTEMPTS = env_int("FAMILY_CHECK_ATTEMPTS", 5, minimum=1)

# Messages travel in a cookie, so a child's page never reads a server-side session.
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

# Secure production mode: `manage.py check --deploy` is clean with PRODUCTION=true.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Request logs can carry addresses and form bodies: keep them out of the logs.
    "loggers": {"django.request": {"level": "ERROR"}, "django.server": {"level": "WARNING"}},
}
