"""Organisation members pages: list, add a person by name, invite by e-mail, change a role, remove,
withdraw an invitation, the members' change history, and the invitation link's accept page.

Every page is for those who manage the organisation's memberships (`actions.may_manage_members`,
the memberships API's rule); every change goes through accounts/actions.py (docs/accounts.md
"Managing members")."""

from auditlog.models import LogEntry
from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from yhdyspinta.core.audit import log_internal_reads
from yhdyspinta.core.localize import error_message
from yhdyspinta.core.pagecache import mark_uncacheable
from yhdyspinta.core.views.history import Source, history_rows
from yhdyspinta.organisations.models import Organisation

from . import actions
from .models import ROLE_RANK, IdentityProvider, Invitation, Membership, Role

PAGE_SIZE = 50
SORTS = {
    "name": ("user__last_name", "user__first_name", "user__username"),
    "role": ("role_rank", "user__last_name", "user__first_name"),
    "source": ("source", "user__last_name", "user__first_name"),
    "since": ("created", "pk"),
}


def source_label(source: str, providers: dict | None = None) -> str:
    """Membership.source for people: "Added by hand" or "Single sign-on: <provider>"."""
    if not source:
        return _("Added by hand")
    slug = source.partition(":")[2]
    if providers is None:
        providers = dict(IdentityProvider.objects.filter(slug=slug).values_list("slug", "name"))
    return _("Single sign-on: %(provider)s") % {"provider": providers.get(slug, slug)}


class ManagerMixin(LoginRequiredMixin):
    """The organisation of the URL, for those who manage its memberships: anonymous visitors go
    to the login page, an organisation they may not see is 404, one they may not manage 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.organisation = get_object_or_404(Organisation.objects.restrict(request.user, "view"), pk=kwargs["pk"])
        actions.require_manager(request.user, self.organisation)
        self.ceiling = actions.role_ceiling(request.user, self.organisation)
        return super().dispatch(request, *args, **kwargs)

    def members_url(self):
        return reverse("organisation_members", args=[self.organisation.pk])

    def after_change_url(self):
        """The members page, or the organisation's page when the change took the actor's own right
        to manage its members (an admin who lowered or removed their own role)."""
        self.request.user.__dict__.pop("_yp_org_ids", None)  # the rights of this request, read again
        if actions.may_manage_members(self.request.user, self.organisation):
            return self.members_url()
        return self.organisation.get_absolute_url()

    def get_membership(self):
        return get_object_or_404(
            Membership.objects.restrict(self.request.user, "change").select_related("user", "organisation"),
            pk=self.kwargs["membership"], organisation=self.organisation)

    def role_choices(self):
        return actions.assignable_roles(self.request.user, self.organisation)

    def base_context(self, **kwargs):
        return {"organisation": self.organisation, "members_url": self.members_url(), **kwargs}


class MembersView(ManagerMixin, TemplateView):
    template_name = "accounts/members/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        q = self.request.GET.get("q", "").strip()[:100]
        sort = self.request.GET.get("sort", "name")
        key = sort.lstrip("-")
        if key not in SORTS:
            sort, key = "name", "name"
        descending = sort.startswith("-")
        rank = Case(*[When(role=r, then=Value(n)) for r, n in ROLE_RANK.items()], output_field=IntegerField())
        memberships = (Membership.objects.restrict(self.request.user, "view").filter(organisation=self.organisation)
                       .select_related("user").annotate(role_rank=rank))
        for word in q.split()[:5]:
            memberships = memberships.filter(Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word)
                                             | Q(user__username__icontains=word))
        memberships = memberships.order_by(*[f"-{f}" if descending else f for f in SORTS[key]])
        page = Paginator(memberships, PAGE_SIZE).get_page(self.request.GET.get("page"))
        providers = dict(IdentityProvider.objects.values_list("slug", "name"))
        rows = [{"membership": m, "name": actions.display_name(m.user), "source": source_label(m.source, providers),
                 "sso": bool(m.source), "may_change": ROLE_RANK.get(m.role, 0) <= self.ceiling}
                for m in page.object_list]
        log_internal_reads(self.request, Membership, page.object_list, detail="members page")
        columns = []
        for name, label in (("name", _("Name")), ("role", _("Role")), ("source", _("Source")), ("since", _("Member since"))):
            current = key == name
            columns.append({"label": label, "current": current, "descending": current and descending,
                            "query": _query(q, f"-{name}" if current and not descending else name)})
        invitations = Invitation.objects.restrict(self.request.user, "view").filter(
            organisation=self.organisation, accepted_at=None, revoked_at=None).select_related("invited_by")
        ctx.update(self.base_context(
            rows=rows, page=page, q=q, columns=columns, page_query=_query(q, sort),
            invitations=[i for i in invitations if i.status == "open"],
            expired_invitations=sum(1 for i in invitations if i.status == "expired"),
        ))
        return ctx


def _query(q, sort):
    from urllib.parse import urlencode

    params = {"sort": sort}
    if q:
        params["q"] = q
    return urlencode(params)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"))

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = list(roles)


class MemberAddView(ManagerMixin, TemplateView):
    """Pick a person by name: a search (at least 2 characters, at most 20 answers) and a choice of role."""

    template_name = "accounts/members/add.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        q = self.request.GET.get("q", kwargs.get("q", "")).strip()[:100]
        found = actions.candidates(self.request.user, self.organisation, q)
        ctx.update(self.base_context(
            q=q, searched=bool(q), too_short=bool(q) and len("".join(q.split())) < actions.SEARCH_MIN_CHARS,
            found=[{"user": u, "name": actions.display_name(u), "email": actions.mask_email(u.email)} for u in found],
            limit=actions.SEARCH_MAX_RESULTS, min_chars=actions.SEARCH_MIN_CHARS,
            form=kwargs.get("form") or RoleForm(roles=self.role_choices(), initial={"role": Role.VIEWER}),
            chosen=kwargs.get("chosen"),
            picker_texts={
                "none": _("Nobody found. Check the spelling, or invite the person by e-mail."),
                "short": _("Type at least %(count)s characters.") % {"count": actions.SEARCH_MIN_CHARS},
                "found": _("Found: %(count)s. Choose the person above."),
            },
        ))
        return ctx

    def post(self, request, *args, **kwargs):
        form = RoleForm(request.POST, roles=self.role_choices())
        q = request.POST.get("q", "")
        chosen = request.POST.get("user", "")
        user = None
        if chosen.isdigit():
            # the same list as the search: a hidden or unknown account is "not found", never named
            user = actions.visible_users(request.user).filter(pk=int(chosen)).first()
        if user is None:
            form.add_error(None, _("Choose a person from the search results."))
        if form.is_valid():
            try:
                actions.add_membership(actor=request.user, user=user, organisation=self.organisation,
                                       role=form.cleaned_data["role"])
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, error_message(exc) if isinstance(exc, PermissionDenied) else exc)
            else:
                messages.success(request, _("%(name)s is now a member of %(organisation)s.")
                                 % {"name": actions.display_name(user), "organisation": self.organisation})
                return redirect(self.members_url())
        return self.render_to_response(self.get_context_data(form=form, q=q, chosen=chosen), status=400)


class MemberCandidatesView(ManagerMixin, View):
    """JSON for the picker: [{id, name, email (masked)}], at most 20, nothing under 2 characters."""

    def get(self, request, *args, **kwargs):
        found = actions.candidates(request.user, self.organisation, request.GET.get("q", "")[:100])
        return JsonResponse({"results": [{"id": u.pk, "name": actions.display_name(u),
                                          "email": actions.mask_email(u.email)} for u in found]})


class InviteForm(RoleForm):
    email = forms.EmailField(label=gettext_lazy("E-mail address"), max_length=254)

    field_order = ["email", "role"]


class InviteView(ManagerMixin, TemplateView):
    template_name = "accounts/members/invite.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(self.base_context(
            form=kwargs.get("form") or InviteForm(roles=self.role_choices(), initial={"role": Role.VIEWER})))
        return ctx

    def post(self, request, *args, **kwargs):
        form = InviteForm(request.POST, roles=self.role_choices())
        if form.is_valid():
            try:
                invitation = actions.invite(actor=request.user, organisation=self.organisation,
                                            email=form.cleaned_data["email"], role=form.cleaned_data["role"])
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    _add_errors(form, exc)
                else:
                    form.add_error(None, exc)
            except PermissionDenied as exc:
                form.add_error(None, error_message(exc))
            except OSError:
                form.add_error(None, _("The invitation e-mail could not be sent; nothing was saved. Try again later."))
            else:
                messages.success(request, _("An invitation was sent to %(email)s.") % {"email": invitation.email})
                return redirect(self.members_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


def _add_errors(form, exc):
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class MemberChangeView(ManagerMixin, TemplateView):
    template_name = "accounts/members/change.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        membership = kwargs.get("membership_obj") or self.get_membership()
        ctx.update(self.base_context(
            membership=membership, name=actions.display_name(membership.user),
            source=source_label(membership.source),
            may_change=ROLE_RANK.get(membership.role, 0) <= self.ceiling,
            form=kwargs.get("form") or RoleForm(roles=self.role_choices(), initial={"role": membership.role})))
        return ctx

    def post(self, request, *args, **kwargs):
        membership = self.get_membership()
        form = RoleForm(request.POST, roles=self.role_choices())
        if form.is_valid():
            try:
                actions.change_membership(membership, actor=request.user, role=form.cleaned_data["role"])
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, error_message(exc) if isinstance(exc, PermissionDenied) else exc)
            else:
                messages.success(request, _("The role of %(name)s was changed.")
                                 % {"name": actions.display_name(membership.user)})
                return redirect(self.after_change_url())
        return self.render_to_response(self.get_context_data(form=form, membership_obj=membership), status=400)


class MemberRemoveView(ManagerMixin, TemplateView):
    template_name = "accounts/members/remove.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        membership = kwargs.get("membership_obj") or self.get_membership()
        ctx.update(self.base_context(membership=membership, name=actions.display_name(membership.user),
                                     refusal=kwargs.get("refusal")))
        return ctx

    def post(self, request, *args, **kwargs):
        membership = self.get_membership()
        try:
            actions.remove_membership(membership, actor=request.user)
        except (ValidationError, PermissionDenied) as exc:
            refusal = error_message(exc) if isinstance(exc, PermissionDenied) else " ".join(exc.messages)
            return self.render_to_response(self.get_context_data(membership_obj=membership, refusal=refusal), status=400)
        messages.success(request, _("%(name)s was removed from %(organisation)s.")
                         % {"name": actions.display_name(membership.user), "organisation": self.organisation})
        return redirect(self.after_change_url())


class InvitationRevokeView(ManagerMixin, View):
    def post(self, request, *args, **kwargs):
        invitation = get_object_or_404(Invitation.objects.restrict(request.user, "change"),
                                       pk=kwargs["invitation"], organisation=self.organisation)
        try:
            actions.revoke_invitation(invitation, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email})
        return redirect(self.members_url())


class MembersHistoryView(ManagerMixin, TemplateView):
    """The change history of the organisation's memberships and invitations (removed ones too),
    with the core history page's rows (who, when, what, request id)."""

    template_name = "core/object_history.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        org = str(self.organisation.pk)
        only = self.request.GET.get("membership", "")  # one membership's history (from its change page)
        only = only if only.isdigit() else None
        sources = []
        for model in (Membership,) if only else (Membership, Invitation):
            ct = ContentType.objects.get_for_model(model)
            live = {str(o.pk): o for o in model._base_manager.filter(organisation=self.organisation)
                    .select_related(*(["user"] if model is Membership else []))}
            pks = set(live) | set(LogEntry.objects.filter(content_type=ct).filter(
                Q(changes__organisation__0=org) | Q(changes__organisation__1=org)).values_list("object_pk", flat=True))
            if only:
                pks &= {only}
            entries: dict = {}
            for entry in (LogEntry.objects.filter(content_type=ct, object_pk__in=pks)
                          .exclude(action=LogEntry.Action.ACCESS).select_related("actor")):
                entries.setdefault(entry.object_pk, []).append(entry)
            for pk in pks:
                own = entries.get(pk, [])
                obj = live.get(pk)
                name = str(obj) if obj is not None else (max(own, key=lambda e: (e.timestamp, e.pk)).object_repr
                                                         if own else "")
                sources.append(Source(model, pk, obj, frozenset(), True, name, False, entries=own))
        log_internal_reads(self.request, Membership, [s.obj for s in sources if s.obj is not None
                                                      and s.model is Membership], detail="members history")
        ctx.update(object=self.organisation, name=_("Members of %(organisation)s") % {"organisation": self.organisation},
                   deleted=False, rows=history_rows(sources, self.request.user), model_meta=Membership._meta,
                   has_children=True, can_restore=False)
        return ctx


# ---- the invitation link ---------------------------------------------------------------------
class AccountForm(forms.Form):
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150)
    password1 = forms.CharField(label=gettext_lazy("Password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=gettext_lazy("Password again"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, **kwargs):
        from django.contrib.auth.password_validation import password_validators_help_text_html

        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = password_validators_help_text_html()

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("The two passwords differ."))
        return data


REFUSALS = {
    "unknown": gettext_lazy("This invitation link is not valid. Check that you copied the whole link from the e-mail."),
    "expired": gettext_lazy("This invitation has expired. Ask the organisation's administrator for a new one."),
    "accepted": gettext_lazy("This invitation has already been used."),
    "revoked": gettext_lazy("This invitation has been withdrawn or replaced by a newer one. Ask the "
                            "organisation's administrator for a new one if you need it."),
}


class InvitationAcceptView(View):
    """/invitations/<token>/: a signed-in invitee with the invited address accepts with one button;
    a visitor whose address has an account signs in first; anybody else creates a local account.
    A link that is unknown, expired, used or withdrawn gets a page that says so; nothing is created."""

    def dispatch(self, request, *args, **kwargs):
        mark_uncacheable(request)
        try:
            self.invitation = actions.find_invitation(kwargs["token"])
        except actions.InvitationRefused as exc:
            return self.refused(str(exc.args[0]))
        return super().dispatch(request, *args, **kwargs)

    def refused(self, why):
        return render(self.request, "accounts/members/invitation_refused.html",
                      {"message": REFUSALS.get(why, REFUSALS["unknown"])}, status=404 if why == "unknown" else 410)

    def render_page(self, form=None, error="", status=200):
        user = self.request.user
        mode = ("accept" if actions.email_matches(user, self.invitation) else "other_account") \
            if user.is_authenticated else ("sign_in" if actions.account_exists_for(self.invitation) else "create")
        return render(self.request, "accounts/members/invitation_accept.html", {
            "invitation": self.invitation, "mode": mode, "form": form or AccountForm(), "error": error,
            "login_url": reverse("login") + "?next=" + self.request.path,
        }, status=status)

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        invitation = self.invitation
        try:
            if request.user.is_authenticated:
                try:
                    actions.accept_invitation(invitation, user=request.user)
                except PermissionDenied as exc:
                    return self.render_page(error=error_message(exc), status=403)
                user = request.user
            else:
                if actions.account_exists_for(invitation):
                    return self.render_page(status=400)
                form = AccountForm(request.POST)
                if not form.is_valid():
                    return self.render_page(form=form, status=400)
                try:
                    user = actions.create_account_and_accept(
                        invitation, first_name=form.cleaned_data["first_name"],
                        last_name=form.cleaned_data["last_name"], password=form.cleaned_data["password1"])
                except ValidationError as exc:
                    form.add_error("password1" if exc.error_list and exc.error_list[0].code else None, exc)
                    return self.render_page(form=form, status=400)
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        except actions.InvitationRefused as exc:
            return self.refused(str(exc.args[0]))
        messages.success(request, _("Welcome! You are now %(role)s of %(organisation)s.")
                         % {"role": invitation.get_role_display().lower(), "organisation": invitation.organisation})
        return redirect(invitation.organisation.get_absolute_url())

