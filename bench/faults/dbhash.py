"""A content hash of a whole database (every table, every row, ordered by all columns).

Used to prove "the data after equals the data before" (killed imports) and "the restore equals
the original" (backups). Works on SQLite (a file path or sqlite:/// URL) and PostgreSQL
(postgres:// URL, psycopg). Usage: `python bench/faults/dbhash.py DATABASE_URL [--tables]`.
"""

import hashlib
import sys
from urllib.parse import urlparse


def _sqlite_path(url: str) -> str | None:
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///"):]  # sqlite:////abs/path → /abs/path
    if "://" not in url:
        return url
    return None


def connect(url: str):
    path = _sqlite_path(url)
    if path is not None:
        import sqlite3

        return "sqlite", sqlite3.connect(path)  # read-write so that a hot WAL is recovered
    import psycopg

    parsed = urlparse(url)
    return "postgres", psycopg.connect(
        host=parsed.hostname, port=parsed.port or 5432, user=parsed.username,
        password=parsed.password, dbname=parsed.path.lstrip("/"),
    )


def tables(kind, conn) -> list[str]:
    if kind == "sqlite":
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
    else:
        rows = conn.execute("SELECT table_name FROM information_schema.tables "
                            "WHERE table_schema='public' AND table_type='BASE TABLE'")
    return sorted(r[0] for r in rows)


# Columns that differ between two otherwise identical imports (clock times, and the audit log's
# copies of them in its change texts and record names, e.g. an import run named by its time): left out of the "stable" hash that compares one completed
# import with another. The strict hash (stable=False) compares every column.
VOLATILE = ("timestamp", "started", "created", "updated_at", "answered_at", "submitted_at", "updated", "date_joined",
            "changes", "changes_text", "serialized_data", "object_repr")


def table_hash(kind, conn, table: str, ignore=()) -> tuple[str, int]:
    cursor = conn.execute(f'SELECT * FROM "{table}" LIMIT 0')
    columns = [d[0] for d in cursor.description if d[0] not in ignore] or [d[0] for d in cursor.description]
    selected = ", ".join(f'"{c}"' for c in columns)
    order = ", ".join(str(i) for i in range(1, len(columns) + 1))
    digest, count = hashlib.sha256(), 0
    cursor = conn.execute(f'SELECT {selected} FROM "{table}" ORDER BY {order}')
    while rows := cursor.fetchmany(5000):
        for row in rows:
            digest.update(repr(row).encode())
            count += 1
    return digest.hexdigest(), count


def database_hash(url: str, *, detail: bool = False, stable: bool = False):
    """Returns the hex digest (and with detail=True, {table: (digest, rows)}).

    stable=True leaves out the VOLATILE clock columns (and the ids that follow them in order).
    """
    kind, conn = connect(url)
    ignore = VOLATILE if stable else ()
    try:
        per_table = {t: table_hash(kind, conn, t, ignore) for t in tables(kind, conn)}
    finally:
        conn.close()
    digest = hashlib.sha256(repr(sorted(per_table.items())).encode()).hexdigest()
    return (digest, per_table) if detail else digest


def integrity_check(url: str) -> str:
    """SQLite's PRAGMA integrity_check ("ok" when sound); "n/a" on PostgreSQL."""
    kind, conn = connect(url)
    try:
        if kind != "sqlite":
            return "n/a"
        return "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: dbhash.py DATABASE_URL [--tables]")
    digest, per_table = database_hash(sys.argv[1], detail=True)
    if "--tables" in sys.argv:
        for name, (table_digest, rows) in per_table.items():
            print(f"{table_digest[:16]} {rows:>9} {name}")
    print(digest)
