"""The API root lists the endpoints a user may use; the OpenAPI schema is valid and documents the
action endpoints (figures' query parameters, funding compute's request and answer); an answer is
checked against the schema with a JSON-schema validator (no network)."""

import jsonschema
import pytest
from drf_spectacular.generators import SchemaGenerator

from conftest import api_client_for


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_root_lists_readable_endpoints_by_permission(world, client):
    anonymous = client.get("/api/v1/")
    assert anonymous.status_code == 200
    apps = anonymous.json()["apps"]
    assert apps["readiness"]["period"].endswith("/api/v1/readiness/periods/")
    assert "compute" not in apps.get("funding", {})  # POST only: signed-in users
    assert anonymous.json()["schema"].endswith("/api/v1/schema/")
    signed_in = api_client_for(world.editor).get("/api/v1/").json()["apps"]
    assert signed_in["funding"]["compute"].endswith("/api/v1/funding/compute/")


def test_schema_documents_the_action_endpoints(schema):
    figures = schema["paths"]["/api/v1/readiness/periods/{id}/figures/"]["get"]
    names = {p["name"] for p in figures["parameters"]}
    assert {"region", "level", "format", "dialect"} <= names
    assert figures["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Figures")
    compute = schema["paths"]["/api/v1/funding/compute/"]["post"]
    assert compute["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/ComputeRequest")
    assert compute["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/ComputeResult")
    compare = schema["paths"]["/api/v1/funding/compare/"]["post"]
    assert compare["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/CompareResult")


def test_schema_is_valid_openapi(schema):
    from drf_spectacular.validation import validate_schema

    validate_schema(schema)  # drf-spectacular's bundled OpenAPI 3.0 JSON schema


def _json_schema(node):
    """OpenAPI 3.0 → JSON Schema: `nullable: true` becomes a "null" type (or a null alternative)."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _json_schema(value) for key, value in node.items()}
    if node.pop("nullable", False):
        if "type" in node:
            node["type"] = [node["type"], "null"]
        else:
            node = {"anyOf": [node, {"type": "null"}]}
    return node


def _resolved(schema, ref):
    """A component with its $refs resolvable by jsonschema (components under #/components/schemas)."""
    return {"$ref": ref, "components": _json_schema(schema["components"])}


def test_figures_answer_matches_its_schema(world, schema):
    from yhdyspinta.readiness import actions
    from yhdyspinta.readiness.tests.factories import reporting_setup

    _roadmap, tasks, period = reporting_setup(world.county_a, [world.a1, world.b1])
    actions.set_status(period, world.a1.pk, tasks[0], "done", actor=world.editor)
    body = api_client_for(world.viewer).get(f"/api/v1/readiness/periods/{period.pk}/figures/").json()
    jsonschema.validate(body, _resolved(schema, "#/components/schemas/Figures"))
    broken = {**body, "results": [{**body["results"][0], "reported": "yes"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, _resolved(schema, "#/components/schemas/Figures"))
