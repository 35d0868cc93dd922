"""All writes of the cooperation app: checked, validated and audited in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from yhdyspinta.core.actions import audited, require, require_add
from yhdyspinta.core.concurrency import check_form_version

from . import compute
from .checks import agreement_errors
from .models import Agreement, AgreementParty, EscalationState


def save_agreement(form, *, actor, action):
    """Saves an agreement and its parties; the legal checks run before anything is kept."""
    parties = list(form.cleaned_data["party_organisations"])
    with audited(actor):
        if action == "change":
            stored = type(form.instance)._default_manager.get(pk=form.instance.pk)
            require(actor, stored, "change")
            check_form_version(form, form.instance)  # no lost update (ConflictError)
        require_add(actor, {o.pk for o in parties})
        obj = form.save(commit=False)
        try:
            _validate_and_save(obj, parties)
        except ValidationError as exc:  # the form names the parties field party_organisations
            raise ValidationError({("party_organisations" if key == "parties" else key): messages
                                   for key, messages in exc.message_dict.items()}) from None
        form.save_m2m()
        return obj


def create_agreement(*, acting_user, parties, interfaces=(), forums=(), **fields):
    """API and imports: a new agreement with the same checks as the page."""
    parties = list(parties)
    with audited(acting_user):
        require_add(acting_user, {o.pk for o in parties})
        agreement = Agreement(**fields)
        _validate_and_save(agreement, parties)
        agreement.interfaces.set(interfaces)
        agreement.forums.set(forums)
        return agreement


def update_agreement(agreement, *, acting_user, parties=None, interfaces=None, forums=None, **fields):
    """API and imports: changes an agreement; the given lists replace the stored ones (None keeps them)."""
    with audited(acting_user):
        require(acting_user, agreement, "change")
        parties = list(parties) if parties is not None else list(agreement.parties.all())
        require_add(acting_user, {o.pk for o in parties})
        for key, value in fields.items():
            setattr(agreement, key, value)
        _validate_and_save(agreement, parties)
        if interfaces is not None:
            agreement.interfaces.set(interfaces)
        if forums is not None:
            agreement.forums.set(forums)
        return agreement


def _validate_and_save(agreement, parties):
    """The one place of the agreement rules for pages, the API and imports: the model's full_clean()
    (Agreement.clean(): dates in order) and the legal checks of the parties (checks.py), reported
    together; nothing is saved on error."""
    errors = {}
    try:
        agreement.full_clean()
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    problems = agreement_errors(agreement.kind, parties, agreement.has_funding_clause)
    if problems:
        errors.setdefault("parties", []).extend(problems)
    if errors:
        raise ValidationError(errors)
    agreement.save()
    set_parties(agreement, parties)


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


def set_action_status(action_obj, status, *, actor):
    with audited(actor):
        require(actor, action_obj, "change")
        action_obj.status = status
        action_obj.save(update_fields=["status"])
        return action_obj

