"""The one settings module of Triển Khai, read from the environment.

SQLite is the embedded default so that `make run` works on a fresh machine;
`DATABASE_URL=postgres://…` switches to PostgreSQL for production.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
# pytest sets PYTEST_VERSION before anything imports the settings.
TESTING = env.bool("TRIENKHAI_TESTING", default="PYTEST_VERSION" in os.environ)
HTTPS = env.bool("TRIENKHAI_HTTPS", default=False)
DATA_DIR = Path(env.str("TRIENKHAI_DATA_DIR", default=str(BASE_DIR / "var")))

# The key comes from the environment, else from this install's own key file, which
# `make install` writes once with a random value (mode 600). Never a built-in default
# outside DEBUG and tests.
SECRET_KEY_FILE = DATA_DIR / "secret_key"
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY and SECRET_KEY_FILE.exists():
    SECRET_KEY = SECRET_KEY_FILE.read_text(encoding="utf-8").strip()
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            f"SECRET_KEY phải được đặt khi DEBUG tắt (biến môi trường hoặc tệp {SECRET_KEY_FILE})."
        )
    SECRET_KEY = "dev-only-" + "x" * 50

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_bootstrap5",
    "bootstrap",
    "js_lib_bootstrap_icons",
    "csp",
    "axes",
    "auditlog",
    "treebeard",
    "django_tasks",
    "django_tasks_db",
    "trienkhai.core",
    "trienkhai.accounts",
    "trienkhai.orgs",
    "trienkhai.dashboard",
    "trienkhai.documents",
    "trienkhai.plans",
    "trienkhai.tasks",
    "trienkhai.monitoring",
    "trienkhai.dissemination",
    "trienkhai.media",
    "trienkhai.reporting",
    "trienkhai.reminders",
    "trienkhai.inspections",
    "trienkhai.opinion",
    "trienkhai.emulation",
    "trienkhai.api",
    "trienkhai.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, which serves static files compressed ahead; above everything that
    # writes a page. Django's GZip pads each response with random bytes (Heal the BREACH),
    # and the CSRF token is masked anew on every response.
    "django.middleware.gzip.GZipMiddleware",
    # Django's, except that a chart image does not rewrite an unchanged session.
    "trienkhai.core.sessions.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "trienkhai.accounts.middleware.ForcePasswordChangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "trienkhai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "trienkhai.accounts.context_processors.site",
                "trienkhai.reminders.context_processors.notifications",
            ],
            "builtins": ["trienkhai.core.templatetags.vn"],
        },
    },
]

# Databases. SQLite needs IMMEDIATE transactions and WAL, otherwise the web
# server and the background worker give "database is locked".
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL;",
}
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'trienkhai.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default must work on a fresh machine: create its folder.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Several app servers share sessions and cache through Redis.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Argon2 is deliberately slow; tests only need a hasher that works.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "accounts:login"

# Office staff and leaders: 8 idle hours. Reporters on their own phone may ask
# to be remembered for 30 days (the login view sets the expiry per session).
SESSION_COOKIE_AGE = int(timedelta(hours=8).total_seconds())
SESSION_SAVE_EVERY_REQUEST = True
SESSION_REMEMBER_AGE = int(timedelta(days=30).total_seconds())

# Brute force: lock one username from one address, never a whole office behind one NAT.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("TRIENKHAI_PROXY_COUNT", default=0)
# X-Forwarded-For is believed only when a proxy is configured to set it.
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Language, time and number formats.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "trienkhai" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Quantities are printed only through the `so` filter; with Django's separator
# on, years print as "2.026" and ids in URLs as "1.234".
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["trienkhai.formats"]

STATIC_URL = "/static/"
# Tests never read collected files; an empty root keeps whitenoise from scanning
# the ~40,000 files `make run` collects, once per test client.
STATIC_ROOT = DATA_DIR / ("static-tests-unused" if TESTING else "static")
STATICFILES_DIRS = [BASE_DIR / "trienkhai" / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # icons/bi.css and icons/bi.woff2: Bootstrap Icons cut to the icons the pages use.
    "trienkhai.core.icons.IconFinder",
]
# Uploaded files live outside the static root and have no URL of their own:
# they are served only by a view that asks the owning object.
MEDIA_ROOT = DATA_DIR / "files"
# Files of a refused form, kept for the next try (`core.held_files`), removed after a day.
HELD_FILES_DIR = DATA_DIR / "held"
MEDIA_URL = "/_khong_phuc_vu/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Finders let `make run` in DEBUG serve without collectstatic. Not in tests: the
# test client builds its middleware per client, and scanning the ~4,000 icon
# files each time costs seconds (live_server serves static files itself).
WHITENOISE_USE_FINDERS = DEBUG and not TESTING

TRIENKHAI_UPLOAD_MAX_BYTES = env.int("TRIENKHAI_UPLOAD_MAX_MB", default=20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A plan's review screen posts every target, duty and deadline of the plan at once.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Content Security Policy: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# HTTPS behind a reverse proxy.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("TRIENKHAI_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("TRIENKHAI_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Background jobs: a database queue served by `db_worker`; immediate in tests.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="trienkhai@localhost")
# The address links in reminders (e-mail, the Zalo text) point to.
SITE_URL = env.str("TRIENKHAI_SITE_URL", default="http://127.0.0.1:8000")

# django-bootstrap5 would load from a CDN: point it at the app's own files.
BOOTSTRAP5 = {
    "css_url": {"url": "/static/bootstrap/css/bootstrap.min.css"},
    "javascript_url": {"url": "/static/bootstrap/js/bootstrap.bundle.min.js"},
    "set_placeholder": False,
    # No green tick on fields of a refused form: the user would read them as saved.
    "field_renderers": {"default": "trienkhai.core.forms.FieldRenderer"},
}

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
