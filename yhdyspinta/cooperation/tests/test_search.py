"""Site search finds meetings, decisions and follow-up actions through restrict(user, "view"):
an internal meeting's records stay out of anonymous and another county's users' results, and the
minutes and internal presentations are never searched."""

from django.urls import reverse

from conftest import client_for

from .factories import (
    AgendaItemFactory,
    DecisionFactory,
    FollowUpActionFactory,
    MeetingFactory,
    forum_for,
)


def _search(user, q):
    response = client_for(user).get(reverse("search"), {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_meetings_decisions_and_actions_in_search(world):
    forum = forum_for(world.a1, name="Kotihoidon yhteistyöryhmä", name_fi="Kotihoidon yhteistyöryhmä")
    public = MeetingFactory(forum=forum, place="Tampereen Kattilahuone", visibility="public",
                            minutes="Salainen luonnos kattilahuone-sopimuksesta")
    secret = MeetingFactory(forum=forum, place="Sisäinen Kattilahuone", visibility="internal")
    decision = DecisionFactory(item=AgendaItemFactory(meeting=public, title="Kotiutusmalli"),
                               text="Hyväksyttiin kotiutusmallin pilotti")
    hidden = DecisionFactory(item=AgendaItemFactory(meeting=secret, title="Kotiutusmallin budjetti"),
                             text="Budjetti kotiutusmallille")
    action = FollowUpActionFactory(decision=decision, title="Pilotin kotiutusraportti")
    hidden_action = FollowUpActionFactory(decision=hidden, title="Budjetin kotiutusraportti")

    for user in (None, world.other):
        body = _search(user, "kattilahuone")
        assert public.get_absolute_url() in body and secret.get_absolute_url() not in body
        body = _search(user, "kotiutusmalli")
        assert decision.get_absolute_url() in body and hidden.get_absolute_url() not in body
        body = _search(user, "kotiutusraportti")
        assert "Pilotin kotiutusraportti" in body and "Budjetin kotiutusraportti" not in body
    insider = _search(world.editor, "kotiutusraportti")
    assert "Pilotin kotiutusraportti" in insider and "Budjetin kotiutusraportti" in insider
    assert secret.get_absolute_url() in _search(world.editor, "kattilahuone")
    # the minutes' text is not searched (they may be unpublished inside a public meeting)
    assert public.get_absolute_url() not in _search(None, "luonnos")
    assert action.pk and hidden_action.pk
