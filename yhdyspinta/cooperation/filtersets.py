import django_filters
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.filtersets import AllYesNoWidget, RestrictedFilterSet, SearchFilterSet
from yhdyspinta.organisations.models import Organisation

from .models import (
    ActionStatus,
    AgendaItem,
    Agreement,
    AgreementKind,
    Attendance,
    Correction,
    Decision,
    DocumentTemplate,
    Duty,
    Escalation,
    EscalationState,
    FollowUpAction,
    Forum,
    ForumMember,
    Level,
    Meeting,
)

AREAS = Organisation.objects.organising_areas()


class ForumFilterSet(SearchFilterSet):
    search_fields = ("name_fi", "name_sv", "name_en", "mandate_fi")
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Level.choices)
    area = django_filters.ModelChoiceFilter(label=_("Organising area"), queryset=AREAS)

    class Meta:
        model = Forum
        fields = ("q", "level", "kind", "area", "visibility")


class ForumMemberFilterSet(RestrictedFilterSet):
    class Meta:
        model = ForumMember
        fields = ("forum", "organisation", "role")


class MeetingFilterSet(RestrictedFilterSet):
    area = django_filters.ModelChoiceFilter(label=_("Organising area"), queryset=AREAS, field_name="forum__area")
    year = django_filters.NumberFilter(label=_("Year"), field_name="starts_at", lookup_expr="year")

    class Meta:
        model = Meeting
        fields = ("forum", "area", "year", "visibility")


class AgendaItemFilterSet(RestrictedFilterSet):
    class Meta:
        model = AgendaItem
        fields = ("meeting",)


class DecisionFilterSet(RestrictedFilterSet):
    class Meta:
        model = Decision
        fields = ("meeting", "resolution")


class FollowUpActionFilterSet(RestrictedFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ActionStatus.choices)
    area = django_filters.ModelChoiceFilter(label=_("Organising area"), queryset=AREAS,
                                            field_name="decision__item__meeting__forum__area")
    forum = django_filters.ModelChoiceFilter(label=_("Forum"), queryset=Forum.objects.all(),
                                             field_name="decision__item__meeting__forum")
    late = django_filters.BooleanFilter(label=_("Late only"), method="filter_late", widget=AllYesNoWidget())

    class Meta:
        model = FollowUpAction
        fields = ("area", "forum", "owner", "status", "late")

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # the people who own an action the reader may see, not every person of the area (walk 6 #10)
        visible = FollowUpAction.objects.restrict(getattr(request, "user", None), "view")
        owners = self.filters["owner"]
        owners.queryset = owners.queryset.filter(pk__in=visible.values("owner_id"))

    def filter_late(self, queryset, name, value):
        """Open actions past their deadline (yes), or all others (no)."""
        late = queryset.late()
        return late if value else queryset.exclude(pk__in=late.values("pk"))


class EscalationFilterSet(SearchFilterSet):
    search_fields = ("title", "description")
    state = django_filters.ChoiceFilter(label=_("State"), choices=EscalationState.choices)

    class Meta:
        model = Escalation
        fields = ("q", "state", "raised_by", "to_forum")


class DutyFilterSet(RestrictedFilterSet):
    county = django_filters.ModelChoiceFilter(label=_("County"), queryset=AREAS)

    class Meta:
        model = Duty
        fields = ("county", "municipality", "rule")


class AgreementFilterSet(SearchFilterSet):
    search_fields = ("title_fi", "title_sv", "title_en", "description_fi")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=AgreementKind.choices)
    party = django_filters.ModelChoiceFilter(label=_("Party"), queryset=Organisation.objects.all(),
                                             field_name="parties")

    class Meta:
        model = Agreement
        fields = ("q", "kind", "party", "visibility")


class AttendanceFilterSet(RestrictedFilterSet):
    class Meta:
        model = Attendance
        fields = ("meeting", "person", "role", "checks_minutes")


class CorrectionFilterSet(RestrictedFilterSet):
    class Meta:
        model = Correction
        fields = ("meeting", "decision")


class DocumentTemplateFilterSet(RestrictedFilterSet):
    class Meta:
        model = DocumentTemplate
        fields = ("area", "forum", "kind")
