from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core import policy


class AccountsConfig(AppConfig):
    name = "yhdyspinta.accounts"
    verbose_name = _("Users and roles")

    def ready(self):
        from . import permissions  # imports models: only once the apps are loaded

        policy.install(permissions)  # core asks its permission questions through core.policy
