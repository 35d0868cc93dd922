"""Every change of memberships and invitations: the members pages and the memberships API call these.

Rules (docs/accounts.md "Managing members"):
- who manages an organisation's memberships: `org_ids(user, "admin")` (its organisation admins, the
  coordinators of its county, superusers), the same rule as `Membership.restrict_queryset`;
- nobody gives, changes or removes a role above their own in that organisation (an organisation
  admin: up to organisation admin; the county's coordinator: up to county coordinator);
- the last admin (organisation admin or county coordinator) of an organisation cannot be removed
  or demoted;
- an admin's change of a single sign-on membership makes it a manual one (`source` emptied), which
  later sign-ins leave as it is (accounts/sso.py).
Each write runs inside `core.actions.audited(actor)`, so the change log records who did it.
"""

import secrets

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yhdyspinta.core.actions import audited

from .models import ROLE_RANK, Invitation, Membership, Role, User
from .permissions import ADMIN_ROLES, ALL, org_ids

SEARCH_MIN_CHARS = 2
SEARCH_MAX_RESULTS = 20


# ---- who may do what ----------------------------------------------------------------------
def may_manage_members(user, organisation) -> bool:
    """May `user` manage the memberships of `organisation`? (The memberships API's rule.)"""
    if user is None or not user.is_authenticated:
        return False
    ids = org_ids(user, "admin")
    return ids is ALL or organisation.pk in ids


def require_manager(user, organisation):
    if not may_manage_members(user, organisation):
        raise PermissionDenied


def role_ceiling(user, organisation) -> int:
    """The highest role rank `user` may give in `organisation`: their own role there (or their
    county coordinator role on its county); a superuser any role; -1 for nobody."""
    if user.is_superuser:
        return max(ROLE_RANK.values())
    best = -1
    for org_id, role in user.memberships.values_list("organisation_id", "role"):
        if org_id == organisation.pk and role in ADMIN_ROLES:
            best = max(best, ROLE_RANK[role])
        if role == Role.COUNTY_COORDINATOR and org_id == organisation.area_id:
            best = max(best, ROLE_RANK[role])
    return best


def assignable_roles(user, organisation) -> list[tuple[str, str]]:
    """(value, label) of the roles `user` may give in `organisation`, lowest first."""
    ceiling = role_ceiling(user, organisation)
    return [(value, label) for value, label in Role.choices if ROLE_RANK[value] <= ceiling]


def _check_roles(actor, organisation, *roles):
    ceiling = role_ceiling(actor, organisation)
    for role in roles:
        if role not in ROLE_RANK:
            raise ValidationError({"role": _("Choose a valid role.")})
        if ROLE_RANK[role] > ceiling:
            raise PermissionDenied(_("You cannot give or change a role above your own."))


def _keep_an_admin(membership, *, leaving: bool, new_role=None):
    """Refuses to remove or demote the last admin of the membership's organisation."""
    if membership.role not in ADMIN_ROLES or (not leaving and new_role in ADMIN_ROLES):
        return
    others = (Membership.objects.select_for_update().filter(organisation_id=membership.organisation_id,
                                                            role__in=ADMIN_ROLES).exclude(pk=membership.pk))
    if not others.exists():
        raise ValidationError(_("This is the last admin of %(organisation)s: make someone else an "
                                "organisation admin first.") % {"organisation": membership.organisation})


# ---- memberships ----------------------------------------------------------------------------
def add_membership(*, actor, user, organisation, role) -> Membership:
    """Adds `user` to `organisation` with `role` (a manual membership)."""
    with audited(actor):
        require_manager(actor, organisation)
        _check_roles(actor, organisation, role)
        if Membership.objects.filter(user=user, organisation=organisation).exists():
            raise ValidationError(_("%(user)s is already a member of %(organisation)s; change the role "
                                    "instead.") % {"user": display_name(user), "organisation": organisation})
        return Membership.objects.create(user=user, organisation=organisation, role=role, source="")


def change_membership(membership, *, actor, role=None, organisation=None, user=None) -> Membership:
    """Changes a membership's role (the API may also move it to another user or organisation).

    The actor must manage the organisation before and after, may not touch a role above their own,
    and the last admin stays. The membership becomes a manual one: single sign-on no longer manages it."""
    with audited(actor):
        stored = Membership.objects.select_for_update().select_related("organisation").get(pk=membership.pk)
        require_manager(actor, stored.organisation)
        new_org = organisation or stored.organisation
        new_user = user or stored.user
        new_role = role or stored.role
        if new_org.pk != stored.organisation_id:
            require_manager(actor, new_org)
        _check_roles(actor, stored.organisation, stored.role)
        _check_roles(actor, new_org, new_role)
        leaving = new_org.pk != stored.organisation_id or new_user.pk != stored.user_id
        _keep_an_admin(stored, leaving=leaving, new_role=new_role)
        if leaving and Membership.objects.filter(user=new_user, organisation=new_org).exclude(pk=stored.pk).exists():
            raise ValidationError(_("%(user)s is already a member of %(organisation)s; change the role "
                                    "instead.") % {"user": display_name(new_user), "organisation": new_org})
        stored.user, stored.organisation, stored.role, stored.source = new_user, new_org, new_role, ""
        stored.save()
        return stored


def remove_membership(membership, *, actor) -> None:
    """Removes a membership; not the last admin's, not one above the actor's own role."""
    with audited(actor):
        stored = Membership.objects.select_for_update().select_related("organisation").get(pk=membership.pk)
        require_manager(actor, stored.organisation)
        _check_roles(actor, stored.organisation, stored.role)
        _keep_an_admin(stored, leaving=True)
        stored.delete()


# ---- people an admin may pick ---------------------------------------------------------------
def visible_users(actor):
    """The user accounts whose names `actor` may see (core.visibility.account_label's rule): an
    account linked to a register person follows the person; another account is named to members of
    its organisations (and national readers, superusers)."""
    from yhdyspinta.organisations.models import Person

    users = User.objects.filter(is_active=True)
    view = org_ids(actor, "view")
    if view is ALL:
        return users
    people = Person.objects.restrict(actor, "view").values("pk")
    return users.filter(Q(person__in=people) | Q(person__isnull=True, memberships__organisation_id__in=view)).distinct()


def candidates(actor, organisation, query: str) -> list[User]:
    """Users `actor` may add to `organisation` whose name or username matches `query` (every word): at
    least SEARCH_MIN_CHARS characters, at most SEARCH_MAX_RESULTS answers, current members left out."""
    require_manager(actor, organisation)
    words = (query or "").split()
    if len("".join(words)) < SEARCH_MIN_CHARS:
        return []
    users = visible_users(actor).exclude(memberships__organisation=organisation)
    for word in words[:5]:
        users = users.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word)
                             | Q(username__icontains=word))
    return list(users.order_by("last_name", "first_name", "username")[:SEARCH_MAX_RESULTS])


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def mask_email(address: str) -> str:
    """m***@alfala.fi: enough to tell two people apart, not enough to harvest addresses."""
    local, at, domain = (address or "").partition("@")
    return f"{local[:1]}***{at}{domain}" if at else ""


# ---- invitations ---------------------------------------------------------------------------
def accept_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("invitation_accept", args=[token])


def invite(*, actor, organisation, email, role) -> Invitation:
    """Invites `email` to `organisation` with `role` and sends the link by e-mail.

    An open invitation of the same address to the same organisation is replaced (revoked). The mail
    goes out in the language of an existing account with that address, otherwise in the language of
    the inviting page. If it cannot be sent, nothing is saved."""
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    with audited(actor):
        require_manager(actor, organisation)
        _check_roles(actor, organisation, role)
        if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
            raise ValidationError({"email": _("A member of %(organisation)s already has this address.")
                                   % {"organisation": organisation}})
        now = timezone.now()
        for old in Invitation.objects.select_for_update().filter(
                organisation=organisation, email__iexact=email, accepted_at=None, revoked_at=None):
            old.revoked_at = now
            old.save(update_fields=["revoked_at"])
        token = secrets.token_urlsafe(32)
        invitation = Invitation.objects.create(organisation=organisation, email=email, role=role,
                                               invited_by=actor, token_hash=Invitation.hash_token(token))
        existing = User.objects.filter(email__iexact=email, is_active=True).first()
        language = (existing.language if existing else None) or translation.get_language() or "fi"
        with translation.override(language):
            context = {"invitation": invitation, "url": accept_url(token), "inviter": display_name(actor),
                       "role": invitation.get_role_display(), "days": round((invitation.expires - now).total_seconds() / 86400),
                       "existing": existing is not None}
            subject = render_to_string("accounts/members/invitation_subject.txt", context).strip()
            body = render_to_string("accounts/members/invitation_email.txt", context)
        EmailMessage(subject=" ".join(subject.split()), body=body, from_email=settings.DEFAULT_FROM_EMAIL,
                     to=[email], headers={"Content-Language": language, "Auto-Submitted": "auto-generated"}).send()
        return invitation


def revoke_invitation(invitation, *, actor) -> Invitation:
    with audited(actor):
        stored = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
        require_manager(actor, stored.organisation)
        if stored.status != "open":
            raise ValidationError(_("Only an open invitation can be withdrawn."))
        stored.revoked_at = timezone.now()
        stored.save(update_fields=["revoked_at"])
        return stored


class InvitationRefused(Exception):
    """An invitation link that cannot be used: args[0] is "unknown", "expired", "accepted" or "revoked"."""


def find_invitation(token: str) -> Invitation:
    """The open invitation of a link's token; otherwise InvitationRefused with the reason."""
    invitation = Invitation.objects.select_related("organisation").filter(
        token_hash=Invitation.hash_token(token or "")).first()
    if invitation is None:
        raise InvitationRefused("unknown")
    if invitation.status != "open":
        raise InvitationRefused(invitation.status)
    return invitation


def email_matches(user, invitation) -> bool:
    return bool(user.email) and user.email.strip().lower() == invitation.email.strip().lower()


def accept_invitation(invitation, *, user) -> Membership:
    """The signed-in `user`, whose e-mail address is the invited one, joins with the invited role.

    An existing membership gets the invited role if it is higher (and becomes a manual one). The invitation is
    used up; the change log names the invitation and who sent it."""
    with audited(user):
        stored = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
        if stored.status != "open":
            raise InvitationRefused(stored.status)
        if not email_matches(user, stored):
            raise PermissionDenied(_("This invitation was sent to another e-mail address."))
        membership = Membership.objects.filter(user=user, organisation=stored.organisation).first() \
            or Membership(user=user, organisation=stored.organisation, role=stored.role)
        if ROLE_RANK[stored.role] > ROLE_RANK.get(membership.role, -1):
            membership.role = stored.role  # an invitation raises a role, never lowers one
        membership.source = ""
        membership.get_additional_data = lambda: {"invitation": stored.pk, "invited_by": stored.invited_by_id}
        membership.save()
        stored.accepted_at, stored.accepted_by = timezone.now(), user
        stored.save(update_fields=["accepted_at", "accepted_by"])
        return membership


def account_exists_for(invitation) -> bool:
    return User.objects.filter(email__iexact=invitation.email).exists()


def create_account_and_accept(invitation, *, first_name, last_name, password) -> User:
    """A new local account for the invited address (username = the address), its password checked
    by Django's password validators, and the membership, in one audited transaction."""
    from .sso import _username_for

    with audited(None):
        stored = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if stored.status != "open":
            raise InvitationRefused(stored.status)
        if account_exists_for(stored):
            raise ValidationError(_("An account with this e-mail address exists already: sign in to accept."))
        user = User(username=_username_for(stored.email.lower()), email=stored.email,
                    first_name=(first_name or "").strip()[:150], last_name=(last_name or "").strip()[:150],
                    language=translation.get_language() if translation.get_language() in ("fi", "sv", "en") else "fi")
        password_validation.validate_password(password, user)
        user.set_password(password)
        user.save()
        accept_invitation(stored, user=user)
    return user
