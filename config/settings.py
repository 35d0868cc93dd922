"""Settings come from the environment (12-factor); see .env.example and docs/configuration.md."""

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
TESTING = bool(os.environ.get("PYTEST_VERSION"))

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    SECURE_SSL_REDIRECT=(bool, True),
    SECURE_COOKIES=(bool, True),
    LOG_LEVEL=(str, "INFO"),
)
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-development-key-never-use-in-production-" + "x" * 20
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env("ALLOWED_HOSTS") + (["testserver"] if TESTING or DEBUG else [])
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

# Domain apps, in dependency order. The demo loader and the navigation follow this order.
YHDYSPINTA_APPS = [
    "yhdyspinta.core",
    "yhdyspinta.accounts",
    "yhdyspinta.organisations",
    "yhdyspinta.catalogue",
    "yhdyspinta.cooperation",
    "yhdyspinta.readiness",
    "yhdyspinta.integration",
    "yhdyspinta.indicators",
    "yhdyspinta.funding",
    "yhdyspinta.transfers",
    "yhdyspinta.facilities",
    "yhdyspinta.notifications",
]
YHDYSPINTA_APPS = [a for a in YHDYSPINTA_APPS if (BASE_DIR / a.replace(".", "/") / "apps.py").exists()]
if os.environ.get("YHDYSPINTA_ONLY_APPS"):  # develop one app while others are half-built
    _only = {"core", "accounts", "organisations", *os.environ["YHDYSPINTA_ONLY_APPS"].split(",")}
    YHDYSPINTA_APPS = [a for a in YHDYSPINTA_APPS if a.rsplit(".", 1)[1] in _only]

INSTALLED_APPS = [
    "modeltranslation",  # must precede admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_otp",  # multi-factor sign-in (docs/accounts.md "Multi-factor sign-in")
    "django_otp.plugins.otp_totp",
    "django_filters",
    "django_tables2",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "auditlog",
    "axes",
    "csp",
    "django_htmx",
    "django_tasks",  # Django's Tasks API (backport); the notification e-mails run as tasks
    "django_tasks_db",  # its database backend: the queue lives in our own database (docs/notifications.md)
    *YHDYSPINTA_APPS,
    "django.forms",  # the widget templates, after the apps so core's faster select.html wins
]
# Forms render through TEMPLATES, so core/templates/django/forms/widgets/select.html (one loop,
# no template include per option: 3× faster for the 300-municipality selects) replaces Django's.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    "yhdyspinta.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "yhdyspinta.core.language.LanguageMiddleware",  # /sv/, /en/ in the address; else the saved choice
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified() from the session's device
    "django.contrib.messages.middleware.MessageMiddleware",
    "yhdyspinta.accounts.middleware.IdleSessionTimeoutMiddleware",  # SESSION_IDLE_TIMEOUT(_ADMIN)
    "yhdyspinta.accounts.mfa.MFARequiredMiddleware",  # a code before anything else (MFA_REQUIRED_FOR_SUPERUSERS)
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "yhdyspinta.core.middleware.AuditlogMiddleware",  # auditlog's, with the trusted client address
    "axes.middleware.AxesMiddleware",
    "yhdyspinta.core.views.errors.BadInputMiddleware",  # a number too large for int() or the DB: 400
    "yhdyspinta.core.uploads.UploadSizeMiddleware",  # an over-size upload refused before it is read
    "yhdyspinta.core.pagecache.AnonymousPageCacheMiddleware",  # innermost: hits still get headers
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

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
                "yhdyspinta.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside a writer; IMMEDIATE takes the write lock at BEGIN so
    # concurrent writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    (BASE_DIR / "var").mkdir(exist_ok=True)
# Persistent connections: opening one (and, on SQLite, running the PRAGMAs above) cost ~3.4 ms of
# CPU, a fifth of a typical signed-in request under load (docs/performance.md).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=600))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "yhdyspinta.accounts.oidc.ProviderBackend",  # single sign-on (OpenID Connect), docs/accounts.md
]
# Tolerated clock difference to an identity provider when checking an ID token's expiry and issue time.
OIDC_CLOCK_SKEW_SECONDS = env.int("OIDC_CLOCK_SKEW_SECONDS", default=30)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login throttling: lock the username+address pair after 5 failures for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client address of the access log, the change log and axes: X-Forwarded-For is believed
# only from these load balancers/proxies (addresses or CIDR blocks); empty: REMOTE_ADDR alone.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
AXES_CLIENT_IP_CALLABLE = "yhdyspinta.core.audit.client_address"

# Multi-factor sign-in (TOTP, django-otp; docs/accounts.md). Superusers must have a device; anyone may.
MFA_REQUIRED_FOR_SUPERUSERS = env.bool("MFA_REQUIRED_FOR_SUPERUSERS", default=True)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Yhdyspinta")
OTP_TOTP_THROTTLE_FACTOR = 1  # after each wrong code the next try waits 1, 2, 4, 8 … seconds
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin lists and removes devices, never shows a secret or QR code
# Personal API tokens expire after this many days unless the user picks another date (0: never).
API_TOKEN_DEFAULT_DAYS = env.int("API_TOKEN_DEFAULT_DAYS", default=90)

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
# The language choice persists for a year (yhdyspinta/core/language.py, docs/i18n.md).
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fi",)
MODELTRANSLATION_LANGUAGES = ("fi", "sv", "en")
LOCALE_PATHS = []
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["yhdyspinta.core.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "yhdyspinta" / "static"]
(BASE_DIR / "yhdyspinta" / "static").mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
MEDIA_URL = "media/"
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# Public pages for anonymous visitors are served from a cache shared by the app server's
# workers for this many seconds (yhdyspinta/core/pagecache.py); 0 turns it off.
ANONYMOUS_CACHE_SECONDS = env.int("ANONYMOUS_CACHE_SECONDS", default=0 if DEBUG or TESTING else 60)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env("PAGE_CACHE_DIR", default=str(BASE_DIR / "var" / "cache" / "pages")),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
    # API rate-limit counters (core/api/throttling.py): a file cache the server's workers share;
    # THROTTLE_CACHE_URL (e.g. redis://…, dbcache://table) shares them between app servers.
    "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"} if TESTING else
    env.cache_url("THROTTLE_CACHE_URL", default=f"filecache://{BASE_DIR / 'var' / 'cache' / 'throttle'}"),
}

# Security headers and cookies.
SESSION_COOKIE_SECURE = env("SECURE_COOKIES") and not DEBUG
CSRF_COOKIE_SECURE = env("SECURE_COOKIES") and not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Idle timeout in seconds (0: off): signed-in sessions end after this long without a request.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=8 * 60 * 60)
SESSION_IDLE_TIMEOUT_ADMIN = env.int("SESSION_IDLE_TIMEOUT_ADMIN", default=30 * 60)  # staff, superusers
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT") and not (DEBUG or TESTING)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "yhdyspinta.accounts.api_tokens.ApiTokenAuthentication",  # hashed personal tokens (docs/accounts.md)
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["yhdyspinta.core.api.permissions.RestrictedPermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "yhdyspinta.core.filtersets.BoundedFilterBackend",  # django-filter's, numbers bounded
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "yhdyspinta.core.pagination.CappedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "yhdyspinta.core.api.exceptions.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "yhdyspinta.core.api.parsers.SafeJSONParser",  # nesting and integer length limited (400)
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "yhdyspinta.core.api.throttling.AnonThrottle",
        "yhdyspinta.core.api.throttling.UserThrottle",
    ],
    # Tests make hundreds of requests a second from one address: high rates unless a test sets them.
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="100000/min" if TESTING else "120/min"),
        "user": env("API_THROTTLE_USER", default="100000/min" if TESTING else "1200/min"),
    },
}
# Limits on what a request may ask for (docs/reliability.md, README "Configuration").
API_MAX_LIMIT = env.int("API_MAX_LIMIT", default=1000)  # ?limit= of an API list is capped to this
API_JSON_MAX_DEPTH = env.int("API_JSON_MAX_DEPTH", default=64)
API_JSON_MAX_INT_DIGITS = env.int("API_JSON_MAX_INT_DIGITS", default=30)
UPLOAD_MAX_MB_IMPORT = env.int("UPLOAD_MAX_MB_IMPORT", default=10)  # CSV/XLSX/JSON import files
UPLOAD_MAX_MB_STATISTICS = env.int("UPLOAD_MAX_MB_STATISTICS", default=200)  # national indicator value files
UPLOAD_MAX_MB_ATTACHMENT = env.int("UPLOAD_MAX_MB_ATTACHMENT", default=25)  # meeting and agreement files
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=200_000)  # rows of one imported CSV/XLSX sheet
# a readiness period file of the whole country: 1 000 tasks × 300 regions = 300 000 rows, with room
READINESS_IMPORT_MAX_ROWS = env.int("READINESS_IMPORT_MAX_ROWS", default=400_000)
# Form fields (not files) of one request; files above 2.5 MB go to a temporary file, not memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
SPECTACULAR_SETTINGS = {
    "TITLE": "Yhdyspinta API",
    "DESCRIPTION": "Cooperation between wellbeing services counties and municipalities.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No deep-link anchor inside each operation's button (axe: nested-interactive, issue 16).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "COMPONENT_SPLIT_REQUEST": True,
}

DJANGO_TABLES2_TEMPLATE = "core/table.html"

# Audit: every model is logged unless deliberately left out here (docs/audit.md).
AUDITLOG_INCLUDE_ALL_MODELS = True
AUDITLOG_EXCLUDE_TRACKING_MODELS = (
    "sessions",
    "admin.logentry",
    "auditlog.logentry",
    "core.accesslog",
    "axes",
    "contenttypes",
    "django_tasks_db",  # the task queue's own rows
    "notifications.notification",  # the e-mails sent (their own log: status, attempts, masked errors)
    "notifications.calendarevent",
    "notifications.lastvisit",  # the time of each sign-in ("My work": changed since the previous one)
    "integration.respondent",  # anonymous survey answers are not personal records to trace
    "integration.answer",
    "indicators.indicatorvalue",
    "readiness.figurestore",  # derived figures, recomputed from the audited status reports  # public statistics written in bulk; each import leaves an ImportRun
    "readiness.reportchange",  # the change log of bulk status writes itself (its ReportBatch is audited)
    "facilities.importedrecord",  # the change log of the lease-list import's bulk path (its LeaseImport is audited)
)
AUDITLOG_EXCLUDE_TRACKING_FIELDS = ("password", "last_login", "key", "results_cache", "token_hash", "version",
                                   "client_secret", "key_hash",
                                   # a TOTP device's bookkeeping at each code (its adding and removal are logged)
                                   "last_t", "throttling_failure_timestamp", "throttling_failure_count",
                                   "last_used_at")
AUDITLOG_MASK_TRACKING_FIELDS = ("email", "phone")
# Accessibility feedback (core.AccessibilityFeedback): the reply address is masked like every e-mail,
# the resident's message is left out of the change log (it stays only in the record itself).
AUDITLOG_INCLUDE_TRACKING_MODELS = ({"model": "core.accessibilityfeedback", "exclude_fields": ["message"]},)
AUDITLOG_CID_GETTER = "yhdyspinta.core.middleware.current_request_id"
AUDITLOG_DISABLE_REMOTE_ADDR = False

# E-mail and notifications (docs/notifications.md): an SMTP relay in production, the console in DEBUG.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend" if DEBUG
                    else "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Yhdyspinta <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the accessibility statement sends feedback (Act 306/2019 requires a working channel).
ACCESSIBILITY_FEEDBACK_EMAIL = env("ACCESSIBILITY_FEEDBACK_EMAIL", default="")
# Messages one client address may send from the feedback form per hour (core/feedback.py; 0: no limit).
ACCESSIBILITY_FEEDBACK_PER_HOUR = env.int("ACCESSIBILITY_FEEDBACK_PER_HOUR", default=5)
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")  # links in e-mails
NOTIFICATIONS_ROUND_REMINDER_DAYS = env.list("NOTIFICATIONS_ROUND_REMINDER_DAYS", cast=int, default=[14, 7, 1])
NOTIFICATIONS_DIGEST_HOUR = env.int("NOTIFICATIONS_DIGEST_HOUR", default=7)  # local time
NOTIFICATIONS_DUTY_DUE_DAYS = env.int("NOTIFICATIONS_DUTY_DUE_DAYS", default=14)  # "due soon" this many days ahead
NOTIFICATIONS_DUTY_OVERDUE_DAYS = env.int("NOTIFICATIONS_DUTY_OVERDUE_DAYS", default=30)  # overdue this recently
NOTIFICATIONS_PERIOD_CLOSING_DAYS = env.int("NOTIFICATIONS_PERIOD_CLOSING_DAYS", default=3)
NOTIFICATIONS_CLAIM_SECONDS = env.int("NOTIFICATIONS_CLAIM_SECONDS", default=900)  # a killed run's rows retried after
NOTIFICATIONS_RETRY_SECONDS = env.int("NOTIFICATIONS_RETRY_SECONDS", default=300)  # first back-off, doubling
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=8)
NOTIFICATIONS_MESSAGE_ID_DOMAIN = env("NOTIFICATIONS_MESSAGE_ID_DOMAIN", default="yhdyspinta.local")
# Tasks run by `yhdyspinta db_worker` from the database; in DEBUG and tests right away in-process.
TASKS = {"default": {"BACKEND": env(
    "TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend" if DEBUG or TESTING
    else "django_tasks_db.DatabaseBackend")}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "yhdyspinta.core.middleware.RequestIdLogFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
    "loggers": {"axes": {"level": "WARNING"}},
}
