"""Refusal reasons that plain-Python code can raise and every page can show translated.

The readers and compute modules have no Django (the CLI and the benchmarks use them), so they
cannot call gettext. They build a `Reason` instead: an English template, marked for extraction
(`makemessages` here knows the keyword `reason`), with its parameters. A Reason *is* its English
text, so the CLI, logs and `str(error)` stay as they were; `translate` gives the user's language.
"""

from collections.abc import Callable


class Reason(str):
    """English text that remembers its template and parameters for later translation."""

    template: str
    params: dict

    def __new__(cls, template: str, **params):
        text = template % params if params else template
        obj = super().__new__(cls, text)
        obj.template, obj.params = template, params
        return obj

    def __reduce__(self):  # keeps template and params across pickling (cache, multiprocessing)
        return (_rebuild, (self.template, self.params))


def _rebuild(template, params):
    return Reason(template, **params)


def reason(template: str, **params) -> Reason:
    """`reason("unknown region code '%(code)s'", code=code)`: a translatable refusal reason.

    Use named `%(name)s` placeholders (translators may reorder them); write a literal % as %%
    when there are parameters.
    """
    return Reason(template, **params)


def translate(text, gettext: Callable[[str], str]) -> str:
    """`text` in the language of `gettext`; Reasons among the parameters are translated too."""
    if not isinstance(text, Reason):
        return str(text)
    translated = gettext(text.template)
    if not text.params:
        return translated
    params = {k: translate(v, gettext) if isinstance(v, Reason) else v for k, v in text.params.items()}
    try:
        return translated % params
    except (KeyError, ValueError, TypeError):  # a broken catalogue entry must not hide the reason
        return str(text)


def as_data(text):
    """A Reason as JSON-able data (for results cached in a JSON field); plain text as it is."""
    if isinstance(text, Reason):
        return {"template": text.template, "params": {k: as_data(v) for k, v in text.params.items()}}
    return text


def from_data(data):
    """The Reason that `as_data` stored (plain text as it is)."""
    if isinstance(data, dict) and "template" in data:
        return Reason(data["template"], **{k: from_data(v) for k, v in (data.get("params") or {}).items()})
    return data
