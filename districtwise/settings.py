"""Districtwise settings: one module; production differs only by environment variables.

Variables (all read strictly, see ``core.env``):
  DISTRICTWISE_ENV            development | production (default development)
  DISTRICTWISE_DEBUG          yes/no (default no)
  DISTRICTWISE_SECRET_KEY     required in production
  DISTRICTWISE_ALLOWED_HOSTS  comma-separated host names
  DISTRICTWISE_DATA_DIR       everything written to disk (default ./var)
  DATABASE_URL                sqlite:///path or postgres://...; default SQLite in the data dir
  DISTRICTWISE_BASE_URL       the address people open, for links in e-mails
  DISTRICTWISE_EMAIL_BACKEND  console (default: e-mails printed) | smtp (EMAIL_HOST and co.)
  DISTRICTWISE_FROM_EMAIL     the sender of notification e-mails
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from districtwise.core.env import env_bool, env_choice, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DEVELOPMENT_SECRET_KEY = "districtwise-development-only-not-secret"

ENVIRONMENT = env_choice("DISTRICTWISE_ENV", "development", ("development", "production"))
DEBUG = env_bool("DISTRICTWISE_DEBUG", False)
SECRET_KEY = env_str("DISTRICTWISE_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env_list("DISTRICTWISE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
DATA_DIR = env_path("DISTRICTWISE_DATA_DIR", BASE_DIR / "var")

if ENVIRONMENT == "production":
    if DEBUG:
        raise ImproperlyConfigured("DISTRICTWISE_DEBUG is on in production: turn it off.")
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "DISTRICTWISE_SECRET_KEY is the development default or shorter than 32 characters: "
            "set a long random secret in production."
        )

_database_url = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'districtwise.sqlite3'}")
try:
    _database = dj_database_url.parse(_database_url, conn_max_age=60)
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is malformed: {exc}") from None
if _database["ENGINE"] not in (
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
):
    raise ImproperlyConfigured("DATABASE_URL must be a sqlite:// or postgres:// URL.")
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer works; the init command runs on every connection.
    _database["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    _database["CONN_MAX_AGE"] = 0
DATABASES = {"default": _database}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "districtwise.core",
    "districtwise.organization",
    "districtwise.data",
    "districtwise.equity",
    "districtwise.strategy",
    "districtwise.supports",
    "districtwise.workload",
    "districtwise.improvement",
    "districtwise.voice",
    "districtwise.community",
    "districtwise.leadership",
    "districtwise.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "districtwise.core.middleware.CurrentDistrictMiddleware",
]

ROOT_URLCONF = "districtwise.urls"
WSGI_APPLICATION = "districtwise.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "districtwise.web.context.navigation",
                "districtwise.web.context.notifications",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Failed log-ins allowed per account name and per address before a pause.
LOGIN_FAILURE_LIMIT = env_int("DISTRICTWISE_LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("DISTRICTWISE_LOGIN_FAILURE_WINDOW", 900, minimum=1)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = ENVIRONMENT == "production"
CSRF_COOKIE_SECURE = ENVIRONMENT == "production"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/Chicago"
USE_I18N = True
USE_TZ = True

# The analytics engine: DuckDB embedded by default; Spark when one machine is not enough.
ANALYTICS_ENGINE = env_choice("ANALYTICS_ENGINE", "duckdb", ("duckdb", "spark"))
SPARK_MASTER_URL = env_str("SPARK_MASTER_URL", "local[2]")
# Imports: the largest file accepted, and how far a zip may expand (against zip bombs).
IMPORT_MAX_FILE_BYTES = env_int("DISTRICTWISE_IMPORT_MAX_FILE_BYTES", 8 * 1024**3, minimum=1)
IMPORT_MAX_ZIP_RATIO = env_int("DISTRICTWISE_IMPORT_MAX_ZIP_RATIO", 200, minimum=1)
# Improvement networks: the largest file kept with a PDSA cycle (a photo, a document).
IMPROVEMENT_ATTACHMENT_MAX_BYTES = env_int(
    "DISTRICTWISE_IMPROVEMENT_ATTACHMENT_MAX_BYTES", 10 * 1024**2, minimum=1
)

# Voice and guidance: the largest file kept with a need raised by a school.
VOICE_ATTACHMENT_MAX_BYTES = env_int(
    "DISTRICTWISE_VOICE_ATTACHMENT_MAX_BYTES", 10 * 1024**2, minimum=1
)

# Notifications by e-mail: printed to the console unless an SMTP server is configured.
DISTRICTWISE_BASE_URL = env_str("DISTRICTWISE_BASE_URL", "http://127.0.0.1:8000")
EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}[env_choice("DISTRICTWISE_EMAIL_BACKEND", "console", ("console", "smtp"))]
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DISTRICTWISE_FROM_EMAIL", "districtwise@localhost")

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
