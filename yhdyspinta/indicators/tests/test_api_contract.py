"""The API contract for this app's endpoints (as core's schemathesis walk, limited to /indicators/).

Every GET and POST operation with generated input: no 5xx, responses conform to the schema, and
nothing of A1's internal goals, measures, composites or draft reports reaches B1's editor.
"""

import pytest

from .factories import CompositeFactory, MeasureFactory, SharedGoalFactory, WelfareReportFactory

schemathesis = pytest.importorskip("schemathesis")
MARKER = "Zqindicatorsinternal"


def test_indicator_endpoints_keep_the_contract(world, wsgi_in_test_transaction):
    from yhdyspinta.accounts.api_tokens import issue
    from yhdyspinta.core.tests.test_trust_api_contract import METHODS, load_schema, run_operation

    goal = SharedGoalFactory(organisation=world.a1, visibility="internal", title=MARKER, title_fi=MARKER)
    MeasureFactory(goal=goal, title=MARKER, title_fi=MARKER)
    CompositeFactory(organisation=world.a1, visibility="internal", name=MARKER, name_fi=MARKER)
    WelfareReportFactory(organisation=world.a1, status="draft", title=MARKER, title_fi=MARKER)
    other = issue(world.other, write_enabled=True)[1]
    own = issue(world.editor, write_enabled=True)[1]
    schema = load_schema("^/api/v1/indicators/")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    assert all(op.path.startswith("/api/v1/indicators/") and op.method.upper() in METHODS
               for op in operations)
    failures = []
    for operation in operations:
        failures += run_operation(operation, other, 3, forbid_marker=True)
        if operation.method.upper() == "GET":
            failures += run_operation(operation, own, 1, forbid_marker=False)
    assert not failures, "\n".join(sorted(set(failures))[:40])
    from conftest import api_client_for

    for path in ("goals", "measures", "composites", "reports"):
        assert MARKER not in api_client_for(world.other).get(f"/api/v1/indicators/{path}/").content.decode()
