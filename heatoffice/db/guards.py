"""Triggers that make the database itself refuse to change rows that are written once."""

from __future__ import annotations

from peewee import Database

from heatoffice.db.connection import is_sqlite


def write_once(db: Database, table: str, *, columns: tuple[str, ...] = (),
               allow_delete: bool = False) -> None:
    """Refuse UPDATE (of ``columns`` only, when given) and DELETE on ``table``."""
    if is_sqlite(db):
        of = f" OF {', '.join(columns)}" if columns else ""
        db.execute_sql(
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE{of} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} rows are written once'); END")
        if not allow_delete:
            db.execute_sql(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} rows are never deleted'); END")
        return
    db.execute_sql(
        "CREATE OR REPLACE FUNCTION heatoffice_refuse_change() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION '%% rows are written once', TG_TABLE_NAME; END; "
        "$$ LANGUAGE plpgsql")
    of = f" OF {', '.join(columns)}" if columns else ""
    db.execute_sql(f"CREATE TRIGGER {table}_no_update BEFORE UPDATE{of} ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION heatoffice_refuse_change()")
    if not allow_delete:
        db.execute_sql(f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION heatoffice_refuse_change()")
