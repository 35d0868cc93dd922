"""The generic permission suites for forums, meetings, escalations and agreements."""

from tests.generic import RestrictedModelSuite

from .factories import AgreementFactory, EscalationFactory, MeetingFactory, forum_for


class TestForumPermissions(RestrictedModelSuite):
    from yhdyspinta.cooperation.models import Forum as model

    list_url = "/cooperation/"
    api_list_url = "/api/v1/cooperation/forums/"

    def make(self, world, org, visibility):
        return forum_for(org, visibility=visibility)

    def marker(self, obj):
        return obj.name

    def api_payload(self, world, org):
        return {"name_fi": "Uusi verkosto", "level": "expert", "kind": "network", "area": org.area_id,
                "organisations": [org.pk], "visibility": "internal"}

    def api_update(self, obj):
        return {"mandate_sv": "Mandat"}

    def search_text(self, obj):
        return obj.name


class TestMeetingPermissions(RestrictedModelSuite):
    from yhdyspinta.cooperation.models import Meeting as model

    list_url = "/cooperation/meetings/"
    api_list_url = "/api/v1/cooperation/meetings/"

    def make(self, world, org, visibility):
        return MeetingFactory(forum=forum_for(org, visibility=visibility), visibility=visibility)

    def marker(self, obj):
        return obj.place

    def search_text(self, obj):
        return obj.place  # meetings are in the site search (by place and forum)

    def api_payload(self, world, org):
        return {"forum": forum_for(org).pk, "starts_at": "2026-05-05T10:00:00+03:00", "place": "Valtuustosali",
                "visibility": "public"}

    def api_update(self, obj):
        return {"place": "Uusi sali"}


class TestEscalationPermissions(RestrictedModelSuite):
    from yhdyspinta.cooperation.models import Escalation as model

    list_url = "/cooperation/escalations/"
    api_list_url = "/api/v1/cooperation/escalations/"

    def make(self, world, org, visibility):
        above = forum_for(org, visibility=visibility)
        return EscalationFactory(raised_by=forum_for(org, parent=above, visibility=visibility), to_forum=above,
                                 visibility=visibility)

    def marker(self, obj):
        return obj.title

    def api_payload(self, world, org):
        above = forum_for(org)
        below = forum_for(org, parent=above, level="expert")
        return {"raised_by": below.pk, "to_forum": above.pk, "title": "Homma ei toimi", "visibility": "internal"}

    def api_update(self, obj):
        return {"description": "Tarkennettu kuvaus"}

    def search_text(self, obj):
        return obj.title


class TestAgreementPermissions(RestrictedModelSuite):
    from yhdyspinta.cooperation.models import Agreement as model

    list_url = "/cooperation/agreements/"
    api_list_url = "/api/v1/cooperation/agreements/"

    def make(self, world, org, visibility):
        return AgreementFactory(parties=[org, org.area], visibility=visibility)

    def marker(self, obj):
        return obj.title

    def api_payload(self, world, org):
        return {"title_fi": "Uusi yhteistyösopimus", "kind": "task_specific", "parties": [org.pk, org.area_id],
                "visibility": "internal"}

    def api_update(self, obj):
        return {"description_fi": "Julkinen kuvaus"}

    def search_text(self, obj):
        return obj.title
