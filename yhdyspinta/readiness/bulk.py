"""Plain executemany INSERT/UPDATE for whole-period imports (300 000 rows).

Django's bulk_create builds a model instance and prepares every value per row, which costs
about ten times the database work here. Values pass through each field's
`get_db_prep_save` only where the field needs it (JSON, dates), so the SQL stays portable
across SQLite and PostgreSQL.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import DateField, DateTimeField, JSONField

CHUNK = 10000


def _preparers(model, fields):
    """Per column: None (pass as is) or a memoised get_db_prep_save (rows repeat their values)."""
    preps = []
    for name in fields:
        field = model._meta.get_field(name)
        if isinstance(field, (JSONField, DateField, DateTimeField)):
            preps.append(_memoised(field))
        else:
            preps.append(None)
    return preps


def _memoised(field):
    memo = {}

    def prepare(value):
        key = repr(value) if isinstance(value, (dict, list)) else value
        try:
            return memo[key]
        except KeyError:
            memo[key] = prepared = field.get_db_prep_save(value, connection)
            return prepared

    return prepare


def _prepared(rows, preps):
    if not any(preps):
        return rows
    return [tuple(p(v) if p else v for p, v in zip(preps, row)) for row in rows]


def prep(model, field: str, value):
    """One value ready for the database (a timestamp or JSON shared by many rows)."""
    return model._meta.get_field(field).get_db_prep_save(value, connection)


def insert_rows(model, fields: list[str], rows: list[tuple], *, prepared: bool = False) -> None:
    """`prepared`: the caller already passed JSON and date values through `prep`."""
    qn = connection.ops.quote_name
    columns = ", ".join(qn(model._meta.get_field(f).column) for f in fields)
    sql = (f"INSERT INTO {qn(model._meta.db_table)} ({columns}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    preps = [None] * len(fields) if prepared else _preparers(model, fields)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(sql, _prepared(rows[start:start + CHUNK], preps))


def update_rows(model, fields: list[str], rows: list[tuple], *, prepared: bool = False) -> None:
    """`rows` are (value for each of `fields`..., pk)."""
    qn = connection.ops.quote_name
    sets = ", ".join(f"{qn(model._meta.get_field(f).column)} = %s" for f in fields)
    sql = f"UPDATE {qn(model._meta.db_table)} SET {sets} WHERE {qn(model._meta.pk.column)} = %s"
    preps = [None] * (len(fields) + 1) if prepared else [*_preparers(model, fields), None]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(sql, _prepared(rows[start:start + CHUNK], preps))
