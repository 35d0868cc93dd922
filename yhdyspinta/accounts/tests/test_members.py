"""Organisation members pages and invitations (accounts/members.py, accounts/actions.py)."""

import re
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from conftest import api_client_for, client_for
from tests.factories import UserFactory, member
from yhdyspinta.accounts import actions
from yhdyspinta.accounts.models import Invitation, Membership, User

pytestmark = pytest.mark.django_db

PASSWORD = "Kutsu-salasana-2026!"


def members_url(org):
    return reverse("organisation_members", args=[org.pk])


def _link(message) -> str:
    return re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)


def _path(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def _invite(world, email="uusi@alfala.fi", role="editor", actor=None, org=None):
    client = client_for(actor or world.org_admin)
    response = client.post(reverse("organisation_member_invite", args=[(org or world.a1).pk]),
                           {"email": email, "role": role})
    assert response.status_code == 302, response.content.decode()[:3000]
    return _path(_link(mail.outbox[-1]))


# ---- who may manage ---------------------------------------------------------------------------
def test_members_page_rights(world):
    b1_admin = member(world.b1, "org_admin")
    url = members_url(world.a1)
    response = client_for(None).get(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    for user in (world.viewer, world.editor, world.other, world.national, b1_admin):
        assert client_for(user).get(url).status_code == 403, user
    for user in (world.org_admin, world.coordinator, world.admin):
        assert client_for(user).get(url).status_code == 200, user
    assert client_for(world.org_admin).get(members_url(world.b1)).status_code == 403  # admin of A1, not of B1
    assert client_for(world.coordinator).get(members_url(world.b1)).status_code == 403  # another county
    assert client_for(world.org_admin).get(reverse("organisation_members", args=[999999])).status_code == 404
    for name in ("organisation_member_add", "organisation_member_invite", "organisation_members_history",
                 "organisation_member_candidates"):
        assert client_for(world.editor).get(reverse(name, args=[world.a1.pk])).status_code == 403, name
        assert client_for(b1_admin).get(reverse(name, args=[world.a1.pk])).status_code == 403, name
    membership = Membership.objects.get(user=world.viewer)
    for name in ("organisation_member_change", "organisation_member_remove"):
        assert client_for(b1_admin).post(reverse(name, args=[world.a1.pk, membership.pk]),
                                         {"role": "editor"}).status_code == 403
        # a membership of another organisation through this organisation's URL: not found
        assert client_for(b1_admin).get(reverse(name, args=[world.b1.pk, membership.pk])).status_code == 404
    assert Membership.objects.get(pk=membership.pk).role == "viewer"


def test_members_link_on_the_organisation_page_only_for_managers(world):
    url = world.a1.get_absolute_url()
    link = f'href="{members_url(world.a1)}"'.encode()
    assert link in client_for(world.org_admin).get(url).content
    assert link in client_for(world.coordinator).get(url).content
    assert link not in client_for(world.editor).get(url).content
    assert link not in client_for(None).get(url).content


def test_members_list_sort_search_and_sources(world):
    world.viewer.first_name, world.viewer.last_name = "Ville", "Vieraileva"
    world.viewer.save()
    world.editor.first_name, world.editor.last_name = "Eeva", "Editori"
    world.editor.save()
    Membership.objects.filter(user=world.editor).update(source="sso:alfa")
    client = client_for(world.org_admin)
    page = client.get(members_url(world.a1)).content.decode()
    assert "Ville Vieraileva" in page and "Eeva Editori" in page
    assert page.index("Eeva Editori") < page.index("Ville Vieraileva")  # by last name
    assert "alfa" in page  # the single sign-on source is named
    descending = client.get(members_url(world.a1) + "?sort=-name").content.decode()
    assert descending.index("Ville Vieraileva") < descending.index("Eeva Editori")
    by_role = client.get(members_url(world.a1) + "?sort=-role").content.decode()
    assert by_role.index("Eeva Editori") < by_role.index("Ville Vieraileva")  # editor above viewer
    found = client.get(members_url(world.a1) + "?q=viera").content.decode()
    assert "Ville Vieraileva" in found and "Eeva Editori" not in found
    assert 'aria-sort="ascending"' in page


# ---- picking people by name -------------------------------------------------------------------
def test_candidate_search_limits(world):
    for n in range(25):
        member(world.a1, "viewer", first_name="Testi", last_name=f"Henkilö {n:02}", email=f"testi{n}@alfala.fi")
    hidden = member(world.b1, "viewer", first_name="Testi", last_name="Betalainen", email="tb@betala.fi")
    url = reverse("organisation_member_candidates", args=[world.a2.pk])
    client = client_for(world.coordinator)
    assert client.get(url + "?q=T").json() == {"results": []}  # under 2 characters: nothing
    results = client.get(url + "?q=testi").json()["results"]
    assert len(results) == actions.SEARCH_MAX_RESULTS
    assert set(results[0]) == {"id", "name", "email"}
    assert all(r["email"].startswith("t***@") for r in results)  # masked
    assert hidden.pk not in {r["id"] for r in client.get(url + "?q=Betalainen").json()["results"]}
    # the org admin of A1 sees the names of A1's members only (and public register people):
    # B1's people are not found, A1's own members are left out as they are members already
    admin_url = reverse("organisation_member_candidates", args=[world.a1.pk])
    assert client_for(world.org_admin).get(admin_url + "?q=testi").json() == {"results": []}
    assert client_for(world.editor).get(admin_url + "?q=testi").status_code == 403


def test_add_a_picked_person_with_a_role(world):
    newcomer = member(world.a1, "viewer", first_name="Paula", last_name="Poimittava")
    hidden = member(world.b1, "viewer", first_name="Paula", last_name="Piilossa")
    client = client_for(world.coordinator)
    page = client.get(reverse("organisation_member_add", args=[world.a2.pk]) + "?q=Paula").content.decode()
    assert "Paula Poimittava" in page and "Piilossa" not in page
    response = client.post(reverse("organisation_member_add", args=[world.a2.pk]),
                           {"user": hidden.pk, "role": "editor"})
    assert response.status_code == 400 and not Membership.objects.filter(user=hidden, organisation=world.a2).exists()
    response = client.post(reverse("organisation_member_add", args=[world.a2.pk]),
                           {"user": newcomer.pk, "role": "editor"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=newcomer, organisation=world.a2)
    assert (membership.role, membership.source) == ("editor", "")
    entry = LogEntry.objects.get_for_object(membership).get(action=LogEntry.Action.CREATE)
    assert entry.actor == world.coordinator


# ---- role ceiling, last admin -----------------------------------------------------------------
def test_no_role_above_your_own(world):
    newcomer = UserFactory()
    with pytest.raises(PermissionDenied):
        actions.add_membership(actor=world.org_admin, user=newcomer, organisation=world.a1, role="county_coordinator")
    page = client_for(world.org_admin).get(reverse("organisation_member_invite", args=[world.a1.pk])).content
    assert b'value="org_admin"' in page and b'value="county_coordinator"' not in page
    membership = Membership.objects.get(user=world.viewer)
    response = client_for(world.org_admin).post(
        reverse("organisation_member_change", args=[world.a1.pk, membership.pk]), {"role": "county_coordinator"})
    assert response.status_code == 400
    assert api_client_for(world.org_admin).patch(f"/api/v1/accounts/memberships/{membership.pk}/",
                                                 {"role": "county_coordinator"}, format="json").status_code == 403
    membership.refresh_from_db()
    assert membership.role == "viewer"
    # a coordinator's membership in A1 is above the org admin: not theirs to change or remove
    boss = member(world.a1, "county_coordinator")
    boss_membership = Membership.objects.get(user=boss)
    with pytest.raises(PermissionDenied):
        actions.remove_membership(boss_membership, actor=world.org_admin)
    assert client_for(world.org_admin).post(
        reverse("organisation_member_remove", args=[world.a1.pk, boss_membership.pk])).status_code == 400
    assert Membership.objects.filter(pk=boss_membership.pk).exists()
    # the county's coordinator may give the coordinator role
    actions.change_membership(membership, actor=world.coordinator, role="county_coordinator")


def test_last_admin_cannot_be_removed_or_demoted(world):
    own = Membership.objects.get(user=world.org_admin)
    client = client_for(world.org_admin)
    response = client.post(reverse("organisation_member_remove", args=[world.a1.pk, own.pk]))
    assert response.status_code == 400
    assert "viimeinen ylläpitäjä" in response.context["refusal"] and "Alfala" in response.context["refusal"]
    response = client.post(reverse("organisation_member_change", args=[world.a1.pk, own.pk]), {"role": "editor"})
    assert response.status_code == 400
    assert api_client_for(world.org_admin).delete(f"/api/v1/accounts/memberships/{own.pk}/").status_code == 400
    own.refresh_from_db()
    assert own.role == "org_admin"
    editor = Membership.objects.get(user=world.editor)
    assert client.post(reverse("organisation_member_change", args=[world.a1.pk, editor.pk]),
                       {"role": "org_admin"}).status_code == 302
    response = client.post(reverse("organisation_member_remove", args=[world.a1.pk, own.pk]))
    assert response.status_code == 302 and response["Location"] == world.a1.get_absolute_url()  # no longer theirs
    assert not Membership.objects.filter(pk=own.pk).exists()


def test_change_and_remove_are_audited_and_in_the_members_history(world):
    membership = Membership.objects.get(user=world.viewer)
    membership.source = "sso:alfa"
    membership.save()
    client = client_for(world.org_admin)
    page = client.get(reverse("organisation_member_change", args=[world.a1.pk, membership.pk])).content.decode()
    assert "Tätä jäsenyyttä hallitsee kertakirjautuminen" in page  # marked; Finnish by default
    assert client.post(reverse("organisation_member_change", args=[world.a1.pk, membership.pk]),
                       {"role": "editor"}).status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.source) == ("editor", "")  # now a manual membership
    change = LogEntry.objects.get_for_object(membership).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert change.actor == world.org_admin and change.changes_dict["role"] == ["viewer", "editor"]
    one = client.get(reverse("organisation_members_history", args=[world.a1.pk]) + f"?membership={membership.pk}")
    assert {r["entry"].object_pk for r in one.context["rows"]} == {str(membership.pk)}
    assert client.get(reverse("organisation_member_remove", args=[world.a1.pk, membership.pk])).status_code == 200
    assert client.post(reverse("organisation_member_remove", args=[world.a1.pk, membership.pk])).status_code == 302
    deletion = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(Membership),
                                    object_pk=str(membership.pk), action=LogEntry.Action.DELETE)
    assert deletion.actor == world.org_admin
    history = client.get(reverse("organisation_members_history", args=[world.a1.pk]))
    assert history.status_code == 200
    rows = history.context["rows"]
    assert [(r["entry"].action, r["entry"].object_pk) for r in rows][:2] == [
        (LogEntry.Action.DELETE, str(membership.pk)), (LogEntry.Action.UPDATE, str(membership.pk))]
    assert any(c["old"] == "Katselija" and c["new"] == "Muokkaaja" for c in rows[1]["changes"]), rows[1]["changes"]
    assert rows[1]["actor"] == (world.org_admin.get_full_name() or world.org_admin.username)
    assert client_for(world.editor).get(reverse("organisation_members_history", args=[world.a1.pk])).status_code == 403


# ---- invitations --------------------------------------------------------------------------------
def test_invitation_lifecycle_new_account(world, settings):
    settings.SITE_URL = "https://yhdyspinta.example"
    path = _invite(world)
    message = mail.outbox[-1]
    assert message.to == ["uusi@alfala.fi"] and "Alfala" in message.subject
    assert _link(message).startswith("https://yhdyspinta.example/invitations/")
    invitation = Invitation.objects.get(email="uusi@alfala.fi")
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_hash == Invitation.hash_token(token) and token not in invitation.token_hash
    assert invitation.expires - invitation.created >= timedelta(days=6, hours=23)
    assert LogEntry.objects.get_for_object(invitation).get().actor == world.org_admin
    assert "token_hash" not in LogEntry.objects.get_for_object(invitation).get().changes_dict
    visitor = client_for(None)
    page = visitor.get(path)
    assert page.status_code == 200 and b'name="password1"' in page.content
    weak = visitor.post(path, {"first_name": "Uuno", "last_name": "Uusi", "password1": "123", "password2": "123"})
    assert weak.status_code == 400 and not User.objects.filter(email="uusi@alfala.fi").exists()
    response = visitor.post(path, {"first_name": "Uuno", "last_name": "Uusi",
                                   "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302 and response["Location"] == world.a1.get_absolute_url()
    user = User.objects.get(email="uusi@alfala.fi")
    assert user.username == "uusi@alfala.fi" and user.check_password(PASSWORD) and user.first_name == "Uuno"
    assert Membership.objects.get(user=user, organisation=world.a1).role == "editor"
    invitation.refresh_from_db()
    assert invitation.accepted_at and invitation.accepted_by == user
    assert visitor.get(world.a1.get_absolute_url()).wsgi_request.user == user  # signed in
    # the link is used up: a clear page, nothing more created
    again = client_for(None).post(path, {"first_name": "X", "last_name": "Y",
                                         "password1": PASSWORD, "password2": PASSWORD})
    assert again.status_code == 410 and User.objects.filter(email__iexact="uusi@alfala.fi").count() == 1


def test_expired_revoked_replaced_and_wrong_links(world):
    path = _invite(world, email="vanha@alfala.fi")
    invitation = Invitation.objects.get(email="vanha@alfala.fi")
    Invitation.objects.filter(pk=invitation.pk).update(expires=timezone.now() - timedelta(minutes=1))
    form = {"first_name": "V", "last_name": "W", "password1": PASSWORD, "password2": PASSWORD}
    assert client_for(None).get(path).status_code == 410
    assert client_for(None).post(path, form).status_code == 410
    assert not User.objects.filter(email="vanha@alfala.fi").exists()
    # re-inviting replaces the open invitation; the first link then says so
    first = _invite(world, email="toka@alfala.fi")
    second = _invite(world, email="TOKA@alfala.fi", role="viewer")
    assert Invitation.objects.filter(email__iexact="toka@alfala.fi", revoked_at=None).count() == 1
    refused = client_for(None).post(first, form)
    assert refused.status_code == 410 and not User.objects.filter(email__iexact="toka@alfala.fi").exists()
    # withdrawn by the admin
    open_one = Invitation.objects.get(email__iexact="toka@alfala.fi", revoked_at=None)
    assert client_for(world.editor).post(
        reverse("organisation_invitation_revoke", args=[world.a1.pk, open_one.pk])).status_code == 403
    assert client_for(world.org_admin).post(
        reverse("organisation_invitation_revoke", args=[world.a1.pk, open_one.pk])).status_code == 302
    assert client_for(None).post(second, form).status_code == 410
    assert not User.objects.filter(email__iexact="toka@alfala.fi").exists()
    # a token that was never issued
    wrong = client_for(None).get(reverse("invitation_accept", args=["x" * 43]))
    assert wrong.status_code == 404
    assert not Membership.objects.filter(user__email__iexact="toka@alfala.fi").exists()


def test_existing_account_signs_in_to_accept(world):
    world.viewer.email = "ville@alfala.fi"
    world.viewer.language = "sv"
    world.viewer.save()
    path = _invite(world, email="Ville@Alfala.fi", role="editor", actor=world.coordinator, org=world.a2)
    assert mail.outbox[-1].extra_headers["Content-Language"] == "sv"  # the invitee's language
    page = client_for(None).get(path)
    assert page.status_code == 200 and b'name="password1"' not in page.content
    assert reverse("login").encode() in page.content
    signing_in = client_for(None)
    response = signing_in.post(page.context["login_url"], {"username": world.viewer.username,
                                                           "password": "secret-password-1"})
    assert response.status_code == 302 and response["Location"] == path  # back to the link
    assert client_for(None).post(path, {"first_name": "X", "last_name": "Y", "password1": PASSWORD,
                                        "password2": PASSWORD}).status_code == 400
    stranger = client_for(world.editor)  # another account: not theirs to accept
    assert stranger.post(path).status_code == 403
    assert not Membership.objects.filter(organisation=world.a2).exists()
    assert b'name="password1"' not in signing_in.get(path).content
    response = signing_in.post(path)
    assert response.status_code == 302
    membership = Membership.objects.get(user=world.viewer, organisation=world.a2)
    assert membership.role == "editor"
    created = LogEntry.objects.get_for_object(membership).get(action=LogEntry.Action.CREATE)
    assert created.actor == world.viewer and created.additional_data["invited_by"] == world.coordinator.pk


def test_invitation_rights_and_validation(world):
    client = client_for(world.editor)
    assert client.post(reverse("organisation_member_invite", args=[world.a1.pk]),
                       {"email": "x@alfala.fi", "role": "viewer"}).status_code == 403
    admin = client_for(world.org_admin)
    assert admin.post(reverse("organisation_member_invite", args=[world.b1.pk]),
                      {"email": "x@alfala.fi", "role": "viewer"}).status_code == 403
    assert admin.post(reverse("organisation_member_invite", args=[world.a1.pk]),
                      {"email": "not-an-address", "role": "viewer"}).status_code == 400
    assert admin.post(reverse("organisation_member_invite", args=[world.a1.pk]),
                      {"email": "x@alfala.fi", "role": "county_coordinator"}).status_code == 400
    assert not Invitation.objects.exists() and not mail.outbox


def test_invitations_in_the_admin_are_read_only_without_the_token(world):
    _invite(world, email="admin.nakee@alfala.fi")
    invitation = Invitation.objects.get(email="admin.nakee@alfala.fi")
    client = client_for(world.admin)
    listing = client.get("/admin/accounts/invitation/")
    assert listing.status_code == 200 and b"admin.nakee@alfala.fi" in listing.content
    detail = client.get(f"/admin/accounts/invitation/{invitation.pk}/change/")
    assert detail.status_code == 200 and invitation.token_hash.encode() not in detail.content
    assert client.get("/admin/accounts/invitation/add/").status_code == 403


def test_accepting_never_lowers_an_existing_role(world):
    world.editor.email = "eeva@alfala.fi"
    world.editor.save()
    invitation = actions.invite(actor=world.coordinator, organisation=world.a2, email="eeva@alfala.fi", role="viewer")
    Membership.objects.create(user=world.editor, organisation=world.a2, role="org_admin")  # meanwhile
    membership = actions.accept_invitation(invitation, user=world.editor)
    assert membership.role == "org_admin"
    invitation.refresh_from_db()
    assert invitation.accepted_by == world.editor
