"""All writes of the cooperation app: checked, validated and audited in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import formats, timezone
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



# ---- meetings: attendance, the minutes' way, corrections, series ------------------------------
def _require_meeting_change(actor, meeting):
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied
    require(actor, meeting, "change")


def set_attendance(meeting, rows, *, actor):
    """Records who attended in which role (or was absent) and who checks the minutes.

    `rows`: (person, role, checks_minutes) for everyone recorded; others are removed. At most two
    minute checkers, both present. Refused once the minutes are approved (use a correction)."""
    from .models import Attendance, AttendanceRole
    from .models.meetings import refuse_if_frozen

    rows = list(rows)
    with audited(actor):
        _require_meeting_change(actor, meeting)
        refuse_if_frozen(meeting)
        checkers = [person for person, role, checks in rows if checks]
        if len(checkers) > 2:
            raise ValidationError({"checks_minutes": _("Pick two minute checkers, not %(n)d.") % {
                "n": len(checkers)}})
        if any(checks and role == AttendanceRole.ABSENT for person, role, checks in rows):
            raise ValidationError({"checks_minutes": _("A minute checker must have attended the meeting.")})
        keep = {person.pk for person, role, checks in rows}
        for row in meeting.attendance.exclude(person_id__in=keep):
            row.delete()
        stored = {a.person_id: a for a in meeting.attendance.all()}
        for person, role, checks in rows:
            row = stored.get(person.pk) or Attendance(meeting=meeting, person=person)
            if row.pk and row.role == role and row.checks_minutes == bool(checks):
                continue
            row.role, row.checks_minutes = role, bool(checks)
            row.full_clean()
            row.save()
        return list(meeting.attendance.all())


def expected_attendance(meeting):
    """The forum's members in office on the meeting's day and the meeting's participants, with the
    role their seat gives them: what the attendance form starts from."""
    from .models import AttendanceRole, MemberRole

    day = meeting.local_date
    seat_role = {MemberRole.CHAIR: AttendanceRole.CHAIR, MemberRole.SECRETARY: AttendanceRole.SECRETARY,
                 MemberRole.EXPERT: AttendanceRole.EXPERT}
    rows, seen = [], set()
    for seat in meeting.forum.members.select_related("person").order_by("role", "person__last_name"):
        if (seat.term_start and seat.term_start > day) or (seat.term_end and seat.term_end < day):
            continue
        if seat.person_id not in seen:
            seen.add(seat.person_id)
            rows.append((seat.person, seat_role.get(seat.role, AttendanceRole.MEMBER)))
    for person in meeting.participants.all():
        if person.pk not in seen:
            seen.add(person.pk)
            rows.append((person, AttendanceRole.MEMBER))
    return rows


def mark_minutes_checked(meeting, *, actor):
    """Draft → checked: the attendance is recorded and the two minute checkers have checked them.
    The minutes become public on the checking day (minutes_checked_on) unless a date was set."""
    from .models import MinutesState

    with audited(actor):
        _require_meeting_change(actor, meeting)
        if meeting.minutes_state != MinutesState.DRAFT:
            raise ValidationError(_("Only draft minutes can be marked checked."))
        if meeting.starts_at and meeting.starts_at > timezone.now():  # walk 6 #7: checked before it was held
            raise ValidationError(_("The minutes cannot be checked before the meeting (%(date)s).") % {
                "date": formats.date_format(meeting.local_date, "SHORT_DATE_FORMAT")})
        present = meeting.attendance.exclude(role="absent")
        if not present.exists():
            raise ValidationError(_("Record the attendance before the minutes are checked."))
        if present.filter(checks_minutes=True).count() != 2:
            raise ValidationError(_("Pick two minute checkers from those present before the minutes are "
                                    "checked."))
        meeting.minutes_state = MinutesState.CHECKED
        meeting.minutes_checked_by = actor
        meeting.minutes_checked_at = timezone.now()
        if meeting.minutes_checked_on is None:
            meeting.minutes_checked_on = max(timezone.localdate(), meeting.local_date)
        meeting.save()
        return meeting


def approve_minutes(meeting, *, actor):
    """Checked → approved: from now on the minutes change only through correction entries."""
    from .models import MinutesState

    with audited(actor):
        _require_meeting_change(actor, meeting)
        if meeting.minutes_state == MinutesState.APPROVED:
            raise ValidationError(_("The minutes are already approved."))
        if meeting.minutes_state != MinutesState.CHECKED:
            raise ValidationError(_("The minutes must be checked before they are approved."))
        meeting.minutes_state = MinutesState.APPROVED
        meeting.minutes_approved_by = actor
        meeting.minutes_approved_at = timezone.now()
        meeting.save()
        return meeting


def correct_minutes(meeting, *, actor, what, why, decision=None, resolution=None, text=None, minutes=None):
    """A correction of approved minutes (oikaisu): recorded with who, when, what and why, and shown
    on the minutes. With `decision`, its resolution and/or text are changed as part of the entry,
    with `minutes` the minutes' own text (the old and new wording go into `what`)."""
    from .models import Correction, MinutesState, Resolution

    what, why = (what or "").strip(), (why or "").strip()
    with audited(actor):
        _require_meeting_change(actor, meeting)
        if meeting.minutes_state != MinutesState.APPROVED:
            raise ValidationError(_("Only approved minutes are corrected; edit the draft instead."))
        errors = {}
        if not what:
            errors["what"] = _("Say what is corrected.")
        if not why:
            errors["why"] = _("A correction needs a reason.")
        if decision is not None and decision.meeting_id != meeting.pk:
            errors["decision"] = _("The decision belongs to another meeting.")
        if resolution and resolution not in Resolution.values:
            errors["resolution"] = _("Unknown resolution.")
        if errors:
            raise ValidationError(errors)
        if decision is not None and (resolution or text is not None):
            before = f"{decision.get_resolution_display()}: {decision.text}".strip()
            if resolution:
                decision.resolution = resolution
            if text is not None:
                decision.text = text
            after = f"{decision.get_resolution_display()}: {decision.text}".strip()
            decision.save()  # the one write past the freeze: this entry records it
            what = f"{what}\n§ {decision.item.number}: {before} → {after}"
        if minutes is not None and minutes != meeting.minutes:
            label = _("Minutes text")
            what = f"{what}\n{label}: {meeting.minutes} → {minutes}"
            meeting.minutes = minutes
            meeting.save()  # past the freeze (Meeting.clean is not run): this entry records it
        return Correction.objects.create(meeting=meeting, decision=decision, made_by=actor, what=what, why=why)


def delete_meeting(meeting, *, acting_user):
    """A meeting with approved minutes is kept (its minutes are a record); others are deleted."""
    from yhdyspinta.core.actions import delete_object

    from .models.meetings import frozen_message

    if meeting.is_frozen:
        raise ValidationError(frozen_message(meeting))
    return delete_object(meeting, acting_user=acting_user)


def create_series(forum, *, actor, first_start, until=None, rule=None, place="", visibility=None,
                  language="fi"):
    """Meetings of `forum` on the dates of its rhythm (RRULE, `rule` or the forum's own) from
    `first_start` to `until`, at most recurrence.MAX_OCCURRENCES; each ends after the forum's usual
    length, has the forum's members in office as participants, and sends invitations (notifications)."""
    import uuid

    from yhdyspinta.accounts.permissions import can_add_for
    from yhdyspinta.notifications.hooks import notify_saved

    from .models import Meeting
    from .models.common import forum_org_ids
    from .recurrence import RecurrenceError, occurrences

    rule = (rule or forum.recurrence or "").strip()
    with audited(actor):
        if actor is None or not actor.is_authenticated or not can_add_for(actor, forum_org_ids(forum)):
            raise PermissionDenied
        if not rule:
            raise ValidationError({"rule": _("Give the rule, or the forum's meeting rhythm first.")})
        try:
            starts = occurrences(rule, first_start, until)
        except RecurrenceError as exc:
            raise ValidationError({"rule": str(exc)}) from None
        if not starts:
            raise ValidationError({"rule": _("The rule gives no meetings in the period.")})
        series = uuid.uuid4()
        members = _members_in_office(forum)
        created = []
        for start in starts:
            meeting = Meeting(forum=forum, starts_at=start, ends_at=start + forum.meeting_length, place=place,
                              language=language, series=series,
                              visibility=visibility or forum.visibility)
            meeting.full_clean()
            meeting.save()
            day = meeting.local_date
            meeting.participants.set([s.person_id for s in members
                                      if not (s.term_start and s.term_start > day)
                                      and not (s.term_end and s.term_end < day)])
            created.append(meeting)
        for meeting in created:
            notify_saved(meeting)  # invitations (notifications: meeting invitation)
        return created


def _members_in_office(forum):
    return list(forum.members.all())


# ---- statutory duties: one piece of evidence for many municipalities ----------------------------
def add_evidence_in_bulk(*, actor, county, rule, municipalities, kind, date, agenda_item=None, decision=None,
                         agreement=None, url="", title=""):
    """Links the same evidence (a negotiation meeting's item, its decision, an agreement or a
    document) to the duty of `rule` of every chosen municipality whose period includes `date`
    (for a county-only rule, `municipalities` is ignored and the county's own duty gets it).

    One transaction: a municipality without such a duty, a duty the actor may not write for, or a
    target the actor may not see or that belongs to another county refuses the whole; nothing is
    half-saved. Duties that already have this very evidence are left as they are. Returns the new
    DutyEvidence rows."""
    from yhdyspinta.accounts.permissions import can_add_for

    from .models import AppliesTo, Duty, DutyEvidence

    municipalities = sorted(set(municipalities), key=lambda o: o.name)
    with audited(actor):
        if actor is None or not actor.is_authenticated:
            raise PermissionDenied
        errors = {}
        county_only = rule.applies_to == AppliesTo.COUNTY
        if not county_only:
            if not municipalities:
                errors["municipalities"] = _("Choose at least one municipality.")
            strangers = [o.name for o in municipalities if o.area_id != county.pk]
            if strangers:
                errors["municipalities"] = _("Not municipalities of %(county)s: %(names)s.") % {
                    "county": county, "names": ", ".join(strangers)}
        target = {"agenda_item": agenda_item, "decision": decision, "agreement": agreement}.get(kind)
        if target is not None:
            if not type(target).objects.restrict(actor, "view").filter(pk=target.pk).exists():
                errors[kind] = _("You cannot see the chosen record.")
            elif not _belongs_to_county(target, county):
                errors[kind] = _("The chosen record belongs to another county.")
        if errors:
            raise ValidationError(errors)
        duties = Duty.objects.filter(rule=rule, county=county, period_start__lte=date, period_end__gte=date)
        if county_only:
            wanted = {None: county}
            duties = duties.filter(municipality__isnull=True)
        else:
            wanted = {o.pk: o for o in municipalities}
            duties = duties.filter(municipality__in=municipalities)
        found = {d.municipality_id: d for d in duties.select_related("municipality")}
        missing = [str(org) for key, org in wanted.items() if key not in found]
        if missing:
            raise ValidationError({"municipalities": _(
                "No duty “%(rule)s” whose period includes %(date)s for: %(names)s. Generate the duties "
                "first or change the date.") % {"rule": rule.title, "date": date.strftime("%d.%m.%Y"),
                                                 "names": ", ".join(missing)}})
        refused = [str(d.municipality or county) for d in found.values()
                   if not can_add_for(actor, d.involved_organisation_ids())]
        if refused:
            raise ValidationError({"municipalities": _("You may not add evidence for: %(names)s.") % {
                "names": ", ".join(refused)}})
        created = []
        for duty in found.values():
            fields = {"kind": kind, "agenda_item": agenda_item if kind == "agenda_item" else None,
                      "decision": decision if kind == "decision" else None,
                      "agreement": agreement if kind == "agreement" else None,
                      "url": url if kind == "document" else ""}
            if duty.evidence.filter(**fields).exists():
                continue
            evidence = DutyEvidence(duty=duty, title=title, date=date, **fields)
            evidence.full_clean()
            evidence.save()
            created.append(evidence)
        return created


def _belongs_to_county(target, county) -> bool:
    """A meeting record of a forum of the county's area, or an agreement the county or one of its
    municipalities is a party to."""
    from yhdyspinta.organisations.models import Organisation

    from .models import Agreement
    from .models.common import forum_org_ids

    own = {county.pk, *Organisation.objects.filter(area=county).values_list("pk", flat=True)}
    if isinstance(target, Agreement):
        return bool(own & set(target.parties.values_list("pk", flat=True)))
    return bool(own & forum_org_ids(target.owning_forum()))


# ---- the API's attendance rows, corrections and document templates -----------------------------
# One row at a time (the API) goes through set_attendance with the meeting's other rows, so a row
# obeys the same rules as the attendance page: at most two minute checkers, both present, and no
# change after the minutes are approved.
def _attendance_rows(meeting, *, without=None):
    return [(a.person, a.role, a.checks_minutes) for a in meeting.attendance.select_related("person")
            if a.pk != without]


def _row_of(rows, person):
    return next(a for a in rows if a.person_id == person.pk)


def add_attendance(*, acting_user, meeting, person, role="member", checks_minutes=False):
    """Records one person's attendance (or absence) at `meeting`."""
    with audited(acting_user):
        _require_meeting_change(acting_user, meeting)
        if meeting.attendance.filter(person=person).exists():
            raise ValidationError({"person": _("%(person)s is already recorded at this meeting.") % {
                "person": person}})
        rows = [*_attendance_rows(meeting), (person, role, checks_minutes)]
        return _row_of(set_attendance(meeting, rows, actor=acting_user), person)


def update_attendance(row, *, acting_user, meeting=None, person=None, role=None, checks_minutes=None):
    """Changes one attendance row's person, role or minute checking (not its meeting)."""
    meeting_ = row.meeting
    with audited(acting_user):
        _require_meeting_change(acting_user, meeting_)
        if meeting is not None and meeting.pk != meeting_.pk:
            raise ValidationError({"meeting": _("An attendance row stays with its meeting.")})
        person = person or row.person
        if person.pk != row.person_id and meeting_.attendance.filter(person=person).exists():
            raise ValidationError({"person": _("%(person)s is already recorded at this meeting.") % {
                "person": person}})
        new = (person, role or row.role, row.checks_minutes if checks_minutes is None else checks_minutes)
        return _row_of(set_attendance(meeting_, [*_attendance_rows(meeting_, without=row.pk), new],
                                      actor=acting_user), person)


def delete_attendance(row, *, acting_user):
    with audited(acting_user):
        _require_meeting_change(acting_user, row.meeting)
        set_attendance(row.meeting, _attendance_rows(row.meeting, without=row.pk), actor=acting_user)


def add_correction(*, acting_user, meeting, what, why, decision=None, resolution="", text=None, minutes=None):
    """The API's correction entry of approved minutes: correct_minutes, as the page's form."""
    return correct_minutes(meeting, actor=acting_user, what=what, why=why, decision=decision,
                           resolution=resolution or None, text=text or None, minutes=minutes or None)


def _check_new_template(upload):
    from .documents import check_template

    if upload is not None and not getattr(upload, "_committed", False):
        try:
            check_template(upload, name=getattr(upload, "name", "") or "DOCX")
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from None


def create_document_template(*, acting_user, **fields):
    """A forum's or county's DOCX template; a template docxtpl cannot render is refused with its
    line (documents.check_template, as on the upload page)."""
    from yhdyspinta.core.actions import create_record

    from .models import DocumentTemplate

    _check_new_template(fields.get("file"))
    return create_record(DocumentTemplate, acting_user=acting_user, **fields)


def update_document_template(template, *, acting_user, **fields):
    from yhdyspinta.core.actions import update_record

    _check_new_template(fields.get("file"))
    return update_record(template, acting_user=acting_user, **fields)


# ---- a mapping round's reported problems to a forum's agenda ------------------------------------
def items_from_round_problems(round_, answers, *, acting_user, meeting):
    """Agenda items on `meeting` from problems reported in the closed `round_`: one item per
    interface, linked to it, listing each chosen organisation's problem. The title is written in
    the meeting's language; the presentation is internal when the round or the interface is.

    The round's coordinator (change right on the round) and the meeting's writer; the meeting must
    be of a forum of the round's county. One transaction: any refusal saves nothing."""
    from django.db.models import Max
    from django.utils.translation import override

    from yhdyspinta.catalogue.rounds import CLOSED, state

    from .models import AgendaItem

    answers = sorted({a.pk: a for a in answers}.values(), key=lambda a: (a.interface.title, a.organisation.name))
    with audited(acting_user):
        require(acting_user, round_, "change")
        _require_meeting_change(acting_user, meeting)
        errors = {}
        if state(round_) != CLOSED:
            errors["round"] = _("Agenda items are made from the problems of a closed round.")
        if meeting.forum.area_id != round_.area_id:
            errors["meeting"] = _("Choose a meeting of a forum of %(county)s.") % {"county": round_.area}
        if not answers:
            errors["answers"] = _("Choose at least one reported problem.")
        elif any(a.round_id != round_.pk or not a.problems.strip() for a in answers):
            errors["answers"] = _("Choose problems reported in this round.")
        if errors:
            raise ValidationError(errors)
        by_interface = {}
        for answer in answers:
            by_interface.setdefault(answer.interface, []).append(answer)
        number = (meeting.items.aggregate(n=Max("number"))["n"] or 0) + 1
        created = []
        with override(meeting.language):
            for interface, rows in by_interface.items():
                internal = round_.is_internal or interface.is_internal
                title = (_("Problems reported in the mapping round") if interface.is_internal
                         else _("Problems reported in the mapping round: %(interface)s") % {"interface": interface})
                body = "\n\n".join([str(interface), *(f"{a.organisation}: {a.problems.strip()}" for a in rows)])
                item = AgendaItem(meeting=meeting, number=number, title=title[:300], body=body,
                                  body_visibility="internal" if internal else "public")
                item.full_clean()
                item.save()
                item.interfaces.add(interface)
                created.append(item)
                number += 1
        return created
