"""The public service finder page (no login)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from yhdyspinta.organisations.models import Organisation

from .finder import find


class FinderForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Your municipality"),
                                          queryset=Organisation.objects.municipalities().order_by("name"))
    q = forms.CharField(label=_("What do you need? (\"Whom do I contact when…\")"), max_length=200)


class FinderView(TemplateView):
    template_name = "catalogue/finder.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = FinderForm(self.request.GET or None)
        ctx["form"] = form
        if form.is_bound and form.is_valid():
            ctx["results"] = find(form.cleaned_data["municipality"], form.cleaned_data["q"])
            ctx["municipality"] = form.cleaned_data["municipality"]
            ctx["searched"] = True
        return ctx
