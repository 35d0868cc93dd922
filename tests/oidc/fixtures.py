"""A real OpenID Connect provider for the single sign-on tests: the npm package oidc-provider.

`oidc_server` (session scope) starts tests/oidc/provider.mjs with node on a free port of 127.0.0.1
and waits until its discovery document answers; it is stopped at the end of the session. Without
node or `node_modules/oidc-provider` (`make setup` installs it) the tests skip, but fail under CI.

`walk(client, server, slug, login_hint)` drives the authorisation code flow: Django's test client
is the relying party, a `requests` session is the browser at the provider.
"""

import json
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = Path(__file__).with_name("provider.mjs")
PACKAGE = ROOT / "node_modules" / "oidc-provider"
SECRET = "test-client-secret-0123456789"
CALLBACK = "http://testserver/oidc/callback/"
AFTER_LOGOUT = "http://testserver/"
CLIENTS = ["yhdyspinta", "yhdyspinta-expired", "yhdyspinta-wrong-aud", "yhdyspinta-bad-signature"]
ACCOUNTS = {
    "alice": {"email": "alice@alfala.fi", "given_name": "Alice", "family_name": "Alfala",
              "name": "Alice Alfala", "groups": ["grp-a1-editors", "grp-a2-viewers"]},
    "nobody": {"email": "nobody@alfala.fi", "name": "No Body", "groups": ["grp-unmapped"]},
    "mallory": {"email": "mallory@elsewhere.example", "name": "Mallory", "groups": ["grp-a1-editors"]},
}


@dataclass
class OIDCServer:
    issuer: str
    process: subprocess.Popen
    log: Path
    accounts: dict = field(default_factory=dict)

    def set_account(self, account_id: str, **claims):
        """Changes an account at the provider (e.g. its groups) for the next sign-in."""
        self.accounts[account_id] = {**self.accounts.get(account_id, {}), **claims}
        r = requests.put(f"{self.issuer}/test/accounts/{account_id}", json=self.accounts[account_id], timeout=10)
        r.raise_for_status()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def oidc_server(tmp_path_factory):
    node = shutil.which("node")
    if not node or not PACKAGE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"node or {PACKAGE} missing: run `make setup` (npm ci).")
        pytest.skip("node or the npm package oidc-provider not installed")
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    config = {
        "port": port,
        "accounts": ACCOUNTS,
        "clients": [
            {"client_id": cid, "client_secret": SECRET, "redirect_uris": [CALLBACK],
             "post_logout_redirect_uris": [AFTER_LOGOUT], "token_endpoint_auth_method": "client_secret_post",
             "grant_types": ["authorization_code"], "response_types": ["code"]}
            for cid in CLIENTS
        ],
    }
    log = tmp_path_factory.mktemp("oidc") / "provider.log"
    with log.open("wb") as out:
        process = subprocess.Popen([node, str(SCRIPT)], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                   env={**os.environ, "OIDC_TEST_CONFIG": json.dumps(config)})
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"the OpenID provider exited ({process.returncode}):\n{log.read_text()}")
            try:
                if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the OpenID provider did not answer in 30 s:\n{log.read_text()}")
            time.sleep(0.1)
        yield OIDCServer(issuer=issuer, process=process, log=log, accounts=json.loads(json.dumps(ACCOUNTS)))
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Walk:
    authorize_url: str
    callback: object  # Django's response to the callback
    browser: requests.Session


def walk(client, slug: str, login_hint: str, *, browser=None, tamper=None, next_url=None) -> Walk:
    """Starts the sign-in at Django, lets the provider sign `login_hint` in, returns Django's answer.

    `tamper(callback_path) -> callback_path` may change the provider's answer before Django gets it.
    """
    params = {"login_hint": login_hint, **({"next": next_url} if next_url else {})}
    start = client.get(f"/oidc/{slug}/login/", params)
    assert start.status_code == 302, start.content
    authorize_url = location = start["Location"]
    browser = browser or requests.Session()
    for _hop in range(10):
        answer = browser.get(location, allow_redirects=False, timeout=15)
        assert answer.status_code in (302, 303), answer.text
        location = urljoin(answer.url, answer.headers["Location"])
        if location.startswith("http://testserver/"):
            break
    else:
        raise AssertionError("the provider never redirected back")
    path = location.removeprefix("http://testserver")
    if tamper:
        path = tamper(path)
    return Walk(authorize_url=authorize_url, callback=client.get(path), browser=browser)
