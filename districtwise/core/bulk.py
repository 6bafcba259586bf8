"""Inserting many new rows of one model quickly (tens of thousands at a time).

``bulk_create`` prepares every field of every instance for the database, one value at a
time, in batches of ~80 rows on SQLite (its limit of 999 parameters a statement). For the
files' staff records that is most of an import's time after the checks. ``insert_many``
prepares each distinct value of a column once and sends the rows with one ``executemany``
per batch. It writes models with an automatic key and no inherited tables, database
defaults or generated fields (it refuses others); it sends no signals (neither does
bulk_create) and does not set the new primary keys on the instances (re-read them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connections, models, router
from django.db.models.fields import AutoFieldMixin


def insert_many(
    model: type[models.Model], objs: Sequence[models.Model], *, batch: int = 5000
) -> int:
    """Insert the unsaved instances ``objs`` of ``model``; return how many rows were made.

    Every concrete field but an automatic primary key is written as ``bulk_create`` would
    write it: defaults as set on the instances, ``auto_now``/``auto_now_add`` stamped (once,
    the same moment for all), each value prepared by its field for this database.
    """
    if not objs:
        return 0
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not isinstance(f, AutoFieldMixin)]
    unsupported = [f.name for f in fields if f.generated or f.has_db_default()]
    if meta.parents or unsupported or len(fields) == len(meta.concrete_fields):
        raise ValueError(
            f"insert_many does not write {meta.label}: it has inherited tables, database "
            f"defaults or generated fields ({', '.join(unsupported)}), or no automatic key."
        )
    for obj in objs:
        if obj.pk is not None:
            raise ValueError(f"insert_many inserts new rows only; {obj!r} has a key already.")
        # As bulk_create: a related object saved after it was assigned gives its id, and an
        # unsaved one is refused.
        obj._prepare_related_fields_for_save(operation_name="insert_many")  # type: ignore[attr-defined]
    connection = connections[router.db_for_write(model)]
    columns: list[list[Any]] = []
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            stamp = field.get_db_prep_save(field.pre_save(objs[0], add=True), connection)
            columns.append([stamp] * len(objs))
            continue
        prepared: dict[Any, Any] = {}
        column = []
        for obj in objs:
            value = getattr(obj, field.attname)
            try:
                key = (type(value), value)
                if key not in prepared:
                    prepared[key] = field.get_db_prep_save(value, connection)
                column.append(prepared[key])
            except TypeError:  # an unhashable value (a JSON list or dict): prepared as is
                column.append(field.get_db_prep_save(value, connection))
        columns.append(column)
    quote = connection.ops.quote_name
    names = ", ".join(quote(str(f.column)) for f in fields)
    # The table and column names come from the model, quoted; the values are parameters.
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({names}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    rows = list(zip(*columns, strict=True))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            cursor.executemany(sql, rows[start : start + batch])
    return len(rows)
