"""Writes of the integration study: create, personal links, answers page by page, import.

Every owner action checks rights and is audited (core.actions.audited); respondents write
only through their own link. Any change to answers, parties or settings bumps the study's
data version so that cached results are recomputed.
"""

import secrets

import polars as pl
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yhdyspinta.core.actions import (
    audited,
    create_record,
    require,
    save_form,
    update_record,
)
from yhdyspinta.core.concurrency import (
    ConflictError,
    bump_version,
    check_and_bump_version,
    check_form_version,
)
from yhdyspinta.core.reasons import reason

from . import analysis
from .compute.errors import IntegrationInputError
from .compute.parties import ITEMS, PARTIES, SCALES
from .compute.validate import validate_answers
from .models import Answer, Respondent, Study, StudyParty, StudyScale, hash_token

MAX_LINKS = 5000


def add_default_questionnaire(study: Study) -> None:
    """The Kuntaliitto questionnaire: 21 parties (2.1–2.18 are task groups) and three scales."""
    StudyParty.objects.bulk_create([
        StudyParty(study=study, code=p.code, label=p.fi, label_fi=p.fi, label_sv=p.sv, label_en=p.en,
                   organiser=p.organiser, fixed_by_law=p.fixed, is_group=k < 18, order=k + 1)
        for k, p in enumerate(PARTIES)
    ])
    StudyScale.objects.bulk_create([
        StudyScale(study=study, item=item, minimum=s.minimum, maximum=s.maximum,
                   labels_fi=list(s.labels["fi"]), labels_sv=list(s.labels["sv"]),
                   labels_en=list(s.labels["en"]))
        for item, s in SCALES.items()
    ])


def save_study(form, *, actor, action):
    """The study page: a new study gets the default questionnaire, a settings change recomputes the
    results. The API's create_study/update_study do the same."""
    with audited(actor):
        study = save_form(form, actor=actor, action=action)
        if action == "add":
            add_default_questionnaire(study)
        else:
            analysis.bump(study)
        return study


def create_study(*, acting_user, **fields):
    """A new study with the default questionnaire (API)."""
    with audited(acting_user):
        study = create_record(Study, acting_user=acting_user, **fields)
        add_default_questionnaire(study)
        return study


def update_study(study, *, acting_user, **fields):
    """Changes a study's settings (API); its results are recomputed."""
    with audited(acting_user):
        study = update_record(study, acting_user=acting_user, **fields)
        analysis.bump(study)
        return study


def save_party(form, *, actor, action):
    """Add, translate or re-organise a party (e.g. split 2.3 by adding a new one)."""
    with audited(actor):
        party = form.save(commit=False)
        require(actor, party.study, "change")
        if action == "change":
            check_form_version(form, party)  # no lost update (ConflictError)
        if party.organiser == StudyParty.Organiser.OTHER:
            party.fixed_by_law = True
        party.save()
        analysis.bump(party.study)
        return party


def delete_party(party, *, actor):
    with audited(actor):
        require(actor, party.study, "change")
        if Respondent.objects.filter(group=party).exists():
            raise ValidationError(_("Respondents have chosen this party as their task group; merge it instead."))
        study = party.study
        party.delete()
        analysis.bump(study)


def merge_parties(study, source: StudyParty, target: StudyParty, *, actor):
    """Merge `source` into `target`: task groups move; a respondent's two answers become one
    (the mean of each item where both exist, rounded half up)."""
    with audited(actor):
        require(actor, study, "change")
        if source.study_id != study.pk or target.study_id != study.pk or source.pk == target.pk:
            raise ValidationError(_("Choose two different parties of this study."))
        Respondent.objects.filter(study=study, group=source).update(group=target)
        mine = {a.respondent_id: a for a in Answer.objects.filter(party=target)}
        for ans in Answer.objects.filter(party=source):
            other = mine.get(ans.respondent_id)
            if other is None:
                Answer.objects.filter(pk=ans.pk).update(party=target)
                continue
            for item in ITEMS:
                a, b = getattr(ans, item), getattr(other, item)
                setattr(other, item, b if a is None else a if b is None else int((a + b + 1) // 2))
            Answer.objects.filter(pk=other.pk).update(**{i: getattr(other, i) for i in ITEMS})
        Answer.objects.filter(party=source).delete()
        source.delete()
        analysis.bump(study)


def save_scale(form, *, actor, action="change"):
    with audited(actor):
        scale = form.save(commit=False)
        require(actor, scale.study, "change")
        expected = form.cleaned_data.get("study_version")
        if expected is None:
            bump_version(scale.study)
        else:
            try:
                check_and_bump_version(scale.study, expected)
            except ConflictError:
                raise ValidationError(_("Someone else changed this study's scales or settings after you opened "
                                        "the page, so nothing was saved. Open the page again and make your "
                                        "changes.")) from None
        scale.save()
        return scale


def issue_links(study: Study, count: int, *, actor) -> list[str]:
    """N personal single-use links; the tokens are returned once and only their hashes kept."""
    if not 1 <= count <= MAX_LINKS:
        raise ValidationError(_("Choose between 1 and %(max)s links.") % {"max": MAX_LINKS})
    with audited(actor):
        require(actor, study, "change")
        tokens = [secrets.token_urlsafe(24) for _i in range(count)]
        Respondent.objects.bulk_create([Respondent(study=study, token_hash=hash_token(t)) for t in tokens])
        Study.objects.filter(pk=study.pk).update(invited=study.invited + count)
        study.refresh_from_db(fields=["invited"])
        return tokens


def save_background(respondent: Respondent, *, group: StudyParty, municipality: str, size_group: str) -> None:
    _require_open(respondent)
    if group.study_id != respondent.study_id:
        raise PermissionDenied
    with transaction.atomic():
        Respondent.objects.filter(pk=respondent.pk).update(
            group=group, municipality=municipality[:200], size_group=size_group[:40],
            progress=max(respondent.progress, 1))
        # answers about one's own task group are not asked
        Answer.objects.filter(respondent=respondent, party=group).delete()
    respondent.refresh_from_db()


def save_page(respondent: Respondent, page: int, values: dict[int, dict[str, int | None]]) -> None:
    """Saves one page of ratings {party_id: {item: value or None}}; progress remembered."""
    _require_open(respondent)
    valid = set(StudyParty.objects.filter(study=respondent.study_id).values_list("pk", flat=True))
    if not set(values) <= valid:
        raise PermissionDenied
    with transaction.atomic():
        Answer.objects.filter(respondent=respondent, party_id__in=list(values)).delete()
        Answer.objects.bulk_create([
            Answer(respondent=respondent, party_id=pid, **{i: v.get(i) for i in ITEMS})
            for pid, v in values.items() if any(v.get(i) is not None for i in ITEMS)
        ])
        Respondent.objects.filter(pk=respondent.pk).update(progress=max(respondent.progress, page + 1))
    respondent.refresh_from_db()


def submit(respondent: Respondent) -> None:
    """Final submit: the link cannot be used again (one answer set per link)."""
    _require_open(respondent)
    with transaction.atomic():
        done = Respondent.objects.filter(pk=respondent.pk, submitted_at__isnull=True).update(
            submitted_at=timezone.now())
        if not done:
            raise PermissionDenied
    respondent.refresh_from_db()
    analysis.bump(respondent.study)


def _require_open(respondent):
    if respondent.submitted_at is not None or respondent.study.status != Study.Status.OPEN:
        raise PermissionDenied


def import_answers(study: Study, frame: pl.DataFrame, *, actor, file: str, lines=None,
                   replace: bool = False) -> int:
    """Stores an imported long-form frame as submitted answer sets, all or nothing.

    The source's respondent ids are kept: respondents imported before are refused, or with
    `replace` deleted and imported anew in the same transaction (both logged). Raises
    IntegrationInputError naming the file, line (where known) and reason; returns the number
    of respondents imported. `lines` maps frame row → file line (long form)."""
    parties = {p.code: p for p in study.parties.all()}
    scales = {s.item: s for s in study.scales.all()}
    if frame.height == 0:
        raise IntegrationInputError(file, 1, reason("no answers in the file"))

    def where(row):
        return lines[row] if lines is not None else 0

    for item in ITEMS:
        sc = scales.get(item)
        if sc is None:
            continue
        bad = (frame[item] < sc.minimum) | (frame[item] > sc.maximum)
        if bad.fill_null(False).any():
            row = int(bad.fill_null(False).arg_max())
            raise IntegrationInputError(file, where(row), reason(
                "%(item)s %(value)s outside the scale %(min)s–%(max)s",
                item=item, value=frame[item][row], min=sc.minimum, max=sc.maximum))
    frame = validate_answers(frame, file=file, parties=parties, line_of=where)  # as the CLI
    attrs = [c for c in ("municipality", "size_group") if c in frame.columns]
    first = frame.unique("respondent_id", keep="first", maintain_order=True)
    now = timezone.now()
    source_ids = [str(r)[:100] for r in first["respondent_id"].to_list()]
    with audited(actor):
        require(actor, study, "change")
        earlier = Respondent.objects.filter(study=study, source_id__in=source_ids)
        if earlier.exists():
            if not replace:
                rid = min(earlier.values_list("source_id", flat=True), key=source_ids.index)
                row = int((frame["respondent_id"].cast(pl.String) == rid).arg_max())
                raise IntegrationInputError(file, where(row), reason(
                    "respondent %(rid)s was imported before: choose to replace the earlier answers "
                    "to import the file again", rid=rid))
            for old in earlier:  # one by one, so the change log names every replaced respondent
                old.delete()
        made = Respondent.objects.bulk_create([
            Respondent(study=study, group=parties[row["group"]], imported=True, submitted_at=now,
                       source_id=str(row["respondent_id"])[:100],
                       municipality=(row.get("municipality") or "") if "municipality" in attrs else "",
                       size_group=(row.get("size_group") or "") if "size_group" in attrs else "")
            for row in first.iter_rows(named=True)
        ])
        ids = dict(zip(first["respondent_id"].to_list(), [r.pk for r in made], strict=True))
        rows = frame
        Answer.objects.bulk_create([
            Answer(respondent_id=ids[r], party=parties[p], frequency=_int(f), mutuality=_int(m), need=_int(n))
            for r, p, f, m, n in rows.select("respondent_id", "party", *ITEMS).iter_rows()
        ], batch_size=2000)
        analysis.bump(study)
    return len(made)


def _int(v):
    return None if v is None else int(v)
