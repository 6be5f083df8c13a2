"""The one settings module: every value comes from the environment (see .env.example)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from opfolgning.env import (
    env_bool,
    env_email,
    env_int,
    env_int_in,
    env_list,
    env_pairs,
    env_rate_limit,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("OPFOLGNING_DATA_DIR", str(Path.cwd() / "var")))

DEBUG = env_bool("DEBUG", False)
# Production switches on the secure defaults below (HTTPS only, secure cookies, HSTS) and
# insists on a real SECRET_KEY and ALLOWED_HOSTS; `opfolgning check --deploy` then passes.
PRODUCTION = env_bool("OPFOLGNING_PRODUCTION", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG=1 is not allowed with OPFOLGNING_PRODUCTION=1; set DEBUG=0")
SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in production (50+ random characters, e.g. from "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)"
        )
    SECRET_KEY = "insecure-development-key-set-SECRET_KEY-in-production"
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set in production, e.g. ALLOWED_HOSTS=opfolgning.kommune.dk"
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    # django-ninja's bundled Swagger UI files (/api/docs loads nothing from a CDN).
    "ninja",
    "rules.apps.AutodiscoverRulesConfig",
    "opfolgning",
    "opfolgning.agreements",
    "opfolgning.accounts",
    "opfolgning.delivery",
    "opfolgning.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A body over DATA_UPLOAD_MAX_MEMORY_SIZE to the API: a JSON 413 (not an HTML 400).
    "opfolgning.api.middleware.BodyLimitMiddleware",
    # Serves STATIC_ROOT under gunicorn (after `opfolgning collectstatic`); with DEBUG, the finders.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "opfolgning.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Cache-Control: private, no-store on what a signed-in user or a token's holder gets.
    "opfolgning.web.middleware.PrivateCacheMiddleware",
    # 429 for too many API requests or sign-in attempts (RATE_LIMIT_* below).
    "opfolgning.ratelimit.RateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # One request's writes are one change set: one entry in an initiative's timeline.
    "opfolgning.web.middleware.ChangeSetMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A selector's NotFound (no such agreement, round, initiative) is the 404 page.
    "opfolgning.web.middleware.NotFoundMiddleware",
]

ROOT_URLCONF = "opfolgning.urls"
WSGI_APPLICATION = "opfolgning.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "opfolgning.web.context.site",
            ],
        },
    },
]

_default_db = f"sqlite:///{DATA_DIR / 'opfolgning.sqlite3'}"
DATABASE_URL = env_str("DATABASE_URL", _default_db)
try:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))
except ValueError as exc:
    raise ImproperlyConfigured(
        f"DATABASE_URL={DATABASE_URL!r} is not a database URL: {exc}"
    ) from None
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE avoids deadlocked upgrades.
    _db["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        " PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    _db["ENGINE"] = "opfolgning.db.sqlite"
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# Det Fælles Designsystem comes from npm (`make install` runs `npm ci`): its stylesheet, fonts
# and icons are served from node_modules under static/dkfds/ (opfolgning.web.staticfiles).
NODE_MODULES_DIR = Path(env_str("NODE_MODULES_DIR", "") or BASE_DIR.parent.parent / "node_modules")
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "opfolgning.web.staticfiles.DesignSystemFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # collectstatic also writes gzip copies, which WhiteNoise serves to browsers that accept them
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Sign-in (opfolgning.accounts): local accounts, and OpenID Connect when configured below.
LOGIN_URL = "login"
# After sign-in each role lands where its work is (web.views.landing; issue 16).
LOGIN_REDIRECT_URL = "web:landing"
LOGOUT_REDIRECT_URL = "web:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "opfolgning.accounts.validators.RepeatedCharactersValidator"},
]

# OpenID Connect (e.g. Entra ID), on when OIDC_RP_CLIENT_ID is set; see docs/sso.md.
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
OIDC_USERNAME_CLAIM = env_str("OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_GROUPS_CLAIM = env_str("OIDC_GROUPS_CLAIM", "groups")
# role=group; Center name=group; Committee name=group (pairs separated by ';').
OIDC_ROLE_GROUPS = env_pairs("OIDC_ROLE_GROUPS")
OIDC_CENTER_GROUPS = env_pairs("OIDC_CENTER_GROUPS")
OIDC_COMMITTEE_GROUPS = env_pairs("OIDC_COMMITTEE_GROUPS")
LOGIN_REDIRECT_URL_FAILURE = "/konto/log-ind/?sso=fejl"
_OIDC_ROLES = {"finance_officer", "department_editor", "committee_reader"}
for _role, _group in OIDC_ROLE_GROUPS:
    if _role not in _OIDC_ROLES:
        raise ImproperlyConfigured(
            f"OIDC_ROLE_GROUPS: unknown role {_role!r}; use {', '.join(sorted(_OIDC_ROLES))}"
        )
if OIDC_ENABLED:
    _missing = [
        name
        for name, value in [
            ("OIDC_RP_CLIENT_SECRET", OIDC_RP_CLIENT_SECRET),
            ("OIDC_OP_AUTHORIZATION_ENDPOINT", OIDC_OP_AUTHORIZATION_ENDPOINT),
            ("OIDC_OP_TOKEN_ENDPOINT", OIDC_OP_TOKEN_ENDPOINT),
            ("OIDC_OP_USER_ENDPOINT", OIDC_OP_USER_ENDPOINT),
        ]
        if not value
    ]
    if OIDC_RP_SIGN_ALGO.startswith(("RS", "ES")) and not OIDC_OP_JWKS_ENDPOINT:
        _missing.append("OIDC_OP_JWKS_ENDPOINT")
    if _missing:
        raise ImproperlyConfigured(
            f"OIDC_RP_CLIENT_ID is set, so single sign-on needs {', '.join(_missing)} too"
        )
    AUTHENTICATION_BACKENDS.append("opfolgning.accounts.oidc.RoleMappingOIDCBackend")

# Background jobs (large report files): django-tasks with the database backend; run the
# worker with `opfolgning db_worker` (make run starts one).
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# Reports with more initiatives than this are rendered as a background job (PDF, DOCX, …).
REPORT_SYNC_MAX_INITIATIVES = env_int("REPORT_SYNC_MAX_INITIATIVES", 300)
# Imported files larger than this are refused before they are read or unpacked.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_MB", 20) * 1024 * 1024
# Uploaded imports larger than this are read as a background job (a progress bar meanwhile).
IMPORT_SYNC_MAX_BYTES = env_int("IMPORT_SYNC_MAX_KB", 256) * 1024

# Reminders (`opfolgning remind`, daily from cron; see docs/operations.md): department
# editors who have not submitted are e-mailed from this many days before a round's deadline,
# on the deadline day, and once a day after it while the round is still open.
REMINDER_DAYS_BEFORE = env_int_in("REMINDER_DAYS_BEFORE", 3, low=0, high=90)
# The address people reach the site at; links in e-mails start with it.
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000")

# Open data (/data/): the licence stated in every file and page, and who publishes the data
# (empty: the neutral "Kommunen"). The licence address is only linked, never fetched.
OPEN_DATA_LICENCE = env_str("OPEN_DATA_LICENCE", "CC BY 4.0").strip() or "CC BY 4.0"
OPEN_DATA_LICENCE_URL = env_url(
    "OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/legalcode"
)
OPEN_DATA_PUBLISHER = env_str("OPEN_DATA_PUBLISHER", "").strip()

# The municipality the site is for: its name on the home page and in the header, an optional
# logo (an address the municipality serves, e.g. /static/logo.svg), the accessibility
# statement that /was leads to (the municipality's page in the WAS tool) and a contact.
MUNICIPALITY_NAME = env_str("MUNICIPALITY_NAME", "").strip()
MUNICIPALITY_LOGO_URL = env_str("MUNICIPALITY_LOGO_URL", "").strip()
ACCESSIBILITY_STATEMENT_URL = (
    env_url("ACCESSIBILITY_STATEMENT_URL", "https://www.was.digst.dk/")
    if env_str("ACCESSIBILITY_STATEMENT_URL", "").strip()
    else ""
)
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "").strip()

# E-mail. Without EMAIL_BACKEND, mails are printed to the console under DEBUG and sent by
# SMTP otherwise.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "") or "localhost"
EMAIL_PORT = env_int_in("EMAIL_PORT", 25, low=1, high=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "EMAIL_USE_TLS and EMAIL_USE_SSL are both on; use TLS (STARTTLS, port 587) or SSL "
        "(port 465), not both"
    )
# Seconds before an unanswering mail server is given up, so a worker never hangs on it.
EMAIL_TIMEOUT = env_int_in("EMAIL_TIMEOUT", 30, low=1, high=600)
DEFAULT_FROM_EMAIL = env_email("DEFAULT_FROM_EMAIL", "Opfølgning <opfolgning@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Rate limits (opfolgning.ratelimit): requests per period such as 300/minute, 10/m,
# 1000/hour; "" or 0 turns a limit off. The API counts per token (else per client IP), the
# sign-in form per client IP and per username. The counts live in the cache named by
# RATE_LIMIT_CACHE: "default" (local memory) counts per worker process; "database" counts
# for all workers together (run `opfolgning createcachetable` once).
RATE_LIMIT_API = env_rate_limit("RATE_LIMIT_API", "300/minute")
RATE_LIMIT_LOGIN = env_rate_limit("RATE_LIMIT_LOGIN", "10/minute")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "database": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "opfolgning_cache",
    },
}
RATE_LIMIT_CACHE = env_str("RATE_LIMIT_CACHE", "default").strip() or "default"
if RATE_LIMIT_CACHE not in CACHES:
    raise ImproperlyConfigured(
        f"RATE_LIMIT_CACHE={RATE_LIMIT_CACHE!r} is not a cache in CACHES; use "
        + ", ".join(sorted(CACHES))
    )
# Only behind a proxy that sets X-Forwarded-For itself: then its first address is the client.
RATE_LIMIT_TRUST_FORWARDED = env_bool("RATE_LIMIT_TRUST_FORWARDED", False)

# Secure by default in production; a local run (DEBUG, tests, benchmarks) stays on plain HTTP.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", PRODUCTION)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
# Behind a proxy that ends TLS: name the header it sets, e.g. X-Forwarded-Proto (only when
# the proxy always sets or overwrites it, or anyone could claim HTTPS).
_proxy_header = env_str("SECURE_PROXY_SSL_HEADER", "").strip()
if _proxy_header:
    _meta = _proxy_header.upper().replace("-", "_")
    SECURE_PROXY_SSL_HEADER = (_meta if _meta.startswith("HTTP_") else f"HTTP_{_meta}", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
