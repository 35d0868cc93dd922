"""The public service finder page (no login)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from yhdyspinta.core.collation import CollatedModelChoiceField
from yhdyspinta.organisations.models import Organisation

from .finder import find, municipality_in_query


class FinderForm(forms.Form):
    # sorted by the page's language (ICU): in Swedish Jakobstad among the J's, Åbo after Z
    municipality = CollatedModelChoiceField(label=_("Your municipality"), required=False,
                                            queryset=Organisation.objects.municipalities())
    q = forms.CharField(label=_("What do you need? (\"Whom do I contact when…\")"), max_length=200)

    def clean(self):
        """A place named in the query ("kotihoito Tampereella") chooses the municipality."""
        data = super().clean()
        named = municipality_in_query(data["q"]) if data.get("q") else None
        data["named"] = named if named and named != data.get("municipality") else None
        if named:
            data["municipality"] = named
        if not data.get("municipality") and "q" in data:
            self.add_error("municipality", _("Choose your municipality or name it in the query."))
        return data


class FinderView(TemplateView):
    template_name = "catalogue/finder.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = FinderForm(self.request.GET or None)
        ctx["form"] = form
        if form.is_bound and form.is_valid() and form.cleaned_data["named"]:
            data = self.request.GET.copy()  # the municipality select shows the place the query named
            data["municipality"] = str(form.cleaned_data["named"].pk)
            named, form = form.cleaned_data["named"], FinderForm(data)
            form.is_valid()
            form.cleaned_data["named"] = named
            ctx["form"] = form
        if form.is_bound and form.is_valid():
            ctx["results"] = find(form.cleaned_data["municipality"], form.cleaned_data["q"])
            ctx["municipality"] = form.cleaned_data["municipality"]
            ctx["named_municipality"] = form.cleaned_data["named"]
            ctx["searched"] = True
        return ctx
