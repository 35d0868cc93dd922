from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.admin import ReadOnlyAdminMixin

from .models import (
    ENV_PREFIX,
    ApiToken,
    ClaimMapping,
    ExternalIdentity,
    IdentityProvider,
    Invitation,
    Membership,
    User,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ("organisation", "role", "source")


class ExternalIdentityInline(admin.TabularInline):
    model = ExternalIdentity
    extra = 0
    fields = ("provider", "subject", "created")
    readonly_fields = ("created",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (("Yhdyspinta", {"fields": ("is_national_reader",)}),)
    list_display = ("username", "first_name", "last_name", "is_national_reader", "is_staff")
    inlines = [MembershipInline, ExternalIdentityInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role", "source", "created")
    list_filter = ("role", "source")
    search_fields = ("user__username", "organisation__name")
    autocomplete_fields = ["user", "organisation"]


class IdentityProviderForm(forms.ModelForm):
    """The client secret is never shown back: an empty field keeps the stored one."""

    client_secret = forms.CharField(
        label=_("client secret"), required=False, strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("The secret itself, or env:VARIABLE to read it from the environment. "
                    "Leave empty to keep the stored one."),
    )

    class Meta:
        model = IdentityProvider
        fields = "__all__"

    def clean_client_secret(self):
        value = self.cleaned_data["client_secret"]
        if not value and self.instance.pk:
            return IdentityProvider.objects.get(pk=self.instance.pk).client_secret
        return value


class ClaimMappingInline(admin.TabularInline):
    model = ClaimMapping
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(IdentityProvider)
class IdentityProviderAdmin(admin.ModelAdmin):
    form = IdentityProviderForm
    list_display = ("name", "slug", "issuer", "client_id", "secret_status", "enabled")
    list_filter = ("enabled",)
    search_fields = ("name", "slug", "issuer", "client_id")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["organisation"]
    readonly_fields = ("secret_status",)
    fields = ("name", "slug", "enabled", "issuer", "client_id", "client_secret", "secret_status", "scopes",
              "allowed_domains", "groups_claim", "organisation")
    inlines = [ClaimMappingInline]

    @admin.display(description=_("stored secret"))
    def secret_status(self, obj):
        if obj is None or not obj.client_secret:
            return _("none")
        if obj.client_secret.startswith(ENV_PREFIX):
            return obj.client_secret  # a reference to a variable, not a secret
        return _("set (hidden)")


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    list_display = ("user", "provider", "subject", "created")
    list_filter = ("provider",)
    search_fields = ("user__username", "user__email", "subject")
    autocomplete_fields = ["user"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Superusers see everyone's API tokens (never a key: only the prefix) and revoke them.

    Read-only: a token is created by its user on the account page, where the key is shown once;
    revoked (the action below), not deleted: a reused key is then refused by name."""

    list_display = ("prefix", "user", "description", "write_enabled", "created", "expires", "last_used", "revoked_at")
    list_filter = ("write_enabled", ("revoked_at", admin.EmptyFieldListFilter))
    search_fields = ("prefix", "user__username", "description")
    readonly_fields = ("user", "prefix", "description", "write_enabled", "created", "expires", "last_used",
                       "revoked_at")
    fields = readonly_fields
    actions = ["revoke_tokens"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


    @admin.action(description=_("Revoke the selected tokens"), permissions=["view"])
    def revoke_tokens(self, request, queryset):
        from .api_tokens import revoke

        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            revoke(token, actor=request.user)
            count += 1
        self.message_user(request, _("%(count)d tokens revoked.") % {"count": count})


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: invitations are sent, withdrawn and accepted on the members pages (accounts/members.py),
    where the rules and the audit apply; the token itself is never stored."""

    list_display = ("email", "organisation", "role", "invited_by", "created", "expires", "accepted_at", "revoked_at")
    list_filter = ("role",)
    search_fields = ("email", "organisation__name", "invited_by__username")
    readonly_fields = ("organisation", "email", "role", "invited_by", "created", "expires", "accepted_at",
                       "accepted_by", "revoked_at")
    fields = readonly_fields
