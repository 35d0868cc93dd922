"""Upload limits per kind of file: size, name extension and the content's first bytes.

Kinds: `import` (CSV, XLSX and JSON files read by an importer; settings.UPLOAD_MAX_MB_IMPORT),
`statistics` (national indicator value files, administrators only; UPLOAD_MAX_MB_STATISTICS)
and `attachment` (meeting attachments and agreement documents kept as files: office formats,
PDF, images, plain text; settings.UPLOAD_MAX_MB_ATTACHMENT). A file is refused before anything
reads it when it is too large or its extension is not of the kind; an attachment also when its
first bytes are not what the extension says (a renamed .exe is not a PDF; an import's content is
checked by its importer, which names the line and the reason). `UploadField` is a forms.FileField that does
all three and says the limits in its help text ("At most 10 MB; CSV or XLSX.").
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _

from yhdyspinta.core.policy import ALL, org_ids

ZIP = (b"PK\x03\x04",)
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # .doc, .xls, .ppt
TEXT = None  # no magic bytes: text (no NUL byte at the start)

# extension → (label, accepted first bytes)
FORMATS = {
    "csv": ("CSV", TEXT), "txt": ("TXT", TEXT), "json": ("JSON", TEXT),
    "xlsx": ("XLSX", ZIP), "docx": ("DOCX", ZIP), "pptx": ("PPTX", ZIP),
    "odt": ("ODT", ZIP), "ods": ("ODS", ZIP), "odp": ("ODP", ZIP),
    "doc": ("DOC", OLE), "xls": ("XLS", OLE), "ppt": ("PPT", OLE),
    "rtf": ("RTF", (b"{\\rtf",)),
    "pdf": ("PDF", (b"%PDF-",)),
    "png": ("PNG", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("JPEG", (b"\xff\xd8\xff",)), "jpeg": ("JPEG", (b"\xff\xd8\xff",)),
    "gif": ("GIF", (b"GIF87a", b"GIF89a")),
    "webp": ("WEBP", (b"RIFF",)),
}
ATTACHMENT_FORMATS = ("pdf", "docx", "doc", "odt", "rtf", "txt", "xlsx", "xls", "ods", "csv",
                      "pptx", "ppt", "odp", "png", "jpg", "jpeg", "gif", "webp")
KINDS = {"import": "UPLOAD_MAX_MB_IMPORT", "statistics": "UPLOAD_MAX_MB_STATISTICS",
         "attachment": "UPLOAD_MAX_MB_ATTACHMENT"}
DEFAULT_MB = {"import": 10, "statistics": 200, "attachment": 25}


def max_mb(kind: str) -> int:
    return getattr(settings, KINDS[kind], DEFAULT_MB[kind])


def max_bytes(kind: str) -> int:
    return max_mb(kind) * 1024 * 1024


def _labels(formats) -> str:
    labels = list(dict.fromkeys(FORMATS[f][0] for f in formats))
    if len(labels) == 1:
        return labels[0]
    return _("%(list)s or %(last)s") % {"list": ", ".join(labels[:-1]), "last": labels[-1]}


def describe(kind: str, formats) -> str:
    """"At most 10 MB; CSV or XLSX." in the user's language."""
    return _("At most %(megabytes)s MB; %(formats)s.") % {"megabytes": max_mb(kind), "formats": _labels(formats)}


describe_lazy = lazy(describe, str)


def _head(upload, size=16) -> bytes:
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(size)
    upload.seek(position)
    return head


def check_upload(upload, *, kind: str, formats) -> None:
    """Raises ValidationError (a clear message) unless the upload is within the kind's limits."""
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes(kind):
        raise ValidationError(
            _("“%(name)s” is %(size)s MB; at most %(megabytes)s MB is accepted."),
            code="too_large", params={"name": name, "size": f"{size / 1048576:.1f}", "megabytes": max_mb(kind)})
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in formats:
        raise ValidationError(_("“%(name)s” is not accepted: use %(formats)s."), code="wrong_type",
                              params={"name": name, "formats": _labels(formats)})
    if kind != "attachment":
        return  # importers read the content themselves and name the line and reason of a bad file
    label, magics = FORMATS[extension]
    head = _head(upload)
    if magics is TEXT:
        ok = b"\x00" not in head and not head.startswith(ZIP + OLE + (b"%PDF-", b"MZ", b"\x7fELF"))
    else:
        ok = head.startswith(magics) and (extension != "webp" or head[8:12] == b"WEBP")
    if not ok:
        raise ValidationError(_("The content of “%(name)s” is not a %(format)s file."), code="wrong_content",
                              params={"name": name, "format": label})


@deconstructible
class UploadValidator:
    """A model FileField validator: `validators=[UploadValidator("attachment")]`."""

    def __init__(self, kind: str, formats=None):
        self.kind = kind
        self.formats = tuple(formats) if formats else None

    def __call__(self, upload):
        if getattr(upload, "_committed", False) and not hasattr(upload, "content_type"):
            return  # a file already stored (editing other fields of the record): checked when it came
        check_upload(upload, kind=self.kind, formats=self.formats or ATTACHMENT_FORMATS)

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and (self.kind, self.formats) == (other.kind, other.formats)


class UploadField(forms.FileField):
    """A FileField with the limits of its kind, checked before the file is read, and said in
    the help text."""

    def __init__(self, *, kind: str = "import", formats=("csv", "xlsx"), **kwargs):
        self.kind, self.formats = kind, tuple(formats)
        limits = describe_lazy(kind, self.formats)
        given = kwargs.get("help_text")
        kwargs["help_text"] = format_lazy("{} {}", given, limits) if given else limits
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value:
            check_upload(value, kind=self.kind, formats=self.formats)


def attachment_help_text() -> str:
    return describe(kind="attachment", formats=ATTACHMENT_FORMATS)


def limit_attachment_field(form, name: str = "file") -> None:
    """Puts the attachment limits on a ModelForm's file field (help text and check)."""
    field = form.fields.get(name)
    if field is None:
        return
    field.help_text = attachment_help_text()
    field.validators = [*field.validators, UploadValidator("attachment")]
    field.widget.attrs.setdefault("accept", ",".join(f".{f}" for f in ATTACHMENT_FORMATS))


def require_writer(user) -> None:
    """PermissionDenied unless `user` may add records for some organisation: checked before an
    import reads the file, so a viewer's upload is refused unread."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    ids = org_ids(user, "add")
    if ids is not ALL and not ids:
        raise PermissionDenied


class AttachmentUploadMixin:
    """An edit view whose form takes an attachment: the attachment kind's size cap before the body
    is read (`upload_kind`), and its formats, size check and help text on the file field."""

    upload_kind = "attachment"
    attachment_field = "file"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        limit_attachment_field(form, self.attachment_field)
        return form


class WriterRequiredMixin:
    """For import views: a signed-in user without any write right gets 403 before the upload is read."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            require_writer(request.user)
        return super().dispatch(request, *args, **kwargs)


def upload_kind_of(view_class):
    """The kind of upload a view takes: its `upload_kind`, or the largest of its form's UploadFields."""
    if view_class is None:
        return None
    kind = getattr(view_class, "upload_kind", None)
    if kind:
        return kind
    form_class = getattr(view_class, "form_class", None)
    kinds = [f.kind for f in getattr(form_class, "base_fields", {}).values() if isinstance(f, UploadField)]
    return max(kinds, key=max_bytes) if kinds else None


class UploadSizeMiddleware:
    """Refuses an upload by its Content-Length, before Django reads the body: a POST to a view
    that takes uploads of a kind (see `upload_kind_of`) larger than the kind's limit (plus 1 MB
    for the form's other fields) is sent back to the form with the message; nothing is read."""

    SLACK = 1024 * 1024

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or not request.content_type.startswith("multipart/"):
            return None
        kind = upload_kind_of(getattr(view_func, "view_class", None))
        if kind is None:
            return None
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None
        if length <= max_bytes(kind) + self.SLACK:
            return None
        from django.contrib import messages
        from django.shortcuts import redirect
        from django.utils.http import url_has_allowed_host_and_scheme

        messages.error(request, _("The file is too large: at most %(megabytes)s MB is accepted. Nothing was "
                                  "read or saved.") % {"megabytes": max_mb(kind)})
        back = request.META.get("HTTP_REFERER", "")  # the page with the form (import actions have no GET)
        if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                                    require_https=request.is_secure()):
            return redirect(back)
        return redirect(request.get_full_path())
