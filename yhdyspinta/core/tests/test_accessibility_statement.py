"""The accessibility statement tells the real state and has a working feedback channel (issue 16)."""

import pytest
from django.core import mail
from django.test import Client


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "words"), [
    ("", ["osittain", "Traficom", "Lähetä palautetta", "testattiin viimeksi 4.12.2026"]),
    ("/sv", ["delvis", "Traficom", "Skicka respons", "testades senast 4.12.2026"]),
    ("/en", ["partially meets", "Traficom", "Send feedback", "last tested on "]),
])
def test_statement_states_partial_compliance_authority_and_test_date(settings, prefix, words):
    settings.ACCESSIBILITY_FEEDBACK_EMAIL = "saavutettavuus@example.org"
    page = Client().get(f"{prefix}/accessibility/").content.decode()
    for word in words:
        assert word in page
    assert 'href="mailto:saavutettavuus@example.org"' in page
    assert "Aluehallintovirasto" not in page and "Regional State Administrative" not in page


@pytest.mark.django_db
def test_feedback_is_sent_to_the_configured_address(settings):
    settings.ACCESSIBILITY_FEEDBACK_EMAIL = "saavutettavuus@example.org"
    client = Client()
    response = client.post("/sv/accessibility/", {"message": "Tabellen går inte att rulla", "email": "a@example.org"})
    assert response.status_code == 302 and response["Location"] == "/sv/accessibility/"
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["saavutettavuus@example.org"] and sent.reply_to == ["a@example.org"]
    assert "Tabellen går inte att rulla" in sent.body
    assert "Tack" in client.get("/sv/accessibility/").content.decode()
    response = client.post("/accessibility/", {"message": ""})
    assert response.status_code == 400 and len(mail.outbox) == 1
    settings.ACCESSIBILITY_FEEDBACK_EMAIL = ""
    # without the address the message is still stored (core/feedback.py), only not e-mailed
    assert client.post("/accessibility/", {"message": "x"}).status_code == 302 and len(mail.outbox) == 1
