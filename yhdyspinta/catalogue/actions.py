"""All writes to the register: validate, check rights, write and audit in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from yhdyspinta.accounts.permissions import can, can_add_for
from yhdyspinta.core.actions import audited, require, require_add, save_form
from yhdyspinta.core.concurrency import ConflictError, check_and_bump_version
from yhdyspinta.core.models import Visibility
from yhdyspinta.notifications.hooks import notify_saved
from yhdyspinta.organisations.models import Organisation

from . import queries
from .choices import Dimension, Level, Maturity
from .models import (
    EscalationStep,
    Interface,
    InterfaceOwner,
    InterfaceResponsibility,
    InterfaceTemplate,
    MappingAnswer,
    MappingRound,
    MaturityAssessment,
    Service,
    helsinki_today,
)
from .templates_data import TEMPLATES


# ---- validation ---------------------------------------------------------------------------
def validate_parties(parties):
    """An interface joins at least two distinct organisations (yhdyspinta = between organisations)."""
    if len({getattr(p, "pk", p) for p in parties}) < 2:
        raise ValidationError({"parties": _("An interface needs at least two different organisations.")})


def validate_owners(parties, owners):
    """Each owner is a person of a party organisation; at most one owner per organisation."""
    party_ids = {getattr(p, "pk", p) for p in parties}
    seen = set()
    for person in owners:
        if person.organisation_id not in party_ids:
            raise ValidationError({"owners": _(
                "%(person)s works for %(org)s, which is not a party of this interface."
            ) % {"person": person.full_name, "org": person.organisation}})
        if person.organisation_id in seen:
            raise ValidationError({"owners": _("Only one owner per organisation: %(org)s has two.")
                                   % {"org": person.organisation}})
        seen.add(person.organisation_id)


def validate_value(value):
    if value is None or isinstance(value, bool) or not isinstance(value, int) or value not in Maturity.values:
        raise ValidationError({"value": _("Maturity must be a whole number from 0 to 3 (given: %(value)s).")
                               % {"value": value}})


def _area_of(parties):
    areas = {p.area_id for p in parties if p.area_id}
    return areas.pop() if len(areas) == 1 else None


# ---- interfaces ---------------------------------------------------------------------------
def save_interface(form, *, actor, action, steps=None):
    """Page form save: parties and owners are validated before anything is written.

    `steps`: an optional bound escalation-step formset, saved in the same transaction. A form of
    one section (the page's section save) has only that section's fields: the parties, owners and
    responsibilities it does not carry are kept as stored.
    """
    fields = form.fields
    parties = (list(form.cleaned_data.get("parties") or []) if "parties" in fields
               else list(form.instance.parties.all()))
    owners = list(form.cleaned_data.get("owners") or []) if "owners" in fields else None
    validate_parties(parties)
    if owners is not None:
        validate_owners(parties, owners)
    with audited(actor):
        if not form.instance.area_id:  # set before the one save (one version bump per edit)
            form.instance.area_id = _area_of(parties)
        obj = save_form(form, actor=actor, action=action)
        if owners is not None:
            _set_owners(obj, owners)
        party_ids = {p.pk for p in parties}
        if "parties" in fields:
            obj.responsibilities.exclude(organisation_id__in=party_ids).delete()
        for org_id, texts in getattr(form, "responsibility_texts", dict)().items():
            if org_id in party_ids:
                InterfaceResponsibility.objects.update_or_create(
                    interface=obj, organisation_id=org_id, defaults={**texts, "text": texts.get("text_fi", "")})
        if steps is not None:
            steps.instance = obj
            steps.save()
        return obj


def create_interface(*, acting_user, parties, owners=(), services=(), levels=(), responsibilities=None,
                     escalation_steps=None, **fields):
    """Programmatic create (API, imports, tests) with the same validation as the page."""
    parties, owners = list(parties), list(owners)
    validate_parties(parties)
    validate_owners(parties, owners)
    with audited(acting_user):
        require_add(acting_user, {p.pk for p in parties})
        interface = Interface(**fields, **{f"level_{lv}": True for lv in levels})
        if interface.area_id is None:
            interface.area_id = _area_of(parties)
        interface.full_clean(exclude=["parties", "services"])
        interface.save()
        interface.parties.set(parties)
        interface.services.set(services)
        _set_owners(interface, owners)
        _replace_details(interface, parties, responsibilities, escalation_steps)
        return interface


def _replace_details(interface, parties, responsibilities, steps):
    """API writes of the nested lists: a given list replaces the stored one (None keeps it).

    `responsibilities`: [{"organisation": Organisation, "text_fi": …}], one per party at most;
    `steps`: [{"order": 1, "action_fi": …, "who_fi": …, "time_limit_days": 14}].
    """
    party_ids = {p.pk for p in parties}
    if responsibilities is not None:
        seen = set()
        for item in responsibilities:
            org = item["organisation"]
            if org.pk not in party_ids:
                raise ValidationError({"responsibilities": _("%(org)s is not a party of this interface.")
                                       % {"org": org}})
            if org.pk in seen:
                raise ValidationError({"responsibilities": _("%(org)s is listed twice.") % {"org": org}})
            seen.add(org.pk)
        interface.responsibilities.all().delete()
        for item in responsibilities:
            texts = {k: v for k, v in item.items() if k.startswith("text_")}
            InterfaceResponsibility.objects.create(interface=interface, organisation=item["organisation"],
                                                   text=texts.get("text_fi", ""), **texts)
    if steps is not None:
        interface.escalation_steps.all().delete()
        for number, item in enumerate(steps, start=1):
            step = EscalationStep(interface=interface, **{**item, "order": number})
            step.action = step.action_fi or step.action_sv or step.action_en or ""
            step.who = step.who_fi or step.who_sv or step.who_en or ""
            try:
                step.full_clean()
            except ValidationError as exc:
                raise ValidationError({"escalation_steps": [f"{number}: {m}" for m in exc.messages]}) from None
            step.save()


def update_interface(interface, *, acting_user, parties=None, owners=None, services=None, responsibilities=None,
                     escalation_steps=None, **fields):
    """Changes fields, parties, owners or services (a given list replaces the stored one, None keeps
    it); parties must stay ≥ 2 and owners within them."""
    with audited(acting_user):
        require(acting_user, interface, "change")
        parties = list(parties) if parties is not None else list(interface.parties.all())
        owners = list(owners) if owners is not None else [o.person for o in interface.owners.select_related(
            "person")]
        validate_parties(parties)
        validate_owners(parties, owners)
        for key, value in fields.items():
            setattr(interface, key, value)
        interface.full_clean(exclude=["parties", "services"])
        interface.save()
        interface.parties.set(parties)
        if services is not None:
            interface.services.set(services)
        _set_owners(interface, owners)
        interface.responsibilities.exclude(organisation__in=parties).delete()
        _replace_details(interface, parties, responsibilities, escalation_steps)
        if not can(acting_user, interface, "change"):
            raise PermissionDenied
        return interface


def _set_owners(interface, owners):
    keep = {p.organisation_id for p in owners}
    interface.owners.exclude(organisation_id__in=keep).delete()
    for person in owners:
        InterfaceOwner.objects.update_or_create(interface=interface, organisation_id=person.organisation_id,
                                                defaults={"person": person})


def set_responsibility(interface, organisation, actor, **texts):
    """Vastuut side by side: one text per party organisation."""
    with audited(actor):
        require(actor, interface, "change")
        if not interface.parties.filter(pk=organisation.pk).exists():
            raise ValidationError({"organisation": _("%(org)s is not a party of this interface.")
                                   % {"org": organisation}})
        row, _created = InterfaceResponsibility.objects.update_or_create(
            interface=interface, organisation=organisation, defaults=texts)
        return row


def assess_maturity(interface, *, acting_user, dimension, value, assessed_on=None, comment=""):
    """Records a new assessment as the signed-in `actor`; old ones stay as history (the latest counts).

    The assessor is not chosen: `recorded_by` is the acting user and `assessed_by` their own person
    record when the account is linked to one. The date may not be in the future (the model's clean()).
    """
    if dimension not in Dimension.values:
        raise ValidationError({"dimension": _("Unknown dimension: %(value)s.") % {"value": dimension}})
    validate_value(value)
    with audited(acting_user):
        require(acting_user, interface, "change")
        assessment = MaturityAssessment(
            interface=interface, dimension=dimension, value=value, assessed_on=assessed_on or helsinki_today(),
            assessed_by=queries.person_of(acting_user),
            recorded_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
            comment=comment,
        )
        assessment.full_clean()
        assessment.save()
        return assessment


def correct_assessment_comment(assessment, *, acting_user, comment):
    """Corrects the comment of an assessment (its value and date stay: a new value is a new assessment)."""
    with audited(acting_user):
        require(acting_user, assessment.interface, "change")
        assessment.comment = comment
        assessment.save(update_fields=["comment"])
        return assessment


def retract_assessment(assessment, *, acting_user, reason):
    """Withdraws a wrong assessment with a reason instead of deleting it.

    It stays in the history (marked retracted, with who, when and why) and no longer counts as the
    current value anywhere. Needs the right to change the interface; a reason is required and an
    assessment is retracted only once.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for the retraction.")})
    with audited(acting_user):
        require(acting_user, assessment.interface, "change")
        stored = MaturityAssessment.objects.select_for_update().get(pk=assessment.pk)
        if stored.retracted_at is not None:
            raise ValidationError({"reason": _("This assessment has already been retracted.")})
        stored.retracted_at = timezone.now()
        stored.retracted_by = acting_user
        stored.retraction_reason = reason
        stored.save(update_fields=["retracted_at", "retracted_by", "retraction_reason"])
        return stored


# ---- templates ----------------------------------------------------------------------------
def sync_templates():
    """Loads the shipped templates (data, not user content: updated in place)."""
    for order, data in enumerate(TEMPLATES):
        fields = {k: v for k, v in data.items() if k != "key"}
        fields["title"] = data["title_fi"]
        fields["description"] = data.get("description_fi", "")
        InterfaceTemplate.objects.update_or_create(key=data["key"], defaults={**fields, "order": order})
    return InterfaceTemplate.objects.count()


def instantiate_templates(county, *, actor, keys=None, visibility=Visibility.INTERNAL):
    """One interface per template per municipality of `county`, parties {county, municipality}.

    Idempotent: an instance is found by (template, municipality) and services by (organisation,
    template service key); only missing ones are created, so a county's edits are never touched.
    Returns counts {"interfaces": created, "existing": kept, "services": created}.
    """
    if not county.organises_sote:
        raise ValidationError({"county": _("Templates are instantiated for a wellbeing services county.")})
    with audited(actor):
        if not can_add_for(actor, [county.pk]):
            raise PermissionDenied
        return _instantiate(county, keys, visibility)


def _instantiate(county, keys, visibility):
    """The work of instantiate_templates without the rights check (also used by the demo loader)."""
    sync_templates()
    templates = InterfaceTemplate.objects.all()
    if keys:
        templates = templates.filter(key__in=keys)
    municipalities = list(Organisation.objects.municipalities().filter(area=county).order_by("name"))
    counts = {"interfaces": 0, "existing": 0, "services": 0}
    existing = set(Interface.objects.filter(template__in=templates, template_for__in=municipalities)
                   .values_list("template_id", "template_for_id"))
    service_cache = {(s.organisation_id, s.source_key): s for s in Service.objects.filter(
        organisation__in=[county, *municipalities]).exclude(source_key="")}
    for template in templates:
        for municipality in municipalities:
            if (template.pk, municipality.pk) in existing:
                counts["existing"] += 1
                continue
            services = [_template_service(spec, county if spec["side"] == "county" else municipality,
                                          service_cache, counts) for spec in template.services]
            interface = Interface.objects.create(
                template=template, template_for=municipality, area=county, visibility=visibility,
                theme=template.theme, client_group=template.client_group,
                title=f"{template.title_fi} – {municipality.name_fi or municipality.name}",
                **{f"title_{lang}": f"{getattr(template, f'title_{lang}') or template.title_fi} – "
                                    f"{getattr(municipality, f'name_{lang}') or municipality.name}"
                   for lang in ("fi", "sv", "en")},
                summary_fi=template.description_fi, summary_sv=template.description_sv or "",
                summary_en=template.description_en or "",
                **{f"level_{lv}": True for lv in template.levels if lv in Level.values},
            )
            interface.parties.set([county, municipality])
            interface.services.set(services)
            counts["interfaces"] += 1
    return counts


def _template_service(spec, organisation, cache, counts):
    key = (organisation.pk, spec["key"])
    if key not in cache:
        cache[key] = Service.objects.create(
            organisation=organisation, source_key=spec["key"], field=spec["field"], name=spec["name_fi"],
            name_fi=spec["name_fi"], name_sv=spec["name_sv"], name_en=spec["name_en"],
        )
        counts["services"] += 1
    return cache[key]


# ---- mapping rounds -----------------------------------------------------------------------
def open_round(area, *, acting_user, title, include_county=False, respondents=None, **fields):
    """A county opens a mapping round over the interfaces of its cooperation area.

    The scope is frozen now (cooperation.RoundScope): the area's interfaces and the organisations
    that answer (their parties; the county itself only with `include_county`). `respondents` may
    name a user per organisation id ({org id: user})."""
    from yhdyspinta.cooperation.models import RoundRespondent, RoundScope

    if not area.organises_sote:
        raise ValidationError({"area": _("A mapping round is opened by a wellbeing services county.")})
    with audited(acting_user):
        require_add(acting_user, [area.pk])
        round_ = MappingRound(area=area, title=title, **fields)
        round_.full_clean()
        round_.save()
        interfaces = list(Interface.objects.filter(area=area).prefetch_related("parties"))
        RoundScope.objects.create(round=round_).interfaces.set(interfaces)
        org_ids = {p.pk for i in interfaces for p in i.parties.all()}
        if not include_county:
            org_ids.discard(area.pk)
        named = respondents or {}
        RoundRespondent.objects.bulk_create(
            [RoundRespondent(round=round_, organisation_id=pk, respondent=named.get(pk)) for pk in sorted(org_ids)])
        return notify_saved(round_)  # invitations to the organisations that answer


def set_round_respondent(round_, organisation, *, acting_user, respondent):
    """Names the person who answers for `organisation` in the round (None: anyone of it)."""
    from yhdyspinta.cooperation.models import RoundRespondent

    with audited(acting_user):
        require(acting_user, round_, "change")
        row = RoundRespondent.objects.filter(round=round_, organisation=organisation).first()
        if row is None:
            raise ValidationError({"organisation": _("%(org)s does not answer in this round.") % {"org": organisation}})
        if respondent is not None and not organisation.memberships.filter(user=respondent).exists():
            raise ValidationError({"respondent": _("%(user)s is not a member of %(org)s.")
                                   % {"user": respondent, "org": organisation}})
        if respondent is not None and not can_add_for(respondent, {organisation.pk}):
            raise ValidationError({"respondent": _(
                "%(user)s cannot answer for %(org)s: answering needs an editor's role in it.")
                % {"user": respondent, "org": organisation}})
        row.respondent = respondent
        row.save(update_fields=["respondent"])
        return row


def answer_round(round_, *, acting_user, interface, organisation, expected_version=None, **fields):
    """One organisation's answer about one interface; answering again replaces the answer.

    `expected_version` is the version of the answer the form showed (0: none existed); an answer
    someone saved meanwhile raises ConflictError instead of being overwritten.
    """
    from . import rounds

    refused = rounds.refusal(round_)
    if refused:
        raise ValidationError({"round": refused})
    if interface.area_id != round_.area_id:
        raise ValidationError({"interface": _("The interface is not in this round's area.")})
    interfaces, respondents = rounds.scope(round_)
    if interface.pk not in {i.pk for i in interfaces}:
        raise ValidationError({"interface": _("The interface was created after the round opened; it is not "
                                              "asked about in this round.")})
    if organisation.pk not in respondents:
        raise ValidationError({"organisation": _("%(org)s does not answer in this round.") % {"org": organisation}})
    if not interface.parties.filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": _("%(org)s is not a party of this interface.") % {"org": organisation}})
    with audited(acting_user):
        require_add(acting_user, [organisation.pk])
        answer, created = MappingAnswer.objects.get_or_create(round=round_, interface=interface,
                                                             organisation=organisation)
        if expected_version is not None and not created:
            if expected_version == 0:
                raise ConflictError(answer, 0)
            check_and_bump_version(answer, expected_version)
        for key, value in fields.items():
            setattr(answer, key, value)
        answer.answered_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
        answer.full_clean()
        answer.save()
        return answer


def close_round(round_, *, acting_user):
    with audited(acting_user):
        require(acting_user, round_, "change")
        round_.is_open = False
        round_.save(update_fields=["is_open"])
        return round_


def reopen_round(round_, *, acting_user, closes_on=None):
    """The coordinator reopens a closed round, until `closes_on` (none: until closed by hand).

    The change is in the round's history (who, when, the old and new closing date)."""
    if closes_on is not None and closes_on < helsinki_today():
        raise ValidationError({"closes_on": _("The new closing date cannot be in the past.")})
    with audited(acting_user):
        require(acting_user, round_, "change")
        round_.is_open = True
        round_.closes_on = closes_on
        round_.full_clean()
        round_.save(update_fields=["is_open", "closes_on"])
        return round_


def accept_proposed_assessments(round_, proposals, *, acting_user, dimension):
    """Records the maturity the round's answers suggest, one assessment per chosen interface,
    through assess_maturity (each checked for the right to change its interface)."""
    comment = _("From the mapping round %(round)s") % {"round": round_}
    with audited(acting_user):
        require(acting_user, round_, "change")  # the round's coordinator accepts its summary
        return [assess_maturity(p["interface"], acting_user=acting_user, dimension=dimension, value=p["value"],
                                comment=comment + " " + _("(%(count)s answers)") % {"count": p["count"]})
                for p in proposals]
