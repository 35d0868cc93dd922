import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Study


class StudyTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=_("Title"))
    answered = tables.Column(verbose_name=pgettext_lazy("respondents", "Answered"), attrs={"td": {"class": "num"}, "th": {"class": "num"}})

    class Meta:
        model = Study
        fields = ("title", "owner", "area", "status", "invited", "answered", "visibility")
        caption = _("Integration studies")
