"""Login throttling, headers, production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_lockout_after_five_failures(world):
    client = Client()
    for _ in range(5):
        client.post("/login/", {"username": world.viewer.username, "password": "wrong"})
    locked = client.post("/login/", {"username": world.viewer.username, "password": "secret-password-1"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_security_headers_on_pages():
    response = Client().get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Request-ID"]


def test_csrf_is_enforced(world):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/login/", {"username": "x", "password": "y"}).status_code == 403
    signed_in = Client(enforce_csrf_checks=True)
    signed_in.force_login(world.editor)
    assert signed_in.post("/api/v1/organisations/people/", {}).status_code == 403  # session API writes
    # the one exemption: the language switch (a forged request can only change the language)
    assert client.post("/i18n/setlang/", {"language": "sv"}).status_code == 302


def _settings_in_subprocess(env):
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTEST_VERSION", "SECRET_KEY", "DEBUG")}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import django; from django.conf import settings; settings.DEBUG; print(settings.SESSION_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT)"],
        cwd=ROOT / "var", env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _settings_in_subprocess({"DEBUG": "0"})
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_production_cookies_are_secure():
    result = _settings_in_subprocess({"DEBUG": "0", "SECRET_KEY": "x" * 60})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True True"


def test_health_endpoints():
    client = Client()
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json()["database"] == "ok"
