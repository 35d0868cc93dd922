"""Accessibility feedback in the browser: a resident sends it by keyboard from a Swedish page, a
maintainer finds it among the overdue ones and marks it answered; every page axe-clean (issue 16)."""

import datetime

import pytest
from django.utils import timezone

from tests.browser import assert_accessible, login
from tests.factories import UserFactory
from yhdyspinta.core.models import AccessibilityFeedback

pytestmark = pytest.mark.browser


def test_a_resident_sends_feedback_and_a_maintainer_marks_it_answered(live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + "/sv/organisations/")
    page.click("footer a[href='/sv/accessibility/']")
    page.wait_for_selector("#id_message")
    assert page.input_value("#id_page") == "/sv/organisations/"
    assert_accessible(page, context="statement with the feedback form, Swedish")
    page.focus("#id_message")
    page.keyboard.type("Tabellen går inte att läsa med skärmläsare")
    page.keyboard.press("Tab")  # the page address, prefilled
    page.keyboard.press("Tab")
    page.keyboard.type("a@example.org")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Tack" in page.inner_text("main [role=status]")
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.language, feedback.page, feedback.email) == ("sv", "/sv/organisations/", "a@example.org")
    AccessibilityFeedback.objects.filter(pk=feedback.pk).update(
        received_at=timezone.now() - datetime.timedelta(days=15))

    maintainer = UserFactory(is_staff=True, first_name="Maija", last_name="Ylläpitäjä")
    login(page, live_server, maintainer)
    page.goto(live_server.url + "/en/")
    with page.expect_navigation():
        page.click("header a:text('Accessibility feedback')")
    assert "1 overdue" in page.inner_text("main")
    assert_accessible(page, context="feedback list")
    with page.expect_navigation():
        page.click(f"main a[href*='/accessibility/feedback/{feedback.pk}/']")
    assert "Overdue" in page.inner_text("main dl")
    assert_accessible(page, context="feedback detail")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "marked answered" in page.inner_text("main [role=status]")
    assert "Maija Ylläpitäjä" in page.inner_text("main dl")
    feedback.refresh_from_db()
    assert feedback.answered_by == maintainer
    assert_accessible(page, context="answered feedback")
