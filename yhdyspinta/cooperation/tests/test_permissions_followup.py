"""The generic permission suites for follow-up actions (list page, API, search) and attendance rows (API)."""

from tests.factories import PersonFactory
from tests.generic import RestrictedModelSuite

from .factories import DecisionFactory, FollowUpActionFactory, MeetingFactory, forum_for


class TestFollowUpActionPermissions(RestrictedModelSuite):
    from yhdyspinta.cooperation.models import FollowUpAction as model

    list_url = "/cooperation/actions/"
    api_list_url = "/api/v1/cooperation/actions/"

    def make(self, world, org, visibility):
        meeting = MeetingFactory(forum=forum_for(org), visibility=visibility)
        return FollowUpActionFactory(decision=DecisionFactory(item__meeting=meeting),
                                     owner=PersonFactory(organisation=org, visibility="public"),
                                     title=f"Toimenpide {visibility} {meeting.pk}")

    def marker(self, obj):
        return obj.title

    def search_text(self, obj):
        return obj.title

    def api_payload(self, world, org):
        meeting = MeetingFactory(forum=forum_for(org), visibility="public")
        return {"decision": DecisionFactory(item__meeting=meeting).pk, "title": "Laadi selvitys",
                "owner": PersonFactory(organisation=org, visibility="public").pk, "deadline": "2026-06-30"}

    def api_update(self, obj):
        return {"title": "Laadi tarkempi selvitys"}


class TestAttendancePermissions(RestrictedModelSuite):
    from yhdyspinta.cooperation.models import Attendance as model

    api_list_url = "/api/v1/cooperation/attendance/"

    def make(self, world, org, visibility):
        from yhdyspinta.cooperation.models import Attendance

        meeting = MeetingFactory(forum=forum_for(org), visibility=visibility)
        return Attendance.objects.create(meeting=meeting, person=PersonFactory(organisation=org))

    def api_payload(self, world, org):
        return {"meeting": MeetingFactory(forum=forum_for(org), visibility="public").pk,
                "person": PersonFactory(organisation=org, visibility="public").pk, "role": "member"}

    def api_update(self, obj):
        return {"role": "expert"}
