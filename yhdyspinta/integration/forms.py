"""Forms: study settings, parties, scales, links, import and mapping, boundary options, respondent pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.forms import RestrictedFormMixin
from yhdyspinta.core.uploads import UploadField

from .compute import survey
from .compute.parties import ITEMS
from .importing import LIMESURVEY, LONG, WIDE
from .models import Study, StudyParty, StudyScale

ITEM_LABELS = {
    "frequency": _("How close or frequent is your cooperation?"),
    "mutuality": _("Is the cooperation mutual?"),
    "need": _("How great is the need for cooperation?"),
}


class StudyForm(RestrictedFormMixin, forms.ModelForm):
    organisation_fields = ("owner",)  # core.forms: active organisations the user may add for

    class Meta:
        model = Study
        fields = ["title_fi", "title_sv", "title_en", "owner", "area", "description_fi", "description_sv",
                  "description_en", "visibility", "status", "invited", "flag_above", "baseline",
                  "resolution", "seed"]

    names = forms.CharField(
        label=_("Cluster names"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One line per cluster: a party code in the cluster = Finnish name / Swedish name / English "
                    "name, e.g. 2.1 = Hoito ja hoiva / Vård och omsorg / Treatment and care"),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["title_fi"].required = True
        for code in ("fi", "sv", "en"):  # "title" alone is a person's job title in Finnish
            self.fields[f"title_{code}"].label = f"{_('Title of the study')} [{code}]"
        self.initial["names"] = "\n".join(
            f"{code} = " + " / ".join(n.get(lang, "") for lang in ("fi", "sv", "en")).rstrip(" /")
            for code, n in (self.instance.cluster_names or {}).items())

    def clean_names(self):
        out = {}
        for line in (self.cleaned_data.get("names") or "").splitlines():
            if not line.strip():
                continue
            code, sep, rest = line.partition("=")
            parts = [x.strip() for x in rest.split("/")]
            if not sep or not code.strip() or not parts[0]:
                raise forms.ValidationError(_("Write each line as: code = name"))
            out[code.strip()] = dict(zip(("fi", "sv", "en"), parts, strict=False))
        return out

    def save(self, commit=True):
        self.instance.cluster_names = self.cleaned_data.get("names") or {}
        return super().save(commit)


class PartyForm(RestrictedFormMixin, forms.ModelForm):
    class Meta:
        model = StudyParty
        fields = ["code", "label_fi", "label_sv", "label_en", "organiser", "fixed_by_law", "is_group", "order"]

    def __init__(self, *args, study=None, **kwargs):
        super().__init__(*args, **kwargs)
        if study is not None:
            self.instance.study = study
        self.fields["label_fi"].required = True

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        clash = StudyParty.objects.filter(study=self.instance.study, code=code).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("The study already has a party with this code."))
        return code


class MergeForm(forms.Form):
    source = forms.ModelChoiceField(label=_("Merge this party"), queryset=StudyParty.objects.none())
    target = forms.ModelChoiceField(label=_("into this party"), queryset=StudyParty.objects.none())

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = self.fields["target"].queryset = study.parties.all()


class ScaleForm(RestrictedFormMixin, forms.ModelForm):
    """Labels one per line, from the minimum up."""

    labels_fi = forms.CharField(label=_("Labels (Finnish), one per line"), widget=forms.Textarea(attrs={"rows": 5}))
    labels_sv = forms.CharField(label=_("Labels (Swedish), one per line"), widget=forms.Textarea(attrs={"rows": 5}),
                                required=False)
    labels_en = forms.CharField(label=_("Labels (English), one per line"), widget=forms.Textarea(attrs={"rows": 5}),
                                required=False)

    # No lost update: a scale has no version of its own; the study's version (bumped by every scale
    # save) is the one the page showed.
    study_version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    class Meta:
        model = StudyScale
        fields = ["minimum", "maximum", "labels_fi", "labels_sv", "labels_en"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.study_id:
            self.fields["study_version"].initial = self.instance.study.version
        for lang in ("fi", "sv", "en"):
            self.initial[f"labels_{lang}"] = "\n".join(getattr(self.instance, f"labels_{lang}") or [])

    def clean(self):
        data = super().clean()
        lo, hi = data.get("minimum"), data.get("maximum")
        if lo is None or hi is None:
            return data
        if not 0 <= lo < hi <= 10:
            raise forms.ValidationError(_("The scale must run upwards within 0–10."))
        for lang in ("fi", "sv", "en"):
            lines = [x.strip() for x in (data.get(f"labels_{lang}") or "").splitlines() if x.strip()]
            if lines and len(lines) != hi - lo + 1:
                self.add_error(f"labels_{lang}", _("Give one label for each value %(lo)s–%(hi)s.")
                               % {"lo": lo, "hi": hi})
            data[f"labels_{lang}"] = lines
        return data


class LinksForm(forms.Form):
    count = forms.IntegerField(label=_("Number of personal links"), min_value=1, max_value=5000)


class UploadForm(forms.Form):
    FORMATS = [(LONG, _("Long form: one row per respondent and party")),
               (WIDE, _("Wide form: one row per respondent, a column per party and item")),
               (LIMESURVEY, _("Survey export: LimeSurvey CSV (answer codes or full answers) or Webropol "
                              "(CSV or XLSX), one row per respondent"))]
    file = UploadField(label=_("CSV or XLSX file"), kind="import", formats=("csv", "xlsx", "txt"))
    kind = forms.ChoiceField(label=_("Layout"), choices=FORMATS, widget=forms.RadioSelect, initial=LONG)
    replace = forms.BooleanField(
        label=_("Replace the answers of respondents imported before"), required=False,
        help_text=_("The respondent ids of the file are kept. Without this, a file with respondents "
                    "imported before is refused."))


class MappingForm(forms.Form):
    """Map the file's columns: respondent, task group, attributes and party × item."""

    def __init__(self, *args, columns, parties, limesurvey=False, initial_mapping=None, **kwargs):
        super().__init__(*args, **kwargs)
        none = [("", _("(not used)"))]
        cols = [(c, c) for c in columns]
        self.limesurvey = limesurvey
        if limesurvey:
            self.fields["group"] = forms.CharField(label=_("Question code of the task group"), initial="GROUP")
        else:
            self.fields["respondent"] = forms.ChoiceField(label=_("Respondent column"), choices=cols)
            self.fields["group"] = forms.ChoiceField(label=_("Task group column"), choices=cols)
        self.fields["municipality"] = forms.ChoiceField(label=_("Municipality column"), choices=none + cols,
                                                        required=False)
        self.fields["size_group"] = forms.ChoiceField(label=_("Size group column (large / other)"),
                                                      choices=none + cols, required=False)
        self.column_fields = []
        if not limesurvey:
            targets = none + [(f"{p.code}|{item}", f"{p.code} {p.label} – {ITEM_LABELS[item]}")
                              for p in parties for item in ITEMS]
            for k, col in enumerate(columns):
                name = f"col_{k}"
                self.fields[name] = forms.ChoiceField(label=col, choices=targets, required=False,
                                                      initial=(initial_mapping or {}).get(col, ""))
                self.column_fields.append((name, col))

    def mapping(self) -> dict[str, str]:
        return {col: self.cleaned_data[name] for name, col in self.column_fields if self.cleaned_data.get(name)}


class BoundaryForm(forms.Form):
    baseline = forms.FloatField(label=_("Baseline"), required=False)
    keep_together = forms.CharField(
        label=_("Keep together"), required=False,
        help_text=_("Groups of codes joined with +, separated by ; e.g. 2.3+2.10; 2.16+2.17"),
    )
    max_municipality = forms.IntegerField(label=_("At most this many nodes on the municipality side"),
                                          min_value=1, required=False)
    max_county = forms.IntegerField(label=_("At most this many nodes on the county side"), min_value=1,
                                    required=False)
    unknown_pairs = forms.ChoiceField(
        label=_("Pairs nobody rated"), required=False, initial="ignore",
        choices=[("ignore", _("add nothing (default)")), ("baseline", _("count as the baseline")),
                 ("zero", _("count as need 0"))],
        help_text=_("A pair with no usable answers in either direction (none, or only fewer than 5 "
                    "respondents)."))

    def __init__(self, *args, codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = set(codes)

    def clean_keep_together(self):
        groups = []
        for chunk in (self.cleaned_data.get("keep_together") or "").split(";"):
            codes = [c.strip() for c in chunk.split("+") if c.strip()]
            if not codes:
                continue
            unknown = [c for c in codes if c not in self.codes]
            if unknown:
                raise forms.ValidationError(_("Unknown code: %(codes)s") % {"codes": ", ".join(unknown)})
            if len(codes) > 1:
                groups.append(tuple(codes))
        return groups

    def max_size(self):
        out = {}
        if self.cleaned_data.get("max_municipality"):
            out["municipality"] = self.cleaned_data["max_municipality"]
        if self.cleaned_data.get("max_county"):
            out["county"] = self.cleaned_data["max_county"]
        return out or None


class CompareForm(forms.Form):
    """Compare the respondents of one attribute value with all the others (analysis page)."""

    attribute = forms.ChoiceField(label=_("Respondents by"), choices=[
        ("size_group", _("size group")), ("municipality", _("municipality or area"))])
    level = forms.CharField(label=_("Value compared with all the others"), max_length=200)
    by = forms.ChoiceField(label=_("Per"), initial="group", choices=[
        ("group", _("task group")), ("cell", _("cell (task group × party)")), ("cluster", _("cluster"))])


class BackgroundForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Your own task group"), queryset=StudyParty.objects.none(),
                                   empty_label=None, widget=forms.RadioSelect)
    municipality = forms.CharField(label=_("Municipality or area"), max_length=200, required=False)
    size_group = forms.ChoiceField(label=_("Size group of the municipality"), required=False, choices=[
        ("", _("Don't know")), ("large", _("Large city")), ("other", _("Other municipality"))])

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = study.parties.filter(is_group=True)


DONT_KNOW = ""


class RatingsForm(forms.Form):
    """One page of parties: three radio groups each, "don't know" always offered."""

    def __init__(self, *args, parties, scales, lang, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []
        for party in parties:
            names = []
            for item in ITEMS:
                scale = scales[item]
                values = range(scale.minimum, scale.maximum + 1)
                choices = [(str(v), f"{v} {label}") for v, label in zip(values, scale.labels(lang), strict=True)]
                choices.append((DONT_KNOW, _("Don't know")))
                name = f"p{party.pk}_{item}"
                self.fields[name] = forms.ChoiceField(label=ITEM_LABELS[item], choices=choices,
                                                      widget=forms.RadioSelect, required=False)
                names.append(name)
            self.groups.append((party, names))

    def values(self) -> dict[int, dict[str, int | None]]:
        out = {}
        for party, _names in self.groups:
            out[party.pk] = {item: (int(v) if (v := self.cleaned_data.get(f"p{party.pk}_{item}")) else None)
                             for item in ITEMS}
        return out

    def bound_groups(self):
        return [(party, [self[n] for n in names]) for party, names in self.groups]


class SurveyMappingForm(forms.Form):
    """A survey export mapped once per question: its meaning, each sub-question's party, the
    answer-code table; pre-filled from the study's saved mapping or guessed from the names."""

    MEANINGS = [("", _("(not used)")), ("frequency", _("frequency of cooperation")),
                ("mutuality", _("mutuality")), ("need", _("need for cooperation"))]
    PLAIN = [("", _("(not used)")), (survey.GROUP, _("own task group")), (survey.SIZE_GROUP, _("size group")),
             (survey.MUNICIPALITY, _("municipality or area"))]

    def __init__(self, *args, columns, parties, initial_mapping, **kwargs):
        super().__init__(*args, **kwargs)
        layout = survey.Layout.of(columns)
        self.layout = layout
        guess = initial_mapping
        self.fields["respondent"] = forms.ChoiceField(
            label=_("Respondent id column"), required=False, initial=guess.get("respondent", ""),
            choices=[("", _("(the line number)"))] + [(c, c) for c in columns if not survey.split_column(c)
                                                       or c in layout.plain])
        self.question_fields, self.plain_fields, self.sub_fields = [], [], []
        for k, (q, subs) in enumerate(layout.arrays.items()):
            self.fields[f"q_{k}"] = forms.ChoiceField(
                label=_("%(question)s (%(n)s sub-questions)") % {"question": q, "n": len(subs)},
                choices=self.MEANINGS, required=False, initial=guess["questions"].get(q, ""))
            self.question_fields.append((f"q_{k}", q))
        for k, c in enumerate(layout.plain):
            self.fields[f"p_{k}"] = forms.ChoiceField(label=c, choices=self.PLAIN, required=False,
                                                      initial=guess["questions"].get(c, ""))
            self.plain_fields.append((f"p_{k}", c))
        targets = [("", _("(not used)"))] + [(p.code, f"{p.code} {p.label}") for p in parties]
        for k, sub in enumerate(layout.subquestions()):
            self.fields[f"s_{k}"] = forms.ChoiceField(label=sub, choices=targets, required=False,
                                                      initial=guess["subquestions"].get(sub, ""))
            self.sub_fields.append((f"s_{k}", sub))
        self.fields["codes"] = forms.CharField(
            label=_("Answer codes"), widget=forms.Textarea(attrs={"rows": 7}),
            initial=survey.format_codes(guess["codes"]),
            help_text=_("One code a line: the code = the position on the scale (1 = the lowest) or eos for "
                        "\"don't know\". LimeSurvey's usual codes: A1–A5 the scale in order, A6 don't know."))
        self.fields["size_groups"] = forms.CharField(
            label=_("Size-group answers"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
            initial=survey.format_codes(guess.get("size_groups") or {}),
            help_text=_("Only for answers that are not the known values: one a line, the answer = large or other, "
                        "e.g. A1 = large."))
        self.fields["include_incomplete"] = forms.BooleanField(
            label=_("Include unfinished responses (LimeSurvey: no submit date)"), required=False)

    def clean_codes(self):
        try:
            return survey.parse_codes(self.cleaned_data["codes"])
        except ValueError as exc:
            raise forms.ValidationError(_("Line %(line)s: write code = position (1, 2, …) or code = eos.")
                                        % {"line": exc.args[0]}) from None

    def clean_size_groups(self):
        out = {}
        for n, line in enumerate((self.cleaned_data.get("size_groups") or "").splitlines(), 1):
            if not line.strip():
                continue
            label, sep, value = line.partition("=")
            if not sep or value.strip().lower() not in ("large", "other"):
                raise forms.ValidationError(_("Line %(line)s: write the answer = large or other.") % {"line": n})
            out[label.strip()] = value.strip().lower()
        return out

    def clean(self):
        data = super().clean()
        meanings = [data.get(n) for n, _q in self.question_fields]
        if not any(m in ITEMS for m in meanings):
            raise forms.ValidationError(_("Map at least one question to frequency, mutuality or need."))
        if [data.get(n) for n, _c in self.plain_fields].count(survey.GROUP) != 1:
            raise forms.ValidationError(_("Map exactly one column to the own task group."))
        return data

    def mapping(self) -> survey.SurveyMapping:
        d = self.cleaned_data
        questions = {q: d.get(n) or "" for n, q in self.question_fields + self.plain_fields}
        return survey.SurveyMapping(questions=questions, subquestions={s: d.get(n) or "" for n, s in self.sub_fields},
                                    codes=d["codes"], respondent=d.get("respondent") or "",
                                    include_incomplete=bool(d.get("include_incomplete")),
                                    size_groups=d.get("size_groups") or {})
