"""Shared plumbing of the atheris harnesses in bench/fuzz (no project imports here).

Each harness calls `run(harness, test_one_input, seeds)`: the seed files are written to a fresh
corpus directory (/tmp/yhdyspinta-fuzz/<harness>/corpus), crash files go to
/tmp/yhdyspinta-fuzz/<harness>/, and libFuzzer's own options pass through, e.g.

    .venv/bin/python bench/fuzz/fuzz_csv.py -max_total_time=60
    .venv/bin/python bench/fuzz/fuzz_csv.py /tmp/yhdyspinta-fuzz/fuzz_csv/crash-…   # replay one input

Finnish-style seeds: semicolon delimiter, decimal comma, UTF-8 with BOM or Windows-1252 and
dates like 31.12.2021 (helpers below).
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import warnings
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(os.environ.get("YHDYSPINTA_FUZZ_DIR", "/tmp/yhdyspinta-fuzz"))

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# One thread for polars (2 shared cores); settings for the harnesses that need Django (no DB use).
os.environ.setdefault("POLARS_MAX_THREADS", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")
warnings.simplefilter("ignore")  # openpyxl warns about every odd workbook part

#: Tokens every harness's dictionary gets: the Finnish CSV dialect and number/date edge cases.
COMMON_TOKENS = [";", ",", "\t", "\r\n", '"', "\ufeff", "31.12.2021", "29.2.2020", "2021-12-31", "1,5",
                 "1 234,50", "\xa0", "-0", "1e999999", "9" * 25, "NaN", "Infinity", "\u00b2", "\u0663",
                 "\u2028", "\x85", "\x00"]


def work_dir(harness: str) -> Path:
    """A folder for the files a harness writes per input (parsers that take a path)."""
    path = OUT / harness / "work"
    path.mkdir(parents=True, exist_ok=True)
    return path


def django_setup():
    """django.setup() for harnesses whose module imports models; nothing touches the database."""
    import django

    django.setup()


# ---- seed helpers ---------------------------------------------------------------------------
def csv_text(rows, delimiter=";") -> str:
    """Rows as CSV text (CRLF, as Excel writes)."""
    return "".join(delimiter.join(row) + "\r\n" for row in rows)


def finnish_csv(rows, *, delimiter=";", encoding="utf-8-sig") -> bytes:
    """CSV bytes as Finnish Excel writes them (utf-8-sig = UTF-8 with BOM, or cp1252)."""
    return csv_text(rows, delimiter).encode(encoding)


def xlsx_bytes(rows, sheet="Sheet1") -> bytes:
    """A small valid XLSX written by xlsxwriter (strings, numbers, dates as text)."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = book.add_worksheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            ws.write(r, c, value)
    book.close()
    return buffer.getvalue()


def xlsx_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezip(parts: dict[str, bytes]) -> bytes:
    """A zip of the given parts with correct CRCs: lets the fuzzer mutate the XML inside a workbook
    (a mutated deflate stream or CRC is refused by zipfile before any XML is parsed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


XLSX_MEMBERS = ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "[Content_Types].xml",
                "xl/_rels/workbook.xml.rels", "xl/styles.xml")


def xlsx_from_fuzz(data: bytes, template: dict[str, bytes]) -> bytes:
    """Mode byte 0: the rest is the raw file; 1…6: the rest replaces one XML part of the template."""
    if not data:
        return b""
    mode, rest = data[0] % (len(XLSX_MEMBERS) + 1), data[1:]
    if mode == 0:
        return rest
    return rezip({**template, XLSX_MEMBERS[mode - 1]: rest})


def xlsx_seeds(prefix: str, xlsx: bytes) -> dict[str, bytes]:
    """Seeds for `xlsx_from_fuzz`: the whole file (mode 0) and each XML part in its mode."""
    parts = xlsx_parts(xlsx)
    seeds = {f"{prefix}-raw.bin": b"\x00" + xlsx}
    for index, member in enumerate(XLSX_MEMBERS, start=1):
        if member in parts:
            seeds[f"{prefix}-{member.rsplit('/', 1)[-1]}.bin"] = bytes([index]) + parts[member]
    return seeds


# ---- running --------------------------------------------------------------------------------
def check_refusal(exc, name: str):
    """A refusal must name the file it refuses and give a reason; anything else is a finding."""
    if getattr(exc, "file", None) != name or not str(getattr(exc, "reason", "")).strip():
        raise AssertionError(f"refusal without file name or reason: {exc!r}") from exc


def _dict_line(token) -> str:
    raw = token.encode("utf-8") if isinstance(token, str) else token
    return '"' + "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else f"\\x{b:02x}" for b in raw) + '"'


def run(harness: str, test_one_input, seeds: dict[str, bytes], tokens=(), custom_mutator=None):
    """Fuzzes `test_one_input`; `tokens` (str/bytes) go to a libFuzzer dictionary with COMMON_TOKENS;
    `custom_mutator(data, max_size, seed)` replaces libFuzzer's mutations (structure-aware fuzzing)."""
    import atheris

    out = OUT / harness
    out.mkdir(parents=True, exist_ok=True)
    dictionary = out / "dictionary.txt"
    dictionary.write_text("".join(_dict_line(t) + "\n" for t in dict.fromkeys([*COMMON_TOKENS, *tokens])),
                          encoding="ascii")
    args = list(sys.argv)
    options = [a for a in args[1:] if a.startswith("-")]
    inputs = [a for a in args[1:] if not a.startswith("-")]
    if not any(a.startswith("-artifact_prefix=") for a in options):
        args.append(f"-artifact_prefix={out}/")
    defaults = {"-timeout=": "-timeout=10", "-rss_limit_mb=": "-rss_limit_mb=2048",
                "-print_final_stats=": "-print_final_stats=1", "-dict=": f"-dict={dictionary}"}
    for prefix, option in defaults.items():
        if not any(a.startswith(prefix) for a in options):
            args.append(option)
    if not any(Path(a).is_file() for a in inputs):  # replaying files: no corpus
        corpus = out / "corpus"
        shutil.rmtree(corpus, ignore_errors=True)
        seed_dir = out / "seeds"
        shutil.rmtree(seed_dir, ignore_errors=True)
        corpus.mkdir(parents=True)
        seed_dir.mkdir(parents=True)
        for file_name, content in seeds.items():
            (seed_dir / file_name).write_bytes(content)
        if not inputs:
            args.append(str(corpus))  # new inputs go to the first directory
        args.append(str(seed_dir))
    atheris.Setup(args, test_one_input, custom_mutator=custom_mutator)
    atheris.Fuzz()
