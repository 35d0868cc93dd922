"""`{% person_cooperation person %}`: a person's forum seats and late follow-up actions, for the person page."""

from django import template

from ..models import FollowUpAction, Forum, ForumMember

register = template.Library()


@register.inclusion_tag("cooperation/_person_section.html", takes_context=True)
def person_cooperation(context, person):
    user = context["request"].user
    actions = FollowUpAction.objects.restrict(user, "view").filter(owner=person, status="open").select_related(
        "decision__item__meeting__forum")
    seats = ForumMember.objects.filter(person=person, forum__in=Forum.objects.restrict(user, "view")).select_related(
        "forum")
    return {"person": person, "seats": seats, "late": [a for a in actions if a.is_late()]}
