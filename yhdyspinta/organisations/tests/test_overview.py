"""A municipality's overview page: every app's section, only what the reader may see, and its CSV."""

from datetime import timedelta

from django.utils import timezone

from yhdyspinta.catalogue import actions as catalogue_actions
from yhdyspinta.catalogue.models import Interface
from yhdyspinta.catalogue.tests.factories import AssessmentFactory, InterfaceFactory
from yhdyspinta.cooperation.tests.factories import (
    AgreementFactory,
    FollowUpActionFactory,
    MeetingFactory,
    forum_for,
)
from yhdyspinta.core.models import AccessLog


def _setup(world):
    public = InterfaceFactory(title="Julkinen neuvolayhteistyö", visibility="public", parties=[world.county_a, world.a1])
    secret = InterfaceFactory(title="Sisäinen lastensuojelun rajapinta", visibility="internal",
                              parties=[world.county_a, world.a1])
    AssessmentFactory(interface=public, dimension="processes", value=2)
    AgreementFactory(title="Julkinen sopimus", parties=[world.county_a, world.a1])
    AgreementFactory(title="Sisäinen sopimus", visibility="internal", parties=[world.county_a, world.a1])
    forum = forum_for(world.a1, name="Alfalan yhteistyöryhmä", name_fi="Alfalan yhteistyöryhmä")
    meeting = MeetingFactory(forum=forum, starts_at=timezone.now() + timedelta(days=10))
    FollowUpActionFactory(decision__item__meeting=meeting, decision__meeting=meeting, title="Avoin toimenpide",
                          deadline=timezone.localdate() + timedelta(days=30))
    round_ = catalogue_actions.open_round(world.county_a, acting_user=world.coordinator, title="Kartoitus 2026")
    catalogue_actions.answer_round(round_, acting_user=world.editor, interface=secret, organisation=world.a1,
                                   exists="yes", agreed="no", problems="Sisäinen ongelma")
    return public, secret


def test_overview_shows_every_section_to_a_member(world, as_user):
    _setup(world)
    page = as_user(world.editor).get(f"/organisations/{world.a1.pk}/overview/").content.decode()
    for text in ("Julkinen neuvolayhteistyö", "Sisäinen lastensuojelun rajapinta", "Julkinen sopimus",
                 "Sisäinen sopimus", "Alfalan yhteistyöryhmä", "Avoin toimenpide", "Kartoitus 2026",
                 "Sisäinen ongelma"):
        assert text in page, text
    assert 'id="s-readiness"' in page and 'id="s-indicators"' in page and 'id="s-duties"' in page
    assert AccessLog.objects.filter(action=AccessLog.Action.READ, detail="organisation overview").exists()


def test_overview_hides_internal_records_from_anonymous_and_other_county(world, as_user, client):
    _setup(world)
    url = f"/organisations/{world.a1.pk}/overview/"
    for reader in (client, as_user(world.other)):
        page = reader.get(url).content.decode()
        assert "Julkinen neuvolayhteistyö" in page and "Julkinen sopimus" in page
        for internal in ("Sisäinen lastensuojelun rajapinta", "Sisäinen sopimus", "Sisäinen ongelma", "Kartoitus 2026"):
            assert internal not in page, internal
        export = reader.get(url, {"export": "csv"}).content.decode("utf-8-sig")
        assert "Julkinen sopimus" in export and "Sisäinen" not in export


def test_overview_csv(world, as_user):
    _setup(world)
    response = as_user(world.editor).get(f"/organisations/{world.a1.pk}/overview/", {"export": "csv"})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].endswith(": kokonaiskuva") and lines[1].startswith("Lähde: Yhdyspinta, http")  # says what it is
    assert lines[2].startswith("Muodostettu: ") and lines[3] == ""
    assert ";" in lines[4] and "Sisäinen sopimus" in text and "Sisäinen ongelma" in text
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).exists()
    assert Interface.objects.count() == 2


def test_overview_names_an_internal_action_owner_only_to_insiders(world, as_user, client):
    from tests.factories import PersonFactory

    _setup(world)
    forum = forum_for(world.a1, name="Beetan ryhmä", name_fi="Beetan ryhmä")
    meeting = MeetingFactory(forum=forum, starts_at=timezone.now() + timedelta(days=5))
    owner = PersonFactory(first_name="Salainen", last_name="Vastuuhenkilö", organisation=world.a1,
                          visibility="internal")
    FollowUpActionFactory(decision__item__meeting=meeting, decision__meeting=meeting, title="Toinen toimenpide",
                          owner=owner, deadline=timezone.localdate() + timedelta(days=30))
    url = f"/organisations/{world.a1.pk}/overview/"
    assert "Salainen Vastuuhenkilö" in as_user(world.editor).get(url).content.decode()
    for reader in (client, as_user(world.other)):
        page = reader.get(url).content.decode()
        assert "Toinen toimenpide" in page and "Salainen Vastuuhenkilö" not in page
