import django_filters
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.filtersets import RestrictedFilterSet
from yhdyspinta.core.search import text_filter

from .models import Study


class StudyFilterSet(RestrictedFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Study.Status.choices)

    class Meta:
        model = Study
        fields = ["q", "owner", "status", "visibility"]

    def search(self, queryset, name, value):
        return queryset.filter(text_filter(("title_fi", "title_sv", "title_en"), value)) if value else queryset
