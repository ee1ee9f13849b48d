"""Django settings for Plenary.

Everything that differs between machines comes from the environment, with safe defaults:
DATABASE_URL (default: SQLite under ./var/), SECRET_KEY (generated once into ./var/secret_key),
DEBUG (off unless "1"/"true"), ALLOWED_HOSTS (comma-separated), PLENARY_VAR_DIR.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

from plenary.core.clients import parse_proxies

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("PLENARY_VAR_DIR", Path.cwd() / "var")).resolve()


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """The key from the environment, else one generated once and kept in VAR_DIR (never committed)."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    # Created with owner-only permissions: the key signs sessions.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


SECRET_KEY = _secret_key()
DEBUG = _env_bool("DEBUG")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h.strip()
]

INSTALLED_APPS = [
    # Django's admin with Plenary's sign-in and second factor (plenary.accounts.admin_site).
    "plenary.accounts.apps.PlenaryAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "plenary.core",
    "plenary.treaties",
    "plenary.meetings",
    "plenary.participation",
    "plenary.documents",
    "plenary.proceedings",
    "plenary.reports",
    "plenary.search",
    "plenary.accounts",
    # The treaty's databases.
    "plenary.cbm",
    "plenary.cooperation",
    "plenary.assistance",
    "plenary.finance",
    "plenary.sponsorship",
    # The second factor: TOTP devices (authenticator apps) and static ones (recovery codes).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "plenary.portal",
    "plenary.backoffice",
    "plenary.web",
    # django-ninja's own copy of Swagger UI (static/ninja/): /api/docs loads nothing from a CDN.
    # Last, so that plenary.web's templates/ninja/ (the favicon) comes first.
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The headers of every answer, static files included (see "HTTPS and the headers" below).
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "plenary.web.headers.SecurityHeadersMiddleware",
    # Static files, before anything else spends time on the request (see "Static files" below).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "plenary.web.middleware.ReaderLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second factor; then the one rule
    # that a staff or superuser session without it reaches nothing as staff.
    "django_otp.middleware.OTPMiddleware",
    "plenary.accounts.middleware.SecondFactorMiddleware",
    # Right after the user is known: a staff session past its hours is ended before anything uses it.
    "plenary.accounts.middleware.StaffSessionMiddleware",
    # After the language and the user are known (its 413 page speaks the reader's language), before
    # anything reads the body (the CSRF check reads the form in its process_view).
    "plenary.web.uploads.TooLargeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "plenary.urls"
WSGI_APPLICATION = "plenary.wsgi.application"

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
                "plenary.web.context_processors.site",
            ],
        },
    },
]

# --- Database connections ---
# Reused, checked, bounded. SQLite: each thread keeps its connection for up to 10 minutes, checked
# before a request's first query (CONN_HEALTH_CHECKS: one that broke is replaced, not used), so a
# server holds at most one per thread (`plenary serve --workers W --threads T`: W x T); `plenary
# serve --dev`, a new thread per request, closes each request's connection (cli.py). PostgreSQL:
# a pool per process, below.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'plenary.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite for one machine, with concurrent writers that wait instead of failing: WAL lets
    # readers go on while one writer writes; every transaction.atomic() begins IMMEDIATE, taking
    # the write lock at once (a transaction that reads first and writes later would otherwise fail
    # at once with "database is locked" when another writer got there first: SQLite cannot wait
    # there without risking a deadlock); a writer waits up to SQLITE_BUSY_TIMEOUT seconds for the
    # lock ("timeout" is sqlite3's busy timeout). Reads outside atomic blocks (ATOMIC_REQUESTS is
    # off) take no write lock. Django turns foreign keys on itself; synchronous=NORMAL is safe
    # with WAL (a power cut may lose the last commits, but never corrupts the file).
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "timeout": float(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg's pool instead of persistent connections: each process keeps at most
    # DATABASE_POOL_SIZE connections (`plenary serve` sets it to its threads per worker when it is
    # not set), so that the workers together hold at most workers x DATABASE_POOL_SIZE, which must
    # stay under PostgreSQL's max_connections (`plenary serve` warns when it would not). A request
    # finding every connection in use waits for one (up to 30 s) rather than opening another. With
    # CONN_HEALTH_CHECKS, Django has the pool check a connection before lending it
    # (ConnectionPool.check_connection) and replace a broken one; the pool closes connections idle
    # for 10 minutes and renews each after an hour.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "pool": {
            "min_size": 1,
            "max_size": int(os.environ.get("DATABASE_POOL_SIZE", "4")),
            "timeout": 30,
        },
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# --- the shared cache and the page cache (plenary.core.pagecache, plenary.core.versions) ---
# CACHE_URL: unset -> files under VAR_DIR/cache, shared by every worker process of this machine;
# redis://host:port/db (or rediss://) -> Redis, shared by several app servers; db -> the database
# (table plenary_cache, made by `plenary setup`/ensure_database), shared by every server of the
# database; locmem -> this process alone (one worker, tests).
def _caches(url: str) -> dict:
    url = url.strip()
    if not url:
        backend = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            # Django's default (300) would cull the pages of one Review Conference in six languages.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    elif url.startswith(("redis://", "rediss://")):
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    elif url == "db":
        backend = {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "plenary_cache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    elif url == "locmem":
        backend = {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    else:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"CACHE_URL must be redis://host:port/db, db or locmem, not {url!r}")
    return {"default": {**backend, "KEY_PREFIX": "plenary", "TIMEOUT": 300}}


CACHES = _caches(os.environ.get("CACHE_URL", ""))
# How long a cached page is served at most, in seconds (0: no page cache). Writes make a page stale
# at once; this bounds what depends on today's date alone (the next meeting, treaty status today).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The six official languages of the United Nations, in the UN's own order of listing.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django's own date formats where they differ from the UN's (see plenary/formats).
FORMAT_MODULE_PATH = ["plenary.formats"]
TIME_ZONE = "Europe/Zurich"
USE_I18N = True
USE_TZ = True

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads it for its requests
CSRF_FAILURE_VIEW = "plenary.web.errors.csrf_failure"
# Sign-in throttling: failed sign-ins allowed for one account (user name) in the window before
# its sign-in is refused; and, far more, from one client address (delegates share the addresses
# of a conference centre), counted over every name tried from it.
LOGIN_FAILURES_ALLOWED = int(os.environ.get("LOGIN_FAILURES_ALLOWED", "5"))
LOGIN_ADDRESS_FAILURES_ALLOWED = int(os.environ.get("LOGIN_ADDRESS_FAILURES_ALLOWED", "100"))
LOGIN_FAILURE_WINDOW_MINUTES = int(os.environ.get("LOGIN_FAILURE_WINDOW_MINUTES", "15"))
# The second factor (django-otp): wrong codes wait 1, 2, 4, 8... seconds (its throttle, per device);
# after OTP_WRONG_CODES_ALLOWED wrong codes the pending sign-in is dropped and starts again with the
# password. An enrolment link works once, for OTP_ENROLMENT_HOURS; a person may ask for one by
# mail at most every OTP_ENROLMENT_MAIL_MINUTES.
OTP_TOTP_ISSUER = "Plenary"
OTP_WRONG_CODES_ALLOWED = int(os.environ.get("OTP_WRONG_CODES_ALLOWED", "10"))
OTP_ENROLMENT_HOURS = int(os.environ.get("OTP_ENROLMENT_HOURS", "24"))
OTP_ENROLMENT_MAIL_MINUTES = int(os.environ.get("OTP_ENROLMENT_MAIL_MINUTES", "5"))
OTP_RECOVERY_CODES = 10
# Password-reset requests served per hour for one e-mail address, and from one client address:
# beyond them no mail leaves (the page answers the same). Stored in the database: every server
# counts the same requests.
PASSWORD_RESETS_PER_EMAIL_HOUR = int(os.environ.get("PASSWORD_RESETS_PER_EMAIL_HOUR", "3"))
PASSWORD_RESETS_PER_ADDRESS_HOUR = int(os.environ.get("PASSWORD_RESETS_PER_ADDRESS_HOUR", "20"))
# The reverse proxies in front of Plenary (comma-separated addresses or networks, e.g.
# "127.0.0.1,10.0.0.0/8"): from them alone X-Forwarded-For is believed, for the client's address
# (plenary.core.clients). Default none: the client is the connection's peer.
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]
try:
    _trusted_proxies = parse_proxies(TRUSTED_PROXIES)
except ValueError as exc:
    raise ImproperlyConfigured(str(exc)) from None
# Staff and superusers: a session ends when the browser closes, and at most this many hours after
# sign-in however it is kept (checked on the server, plenary.accounts.middleware).
STAFF_SESSION_HOURS = float(os.environ.get("STAFF_SESSION_HOURS", "8"))
# Uploads: language versions of documents.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))
# A request body beyond this is refused before it is read (the most a form takes: a document's
# six language versions at the limit, and the form's fields).
UPLOAD_MAX_REQUEST_BYTES = int(
    os.environ.get("UPLOAD_MAX_REQUEST_BYTES", str(6 * UPLOAD_MAX_BYTES + 1024 * 1024))
)
# An Office file (a zip) is refused before it is unpacked if it would unpack past this many bytes,
# or to more than this many times its packed size (a zip bomb), or holds more parts than this.
UPLOAD_UNZIPPED_MAX_BYTES = int(os.environ.get("UPLOAD_UNZIPPED_MAX_BYTES", str(100 * 1024 * 1024)))
UPLOAD_ZIP_MAX_RATIO = int(os.environ.get("UPLOAD_ZIP_MAX_RATIO", "100"))
UPLOAD_ZIP_MAX_ENTRIES = int(os.environ.get("UPLOAD_ZIP_MAX_ENTRIES", "1000"))
# For the tests that kill a server mid-issue only (documents/files.py pause_point): never set it
# in production.
TEST_PAUSE_POINTS = _env_bool("PLENARY_TEST_PAUSE_POINTS")
UPLOAD_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".txt": "text/plain",
}

# Mail (notifications, password reset): SMTP when a server is configured; else written as files
# into EMAIL_OUTBOX (one .log file per batch) when that is set; else printed on the console.
EMAIL_OUTBOX = os.environ.get("EMAIL_OUTBOX", "")
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif EMAIL_OUTBOX:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = EMAIL_OUTBOX
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "plenary@localhost")

# --- Static files ---
# WhiteNoise serves them (its middleware, right after SecurityMiddleware), in one of two ways:
# - STATIC_MANIFEST=1, which `plenary serve` sets, then collects them into STATIC_ROOT: WhiteNoise's
#   CompressedManifestStaticFilesStorage names each by its content (site.3f2a91c0b1d4.css), with
#   gzip and Brotli copies beside it, and WhiteNoise serves those names with a ten-year
#   Cache-Control (a new version of a file gets a new name, so nothing stale is ever cached).
#   Only the hashed names are kept (pages name nothing else), and source maps (read by a
#   browser's developer tools only; the largest files) are not compressed: collecting then takes
#   seconds, not half a minute.
# - otherwise (the tests, `plenary serve --dev`, the other commands): Django's plain storage, and
#   WhiteNoise reads the apps' static folders themselves (WHITENOISE_USE_FINDERS); nothing is
#   collected (there is no STATIC_ROOT: collectstatic refuses to run) and an edited file is served
#   as it is now.
# The switch is the server's, not DEBUG's: manifest storage needs collectstatic first (without its
# manifest every page naming a static file fails), and the tests run with DEBUG off, without it.
STATIC_MANIFEST = _env_bool("STATIC_MANIFEST")
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static" if STATIC_MANIFEST else None
STORAGES = {
    # The default storage (uploads, issued files) is set below, under "stored files".
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

# -- stored files (uploads, issued files) -----------------------------------------------------------
# STORAGE_URL picks where: unset (or "file:") local files under VAR_DIR/media; "file:///srv/files"
# local files there; "s3://BUCKET" or "s3://BUCKET/PREFIX" S3-compatible object storage through
# django-storages, for several app servers. The rest is the AWS SDK's own environment, read by
# boto3: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or an instance role;
# AWS_DEFAULT_REGION (or AWS_REGION); AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL) for a service that
# is not AWS (MinIO, Ceph, Garage, moto), addressed by path there unless AWS_S3_ADDRESSING_STYLE
# says otherwise.


def _file_storage(url: str) -> dict:
    parts = urlsplit(url)
    if not url or parts.scheme == "file":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if parts.scheme != "s3" or not parts.netloc:
        raise ImproperlyConfigured(
            f"STORAGE_URL={url!r}: use s3://BUCKET[/PREFIX] for object storage, or leave it unset for files "
            "under PLENARY_VAR_DIR/media"
        )
    endpoint = os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL") or None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": parts.netloc,
            "location": unquote(parts.path).strip("/"),
            "endpoint_url": endpoint,
            "region_name": os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or None,
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or ("path" if endpoint else None),
            # As on local disk: a name in use gets a new one; nothing stored is ever overwritten.
            "file_overwrite": False,
            # Files are served through Plenary (checked against their SHA-256), never by a link
            # to the bucket: the objects stay private.
            "default_acl": None,
            "querystring_auth": True,
        },
    }


STORAGE_URL = os.environ.get("STORAGE_URL", "").strip()
if STORAGE_URL.startswith("file:") and urlsplit(STORAGE_URL).path:
    MEDIA_ROOT = Path(unquote(urlsplit(STORAGE_URL).path)).resolve()
# The static files keep the storage set for them above ("Static files"): this sets the default.
STORAGES["default"] = _file_storage(STORAGE_URL)

# --- HTTPS and the headers of every answer ---------------------------------------------------------
# Behind a TLS proxy that sets X-Forwarded-Proto (and overwrites what clients send): requests it
# marks https are HTTPS to Django (CSRF origin checks, redirects, HSTS). Off by default: without
# such a proxy any client could claim HTTPS.
BEHIND_TLS_PROXY = _env_bool("BEHIND_TLS_PROXY")
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind TLS, by default: cookies only over HTTPS, and a request that came in over plain HTTP is
# sent to its https:// address (301). Without the proxy header Django cannot tell HTTPS, so the
# redirect would loop: it stays off there unless asked for. /health answers over plain HTTP too,
# for a load balancer that checks the app servers directly.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = _env_bool(
    "SECURE_COOKIES", BEHIND_TLS_PROXY
)
SECURE_SSL_REDIRECT = _env_bool("SSL_REDIRECT", BEHIND_TLS_PROXY)
SECURE_REDIRECT_EXEMPT = [r"^health$"]
# HSTS: sent on HTTPS answers only (SecurityMiddleware), so never on a plain-HTTP `make run`. A
# year, this host's subdomains too, and the "preload" token that lets the owner of a registrable
# domain submit it to the browsers' preload list (only hstspreload.org's submission, never the
# header alone, puts a domain on it; a subdomain such as plenary.example.org cannot be submitted).
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = _env_bool("HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The Content-Security-Policy of every page (plenary.web.headers): no inline script, style or
# handler anywhere, every script and stylesheet a file Plenary serves (htmx is told to inject
# nothing: web/base.html's htmx-config). Files served as stored (issued documents, uploads) are not
# pages: they keep their own policy. Named and shaped as Django 6's own setting (directive -> sources).
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Powerful browser features no page of Plenary uses, refused to the pages and to anything they
# might embed (plenary.web.headers).
PERMISSIONS_POLICY = (
    "accelerometer",
    "bluetooth",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
# An issued file of at most this many bytes is hashed on every download; a larger one once per
# process and stored version (exports/stored.py says why that keeps the integrity rule).
ISSUED_FILE_VERIFY_BYTES = int(os.environ.get("ISSUED_FILE_VERIFY_BYTES", str(256 * 1024)))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # pypdf says what it repaired in an uploaded PDF (which is still checked): not worth a line.
    "loggers": {"pypdf": {"level": "ERROR"}},
}
