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


def refuse_when(db: Database, table: str, name: str, event: str, condition: str,
                message: str) -> None:
    """A trigger ``name`` refusing ``event`` ("UPDATE", "UPDATE OF column", "DELETE") on
    ``table`` when ``condition`` (SQL over OLD and NEW; always when empty) holds, with
    ``message``. On PostgreSQL a condition with a subquery runs inside the trigger's
    function (a WHEN clause takes none)."""
    quoted = f'"{table}"'
    if is_sqlite(db):
        when = f" WHEN {condition}" if condition else ""
        db.execute_sql(f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {event} ON {quoted}{when} "
                       f"BEGIN SELECT RAISE(ABORT, '{message}'); END")
        return
    function = f"heatoffice_{name}"
    test = condition.replace("%", "%%") if condition else "true"
    db.execute_sql(
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$ BEGIN "
        f"IF {test} THEN RAISE EXCEPTION '{message}'; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql")
    db.execute_sql(f"CREATE TRIGGER {name} BEFORE {event} ON {quoted} "
                   f"FOR EACH ROW EXECUTE FUNCTION {function}()")
