"""Forums and their members."""

from yhdyspinta.core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from yhdyspinta.organisations.models import Person

from ..filtersets import ForumFilterSet
from ..forms import ForumForm, ForumMemberForm
from ..models import Escalation, FollowUpAction, Forum, ForumMember, Meeting
from ..tables import ForumTable


class ForumListView(ObjectListView):
    model = Forum
    table_class = ForumTable
    filterset_class = ForumFilterSet
    add_url_name = "cooperation:forum_add"
    export_name = "forums"

    related = ("area", "parent")


class ForumDetailView(ObjectDetailView):
    model = Forum
    template_name = "cooperation/forum_detail.html"
    edit_url_name = "cooperation:forum_edit"
    delete_url_name = "cooperation:forum_delete"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        forum, user = self.object, self.request.user
        ctx["members"] = forum.members.select_related("person", "organisation").order_by("role", "person__last_name")
        people = ctx["members"].values_list("person_id", flat=True)
        ctx["visible_people"] = set(Person.objects.restrict(user, "view").filter(pk__in=people)
                                    .values_list("pk", flat=True))
        ctx["meetings"] = Meeting.objects.restrict(user, "view").filter(forum=forum).order_by("starts_at")
        ctx["late_actions"] = (FollowUpAction.objects.restrict(user, "view").late()
                               .filter(decision__meeting__forum=forum).select_related("owner", "decision__item"))
        visible = Escalation.objects.restrict(user, "view")
        ctx["raised"] = visible.filter(raised_by=forum).select_related("to_forum")
        ctx["received"] = visible.filter(to_forum=forum).select_related("raised_by")
        ctx["children"] = Forum.objects.restrict(user, "view").filter(parent=forum)
        ctx["route"] = forum.route_up()
        ctx["interfaces"] = forum.interfaces.restrict(user, "view")
        return ctx


class ForumEditView(ObjectEditView):
    model = Forum
    form_class = ForumForm


class ForumDeleteView(ObjectDeleteView):
    model = Forum
    success_url_name = "cooperation:forum_list"


class MemberEditView(ObjectEditView):
    model = ForumMember
    form_class = ForumMemberForm


class MemberDeleteView(ObjectDeleteView):
    model = ForumMember
    success_url_name = "cooperation:forum_list"
