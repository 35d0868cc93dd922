"""Single sign-on: from an identity provider's verified claims to a user and the memberships its mapping gives.

The OpenID Connect protocol (state, nonce, PKCE, token, signature) is in `oidc.py`; this module only
decides who the claims are and what they may do. Every refusal is a `Refusal` with a translatable
reason, raised before anything is written: a refused sign-in leaves no user, identity or membership.
"""

import re

from django.db import IntegrityError

from yhdyspinta.core.actions import audited
from yhdyspinta.core.reasons import reason

from .models import ROLE_RANK, ClaimMapping, ExternalIdentity, IdentityProvider, Membership, User


class Refusal(Exception):
    """A sign-in the service refuses; `args[0]` is a translatable `Reason` shown to the user."""


_EMAIL = re.compile(r"^[^@\s]+@([^@\s]+\.[^@\s]+)$")


def claim_values(claims: dict, name: str) -> list[str]:
    """The values of a claim as a list of strings (a provider may send one string or a list)."""
    value = claims.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(v) for v in value if isinstance(v, str | int)]
    return []


def email_of(claims: dict) -> str:
    """The e-mail address: the `email` claim, or Entra ID's user principal name when it is one."""
    for name in ("email", "preferred_username", "upn"):
        value = claims.get(name)
        if isinstance(value, str) and _EMAIL.match(value.strip()):
            return value.strip().lower()
    return ""


def desired_memberships(provider: IdentityProvider, claims: dict) -> dict:
    """{organisation: role} that the provider's mapping gives for these claims (highest role per organisation)."""
    if provider.groups_claim not in claims:
        sources = claims.get("_claim_names") or {}
        if isinstance(sources, dict) and provider.groups_claim in sources:
            # Entra ID sends a reference instead of the groups when a user has more than 200 groups.
            raise Refusal(reason("Your account belongs to too many groups for the provider to list them. "
                                 "Ask your administrator to assign only the needed groups to this application."))
    values = set(claim_values(claims, provider.groups_claim))
    wanted: dict = {}
    for mapping in ClaimMapping.objects.filter(provider=provider, value__in=values).select_related("organisation"):
        org = mapping.organisation
        if org.valid_until is not None:
            continue  # a ceased organisation gives no rights
        if org not in wanted or ROLE_RANK[mapping.role] > ROLE_RANK[wanted[org]]:
            wanted[org] = mapping.role
    return wanted


def check_claims(provider: IdentityProvider, claims: dict) -> tuple[str, str, dict]:
    """(subject, e-mail, {organisation: role}) for claims this provider may sign in; otherwise `Refusal`."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise Refusal(reason("The provider's answer has no subject (sub)."))
    email = email_of(claims)
    if not email:
        raise Refusal(reason("The provider did not tell your e-mail address."))
    domains = provider.domains()
    domain = _EMAIL.match(email).group(1)
    if domains and domain not in domains:
        raise Refusal(reason("E-mail addresses of %(domain)s may not sign in with %(provider)s.",
                             domain=domain, provider=provider.name))
    return subject, email, desired_memberships(provider, claims)


def _username_for(email: str) -> str:
    base = email[:150]
    if not User.objects.filter(username__iexact=base).exists():
        return base
    for n in range(2, 1000):
        candidate = f"{base[:140]}-{n}"
        if not User.objects.filter(username__iexact=candidate).exists():
            return candidate
    raise Refusal(reason("No free username for %(email)s.", email=email))


def _names(claims: dict) -> tuple[str, str]:
    first, last = claims.get("given_name"), claims.get("family_name")
    if not (isinstance(first, str) or isinstance(last, str)) and isinstance(claims.get("name"), str):
        first, _sep, last = claims["name"].strip().rpartition(" ")
        if not first:
            first, last = last, ""
    return (first if isinstance(first, str) else "")[:150], (last if isinstance(last, str) else "")[:150]


def sync_memberships(user: User, provider: IdentityProvider, wanted: dict) -> None:
    """Adds, changes and removes the memberships this provider manages; manual ones are kept as they are."""
    current = {m.organisation_id: m for m in Membership.objects.filter(user=user)}
    for org, role in wanted.items():
        membership = current.get(org.pk)
        if membership is None:
            Membership.objects.create(user=user, organisation=org, role=role, source=provider.source)
        elif membership.source == provider.source and membership.role != role:
            membership.role = role
            membership.save(update_fields=["role"])
    wanted_ids = {org.pk for org in wanted}
    for org_id, membership in current.items():
        if membership.source == provider.source and org_id not in wanted_ids:
            membership.delete()


def sign_in(provider: IdentityProvider, claims: dict) -> User:
    """The user for verified ID token claims: created on the first sign-in, updated on later ones.

    The user, the link to the provider's subject and the memberships are written in one audited
    transaction; a refusal comes before any write.
    """
    if not provider.enabled:
        raise Refusal(reason("Sign-in with %(provider)s is not in use.", provider=provider.name))
    subject, email, wanted = check_claims(provider, claims)
    identity = ExternalIdentity.objects.filter(provider=provider, subject=subject).select_related("user").first()
    user = identity.user if identity else None
    if user is None:
        same_email = list(User.objects.filter(email__iexact=email)[:2])
        if len(same_email) > 1:
            raise Refusal(reason("Several accounts have the e-mail address %(email)s; ask an administrator "
                                 "to link one of them to %(provider)s.", email=email, provider=provider.name))
        if same_email and (same_email[0].is_superuser or same_email[0].is_staff):
            raise Refusal(reason("An administrator account has the e-mail address %(email)s; it is not linked "
                                 "to single sign-on automatically.", email=email))
        user = same_email[0] if same_email else None
    has_manual = user is not None and Membership.objects.filter(user=user).exclude(source=provider.source).exists()
    if not wanted and not has_manual and not (user is not None and (user.is_superuser or user.is_national_reader)):
        if identity is not None:  # removed from every mapped group: the access the mapping gave ends now
            with audited(None):
                sync_memberships(user, provider, {})
        raise Refusal(reason("Your groups at %(provider)s give no access to any organisation in this service. "
                             "Ask your organisation's administrator for access.", provider=provider.name))
    if user is not None and not user.is_active:
        raise Refusal(reason("Your account has been deactivated."))
    first, last = _names(claims)
    try:
        with audited(user):
            if user is None:
                user = User(username=_username_for(email), email=email, first_name=first, last_name=last)
                user.set_unusable_password()
                user.save()
            else:
                changed = {k: v for k, v in (("email", email), ("first_name", first), ("last_name", last))
                           if v and getattr(user, k) != v}
                if changed:
                    for k, v in changed.items():
                        setattr(user, k, v)
                    user.save(update_fields=list(changed))
            if identity is None:
                ExternalIdentity.objects.create(user=user, provider=provider, subject=subject)
            sync_memberships(user, provider, wanted)
    except IntegrityError as exc:  # a parallel first sign-in of the same person won the race
        raise Refusal(reason("The sign-in collided with another one; please try again.")) from exc
    return user
