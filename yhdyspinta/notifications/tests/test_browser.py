"""The notification settings and the unsubscribe page: axe-clean and usable by keyboard."""

import pytest

from tests.browser import assert_accessible, login
from tests.factories import member
from yhdyspinta.notifications import actions
from yhdyspinta.notifications.models import Kind, Mode
from yhdyspinta.notifications.sender import unsubscribe_token

pytestmark = pytest.mark.browser


def test_preferences_and_unsubscribe_pages_are_accessible(live_server, browser_page, transactional_db):
    from tests.factories import MunicipalityFactory

    page = browser_page
    user = member(MunicipalityFactory(), "editor", email="maija@example.fi")
    page.goto(live_server.url + f"/notifications/unsubscribe/{unsubscribe_token(user.pk, Kind.MEETING)}/")
    assert_accessible(page, context="unsubscribe")
    login(page, live_server, user)
    page.goto(live_server.url + "/notifications/")
    assert_accessible(page, context="preferences")
    page.focus(f"#id_kind_{Kind.ROUND_OPENED.value}_2")  # the third choice of the first group: not at all
    page.keyboard.press("Space")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert actions.current_modes(user)[Kind.ROUND_OPENED] == Mode.OFF
    assert_accessible(page, context="preferences after saving")
