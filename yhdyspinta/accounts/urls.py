from django.urls import path

from . import account, mfa, oidc, passwords

urlpatterns = [
    path("login/", oidc.LoginView.as_view(), name="login"),
    path("logout/", oidc.LogoutView.as_view(), name="logout"),
    path("oidc/callback/", oidc.CallbackView.as_view(), name="oidc_callback"),
    path("oidc/<slug:slug>/login/", oidc.ProviderLoginView.as_view(), name="oidc_login"),
    path("account/", account.AccountView.as_view(), name="account"),
    path("account/tokens/new/", account.TokenCreateView.as_view(), name="api_token_create"),
    path("account/tokens/<int:pk>/revoke/", account.TokenRevokeView.as_view(), name="api_token_revoke"),
    path("account/mfa/setup/", mfa.SetupView.as_view(), name="mfa_setup"),
    path("account/mfa/verify/", mfa.VerifyView.as_view(), name="mfa_verify"),
    path("account/mfa/remove/", mfa.RemoveView.as_view(), name="mfa_remove"),
    path("account/password/", passwords.PasswordChangeView.as_view(), name="password_change"),
    path("account/password/done/", passwords.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password-reset/", passwords.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", passwords.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", passwords.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("password-reset/done/", passwords.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
