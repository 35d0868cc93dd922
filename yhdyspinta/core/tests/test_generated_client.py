"""A client generated from our OpenAPI schema type-checks and reads real answers (issue 20, item 4).

openapi-python-client writes a typed Python client from the schema the API publishes; mypy checks a
call written against it (and refuses a wrong one, so the check can fail); the same call then runs
against the application (WSGI, the test database) and its answer parses into the generated types.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

BIN = Path(sys.executable).parent
PACKAGE = "yhdyspinta_client"

CALL = f'''
from {PACKAGE} import AuthenticatedClient
from {PACKAGE}.api.readiness import readiness_periods_figures_retrieve
from {PACKAGE}.models.figures import Figures


def national_labels(client: AuthenticatedClient, period: int) -> list[str]:
    answer = readiness_periods_figures_retrieve.sync(period, client=client, level="region")
    if not isinstance(answer, Figures):
        return []
    return [row.region_label for row in answer.results]
'''
WRONG_CALL = CALL.replace("row.region_label", "row.region_name").replace("(period,", "(str(period),")


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The client package generated from the schema, in a directory of its own."""
    where = tmp_path_factory.mktemp("client")
    schema = SchemaGenerator().get_schema(request=None, public=True)
    (where / "schema.json").write_text(json.dumps(schema, cls=DjangoJSONEncoder), encoding="utf-8")
    done = subprocess.run([str(BIN / "openapi-python-client"), "generate", "--path", str(where / "schema.json"),
                           "--output-path", str(where / PACKAGE), "--meta", "none"],
                          check=False, capture_output=True, text=True, timeout=300)
    assert (where / PACKAGE / "client.py").exists(), done.stdout + done.stderr
    return where


def _mypy(where: Path, source: str) -> subprocess.CompletedProcess:
    (where / "call.py").write_text(source, encoding="utf-8")
    return subprocess.run([str(BIN / "mypy"), "--no-incremental", "--cache-dir", str(where / ".mypy_cache"),
                           "call.py"], check=False, cwd=where, capture_output=True, text=True, timeout=600)


def test_a_call_against_the_generated_client_type_checks_and_a_wrong_one_does_not(generated):
    right = _mypy(generated, CALL)
    assert right.returncode == 0, right.stdout
    wrong = _mypy(generated, WRONG_CALL)
    assert wrong.returncode == 1
    assert '"FigureRow" has no attribute "region_name"' in wrong.stdout
    assert 'incompatible type "str"; expected "int"' in wrong.stdout


def test_the_generated_client_reads_the_figures_of_a_period(generated, world, monkeypatch):
    import httpx
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    from yhdyspinta.accounts.api_tokens import issue
    from yhdyspinta.readiness import actions
    from yhdyspinta.readiness.tests.factories import reporting_setup

    _roadmap, tasks, period = reporting_setup(world.county_a, [world.a1, world.b1])
    actions.set_status(period, world.a1.pk, tasks[0], "done", actor=world.editor)
    _token, key = issue(world.viewer, description="generated client test")
    monkeypatch.syspath_prepend(str(generated))
    (generated / "call.py").write_text(CALL, encoding="utf-8")
    import call  # the module mypy checked above

    transport = httpx.WSGITransport(app=get_wsgi_application())
    client = call.AuthenticatedClient(base_url="http://testserver", token=key,
                                      httpx_args={"transport": transport})
    # As Django's test client does: a request must not close the test's database connection (its
    # transaction holds the data), which close_old_connections would do on PostgreSQL.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        labels = call.national_labels(client, period.pk)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert labels, "the answer did not parse into the generated Figures type"
    assert any(str(world.a1) in label or world.a1.name in label for label in labels)
