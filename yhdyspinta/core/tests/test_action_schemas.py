"""Every action endpoint of the API documents its request and answer (issue 20): each `@action` and
each APIView method under /api/v1/ carries an `extend_schema`, no answer is a free-form object, and
the answers of the analysis actions validate against their documented schema (a client generated
from the schema would read them as typed)."""

import jsonschema
import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator

from conftest import api_client_for
from yhdyspinta.core.tests.test_api_root_schema import _resolved

CRUD = {"list", "create", "retrieve", "update", "partial_update", "destroy"}


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def _api_views(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _api_views(entry, route)
        elif isinstance(entry, URLPattern) and route.startswith("api/v1/") and hasattr(entry.callback, "cls"):
            yield route, entry.callback


def _undocumented():
    missing = set()
    for route, callback in _api_views():
        cls, actions = callback.cls, getattr(callback, "actions", None)
        if actions:  # a viewset route: its extra actions
            for name in set(actions.values()) - CRUD:
                method = getattr(cls, name)
                if "schema" not in getattr(method, "kwargs", {}):
                    missing.add(f"{cls.__name__}.{name}")
        elif cls.__name__ != "APIRootView" and not route.startswith(("api/v1/schema", "api/v1/docs")):
            # (DRF's router roots are left out of the schema; the API root /api/v1/ is ApiRootView)
            for verb in ("get", "post", "put", "patch"):
                method = getattr(cls, verb, None)
                if method is not None and "schema" not in getattr(method, "kwargs", {}):
                    missing.add(f"{cls.__name__}.{verb}")
    return missing


def test_every_action_endpoint_has_extend_schema():
    assert _undocumented() == set()


def test_no_answer_is_a_free_form_object(schema):
    free = []
    for path, operations in schema["paths"].items():
        for verb, operation in operations.items():
            ok = operation.get("responses", {}).get("200") or operation.get("responses", {}).get("201")
            body = (ok or {}).get("content", {}).get("application/json", {}).get("schema")
            if verb != "delete" and (body is None or (body.get("type") == "object" and "properties" not in body)):
                free.append(f"{verb.upper()} {path}")
    assert free == []


def test_analysis_answers_match_their_schemas(world, schema):
    from yhdyspinta.indicators.tests.factories import (
        CompositeComponentFactory,
        GoalIndicatorFactory,
        IndicatorValueFactory,
    )
    from yhdyspinta.readiness import actions
    from yhdyspinta.readiness.tests.factories import reporting_setup
    from yhdyspinta.transfers.tests.factories import ItemFactory, ProjectFactory

    roadmap, tasks, period = reporting_setup(world.county_a, [world.a1, world.b1])
    actions.set_status(period, world.a1.pk, tasks[0], "done", actor=world.editor)
    goal_indicator = GoalIndicatorFactory(goal__organisation=world.a1)
    IndicatorValueFactory(indicator=goal_indicator.indicator, region=world.a1, year=2023, value=15.0)
    component = CompositeComponentFactory(composite__organisation=world.a1)
    IndicatorValueFactory(indicator=component.indicator, region=world.a1, year=2023, value=40.0)
    project = ProjectFactory(parties=[world.a1, world.county_a])
    ItemFactory(project=project, owner=world.a1, from_party=world.a1, to_party=world.county_a)
    api = api_client_for(world.viewer)
    answers = {
        "Trend": f"/api/v1/readiness/roadmaps/{roadmap.pk}/trend/",
        "GoalProgress": f"/api/v1/indicators/goals/{goal_indicator.goal_id}/progress/",
        "CompositeResults": f"/api/v1/indicators/composites/{component.composite_id}/results/",
        "ProjectProgress": f"/api/v1/transfers/projects/{project.pk}/progress/",
        "ApiRoot": "/api/v1/",
    }
    for component_name, url in answers.items():
        body = api.get(url).json()
        jsonschema.validate(body, _resolved(schema, f"#/components/schemas/{component_name}"))
    progress = api.get(answers["GoalProgress"]).json()
    progress["indicators"][0]["state"] = "somewhere"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(progress, _resolved(schema, "#/components/schemas/GoalProgress"))
