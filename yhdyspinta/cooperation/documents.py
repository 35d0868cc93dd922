"""The meeting's documents: notice (kokouskutsu), agenda (esityslista) and minutes (pöytäkirja).

One context (`document_context`) feeds both formats: the PDF from an HTML template through the one
PDF response (core.exports, tagged PDF/UA-1), and the DOCX from the forum's or county's editable
docxtpl template (DocumentTemplate) or the default one built here by code. Both are written in the
meeting's language and print people through `Person.display_for(reader)`."""

import io
import logging
import re

import jinja2
import jinja2.sandbox
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from yhdyspinta.core.visibility import may_view

from .models import Attachment, AttendanceRole, DocumentKind, DocumentTemplate, MinutesState
from .models.minutes import in_role_order

logger = logging.getLogger(__name__)

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _date(value):
    return formats.date_format(value, "j.n.Y") if value else ""


def _time(value):
    return formats.time_format(timezone.localtime(value), "H:i") if value else ""


def _user_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def document_context(meeting, kind, *, reader, internal_ok: bool) -> dict:
    """Plain values (strings and lists of dicts) for the templates of both formats.

    `internal_ok`: the reader is one of the forum's organisations (internal presentations and
    unpublished minutes are included); otherwise only the public parts are."""
    labels = dict(DocumentKind.choices)
    with override(meeting.language):
        attachments = list(Attachment.objects.restrict(reader, "view").filter(meeting=meeting)
                           .select_related("item"))
        items = []
        for item in meeting.items.select_related("decision").prefetch_related("decision__actions__owner"):
            show_body = item.body_visibility == "public" or internal_ok
            row = {"number": item.number, "title": item.title,
                   "body": item.body if show_body else "",
                   "body_hidden": bool(item.body) and not show_body,
                   "appendices": [a.title for a in attachments if a.item_id == item.pk],
                   "decision": None}
            decision = getattr(item, "decision", None)
            if decision is not None and kind == DocumentKind.MINUTES:
                row["decision"] = {
                    "kind": decision.get_resolution_display(), "text": decision.text,
                    "actions": [{"title": a.title, "owner": a.owner.display_for(reader),
                                 "deadline": _date(a.deadline), "status": a.get_status_display()}
                                for a in decision.actions.all()]}
            items.append(row)
        attendance = in_role_order(meeting.attendance.select_related("person__organisation"))
        present = [{"name": a.person.display_for(reader), "role": a.get_role_display(),
                    "organisation": str(a.person.organisation) if a.person.organisation_id else ""}
                   for a in attendance if a.role != AttendanceRole.ABSENT]
        absent = [{"name": a.person.display_for(reader),
                   "organisation": str(a.person.organisation) if a.person.organisation_id else ""}
                  for a in attendance if a.role == AttendanceRole.ABSENT]
        checkers = [a.person.display_for(reader) for a in attendance if a.checks_minutes]
        invited = [p.display_for(reader) for p in meeting.participants.select_related("organisation")]
        state = {"code": meeting.minutes_state, "label": meeting.get_minutes_state_display(),
                 "checked_by": _user_name(meeting.minutes_checked_by),
                 "checked_at": _date(timezone.localtime(meeting.minutes_checked_at))
                 if meeting.minutes_checked_at else "",
                 "approved_by": _user_name(meeting.minutes_approved_by),
                 "approved_at": _date(timezone.localtime(meeting.minutes_approved_at))
                 if meeting.minutes_approved_at else ""}
        corrections = [{"made_by": _user_name(c.made_by), "made_at": _date(timezone.localtime(c.made_at)),
                        "what": c.what, "why": c.why}
                       for c in meeting.corrections.select_related("made_by")]
        forum_name = str(meeting.forum) if may_view(reader, meeting.forum) else _("Meeting")
        title = f"{forum_name}: {labels[kind]} {_date(meeting.local_date)}"
        return {
            "kind": kind, "document": str(labels[kind]), "title": title, "forum": forum_name,
            "date": _date(meeting.local_date), "starts": _time(meeting.starts_at), "ends": _time(meeting.ends_at),
            "place": meeting.place, "items": items, "present": present, "absent": absent,
            "checkers": checkers, "invited": invited, "state": state,
            "approved": meeting.minutes_state == MinutesState.APPROVED,
            "minutes": meeting.minutes if kind == DocumentKind.MINUTES else "",
            "appendices": [{"title": a.title, "item": a.item.number if a.item_id else None}
                           for a in attachments],
            "corrections": corrections if kind == DocumentKind.MINUTES else [],
            "language": meeting.language,
            "labels": _labels(),
        }


def _labels() -> dict:
    """The headings the DOCX templates print (translated into the meeting's language)."""
    return {
        "time": _("Time"), "place": _("Place"), "present": pgettext("attendance", "Present"), "absent": _("Absent"),
        "checkers": _("Minute checkers"), "invited": _("Invited"), "agenda": _("Agenda"),
        "decision": _("Decision"), "actions": _("Follow-up actions"), "owner": _("Owner"),
        "deadline": _("Deadline"), "appendices": _("Appendices"), "state": _("State of the minutes"),
        "checked": _("Checked"), "approved": _("Approved"), "corrections": _("Corrections"),
        "reason": _("Reason"), "signatures": _("Signatures"), "chair": _("Chair"),
        "secretary": _("Secretary"), "not_public": _("The presentation of this item is not public."),
        "notes": _("Minutes"),
    }


# ---- DOCX ---------------------------------------------------------------------------------------
DOCX_BLOCK = re.compile(r"\{%\s*[prct]\s")
DOCX_VAR = re.compile(r"\{\{\s*r\s")


def _optional_list(doc, name: str, each: str, line: str, style: str | None = "List Bullet") -> None:
    """A heading `labels.<name>` and one `line` per element of `name`, all left out when it is empty."""
    doc.add_paragraph("{%p if " + name + " %}")
    doc.add_heading("{{ labels." + name + " }}", level=1)
    doc.add_paragraph("{%p for " + each + " in " + name + " %}")
    doc.add_paragraph(line, style=style)
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")


def default_template(kind) -> bytes:
    """The shipped default template of `kind`, built with python-docx: Jinja tags (docxtpl) in
    plain paragraphs, so a forum can download it, edit it in Word and upload it as its own."""
    from docx import Document

    doc = Document()
    doc.core_properties.title = "{{ title }}"
    doc.add_heading("{{ document }}", level=0)
    doc.add_paragraph("{{ forum }}")
    doc.add_paragraph("{{ labels.time }}: {{ date }} {{ starts }}–{{ ends }}")
    doc.add_paragraph("{{ labels.place }}: {{ place }}")
    if kind == DocumentKind.MINUTES:
        doc.add_heading("{{ labels.present }}", level=1)
        doc.add_paragraph("{%p for p in present %}")
        doc.add_paragraph("{{ p.name }}, {{ p.role }}{% if p.organisation %} ({{ p.organisation }}){% endif %}",
                          style="List Bullet")
        doc.add_paragraph("{%p endfor %}")
        _optional_list(doc, "absent", "p", "{{ p.name }}")
    else:
        _optional_list(doc, "invited", "name", "{{ name }}")
    doc.add_heading("{{ labels.agenda }}", level=1)
    doc.add_paragraph("{%p for item in items %}")
    doc.add_heading("§ {{ item.number }} {{ item.title }}", level=2)
    if kind != DocumentKind.NOTICE:
        doc.add_paragraph("{{ item.body }}{% if item.body_hidden %}{{ labels.not_public }}{% endif %}")
    if kind == DocumentKind.MINUTES:
        doc.add_paragraph("{%p if item.decision %}")
        doc.add_paragraph("{{ labels.decision }}: {{ item.decision.kind }}. {{ item.decision.text }}")
        doc.add_paragraph("{%p for a in item.decision.actions %}")
        doc.add_paragraph("{{ a.title }} – {{ labels.owner }}: {{ a.owner }}, {{ labels.deadline }}: "
                          "{{ a.deadline }}", style="List Bullet")
        doc.add_paragraph("{%p endfor %}")
        doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")
    if kind == DocumentKind.MINUTES:
        doc.add_paragraph("{%p if minutes %}")
        doc.add_heading("{{ labels.notes }}", level=1)
        doc.add_paragraph("{{ minutes }}")
        doc.add_paragraph("{%p endif %}")
    _optional_list(doc, "appendices", "a", "{{ loop.index }}. {{ a.title }}{% if a.item %} (§ {{ a.item }})"
                   "{% endif %}", style=None)
    if kind == DocumentKind.MINUTES:
        doc.add_heading("{{ labels.state }}", level=1)
        doc.add_paragraph("{{ state.label }}{% if state.checked_at %} · {{ labels.checked }} {{ state.checked_at }} "
                          "({{ state.checked_by }}){% endif %}{% if state.approved_at %} · {{ labels.approved }} "
                          "{{ state.approved_at }} ({{ state.approved_by }}){% endif %}")
        doc.add_paragraph("{{ labels.checkers }}: {{ checkers|join(', ') }}")
        _optional_list(doc, "corrections", "c",
                       "{{ c.made_at }} {{ c.made_by }}: {{ c.what }} – {{ labels.reason }}: {{ c.why }}")
        doc.add_heading("{{ labels.signatures }}", level=1)
        doc.add_paragraph("{{ labels.chair }} ____________________    {{ labels.secretary }} ____________________")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def template_for(meeting, kind):
    """The forum's own template, else its county's, else None (the default)."""
    found = {(t.forum_id, t.kind): t for t in DocumentTemplate.objects.filter(
        area_id=meeting.forum.area_id, kind=kind)}
    return found.get((meeting.forum_id, kind)) or found.get((None, kind))


#: the names a template may use: the keys of document_context (check_template refuses others)
CONTEXT_NAMES = frozenset({
    "kind", "document", "title", "forum", "date", "starts", "ends", "place", "items", "present", "absent",
    "checkers", "invited", "state", "approved", "minutes", "appendices", "corrections", "language", "labels",
})


def _environment():
    """Templates are uploaded by users: a sandbox (no `__class__`, `__mro__` …), HTML-safe values."""
    return jinja2.sandbox.SandboxedEnvironment(autoescape=True)


def render_docx(meeting, kind, context) -> bytes:
    """The document from the forum's or county's template; a stored template that fails to render
    (uploaded before check_template knew its error) gives the built-in one, never a server error."""
    from docxtpl import DocxTemplate

    stored = template_for(meeting, kind)
    if stored is not None:
        with stored.file.open("rb") as fh:
            try:
                return _render(DocxTemplate(io.BytesIO(fh.read())), context)
            except (jinja2.TemplateError, ValueError, KeyError) as exc:
                logger.warning("DOCX template %s of meeting %s failed (%s): the built-in one is used",
                               stored.pk, meeting.pk, exc.__class__.__name__)
    return _render(DocxTemplate(io.BytesIO(default_template(kind))), context)


def _render(doc, context) -> bytes:
    doc.render(context, jinja_env=_environment(), autoescape=True)
    _describe(doc.docx, context)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


#: BCP 47 tags of the meeting languages (Swedish as written in Finland)
DOCX_LANGUAGES = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}


def _describe(document, context) -> None:
    """The rendered document says what it is: its language (w:lang of the default run properties, so
    screen readers and spell checkers read it in the meeting's language; and the core properties'
    language), title, and author (the forum, as shown to the reader) instead of python-docx's
    defaults (en-US, 'python-docx', 'generated by python-docx')."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tag = DOCX_LANGUAGES.get(context["language"], context["language"])
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    rpr = run_defaults.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run_defaults.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    # a template's own style or run languages would override the default: they follow the meeting too
    for element in (*styles.iter(qn("w:lang")), *document.element.body.iter(qn("w:lang"))):
        element.set(qn("w:val"), tag)
    props = document.core_properties
    props.language = tag
    props.title = context["title"]
    props.subject = context["document"]
    props.author = context["forum"]
    props.last_modified_by = "Yhdyspinta"
    props.comments = ""
    props.keywords = ""


def _template_lines(source) -> list[str]:
    """The template's text one paragraph a line (body, then table cells): what its author sees."""
    from docx import Document

    doc = Document(source)
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    return lines


def check_template(upload, *, name: str) -> None:
    """Refuses a file that is not a DOCX or whose Jinja tags do not parse, naming the template and
    the line (paragraph) of the first error."""
    from docx.opc.exceptions import PackageNotFoundError

    data = upload.read()
    upload.seek(0)
    try:
        lines = _template_lines(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ValidationError(_("%(name)s is not a Word (DOCX) file: %(error)s") % {
            "name": name, "error": exc.__class__.__name__}) from None
    text = "\n".join(DOCX_VAR.sub("{{ ", DOCX_BLOCK.sub("{% ", line)) for line in lines)
    try:
        jinja2.Environment().parse(text)
    except jinja2.TemplateSyntaxError as exc:
        raise ValidationError(_("The template %(name)s has an error on line %(line)d: %(error)s") % {
            "name": name, "line": exc.lineno, "error": exc.message}) from None
    from docxtpl import DocxTemplate

    try:  # docxtpl's own reading (tags split across runs, {%tr %} outside a table row…)
        used = DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables(jinja_env=_environment())
    except jinja2.TemplateSyntaxError as exc:
        raise ValidationError(_("The template %(name)s has an error on line %(line)d: %(error)s") % {
            "name": name, "line": exc.lineno, "error": exc.message}) from None
    unknown = sorted(set(used) - CONTEXT_NAMES)
    if unknown:
        raise ValidationError(_("The template %(name)s uses %(unknown)s, which a meeting document does not have. "
                                "It can use: %(known)s.") % {
            "name": name, "unknown": ", ".join(unknown), "known": ", ".join(sorted(CONTEXT_NAMES))})
    try:  # a trial render with the shape of a real document: attribute errors, the sandbox's refusals
        _render(DocxTemplate(io.BytesIO(data)), _sample_context())
    except jinja2.TemplateError as exc:
        raise ValidationError(_("The template %(name)s cannot be filled in: %(error)s") % {
            "name": name, "error": getattr(exc, "message", None) or exc.__class__.__name__}) from None


def _sample_context() -> dict:
    """A document's context with one of everything (check_template's trial render)."""
    item = {"number": 1, "title": "§", "body": "", "body_hidden": False, "appendices": ["Liite"],
            "decision": {"kind": "", "text": "", "actions": [{"title": "", "owner": "", "deadline": "",
                                                              "status": ""}]}}
    person = {"name": "", "role": "", "organisation": ""}
    return {"kind": "minutes", "document": "", "title": "", "forum": "", "date": "", "starts": "", "ends": "",
            "place": "", "items": [item], "present": [person], "absent": [person], "checkers": [""],
            "invited": [""], "state": {"code": "", "label": "", "checked_by": "", "checked_at": "",
                                       "approved_by": "", "approved_at": ""},
            "approved": True, "minutes": "", "appendices": [{"title": "", "item": 1}],
            "corrections": [{"made_by": "", "made_at": "", "what": "", "why": ""}], "language": "fi",
            "labels": _labels()}
