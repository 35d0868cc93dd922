"""The user's language for the errors of the plain-Python readers (see `core.reasons`)."""

from django.utils.translation import gettext

from .reasons import translate


def error_message(exc: BaseException) -> str:
    """"kunnat.csv, rivi 6: tuntematon alueen koodi '999'" for an error with file, line and reason.

    Every input error of the project has `file`, `line` (None or 0 for the whole file) and
    `reason`; other errors carry their (possibly translatable) text as the first argument.
    """
    reason = getattr(exc, "reason", None)
    file = getattr(exc, "file", None)
    if reason is not None and file is not None:
        text = translate(reason, gettext)
        line = getattr(exc, "line", None)
        if line:
            return gettext("%(file)s, line %(line)s: %(reason)s") % {"file": file, "line": line, "reason": text}
        return gettext("%(file)s: %(reason)s") % {"file": file, "reason": text}
    if exc.args:
        return translate(exc.args[0], gettext)
    return str(exc)


def message(text) -> str:
    """A Reason (or plain text) in the user's language."""
    return translate(text, gettext)
