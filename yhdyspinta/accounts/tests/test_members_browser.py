"""In Chromium as an organisation admin: members page → pick a person by name (the live picker) →
invite by e-mail → the link from the outbox in a fresh browser → set a password → a member. axe-clean."""

import re

import pytest
from django.core import mail

from tests.browser import assert_accessible, login
from tests.factories import UserFactory
from yhdyspinta.accounts.models import Membership, User
from yhdyspinta.organisations.models import Person

pytestmark = pytest.mark.browser

PASSWORD = "Kutsu-salasana-2026!"


def test_org_admin_invites_and_the_invitee_joins(live_server, browser_page, _browser, world, settings):
    settings.SITE_URL = live_server.url
    picked = UserFactory(first_name="Paula", last_name="Poimittava", email="paula@alfala.fi")
    Person.objects.create(first_name="Paula", last_name="Poimittava", organisation=world.a1,
                          visibility="public", user=picked)
    page = browser_page
    login(page, live_server, world.org_admin)
    page.goto(f"{live_server.url}{world.a1.get_absolute_url()}")
    page.click(f"main a[href='/organisations/{world.a1.pk}/members/']")
    page.wait_for_url(f"{live_server.url}/organisations/{world.a1.pk}/members/")
    assert_accessible(page, context="members page")

    # pick a person by name: the list follows the typing
    page.goto(f"{live_server.url}/organisations/{world.a1.pk}/members/add/")
    page.fill("#member-q", "Poimi")
    page.wait_for_selector(f"#user-{picked.pk}")
    assert "p***@alfala.fi" in page.inner_text("#member-results")
    assert "Löytyi: 1" in page.inner_text("#member-results")  # announced (aria-live), in Finnish
    assert_accessible(page, context="add a person")
    page.select_option("#id_role", "viewer")
    page.click("#member-add button[type=submit]")
    page.wait_for_url(f"{live_server.url}/organisations/{world.a1.pk}/members/")
    assert Membership.objects.get(user=picked, organisation=world.a1).role == "viewer"

    # invite by e-mail
    page.goto(f"{live_server.url}/organisations/{world.a1.pk}/members/invite/")
    assert_accessible(page, context="invite page")
    page.fill("#id_email", "uusi.jasen@alfala.fi")
    page.select_option("#id_role", "editor")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/organisations/{world.a1.pk}/members/")
    assert "uusi.jasen@alfala.fi" in page.inner_text("main")
    assert_accessible(page, context="members page with an open invitation")
    link = re.search(r"http\S+/invitations/\S+/", mail.outbox[-1].body).group(0)
    assert link.startswith(live_server.url)

    # the invitee, in a browser of their own
    context = _browser.new_context(viewport={"width": 1200, "height": 900}, locale="fi-FI", bypass_csp=True)
    try:
        invitee = context.new_page()
        invitee.goto(link)
        assert_accessible(invitee, context="invitation page")
        invitee.fill("#id_first_name", "Uuno")
        invitee.fill("#id_last_name", "Jäsen")
        invitee.fill("#id_password1", PASSWORD)
        invitee.fill("#id_password2", PASSWORD)
        invitee.click("main form button[type=submit]")
        invitee.wait_for_url(f"{live_server.url}{world.a1.get_absolute_url()}")
        assert "Alfala" in invitee.inner_text(".messages")
        assert_accessible(invitee, context="organisation page after joining")
        user = User.objects.get(email="uusi.jasen@alfala.fi")
        assert Membership.objects.get(user=user, organisation=world.a1).role == "editor"
        invitee.goto(link)  # used up
        assert invitee.locator("h1").count() == 1 and "/invitations/" in invitee.url
        assert not invitee.locator("#id_password1").count()
    finally:
        context.close()

    page.reload()
    assert "Uuno Jäsen" in page.inner_text("main")
