from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core import panels, search


class CooperationConfig(AppConfig):
    """Yhteistyö: forums, meetings, escalation, the annual clock, duties, agreements, SISOTE steps."""

    name = "yhdyspinta.cooperation"
    label = "cooperation"
    verbose_name = _("Cooperation")
    nav_group = "cooperation"  # the menu's group (core/navigation.py)
    nav = (
        ("cooperation:forum_list", _("Forums")),
        ("cooperation:clock", _("Annual clock")),
        ("cooperation:compliance", _("Statutory duties")),
        ("cooperation:agreement_list", _("Agreements")),
    )

    def ready(self):
        # what the interface card shows of this app (core.panels; the order is the card's)
        panels.register_related("catalogue.Interface", "forums", _("Forums"), order=10)
        panels.register_related("catalogue.Interface", "agreements", _("Agreements"), order=20)
        panels.register_related("catalogue.Interface", "escalations", _("Escalations"), order=40)
        panels.register_related("catalogue.Interface", "agenda_items", _("Agenda items discussing it"), order=30,
                               related=("meeting__forum",))
        search.register("cooperation.Forum", ("name_fi", "name_sv", "name_en", "mandate_fi", "mandate_sv"))
        search.register("cooperation.Agreement", ("title_fi", "title_sv", "title_en", "description_fi"))
        search.register("cooperation.Escalation", ("title", "description"))
        # meetings, decisions and follow-up actions by their public parts (never the minutes or an
        # item's presentation, which may be internal inside a public meeting); restrict(user, "view")
        search.register("cooperation.Meeting", ("place", "forum__name_fi", "forum__name_sv", "forum__name_en"),
                        related=("forum",))
        search.register("cooperation.Decision", ("text", "item__title"), related=("item__meeting__forum",))
        search.register("cooperation.FollowUpAction", ("title",))
