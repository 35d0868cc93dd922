"""Reference data: the whole organisational map, and classification updates that keep history."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from yhdyspinta.core.localize import error_message
from yhdyspinta.core.reasons import Reason
from yhdyspinta.core.tabular import InputError
from yhdyspinta.organisations.models import Organisation
from yhdyspinta.organisations.reference import (
    MUNICIPALITIES_CSV,
    load_reference_data,
    parse_municipalities,
)

pytestmark = pytest.mark.django_db


def snapshot():
    return sorted(Organisation.objects.values_list("kind", "code", "name_fi", "area_id", "population", "valid_until"))


def test_load_gives_every_county_and_municipality():
    load_reference_data()
    assert Organisation.objects.organising_areas().count() == 22
    assert Organisation.objects.counties().count() == 21
    assert Organisation.objects.municipalities().count() == 309
    populations = Organisation.objects.municipalities().values_list("population", flat=True)
    assert sum(populations) == 5_533_793
    helsinki = Organisation.objects.get(kind="municipality", code="091")
    assert helsinki.organises_sote and helsinki.area == helsinki and helsinki.area_code == "90"
    assert Organisation.objects.get(kind="municipality", code="837").area.code == "08"
    # Åland's 16 municipalities exist but belong to no county
    assert Organisation.objects.municipalities().filter(area__isnull=True).count() == 16
    assert Organisation.objects.get(kind="county", code="08").area_members.municipalities().count() == 23
    before = snapshot()
    assert load_reference_data() == []  # idempotent
    assert snapshot() == before


def write(tmp_path, lines, name="kunnat.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes("\n".join(lines).encode(encoding) if isinstance(lines, list) else lines)
    return path


def changed_csv(tmp_path, mutate, **kw):
    lines = MUNICIPALITIES_CSV.read_text(encoding="utf-8").splitlines()
    return write(tmp_path, mutate(lines), **kw)


def test_update_reports_and_applies_exactly_a_merger_and_a_move(tmp_path, capsys):
    load_reference_data()

    def mutate(lines):
        out = []
        for line in lines:
            code = line.split(",")[0]
            if code == "010":  # Alavus absorbs Alajärvi (005)
                parts = line.split(",")
                parts[3] = str(int(parts[3]) + 9419)
                line = ",".join(parts)
            if code == "005":
                continue
            if code == "536":  # Nokia moves from Pirkanmaa (08) to Satakunta (06)
                line = line.rsplit(",", 1)[0] + ",06"
            out.append(line)
        return out

    path = changed_csv(tmp_path, mutate)
    before = {o.code: o for o in Organisation.objects.municipalities()}
    call_command("update_classification", municipalities=path, date="2027-01-01")
    out = capsys.readouterr().out
    assert "3 change(s) changed." in out
    assert "ceased" in out and "moved" in out and "population" in out
    alajarvi = Organisation.objects.get(kind="municipality", code="005")
    assert str(alajarvi.valid_until) == "2027-01-01"  # closed, not deleted
    assert Organisation.objects.get(kind="municipality", code="536").area.code == "06"
    assert Organisation.objects.get(kind="municipality", code="010").population == before["010"].population + 9419
    unchanged = [c for c in before if c not in ("005", "536", "010")]
    after = {o.code: o for o in Organisation.objects.filter(kind="municipality", code__in=unchanged)}
    assert all((after[c].area_id, after[c].population) == (before[c].area_id, before[c].population) for c in unchanged)
    call_command("update_classification", municipalities=path)
    assert "0 change(s)" in capsys.readouterr().out


def test_dry_run_changes_nothing(tmp_path, capsys):
    load_reference_data()
    path = changed_csv(tmp_path, lambda lines: [ln.replace("Alavus,Alavo", "Alavus,Alavus") for ln in lines])
    before = snapshot()
    call_command("update_classification", municipalities=path, dry_run=True)
    assert "renamed" in capsys.readouterr().out
    assert snapshot() == before


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda lines: [ln.replace(",county_code", "") if i == 0 else ln for i, ln in enumerate(lines)],
         "line 1: missing column 'county_code'"),
        (lambda lines: lines[:5] + [lines[5].rsplit(",", 1)[0] + ",77"] + lines[6:], "line 6: unknown county code '77'"),
        (lambda lines: lines + [lines[3]], "duplicate code"),
        (lambda lines: lines[:2] + [lines[2].replace(",2517,", ",-5,")] + lines[3:], "line 3: population is negative"),
        (lambda lines: lines[:2] + [lines[2].replace(",2517,", ",many,")] + lines[3:], "line 3: population"),
    ],
)
def test_bad_files_are_refused_and_nothing_changes(tmp_path, mutate, message):
    load_reference_data()
    before = snapshot()
    path = changed_csv(tmp_path, lambda lines: mutate(lines[:1] + [ln.replace("Alavus,Alavo", "X,Y") for ln in lines[1:]]))
    with pytest.raises(CommandError) as error:
        call_command("update_classification", municipalities=path)
    assert message in str(error.value) and "kunnat.csv" in str(error.value)
    assert snapshot() == before


def test_broken_encoding_is_refused(tmp_path):
    load_reference_data()
    before = snapshot()
    path = write(tmp_path, b"code,name_fi,name_sv,population,county_code\n005,\x81\x8d\x8f,x,1,16\n")
    with pytest.raises(CommandError, match="encoding"):
        call_command("update_classification", municipalities=path)
    assert snapshot() == before


def test_finnish_excel_csv_is_accepted(tmp_path, capsys):
    """Semicolons and Windows-1252, as Excel in Finland saves them."""
    load_reference_data()
    lines = [ln.replace(",", ";") for ln in MUNICIPALITIES_CSV.read_text(encoding="utf-8").splitlines()]
    lines = [ln.replace("Alajärvi;Alajärvi", "Alajärvi;Alajärvi stad") for ln in lines]
    path = write(tmp_path, "\r\n".join(lines).encode("cp1252"))
    call_command("update_classification", municipalities=Path(path))
    assert "1 change(s) changed." in capsys.readouterr().out
    assert Organisation.objects.get(kind="municipality", code="005").name_sv == "Alajärvi stad"


@pytest.mark.parametrize(
    ("line", "template", "english", "finnish", "swedish"),
    [
        ("005,Alajärvi,Alajärvi,9000,77", "unknown county code '%(code)s'",
         "unknown county code '77'", "tuntematon hyvinvointialueen koodi '77'",
         "okänd kod för välfärdsområde '77'"),
        ("5x,Alajärvi,Alajärvi,9000,14", "code '%(code)s' is not an official code",
         "code '5x' is not an official code", "koodi '5x' ei ole virallinen koodi",
         "koden '5x' är inte en officiell kod"),
        ("005,Alajärvi,Alajärvi,-1,14", "population is negative",
         "population is negative", "väkiluku on negatiivinen", "invånarantalet är negativt"),
    ],
)
def test_refusal_reasons_are_translatable(tmp_path, line, template, english, finnish, swedish):
    """English for the command line; a page shows the same refusal in the user's language."""
    path = write(tmp_path, ["code,name_fi,name_sv,population,county_code", line])
    with pytest.raises(InputError) as caught:
        parse_municipalities(path, county_codes={"14"})
    assert isinstance(caught.value.reason, Reason) and caught.value.reason.template == template
    assert str(caught.value) == f"kunnat.csv, line 2: {english}"
    with translation.override("fi"):
        assert error_message(caught.value) == f"kunnat.csv, rivi 2: {finnish}"
    with translation.override("sv"):
        assert error_message(caught.value) == f"kunnat.csv, rad 2: {swedish}"
