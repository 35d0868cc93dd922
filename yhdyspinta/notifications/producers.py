"""Producers: given "now", find what is due and insert Notification rows (idempotent).

Every producer may run any number of times, on any number of servers: a row is identified by
(recipient, kind, occasion) and inserted with ON CONFLICT DO NOTHING, so a reminder exists once.
Events (a round opened, a meeting saved) call `on_saved` through `hooks.notify_saved`; the
scheduled job calls `produce_due(now)`.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from yhdyspinta.accounts.models import Membership, Role, User

from .models import CalendarEvent, Kind, Mode, Notification, NotificationPreference, default_mode

logger = logging.getLogger(__name__)
WRITER_ROLES = (Role.EDITOR, Role.ORG_ADMIN)
ADMIN_ROLES = (Role.ORG_ADMIN,)  # agreements and statutory duties: the organisation's admins answer for them


def site_url(path: str = "") -> str:
    return settings.SITE_URL.rstrip("/") + path


# ---- recipients ----------------------------------------------------------------------------
def org_writers(org_ids):
    """Active users with an e-mail address who edit or administer one of the organisations."""
    return User.objects.filter(
        is_active=True, pk__in=Membership.objects.filter(organisation_id__in=org_ids, role__in=WRITER_ROLES)
        .values("user_id"),
    ).exclude(email="")


def users_of_people(people):
    """The user accounts of register people (a person without an account gets no e-mail)."""
    return User.objects.filter(is_active=True, person__in=people).exclude(email="")


def modes_for(user_ids, kind) -> dict[int, str]:
    prefs = NotificationPreference.objects.filter(kind=kind)
    if len(user_ids) <= 1000:  # else all of the kind: fewer than the users, and no huge IN list
        prefs = prefs.filter(user_id__in=user_ids)
    chosen = dict(prefs.values_list("user_id", "mode"))
    return {uid: chosen.get(uid, default_mode(kind)) for uid in user_ids}


# ---- creating rows ---------------------------------------------------------------------------
def render(template: str, language: str, context: dict) -> tuple[str, str]:
    """The first line of the rendered template is the subject, the rest the text."""
    with translation.override(language):
        text = render_to_string(f"notifications/email/{template}.txt", context).strip()
    subject, _sep, body = text.partition("\n")
    return subject.strip()[:300], body.strip()


@dataclass
class Item:
    """One occasion: what it is about, who gets it, the template and its context.

    `context` and `ics` may be callables of the user (e.g. the recipient's own ATTENDEE line);
    otherwise the text is rendered once per language, not once per recipient."""

    occasion: str
    obj: object
    users: object
    template: str
    context: object = None
    url: str = ""
    ics: object = None


def _users(users) -> list:
    if hasattr(users, "only"):
        return list(users.only("pk", "email", "language", "first_name", "last_name", "username"))
    return list(users)


def create(kind, occasion: str, obj, users, template: str, context=None, *, url="", ics=None, now=None) -> int:
    """Inserts one row per user who wants `kind` and has none for this occasion yet; returns how many."""
    return create_many(kind, [Item(occasion, obj, users, template, context, url, ics)], now=now)


def create_many(kind, items: list[Item], *, now=None) -> int:
    """`create` for many occasions of one kind with one query for what exists, one for the
    preferences and one bulk insert (the daily job at national scale)."""
    now = now or timezone.now()
    for item in items:
        item.occasion = item.occasion[:200]
        item.users = _users(item.users)
    items = [i for i in items if i.users]
    if not items:
        return 0
    existing = set()
    occasions = [i.occasion for i in items]
    for k in range(0, len(occasions), 500):
        existing |= set(Notification.objects.filter(kind=kind, occasion__in=occasions[k:k + 500])
                        .values_list("recipient_id", "occasion"))
    modes = modes_for(list({u.pk for i in items for u in i.users}), kind)
    digest_at = next_digest_time(now)
    rows = []
    for item in items:
        ct = ContentType.objects.get_for_model(item.obj) if item.obj is not None else None
        rendered: dict[str, tuple[str, str]] = {}
        for user in item.users:
            mode = modes[user.pk]
            if mode == Mode.OFF or (user.pk, item.occasion) in existing:
                continue
            language = user.language or settings.LANGUAGE_CODE
            ctx = {"obj": item.obj, "url": item.url}
            if callable(item.context):
                ctx.update(item.context(user), user=user)
                subject, body = render(item.template, language, ctx)
            else:
                if language not in rendered:
                    ctx.update(item.context or {})
                    rendered[language] = render(item.template, language, ctx)
                subject, body = rendered[language]
            daily = mode == Mode.DAILY
            rows.append((
                user.pk, kind, item.occasion, ct.pk if ct is not None else None,
                item.obj.pk if item.obj is not None else None, language, subject, body, item.url,
                item.ics(user, language) if callable(item.ics) else (item.ics or ""), daily,
                digest_at if daily else now,
            ))
    insert_rows(rows)
    return len(rows)


INSERT_COLUMNS = ("recipient_id", "kind", "occasion", "content_type_id", "object_id", "language", "subject",
                  "body", "url", "ics", "digest", "next_attempt_at")


def insert_rows(rows: list[tuple], batch: int = 500) -> None:
    """INSERT … ON CONFLICT DO NOTHING of prepared tuples (INSERT_COLUMNS), `batch` rows a statement.

    The same as bulk_create(ignore_conflicts=True) without building a model instance and preparing
    every value through its field for each of the 54 000 rows of the national daily job (a third of
    its CPU time). UNIQUE(recipient, kind, occasion) still decides what exists."""
    if not rows:
        return
    from django.db import connection, transaction

    table = connection.ops.quote_name(Notification._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    created = adapt(timezone.now())
    times: dict = {}
    fixed = {"status": "queued", "attempts": 0, "last_error": "", "claim": "", "created": created}
    columns = [*INSERT_COLUMNS, *fixed]
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    tail = tuple(fixed.values())
    with transaction.atomic(), connection.cursor() as cursor:
        for k in range(0, len(rows), batch):
            chunk = rows[k:k + batch]
            params = []
            for row in chunk:
                at = row[-1]
                if at not in times:
                    times[at] = adapt(at)
                params.extend((*row[:-1], times[at], *tail))
            cursor.execute(f"INSERT INTO {table} ({names}) VALUES {', '.join([one] * len(chunk))} "
                           f"ON CONFLICT DO NOTHING", params)


def next_digest_time(now):
    """The daily digest goes out at NOTIFICATIONS_DIGEST_HOUR local time: today's if still ahead."""
    local = timezone.localtime(now)
    at = local.replace(hour=settings.NOTIFICATIONS_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    return at if at > local else at + timedelta(days=1)


# ---- mapping rounds ------------------------------------------------------------------------
def _round_orgs(round_, *, missing_only: bool):
    """The organisations expected to answer the round (parties of the area's interfaces);
    with `missing_only`, those still missing at least one answer."""
    from yhdyspinta.catalogue.models import Interface, MappingAnswer

    expected = set(Interface.parties.through.objects.filter(interface__area_id=round_.area_id)
                   .values_list("interface_id", "organisation_id"))
    if missing_only:
        expected -= set(MappingAnswer.objects.filter(round=round_).values_list("interface_id", "organisation_id"))
    return {org for _i, org in expected}


def round_opened(round_, now=None) -> int:
    """Invitations when the round opens (a round opened for a later day: by `rounds_opened` then)."""
    if not round_.is_open or (round_.opens_on and round_.opens_on > timezone.localdate(now)):
        return 0
    return create(Kind.ROUND_OPENED, f"round:{round_.pk}:opened", round_,
                  org_writers(_round_orgs(round_, missing_only=False)), "round_opened",
                  url=site_url(round_.get_absolute_url()), now=now)


def round_reminders(now) -> int:
    """Open rounds closing within a reminder window (NOTIFICATIONS_ROUND_REMINDER_DAYS, e.g. 14, 7, 1):
    one reminder per window to the writers of organisations that have not answered."""
    from yhdyspinta.catalogue.models import MappingRound

    today = timezone.localdate(now)
    windows = sorted(settings.NOTIFICATIONS_ROUND_REMINDER_DAYS)
    count = 0
    rounds = MappingRound.objects.filter(is_open=True, closes_on__gte=today,
                                         closes_on__lte=today + timedelta(days=max(windows)))
    for round_ in rounds.select_related("area"):
        left = (round_.closes_on - today).days
        window = min(d for d in windows if d >= left)
        orgs = _round_orgs(round_, missing_only=True)
        if orgs:
            count += create(Kind.ROUND_REMINDER, f"round:{round_.pk}:remind:{window}", round_, org_writers(orgs),
                            "round_reminder", {"days_left": left}, url=site_url(round_.get_absolute_url()), now=now)
    return count


def rounds_opened(now) -> int:
    """Rounds that opened today or earlier and have had no invitations (e.g. opened for a later day)."""
    from yhdyspinta.catalogue.models import MappingRound

    today = timezone.localdate(now)
    done = Notification.objects.filter(kind=Kind.ROUND_OPENED).values("object_id")
    count = 0
    for round_ in MappingRound.objects.filter(is_open=True, opens_on__lte=today).exclude(
            Q(closes_on__lt=today) | Q(pk__in=done)):
        count += round_opened(round_, now)
    return count


# ---- meetings ------------------------------------------------------------------------------
def meeting_recipients(meeting):
    from yhdyspinta.organisations.models import Person

    people = Person.objects.filter(Q(meetings=meeting) | Q(forum_seats__forum_id=meeting.forum_id))
    return users_of_people(people).distinct()


def _meeting_fingerprint(meeting) -> str:
    """What a calendar shows: a change of these sends an update with a higher SEQUENCE."""
    text = f"{meeting.starts_at.isoformat()}|{meeting.place}|{meeting.forum_id}"
    ends_at = getattr(meeting, "ends_at", None)
    if ends_at and ends_at != meeting.starts_at + timedelta(hours=2):  # the old fixed 2 h: same fingerprint
        text += f"|{ends_at.isoformat()}"
    return hashlib.sha256(text.encode()).hexdigest()


def meeting_saved(meeting, now=None) -> int:
    """Invitations (METHOD:REQUEST) to the participants and the forum's members; a changed time or
    place raises the SEQUENCE and sends the update to everyone, once."""
    now = now or timezone.now()
    if meeting.starts_at < now:
        return 0
    uid = f"meeting-{meeting.pk}"
    fingerprint = _meeting_fingerprint(meeting)
    event, created = CalendarEvent.objects.get_or_create(uid=uid, defaults={"fingerprint": fingerprint})
    if not created and (event.fingerprint != fingerprint or event.cancelled):
        # compare-and-set: two saves of the same change raise the SEQUENCE once
        CalendarEvent.objects.filter(pk=event.pk).exclude(fingerprint=fingerprint, cancelled=False).update(
            sequence=F("sequence") + 1, fingerprint=fingerprint, cancelled=False)
        event.refresh_from_db()
    from . import ical

    items = list(meeting.items.order_by("number").values_list("number", "title"))
    url = site_url(meeting.get_absolute_url())
    update = event.sequence > 0
    return create(
        Kind.MEETING, f"meeting:{meeting.pk}:seq:{event.sequence}", meeting, meeting_recipients(meeting),
        "meeting_invitation", {"meeting": meeting, "items": items, "update": update,
                               "starts": timezone.localtime(meeting.starts_at)},
        url=url, now=now,
        ics=lambda user, language: ical.meeting_request(meeting, user, language, sequence=event.sequence,
                                                        items=items, url=url),
    )


def meeting_deleted(meeting, now=None) -> int:
    """METHOD:CANCEL to everyone who was invited, with the next SEQUENCE."""
    now = now or timezone.now()
    uid = f"meeting-{meeting.pk}"
    event = CalendarEvent.objects.filter(uid=uid).first()
    if event is None or event.cancelled:
        return 0
    if not CalendarEvent.objects.filter(pk=event.pk, cancelled=False).update(sequence=F("sequence") + 1,
                                                                             cancelled=True):
        return 0  # cancelled by another process just now
    sequence = CalendarEvent.objects.values_list("sequence", flat=True).get(pk=event.pk)
    ct = ContentType.objects.get_for_model(meeting)
    invited = User.objects.filter(pk__in=Notification.objects.filter(
        kind=Kind.MEETING, content_type=ct, object_id=meeting.pk).values("recipient_id"))
    from . import ical

    return create(
        Kind.MEETING, f"meeting:{meeting.pk}:cancel", meeting, invited, "meeting_cancelled",
        {"meeting": meeting, "starts": timezone.localtime(meeting.starts_at)}, url="", now=now,
        ics=lambda user, language: ical.meeting_cancel(meeting, user, language, sequence=sequence),
    )


# ---- follow-up actions, escalations, agreements -------------------------------------------------
def action_saved(action, now=None) -> int:
    if action.status != "open" or not action.owner_id:
        return 0
    return create(Kind.ACTION_ASSIGNED, f"action:{action.pk}:owner:{action.owner_id}", action,
                  users_of_people([action.owner_id]), "action_assigned", {"action": action},
                  url=site_url(action.get_absolute_url()), now=now)


def actions_overdue(now) -> int:
    from yhdyspinta.cooperation.models import FollowUpAction

    today = timezone.localdate(now)
    late = (FollowUpAction.objects.late(today).filter(owner__user__isnull=False, owner__user__is_active=True)
            .exclude(owner__user__email="").select_related("owner__user", "decision__item"))
    return create_many(Kind.ACTION_OVERDUE, [
        Item(f"action:{a.pk}:overdue:{a.deadline}", a, [a.owner.user], "action_overdue", {"action": a},
             site_url(a.get_absolute_url())) for a in late], now=now)


def escalation_saved(escalation, now=None) -> int:
    from yhdyspinta.organisations.models import Person

    if escalation.state != "raised" or not escalation.to_forum_id:
        return 0
    members = Person.objects.filter(forum_seats__forum_id=escalation.to_forum_id)
    return create(Kind.ESCALATION, f"escalation:{escalation.pk}:to:{escalation.to_forum_id}", escalation,
                  users_of_people(members).distinct(), "escalation", {"escalation": escalation},
                  url=site_url(escalation.get_absolute_url()), now=now)


def agreement_reminders(now) -> int:
    """Agreements whose reminder date has come and whose renewal or notice day is still ahead: to
    the parties' organisation admins and the signatories who have an account."""
    from yhdyspinta.cooperation.compute import reminder_date
    from yhdyspinta.cooperation.models import Agreement, AgreementParty

    today = timezone.localdate(now)
    candidates = Agreement.objects.filter(Q(valid_until__gte=today) | Q(renewal_date__gte=today)).values_list(
        "pk", "valid_until", "renewal_date", "notice_months", "reminder_days")
    due = {}
    for pk, until, renewal, notice, days in candidates.iterator(chunk_size=2000):
        remind = reminder_date(until, renewal, notice, days)
        if remind is not None and remind <= today:
            due[pk] = remind
    if not due:
        return 0
    parties: dict[int, set[int]] = {}
    signatories: dict[int, list] = {}
    for row in AgreementParty.objects.filter(agreement_id__in=due).select_related("signatory__user"):
        parties.setdefault(row.agreement_id, set()).add(row.organisation_id)
        user = row.signatory.user if row.signatory_id and row.signatory.user_id else None
        if user is not None and user.is_active and user.email:
            signatories.setdefault(row.agreement_id, []).append(user)
    admins = writers_by_org({o for s in parties.values() for o in s}, ADMIN_ROLES)
    items = []
    for agreement in Agreement.objects.filter(pk__in=due):
        users = {u.pk: u for org in parties.get(agreement.pk, ()) for u in admins.get(org, ())}
        users.update((u.pk, u) for u in signatories.get(agreement.pk, ()))
        items.append(Item(f"agreement:{agreement.pk}:remind:{due[agreement.pk]}", agreement, list(users.values()),
                          "agreement_reminder", {"agreement": agreement, "remind_on": due[agreement.pk]},
                          site_url(agreement.get_absolute_url())))
    return create_many(Kind.AGREEMENT_REMINDER, items, now=now)



def lease_reminders(now) -> int:
    """Lease deadlines (last notice day, last day to use an option) whose reminder day has come:
    to the organisation admins and county coordinators of the landlord and the tenant
    (facilities.reminders)."""
    from yhdyspinta.facilities.models import Lease
    from yhdyspinta.facilities.reminders import due_today

    due = due_today(timezone.localdate(now))
    if not due:
        return 0
    leases = Lease.objects.select_related("premise__building", "landlord", "tenant").in_bulk(
        {d.lease_id for d in due})
    admins = writers_by_org({o for lease in leases.values() for o in (lease.landlord_id, lease.tenant_id)},
                            (*ADMIN_ROLES, Role.COUNTY_COORDINATOR))
    items = []
    for d in due:
        lease = leases[d.lease_id]
        users = {u.pk: u for org in (lease.landlord_id, lease.tenant_id) for u in admins.get(org, ())}
        items.append(Item(f"lease:{lease.pk}:{d.kind}:{d.day}", lease, list(users.values()), "lease_reminder",
                          {"lease": lease, "deadline": d.day, "is_option": d.kind == "option"},
                          site_url(lease.get_absolute_url())))
    return create_many(Kind.LEASE_REMINDER, items, now=now)


def transfer_items_due(now) -> int:
    """Transfer inventory items coming due (transfers.reminders): to the writers of the item's owner
    organisation and the county coordinators of the project's area who may see the item, once per
    item and due date (a new due date is news again)."""
    from yhdyspinta.accounts.permissions import can
    from yhdyspinta.transfers.reminders import due_soon

    due = list(due_soon(timezone.localdate(now)).select_related("project", "owner"))
    if not due:
        return 0
    owners = writers_by_org({item.owner_id for item in due})
    coordinators = writers_by_org({item.project.area_id for item in due if item.project.area_id},
                                  (Role.COUNTY_COORDINATOR,))
    items = []
    for item in due:
        users = {u.pk: u for u in owners.get(item.owner_id, ())}
        users.update((u.pk, u) for u in coordinators.get(item.project.area_id, ()) if can(u, item, "view"))
        items.append(Item(f"transfer-item:{item.pk}:due:{item.due_date}", item, list(users.values()),
                          "transfer_item_due", {"item": item, "project": item.project},
                          site_url(item.get_absolute_url())))
    return create_many(Kind.TRANSFER_ITEM_DUE, items, now=now)

# ---- statutory duties and readiness reporting periods ----------------------------------------
def writers_by_org(org_ids, roles=WRITER_ROLES) -> dict[int, list]:
    """Organisation id → its active users in `roles` with an e-mail address, in one query."""
    writers: dict[int, list] = {}
    for m in Membership.objects.filter(organisation_id__in=org_ids, role__in=roles, user__is_active=True
                                       ).exclude(user__email="").select_related("user"):
        writers.setdefault(m.organisation_id, []).append(m.user)
    return writers


def duties(now) -> int:
    """Unfulfilled duties due within NOTIFICATIONS_DUTY_DUE_DAYS (once), and those that became
    overdue in the last NOTIFICATIONS_DUTY_OVERDUE_DAYS (once): to the organisation admins of the
    county and of the municipality the duty concerns."""
    from yhdyspinta.cooperation.duties import with_counts
    from yhdyspinta.cooperation.models import Duty

    today = timezone.localdate(now)
    start = today - timedelta(days=settings.NOTIFICATIONS_DUTY_OVERDUE_DAYS)
    end = today + timedelta(days=settings.NOTIFICATIONS_DUTY_DUE_DAYS)
    rows = [d for d in with_counts(Duty.objects.filter(due_date__gte=start, due_date__lte=end)
                                   .select_related("rule", "county", "municipality"))
            if d.evidence_count < max(d.required_count, 1)]
    writers = writers_by_org({d.county_id for d in rows} | {d.municipality_id for d in rows if d.municipality_id},
                             ADMIN_ROLES)
    items: dict[bool, list[Item]] = {True: [], False: []}
    for duty in rows:
        users = {u.pk: u for org in (duty.county_id, duty.municipality_id) for u in writers.get(org, ())}
        late = duty.due_date < today
        who = " – ".join(str(o) for o in (duty.county, duty.municipality) if o is not None)
        items[late].append(Item(f"duty:{duty.pk}:{'overdue' if late else 'due'}:{duty.due_date}", duty,
                                list(users.values()), "duty_overdue" if late else "duty_due",
                                {"duty": duty, "who": who}, site_url(duty.get_absolute_url())))
    return (create_many(Kind.DUTY_DUE, items[False], now=now)
            + create_many(Kind.DUTY_OVERDUE, items[True], now=now))


def readiness_periods(now) -> int:
    """A roadmap's open reporting period: "opened" once its month has begun, "closing" once within
    NOTIFICATIONS_PERIOD_CLOSING_DAYS of its end date; to the writers of the reporting regions."""
    from yhdyspinta.readiness.models import Period, ReportingRegion

    today = timezone.localdate(now)
    periods = list(Period.objects.filter(closed=False, end_date__gte=today,
                                         end_date__lte=today + timedelta(days=31)).select_related("roadmap"))
    count = 0
    for period in periods:
        closing = (period.end_date - today).days <= settings.NOTIFICATIONS_PERIOD_CLOSING_DAYS
        if not closing and period.end_date.replace(day=1) > today:
            continue
        orgs = set(ReportingRegion.objects.filter(roadmap_id=period.roadmap_id).values_list("organisation_id",
                                                                                             flat=True))
        users = {u.pk: u for us in writers_by_org(orgs).values() for u in us}
        occasion = "closing" if closing else "opened"
        count += create(Kind.READINESS_PERIOD, f"period:{period.pk}:{occasion}", period, list(users.values()),
                        f"readiness_{occasion}", {"period": period, "roadmap": period.roadmap},
                        url=site_url(period.roadmap.get_absolute_url()), now=now)
    return count


# ---- welfare reports ---------------------------------------------------------------------------
def report_approvers(report):
    """Who may approve the report (indicators.actions.may_approve_report): the organisation admins
    of its organisation and the county coordinators of its organisation's area, active, with e-mail."""
    from yhdyspinta.organisations.models import Organisation

    area = Organisation.objects.filter(pk=report.organisation_id).values_list("area_id", flat=True).first()
    who = Q(organisation_id=report.organisation_id, role=Role.ORG_ADMIN)
    if area:
        who |= Q(organisation_id=area, role=Role.COUNTY_COORDINATOR)
    return User.objects.filter(is_active=True, pk__in=Membership.objects.filter(who).values("user_id")).exclude(
        email="")


def report_submitted(report, now=None) -> int:
    """A welfare report sent for approval: its approvers hear of it once per submission (the
    submission time is part of the occasion, so a report returned to draft and sent again is news)."""
    if report.status != "submitted" or report.submitted_at is None:
        return 0
    stamp = report.submitted_at.strftime("%Y%m%dT%H%M%S%f")
    return create(Kind.REPORT_SUBMITTED, f"report:{report.pk}:submitted:{stamp}", report,
                  report_approvers(report), "report_submitted", {"report": report},
                  url=site_url(report.get_absolute_url()), now=now)


# ---- entry points ----------------------------------------------------------------------------
def on_saved(obj, now=None) -> int:
    """Called by the apps' actions after a write (hooks.notify_saved)."""
    name = type(obj).__name__
    if name == "MappingRound":
        return round_opened(obj, now)
    if name == "Meeting":
        return meeting_saved(obj, now)
    if name == "FollowUpAction":
        return action_saved(obj, now)
    if name == "Escalation":
        return escalation_saved(obj, now)
    if name == "WelfareReport":
        return report_submitted(obj, now)
    return 0


def produce_due(now=None) -> dict[str, int]:
    """The scheduled part: reminders and overdue notices due at `now`."""
    now = now or timezone.now()
    return {
        "rounds_opened": rounds_opened(now),
        "round_reminders": round_reminders(now),
        "actions_overdue": actions_overdue(now),
        "agreement_reminders": agreement_reminders(now),
        "lease_reminders": lease_reminders(now),
        "transfer_items_due": transfer_items_due(now),
        "duties": duties(now),
        "readiness_periods": readiness_periods(now),
    }
