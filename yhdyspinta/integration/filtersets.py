import django_filters
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.filtersets import SearchFilterSet

from .models import Study


class StudyFilterSet(SearchFilterSet):
    search_fields = ("title_fi", "title_sv", "title_en")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Study.Status.choices)

    class Meta:
        model = Study
        fields = ["q", "owner", "status", "visibility"]
