"""The respondent's form behind a personal single-use link (no account; progress saved per page).

Page 0 asks the background (own task group, municipality, size group), pages 1..k rate the
other parties five at a time, the last page submits. After submitting, the link only says
that the answers were received.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from . import actions, queries
from .forms import BackgroundForm, RatingsForm
from .views_results import lang

PER_PAGE = 5


def _pages(respondent):
    parties = list(respondent.study.parties.exclude(pk=respondent.group_id))
    return [parties[k:k + PER_PAGE] for k in range(0, len(parties), PER_PAGE)]


def _initial(respondent, parties):
    out = {}
    for a in respondent.answers.filter(party__in=parties):
        for item in ("frequency", "mutuality", "need"):
            value = getattr(a, item)
            out[f"p{a.party_id}_{item}"] = "" if value is None else str(value)
    return out


class AnswerView(View):
    template_name = "integration/answer.html"

    def dispatch(self, request, token, *args, **kwargs):
        respondent = queries.respondent_for_token(token)
        if respondent is None:
            return render(request, "integration/answer_status.html", {"state": "unknown"}, status=404)
        if respondent.submitted_at is not None:
            return render(request, "integration/answer_status.html",
                          {"state": "done", "study": respondent.study}, status=410)
        if respondent.study.status != respondent.study.Status.OPEN:
            return render(request, "integration/answer_status.html",
                          {"state": "closed", "study": respondent.study}, status=403)
        self.respondent, self.token = respondent, token
        pages = _pages(respondent) if respondent.group_id else []
        self.pages = pages
        # before the own group is chosen, the pages it will leave are already known: every
        # party but one, PER_PAGE a page (the counter must not jump from "1 / 2" to "2 / 6")
        rating_pages = len(pages) if respondent.group_id else -(-(respondent.study.parties.count() - 1) // PER_PAGE)
        self.last = max(rating_pages, 0) + 1  # the submit page
        try:
            page = int(request.GET.get("page", respondent.progress if respondent.group_id else 0))
        except ValueError:
            page = 0
        self.page = max(0, min(page, respondent.progress, self.last)) if respondent.group_id else 0
        return super().dispatch(request, token, *args, **kwargs)

    def url(self, page):
        return f"{reverse('integration:answer', args=[self.token])}?page={page}"

    def form(self, data=None):
        study = self.respondent.study
        if self.page == 0:
            initial = {"group": self.respondent.group_id, "municipality": self.respondent.municipality,
                       "size_group": self.respondent.size_group}
            return BackgroundForm(data, study=study, initial=initial)
        if self.page == self.last:
            return None
        parties = self.pages[self.page - 1]
        scales = {s.item: s for s in study.scales.all()}
        return RatingsForm(data, parties=parties, scales=scales, lang=lang(),
                           initial=_initial(self.respondent, parties))

    def render(self, form, status=200):
        ctx = {"respondent": self.respondent, "study": self.respondent.study, "form": form, "page": self.page,
               "pages_total": self.last + 1, "page_number": self.page + 1, "last": self.last,
               "back_url": self.url(self.page - 1) if self.page > 0 else None}
        return render(self.request, self.template_name, ctx, status=status)

    def get(self, request, *args, **kwargs):
        return self.render(self.form())

    def post(self, request, *args, **kwargs):
        if self.page == self.last:
            actions.submit(self.respondent)
            return render(request, "integration/answer_status.html", {"state": "thanks",
                                                                     "study": self.respondent.study})
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        try:
            if self.page == 0:
                actions.save_background(self.respondent, group=form.cleaned_data["group"],
                                        municipality=form.cleaned_data["municipality"],
                                        size_group=form.cleaned_data["size_group"])
            else:
                actions.save_page(self.respondent, self.page, form.values())
        except PermissionDenied:
            return render(request, "integration/answer_status.html", {"state": "closed"}, status=403)
        return redirect(self.url(self.page + 1))
