"""A section of the interface form saves separately (issue 15): on an existing interface a
section's own Save validates and writes that section's fields only, through the same action,
version check and audit; what the user changed in other sections stays on the page, not saved.
On the add page a section's Save creates the interface and continues with the next section."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from conftest import client_for
from tests.factories import PersonFactory
from yhdyspinta.catalogue import actions
from yhdyspinta.catalogue.form_sections import INTERFACE_SECTIONS
from yhdyspinta.catalogue.forms import InterfaceForm
from yhdyspinta.catalogue.models import Interface
from yhdyspinta.core.templatetags.form_layout import section_of


@pytest.fixture
def interface(world):
    owner = PersonFactory(organisation=world.a1, first_name="Olli", last_name="Omistaja")
    obj = actions.create_interface(
        acting_user=world.editor, parties=[world.a1, world.county_a], owners=[owner], title_fi="Neuvola",
        summary_fi="Alkuperäinen tiivistelmä", processes_fi="Alkuperäinen prosessi", theme="early_childhood",
        client_group="children_families", visibility="public",
        responsibilities=[{"organisation": world.a1, "text_fi": "Alfalan vastuu"}],
        escalation_steps=[{"order": 1, "action_fi": "Soita", "who_fi": "Esihenkilö", "time_limit_days": 7}])
    return Interface.objects.get(pk=obj.pk)


def page_data(user, interface, **changes):
    """What the browser posts from the edit page as loaded: every field's stored value, the version."""
    form = InterfaceForm(instance=interface, user=user)
    data = {"version": str(interface.version)}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        else:
            data[name] = "" if value is None else str(value)
    steps = list(interface.escalation_steps.order_by("order"))
    data.update({"steps-TOTAL_FORMS": str(len(steps)), "steps-INITIAL_FORMS": str(len(steps)),
                 "steps-MIN_NUM_FORMS": "0", "steps-MAX_NUM_FORMS": "1000"})
    for k, step in enumerate(steps):
        data.update({f"steps-{k}-id": str(step.pk), f"steps-{k}-interface": str(interface.pk),
                     f"steps-{k}-order": str(step.order), f"steps-{k}-action_fi": step.action_fi,
                     f"steps-{k}-who_fi": step.who_fi, f"steps-{k}-time_limit_days": str(step.time_limit_days)})
    data.update(changes)
    return data


def edit_url(interface):
    return reverse("catalogue:interface_edit", args=[interface.pk])


def last_change(interface):
    return LogEntry.objects.get_for_object(interface).filter(action=LogEntry.Action.UPDATE).latest("timestamp")


def test_a_section_save_writes_that_section_only(world, interface):
    client = client_for(world.coordinator)
    data = page_data(world.coordinator, interface, processes_fi="Uusi prosessi", _section="processes")
    response = client.post(edit_url(interface), data)
    assert response.status_code == 302 and response["Location"].endswith(f"{edit_url(interface)}#s-processes")
    interface.refresh_from_db()
    assert interface.processes_fi == "Uusi prosessi" and interface.summary_fi == "Alkuperäinen tiivistelmä"
    assert [o.person.last_name for o in interface.owners.all()] == ["Omistaja"]  # other sections kept
    assert interface.responsibilities.get().text_fi == "Alfalan vastuu" and interface.escalation_steps.count() == 1
    changed = set(last_change(interface).changes_dict) - {"version"}
    assert "processes_fi" in changed  # the audit names the section's fields only
    assert {section_of(name, INTERFACE_SECTIONS) for name in changed} == {"processes"}, changed


def test_changes_in_other_sections_are_not_saved_and_stay_on_the_page(world, interface):
    client = client_for(world.coordinator)
    data = page_data(world.coordinator, interface, processes_fi="Uusi prosessi", summary_fi="Toinen tiivistelmä",
                     _section="processes")
    response = client.post(edit_url(interface), data)
    assert response.status_code == 200
    interface.refresh_from_db()
    assert interface.processes_fi == "Uusi prosessi" and interface.summary_fi == "Alkuperäinen tiivistelmä"
    page = response.content.decode()
    assert "Toinen tiivistelmä" in page  # what the user typed is still there, not saved
    assert "Nimi, teema ja näkyvyys" in page.split('class="messages"')[1].split("</ul>")[0]
    assert f'name="version" value="{interface.version}"' in page  # on the new version: Save and close applies it
    again = page_data(world.coordinator, interface, processes_fi="Uusi prosessi", summary_fi="Toinen tiivistelmä")
    assert client.post(edit_url(interface), again).status_code == 302
    interface.refresh_from_db()
    assert interface.summary_fi == "Toinen tiivistelmä"


def test_an_error_in_the_section_saves_nothing_and_shows_the_whole_form(world, interface):
    client = client_for(world.coordinator)
    data = page_data(world.coordinator, interface, title_fi="", summary_fi="Muutettu", _section="basics")
    response = client.post(edit_url(interface), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="s-basics" class="form-section" data-errors="true"' in page
    assert 'id="s-processes" class="form-section" data-errors="false"' in page
    assert "Alkuperäinen prosessi" in page and 'name="processes_fi"' in page  # the other sections from the database
    assert Interface.objects.get(pk=interface.pk).title_fi == "Neuvola"
    assert Interface.objects.get(pk=interface.pk).version == interface.version


def test_a_stale_section_save_is_a_conflict(world, interface):
    client = client_for(world.coordinator)
    data = page_data(world.coordinator, interface, processes_fi="Minun prosessini", _section="processes")
    actions.update_interface(interface, acting_user=world.editor, processes_fi="Toisen prosessi")
    response = client.post(edit_url(interface), data)
    assert response.status_code == 409
    assert Interface.objects.get(pk=interface.pk).processes_fi == "Toisen prosessi"


def test_the_escalation_route_saves_its_steps_only(world, interface):
    client = client_for(world.coordinator)
    data = page_data(world.coordinator, interface, **{"steps-0-action_fi": "Soita ja kirjaa",
                                                      "summary_fi": "Alkuperäinen tiivistelmä", "_section": "steps"})
    response = client.post(edit_url(interface), data)
    assert response.status_code == 302 and response["Location"].endswith("#s-steps")
    assert interface.escalation_steps.get().action_fi == "Soita ja kirjaa"
    # a step left half-filled is refused on the steps
    data = page_data(world.coordinator, Interface.objects.get(pk=interface.pk),
                     **{"steps-TOTAL_FORMS": "2", "steps-1-action_fi": "Kirjaa", "steps-1-time_limit_days": "x",
                        "_section": "steps"})
    response = client.post(edit_url(interface), data)
    assert response.status_code == 200 and 'id="s-steps" class="form-section" data-errors="true"' in \
        response.content.decode()


def test_the_parties_section_keeps_its_rules(world, interface):
    client = client_for(world.coordinator)
    data = page_data(world.coordinator, interface, parties=[str(world.a1.pk)], _section="parties")
    response = client.post(edit_url(interface), data)
    assert response.status_code == 200 and "vähintään kaksi" in response.content.decode()
    assert interface.parties.count() == 2


def test_an_unknown_section_is_refused(world, interface):
    client = client_for(world.coordinator)
    data = page_data(world.coordinator, interface, summary_fi="Muutettu", _section="nosuch")
    response = client.post(edit_url(interface), data)
    assert response.status_code == 200 and "Lomakkeella ei ole tällaista osaa" in response.content.decode()
    assert Interface.objects.get(pk=interface.pk).summary_fi == "Alkuperäinen tiivistelmä"


def test_save_and_close_saves_every_section(world, interface):
    client = client_for(world.coordinator)
    data = page_data(world.coordinator, interface, processes_fi="Uusi prosessi", summary_fi="Uusi tiivistelmä")
    response = client.post(edit_url(interface), data)
    assert response.status_code == 302 and response["Location"] == interface.get_absolute_url()
    interface.refresh_from_db()
    assert (interface.processes_fi, interface.summary_fi) == ("Uusi prosessi", "Uusi tiivistelmä")


def test_the_add_page_creates_and_continues_with_the_next_section(world):
    client = client_for(world.coordinator)
    data = {"title_fi": "Uusi yhdyspinta", "theme": "early_childhood", "client_group": "children_families",
            "visibility": "internal", "parties": [str(world.a1.pk), str(world.county_a.pk)], "_section": "basics"}
    response = client.post(reverse("catalogue:interface_add"), data)
    created = Interface.objects.get(title_fi="Uusi yhdyspinta")
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("catalogue:interface_edit", args=[created.pk]) + "#s-parties")
    page = client.get(response["Location"]).content.decode()
    assert 'id="s-responsibilities"' in page and 'id="s-steps"' in page  # now that it exists
