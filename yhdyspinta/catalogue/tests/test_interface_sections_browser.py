"""Browser: the interface form in sections (issue 15: the add page was ~18 000 px tall). The
section list works as steps by keyboard, one section shows at a time, each section saves (that
section only) and comes back to itself, a change typed in another section stays on the page with
a message; the page is axe-clean; without JavaScript every section shows."""

import re

import pytest
from django.urls import reverse

from conftest import client_for
from tests.browser import assert_accessible, login
from yhdyspinta.catalogue import actions
from yhdyspinta.catalogue.models import Interface

pytestmark = pytest.mark.browser


def _height(page):
    return page.evaluate("document.documentElement.scrollHeight")


def test_interface_form_in_sections_by_keyboard(live_server, browser_page, world, tmp_path):
    actions.instantiate_templates(world.county_a, actor=world.coordinator, keys=["early-childhood"])
    interface = Interface.objects.get(template__key="early-childhood", template_for=world.a1)
    page = browser_page
    login(page, live_server, world.coordinator)
    edit = reverse("catalogue:interface_edit", args=[interface.pk])
    page.goto(live_server.url + edit)
    links = page.locator("nav.form-sections a")
    assert links.count() >= 9  # the form's sections and the escalation route
    visible = page.eval_on_selector_all("fieldset.form-section", "s => s.filter(f => !f.hidden).length")
    assert visible == 1
    heights = {}
    for k in range(links.count()):
        links.nth(k).focus()
        page.keyboard.press("Enter")
        section = links.nth(k).get_attribute("href")
        assert page.evaluate("document.activeElement.id") == section[1:]  # focus moves to the section
        assert links.nth(k).get_attribute("aria-current") == "step"
        heights[section] = _height(page)
    page.screenshot(path=str(tmp_path / "section.png"), full_page=True)
    assert max(heights.values()) < 4000, heights
    assert_accessible(page, context="interface form, one section")
    # the "processes" section saved by its own button, by keyboard: back in the same section
    page.click("nav.form-sections a[href='#s-processes']")
    field = page.locator("#s-processes textarea").first
    name = field.get_attribute("name")
    field.fill("Yhteinen asiakasprosessi kuvattu.")
    page.focus("#s-processes button[name=_section]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{edit}#s-processes")
    page.wait_for_selector("#s-processes", state="visible")  # the new page parsed and its script run
    page.wait_for_selector("#s-basics", state="hidden")
    assert page.is_visible("#s-processes") and not page.is_visible("#s-basics")
    interface.refresh_from_db()
    assert getattr(interface, name) == "Yhteinen asiakasprosessi kuvattu."
    # a change typed in another section is not saved by this section's Save: it stays on the page,
    # and the message names its section
    page.click("nav.form-sections a[href='#s-basics']")
    page.fill("#id_summary_fi", "Kirjoitettu, ei tallennettu")
    page.click("nav.form-sections a[href='#s-processes']")
    field.fill("Prosessi tarkennettu.")
    page.focus("#s-processes button[name=_section]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("#s-processes", state="visible")
    assert "Nimi, teema ja näkyvyys" in page.inner_text(".messages .message-warning")
    assert page.input_value("#id_summary_fi") == "Kirjoitettu, ei tallennettu"
    interface.refresh_from_db()
    assert getattr(interface, name) == "Prosessi tarkennettu." and interface.summary_fi != "Kirjoitettu, ei tallennettu"
    assert_accessible(page, context="interface form, a section saved, another not yet")
    # an error in another section: that section shows, marked in the list
    page.click("nav.form-sections a[href='#s-basics']")
    page.fill("#id_title_fi", "")
    page.click("#s-basics button[name=_section]")
    page.wait_for_selector("[role=alert]")
    assert page.is_visible("#s-basics") and "(" in page.inner_text("nav.form-sections a[href='#s-basics'] + strong")
    assert_accessible(page, context="interface form with an error")
    # without JavaScript every section shows: the whole form is what was 18 000 px before
    page.context.set_extra_http_headers({})
    whole = page.evaluate("""() => { document.querySelectorAll('fieldset.form-section')
        .forEach(f => { f.hidden = false; }); return document.documentElement.scrollHeight; }""")
    assert whole > 2 * max(heights.values()), (whole, heights)
    (tmp_path / "heights.txt").write_text(f"{whole} {heights}")


def test_without_javascript_every_section_is_in_the_page_and_a_new_interface_continues_in_its_sections(world):
    client = client_for(world.coordinator)
    page = client.get(reverse("catalogue:interface_add")).content.decode()
    ids = re.findall(r'<fieldset id="s-([a-z]+)" class="form-section"', page)
    assert ids[:3] == ["basics", "parties", "client"] and "responsibilities" not in ids  # added after saving
    assert all(f'href="#s-{i}"' in page for i in ids)
    form = {"title_fi": "Uusi yhdyspinta", "theme": "", "client_group": "", "visibility": "internal",
            "_section": "basics"}
    refused = client.post(reverse("catalogue:interface_add"), form)
    assert refused.status_code == 200 and 'data-errors="true"' in refused.content.decode()
    assert not Interface.objects.filter(title_fi="Uusi yhdyspinta").exists()
