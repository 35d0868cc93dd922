"""Broken workbooks for importer tests: a valid XLSX with one XML part edited."""

import io
import zipfile


def with_part_edited(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    """`data` with `old` replaced by `new` in `part`, re-zipped so the CRCs are right."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    assert old in parts[part]
    parts[part] = parts[part].replace(old, new)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for filename, content in parts.items():
            target.writestr(filename, content)
    return out.getvalue()
