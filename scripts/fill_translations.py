"""Fills fi/sv msgstrs of an app's catalogues from a Python dict file: {msgid: (fi, sv)}.

    python scripts/fill_translations.py yhdyspinta/core/locale/translations.py

Plural entries take ((fi_one, fi_many), (sv_one, sv_many)). Fuzzy flags are removed.
"""

import ast
import sys
from pathlib import Path

import polib


def fill(dict_path: Path):
    table = ast.literal_eval(dict_path.read_text(encoding="utf-8"))
    locale = dict_path.parent
    missing = []
    for index, lang in enumerate(("fi", "sv")):
        po_path = locale / lang / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(po_path))
        for entry in po:
            if entry.msgid not in table:
                if not entry.msgstr and not any((entry.msgstr_plural or {}).values()):
                    missing.append(entry.msgid)
                continue
            value = table[entry.msgid][index]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value[0], 1: value[1]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        po.metadata["Language"] = lang
        po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
        po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
        po.save()
    return sorted(set(missing))


if __name__ == "__main__":
    left = fill(Path(sys.argv[1]))
    print("\n".join(left) or "all filled")
