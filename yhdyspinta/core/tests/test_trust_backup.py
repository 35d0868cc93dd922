"""The SQLite backup and restore scripts and the content hash they are verified with."""

import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench" / "faults"))
from dbhash import database_hash, integrity_check


def make_db(path: Path, rows=200):
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, value REAL)")
    conn.executemany("INSERT INTO item (name, value) VALUES (?, ?)", [(f"n{i}", i / 3) for i in range(rows)])
    conn.commit()
    conn.close()


def run(*args):
    result = subprocess.run([str(ROOT / "scripts" / args[0]), *args[1:]], cwd=ROOT, capture_output=True,
                            text=True, check=False, env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable})
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_hash_follows_content_not_physical_order(tmp_path):
    a, b = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    make_db(a)
    make_db(b)
    assert database_hash(str(a)) == database_hash(str(b))
    conn = sqlite3.connect(b)
    conn.execute("UPDATE item SET value = value + 1 WHERE id = 7")
    conn.commit()
    conn.close()
    assert database_hash(str(a)) != database_hash(str(b))
    assert integrity_check(str(a)) == "ok"


def test_backup_and_restore_give_identical_content(tmp_path):
    source, backup, restored = tmp_path / "db.sqlite3", tmp_path / "backup.sqlite3", tmp_path / "restored.sqlite3"
    make_db(source, rows=3000)
    out = run("backup_sqlite.sh", str(source), str(backup))
    assert "integrity ok" in out
    assert out.strip().splitlines()[-1] == f"hash {database_hash(str(source))}"
    out = run("restore_sqlite.sh", str(backup), str(restored))
    assert out.strip().splitlines()[-1] == f"hash {database_hash(str(source))}"


def test_restore_refuses_a_damaged_backup(tmp_path):
    backup = tmp_path / "backup.sqlite3"
    backup.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    result = subprocess.run([str(ROOT / "scripts" / "restore_sqlite.sh"), str(backup), str(tmp_path / "t.sqlite3")],
                            cwd=ROOT, capture_output=True, text=True, check=False,
                            env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable})
    assert result.returncode != 0
    assert not (tmp_path / "t.sqlite3").exists()
