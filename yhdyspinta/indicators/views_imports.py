"""The value import page: upload a file, see what it changed, and the history of imports."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from yhdyspinta.core.localize import error_message
from yhdyspinta.core.tabular import InputError

from . import actions
from .forms import ImportValuesForm
from .models import ImportRun


class ImportValuesView(LoginRequiredMixin, FormView):
    form_class = ImportValuesForm
    template_name = "indicators/import_values.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not actions.may_import_values(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            summary = actions.import_upload(form.cleaned_data["file"], actor=self.request.user,
                                            regions_upload=form.cleaned_data.get("regions"))
        except InputError as exc:
            form.add_error(None, _("Refused, nothing was imported: %(reason)s") % {"reason": error_message(exc)})
            return self.form_invalid(form)
        messages.success(self.request, _(
            "Imported %(source)s: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
            "%(skipped)s skipped.") % vars(summary))
        return redirect("indicators:import_values")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["runs"] = ImportRun.objects.select_related("user")[:50]
        return ctx
