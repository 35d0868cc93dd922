"""All writes of the cooperation app: checked, validated and audited in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from yhdyspinta.core.actions import audited, require, require_add, save_form
from yhdyspinta.notifications.hooks import notify_saved

from . import compute
from .checks import check_agreement
from .models import AgreementParty, EscalationState


def save_agreement(form, *, actor, action):
    """Saves an agreement and its parties; the legal checks run before anything is kept."""
    parties = list(form.cleaned_data["party_organisations"])
    with audited(actor):
        if action == "change":
            stored = type(form.instance)._default_manager.get(pk=form.instance.pk)
            require(actor, stored, "change")
        require_add(actor, {o.pk for o in parties})
        check_agreement(form.cleaned_data["kind"], parties, form.cleaned_data.get("has_funding_clause", False))
        obj = form.save(commit=False)
        obj.save()
        form.save_m2m()
        set_parties(obj, parties)
        return obj


def set_parties(agreement, organisations):
    """Keeps the signatories of the parties that stay; adds and removes the others."""
    ids = {o.pk for o in organisations}
    agreement.party_rows.exclude(organisation_id__in=ids).delete()
    for org in organisations:
        AgreementParty.objects.get_or_create(agreement=agreement, organisation=org)


def transition_escalation(escalation, target, *, actor, reason="", agenda_item=None):
    """Moves an escalation along raised → on agenda → decided → done, or rejects it with a reason."""
    with audited(actor):
        if not may_handle_escalation(actor, escalation):
            raise PermissionDenied
        if agenda_item is not None:
            if agenda_item.meeting.forum_id != escalation.to_forum_id:
                raise ValidationError({"agenda_item": _(
                    "The agenda item must be on a meeting of the forum the matter was raised to.")})
            escalation.agenda_item = agenda_item
        try:
            compute.check_transition(escalation.state, target, reason=reason,
                                     has_agenda_item=escalation.agenda_item_id is not None)
        except compute.TransitionError as exc:
            raise ValidationError({"state": _transition_message(escalation.state, target, str(exc))}) from exc
        escalation.state = target
        if target == EscalationState.REJECTED:
            escalation.reason = reason.strip()
        escalation.closed_on = timezone.localdate() if target in compute.CLOSED else None
        escalation.save()
        return escalation


def may_handle_escalation(actor, escalation) -> bool:
    """The receiving forum's organisations handle the matter, as well as the raising ones."""
    from yhdyspinta.accounts.permissions import can, can_add_for

    from .models.common import forum_org_ids

    if actor is None or not actor.is_authenticated:
        return False
    return can(actor, escalation, "change") or can_add_for(actor, forum_org_ids(escalation.to_forum))


def _transition_message(current, target, detail):
    labels = dict(EscalationState.choices)
    if "reason" in detail:
        return _("A rejection needs a reason.")
    if "agenda item" in detail:
        return _("Link the agenda item of the forum above first.")
    return _("The state cannot move from %(a)s to %(b)s.") % {"a": labels.get(current, current),
                                                                "b": labels.get(target, target)}


def save_child(form, *, actor, action):
    """Members, meetings, items, decisions, actions, evidence: rights follow the owning record."""
    return notify_saved(save_form(form, actor=actor, action=action))  # invitations, assigned actions, escalations


def set_action_status(action_obj, status, *, actor):
    with audited(actor):
        require(actor, action_obj, "change")
        action_obj.status = status
        action_obj.save(update_fields=["status"])
        return action_obj

