"""The layer rules (docs/architecture.md, "Layers") cover every installed app, and what core
finds by discovery comes from the apps themselves."""

import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from yhdyspinta.core import policy
from yhdyspinta.core.discovery import app_modules
from yhdyspinta.core.synthetic import parts

BASE = {"core", "accounts", "organisations"}


def contracts() -> dict:
    config = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())
    return {c["type"]: c for c in config["tool"]["importlinter"]["contracts"]}


def test_every_domain_app_is_in_the_import_contracts():
    domain = {f"yhdyspinta.{a.rsplit('.', 1)[1]}" for a in settings.YHDYSPINTA_APPS} - {
        f"yhdyspinta.{b}" for b in BASE}
    rules = contracts()
    assert domain <= set(rules["forbidden"]["forbidden_modules"])
    top, *below = rules["layers"]["layers"]
    assert domain <= {name.strip() for name in top.split(":")}
    assert below == ["yhdyspinta.accounts", "yhdyspinta.organisations", "yhdyspinta.core"]


def test_the_generated_data_parts_come_from_the_apps_in_a_fixed_order():
    found = [(p.name, p.order) for p in parts()]
    assert found[0] == ("reference", 0) and found[1] == ("users", 10)
    assert [order for _n, order in found] == sorted(order for _n, order in found)
    assert len({order for _n, order in found}) == len(found)  # one place in the random stream each
    labels = {label for label, _m in app_modules("synthetic")}
    assert {"organisations", "accounts"} <= labels and "core" not in labels


def test_the_policy_core_asks_is_the_accounts_one():
    from yhdyspinta.accounts import permissions
    from yhdyspinta.organisations.models import Organisation

    assert policy._get("policy") is permissions
    assert policy.ALL is permissions.ALL
    assert policy.organisation_model() is Organisation


def test_an_unknown_part_is_refused_with_the_installed_ones_named():
    with pytest.raises(CommandError, match="unknown part.*nosuch.*reference, users"):
        call_command("generate_national", "--seed", "1", "--only", "users", "nosuch")
