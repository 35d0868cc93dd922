"""Translation workflow without system gettext at run time.

    python scripts/messages.py extract [APP ...]  # makemessages for every app, or the named ones
                                                 # (needs xgettext: apt gettext)
    python scripts/messages.py compile   # .po -> .mo with polib (no msgfmt needed)
    python scripts/messages.py check     # fails on an empty or fuzzy fi/sv string, on a
                                         # translation whose %(name)s placeholders differ, or on
                                         # one message translated differently in two apps
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
APPS = ROOT / "yhdyspinta"
LANGS = ("fi", "sv")


def app_dirs():
    return sorted(p.parent for p in APPS.glob("*/apps.py"))


def extract(only=()):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(ROOT), "DEBUG": "1"}
    django_admin = Path(sys.executable).with_name("django-admin")
    for app in app_dirs():
        if only and app.name not in only:
            continue
        (app / "locale").mkdir(exist_ok=True)
        args = [str(django_admin), "makemessages", "--no-location", "--no-obsolete", "-i", "tests/*"]
        args += [f"-l{lang}" for lang in LANGS]
        subprocess.run(args, cwd=app, env=env, check=True, stdout=subprocess.DEVNULL)


def po_files():
    return sorted(APPS.glob("*/locale/*/LC_MESSAGES/django.po"))


def compile_all():
    for po_path in po_files():
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdifr]")


def _placeholders(text):
    return sorted(_PLACEHOLDER.findall(text))


def problems():
    found = []
    for po_path in po_files():
        lang = po_path.parts[-3]
        if lang not in LANGS:
            continue
        for entry in polib.pofile(str(po_path)):
            if entry.obsolete:
                continue
            empty = not entry.msgstr and not (entry.msgstr_plural and all(entry.msgstr_plural.values()))
            if empty or "fuzzy" in entry.flags:
                found.append(f"{po_path.relative_to(ROOT)}: {'fuzzy' if not empty else 'missing'}: {entry.msgid!r}")
            elif entry.msgstr and _placeholders(entry.msgstr) != _placeholders(entry.msgid):
                found.append(f"{po_path.relative_to(ROOT)}: placeholders differ: {entry.msgid!r}")
    return found + conflicts()


def conflicts():
    """Django merges every app's catalogue into one: a message (msgid and context) translated
    differently in two apps shows the first app's words in both ("Owner" as "Vastuuhenkilö" on a
    funding page). Such a message needs its own context (pgettext) where it means something else,
    or the same words everywhere."""
    found = []
    for lang in LANGS:
        seen = {}
        for po_path in po_files():
            if po_path.parts[-3] != lang:
                continue
            app = po_path.parts[-5]
            for entry in polib.pofile(str(po_path)):
                if entry.obsolete or not entry.msgstr or entry.msgid_plural:
                    continue
                key = (entry.msgctxt, entry.msgid)
                other = seen.setdefault(key, (app, entry.msgstr))
                if other[1] != entry.msgstr:
                    context = f" (context {entry.msgctxt!r})" if entry.msgctxt else ""
                    found.append(f"{lang}: {entry.msgid!r}{context} is {other[1]!r} in {other[0]} but "
                                 f"{entry.msgstr!r} in {app}: give one a context or use the same words")
    return found


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "extract":
        extract(sys.argv[2:])
    elif command == "compile":
        compile_all()
    elif command == "check":
        issues = problems()
        print("\n".join(issues) or "translations complete")
        sys.exit(1 if issues else 0)
