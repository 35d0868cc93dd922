from django.urls import path

from . import oidc

urlpatterns = [
    path("login/", oidc.LoginView.as_view(), name="login"),
    path("logout/", oidc.LogoutView.as_view(), name="logout"),
    path("oidc/callback/", oidc.CallbackView.as_view(), name="oidc_callback"),
    path("oidc/<slug:slug>/login/", oidc.ProviderLoginView.as_view(), name="oidc_login"),
]
