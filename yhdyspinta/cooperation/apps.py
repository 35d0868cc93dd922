from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    """Yhteistyö: forums, meetings, escalation, the annual clock, duties, agreements, SISOTE steps."""

    name = "yhdyspinta.cooperation"
    label = "cooperation"
    verbose_name = _("Cooperation")
    nav = (
        ("cooperation:forum_list", _("Forums")),
        ("cooperation:clock", _("Annual clock")),
        ("cooperation:compliance", _("Statutory duties")),
        ("cooperation:agreement_list", _("Agreements")),
    )

    def ready(self):
        from yhdyspinta.core import search

        search.register("cooperation.Forum", ("name_fi", "name_sv", "name_en", "mandate_fi", "mandate_sv"))
        search.register("cooperation.Agreement", ("title_fi", "title_sv", "title_en", "description_fi"))
        search.register("cooperation.Escalation", ("title", "description"))
