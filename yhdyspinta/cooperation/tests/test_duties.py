"""Statutory duties: generation from the rules across council terms and years, evidence and compliance."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from conftest import client_for
from yhdyspinta.cooperation.duties import compliance_matrix, generate_duties
from yhdyspinta.cooperation.models import Duty, DutyEvidence, DutyRule
from yhdyspinta.cooperation.reference import load_reference_data

from .factories import AgendaItemFactory, forum_for


@pytest.fixture
def rules(db):
    load_reference_data()


def test_generation_across_two_council_terms_and_several_years(world, rules):
    created = generate_duties(world.county_a, range(2024, 2027))
    # per pair: negotiation 2 terms + hyte 3 years + student-welfare group 2 + strategy 2 = 9, × 2 municipalities
    # county: welfare report 2 + student-welfare plan 2 = 4; municipality: report 3 + extended 2 = 5, × 2
    assert created == 9 * 2 + 4 + 5 * 2 == Duty.objects.count()
    assert generate_duties(world.county_a, range(2024, 2027)) == 0  # idempotent
    assert not Duty.objects.filter(municipality=world.b1).exists()

    hyte = Duty.objects.filter(rule__key="hyte-negotiation", municipality=world.a1).order_by("period_start")
    assert [(d.period_label, d.due_date) for d in hyte] == [
        ("2024", date(2024, 12, 31)), ("2025", date(2025, 12, 31)), ("2026", date(2026, 12, 31))]
    negotiation = Duty.objects.filter(rule__key="negotiation-per-term", municipality=world.a2).order_by(
        "period_start")
    assert [(d.period_start, d.due_date) for d in negotiation] == [
        (date(2022, 3, 1), date(2025, 5, 31)), (date(2025, 6, 1), date(2029, 5, 31))]
    extended = Duty.objects.filter(rule__key="municipal-extended-report", municipality=world.a1)
    assert sorted(d.period_start for d in extended) == [date(2021, 8, 1), date(2025, 6, 1)]
    county_only = Duty.objects.filter(rule__key="county-welfare-report")
    assert county_only.count() == 2 and not county_only.filter(municipality__isnull=False).exists()


def test_more_years_add_only_the_new_periods(world, rules):
    generate_duties(world.county_a, range(2024, 2027))
    # 2027–2029: hyte and municipal report for 3 more years; the terms exist already
    assert generate_duties(world.county_a, range(2022, 2030)) == (3 + 3) * 2 + (2 + 2) * 2
    assert Duty.objects.filter(rule__key="hyte-negotiation").count() == 8 * 2


def test_a_new_rule_needs_no_code(world, rules):
    DutyRule.objects.create(key="twice-a-year", title="Kaksi kertaa vuodessa", legal_source="Testilaki 1 §",
                            applies_to="county", period_kind="yearly", count_per_period=2, due_month=6, due_day=30)
    generate_duties(world.county_a, range(2026, 2027))
    duty = Duty.objects.get(rule__key="twice-a-year")
    assert (duty.due_date, duty.required_count, duty.municipality) == (date(2026, 6, 30), 2, None)


def test_unknown_period_kind_is_refused(db):
    with pytest.raises(ValidationError) as exc:
        DutyRule.objects.create(key="monthly", title="Kuukausittain", legal_source="x", applies_to="county",
                                period_kind="monthly")
    assert "period_kind" in exc.value.message_dict
    assert not DutyRule.objects.filter(key="monthly").exists()


def test_compliance_states_from_evidence(world, rules):
    generate_duties(world.county_a, range(2025, 2027))
    item = AgendaItemFactory(meeting__forum=forum_for(world.a1), title="Hyte-neuvottelu 2025")
    done = Duty.objects.get(rule__key="hyte-negotiation", municipality=world.a1, period_label="2025")
    DutyEvidence.objects.create(duty=done, kind="agenda_item", agenda_item=item, date=date(2025, 4, 1))
    overdue = Duty.objects.get(rule__key="hyte-negotiation", municipality=world.a2, period_label="2025")
    due = Duty.objects.get(rule__key="hyte-negotiation", municipality=world.a2, period_label="2026")
    today = date(2026, 3, 1)
    assert (done.state(today), overdue.state(today), due.state(today)) == ("done", "overdue", "due")

    rules_, rows = compliance_matrix(world.county_a, 2025, today)
    keys = [r.key for r in rules_]
    by_org = {org.pk: cells for org, cells in rows}
    hyte_col = keys.index("hyte-negotiation")
    assert [s for _d, s in by_org[world.a1.pk][hyte_col]] == ["done"]
    assert [s for _d, s in by_org[world.a2.pk][hyte_col]] == ["overdue"]
    assert by_org[world.county_a.pk][hyte_col] == []  # a pair duty is shown on the municipality's row


def test_evidence_needs_its_target(world, rules):
    generate_duties(world.county_a, range(2026, 2027))
    duty = Duty.objects.filter(county=world.county_a).first()
    with pytest.raises(ValidationError):
        DutyEvidence(duty=duty, kind="agenda_item").full_clean()
    with pytest.raises(ValidationError):
        DutyEvidence(duty=duty, kind="document").full_clean()


def test_compliance_page_and_linking_evidence(world, rules):
    generate_duties(world.county_a, range(2026, 2027))
    page = client_for(None).get("/cooperation/duties/", {"county": world.county_a.pk, "year": 2026})
    assert page.status_code == 200
    body = page.content.decode()
    assert world.a1.name in body and "<caption>" in body
    duty = Duty.objects.get(rule__key="hyte-negotiation", municipality=world.a1)
    client = client_for(world.editor)
    url = f"/cooperation/duties/{duty.pk}/evidence/add/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"duty": duty.pk, "kind": "document", "url": "https://example.fi/muistio.pdf",
                                 "title": "Muistio", "date": "2026-04-01"})
    assert response.status_code == 302, response.content
    assert duty.evidence.count() == 1 and duty.state(date(2027, 1, 1)) == "done"
    # an editor of another county may not link evidence to this duty
    response = client_for(world.other).post(url, {"duty": duty.pk, "kind": "document",
                                                  "url": "https://example.fi/x.pdf", "date": "2026-04-01"})
    assert response.status_code == 200 and duty.evidence.count() == 1


def test_generate_duties_command(world):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("generate_duties", county=world.county_a.code, start=2026, end=2026, stdout=out)
    assert Duty.objects.filter(county=world.county_a).exists() and "duties created" in out.getvalue()
    assert not Duty.objects.filter(county=world.county_b).exists()
    with pytest.raises(CommandError, match="no organising area"):
        call_command("generate_duties", county="zz", stdout=out)
    with pytest.raises(CommandError):
        call_command("generate_duties", start=2027, end=2026, stdout=out)


def test_evidence_of_an_internal_agreement_does_not_disclose_it(world, rules):
    from .factories import AgreementFactory

    generate_duties(world.county_a, range(2026, 2027))
    duty = Duty.objects.get(rule__key="hyte-negotiation", municipality=world.a1)
    agreement = AgreementFactory(parties=[world.a1, world.county_a], title="Salainen sopimus", visibility="internal")
    DutyEvidence.objects.create(duty=duty, kind="agreement", agreement=agreement)
    assert "Salainen sopimus" not in client_for(None).get(duty.get_absolute_url()).content.decode()
    assert "Salainen sopimus" in client_for(world.viewer).get(duty.get_absolute_url()).content.decode()


def test_compliance_late_only_and_exports(world, rules):
    import csv
    import io
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    from yhdyspinta.core.models import AccessLog

    year = timezone.localdate().year - 1  # last year's yearly duties are all past due
    generate_duties(world.county_a, range(year, year + 1))
    item = AgendaItemFactory(meeting__forum=forum_for(world.a1))
    done = Duty.objects.get(rule__key="hyte-negotiation", municipality=world.a1, period_label=str(year))
    DutyEvidence.objects.create(duty=done, kind="agenda_item", agenda_item=item, date=done.due_date - timedelta(1))
    url = reverse("cooperation:compliance")
    query = {"county": world.county_a.pk, "year": year}
    full = client_for(None).get(url, query).content.decode()
    late = client_for(None).get(url, {**query, "late": "1"}).content.decode()
    assert "✓" in full and "✗" in full
    assert "✗" in late and "✓" not in late and 'id="id_late" checked' in late

    response = client_for(world.viewer).get(url, {**query, "late": "1", "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].endswith(f'duties-{world.county_a.pk}-{year}-late.csv"')
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = lines.index(next(line for line in lines if line and line[0] == "Organisaatio"))
    data = [line for line in lines[header + 1:] if line]
    hyte = [line for line in data if line[1] == done.rule.title]
    assert [line[0] for line in hyte] == [world.a2.name]  # A1's is done: not late
    assert data and {line[7] for line in data} == {"Myöhässä"}
    everything = client_for(None).get(url, {**query, "format": "csv"}).content.decode("utf-8-sig")
    assert everything.count("\n") > response.content.decode("utf-8-sig").count("\n")
    xlsx = client_for(None).get(url, {**query, "format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client_for(None).get(url, {**query, "format": "pdf"}).status_code == 404
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).count() >= 2
