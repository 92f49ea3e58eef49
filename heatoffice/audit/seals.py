"""The seals of the ledger (heatoffice.db.seals) as the program makes and checks them: a day
close and a month close seal the chains in their own transaction (an audit row
``ledger.seal`` naming the close), and, once committed, keep the seal in the file outside the
database; ``check`` tests every seal, ``check --seal CODE`` one read off a printed report."""

from __future__ import annotations

import datetime as _dt
import json
import logging
from dataclasses import dataclass

from heatoffice import clock
from heatoffice.audit import service as audit
from heatoffice.audit.models import AuditEntry
from heatoffice.auth.actor import Actor
from heatoffice.db import seals
from heatoffice.db.connection import database

ACTION = "ledger.seal"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Seal:
    code: str
    heads: tuple[seals.Head, ...]
    at: _dt.datetime
    what: str        # the close it seals: day_close or month_close
    record_id: str


def seal(actor: Actor, what: str, record_id: object) -> Seal:
    """Seal the chains as they stand, inside the close's transaction (its row included)."""
    heads = seals.current(database.obj)
    made = Seal(seals.code(heads), heads, clock.now(), what, str(record_id))
    audit.record(actor, "ledger.seal", what, record_id,
                 after={"code": made.code, "heads": seals.as_json(heads)})
    return made


def keep(made: Seal) -> None:
    """After the close committed: the seal into the file outside the database. A folder that
    cannot be written is logged; the close and the seal in the audit log stand."""
    try:
        seals.keep_outside(database.obj, {
            "at": made.at.isoformat(" "), "code": made.code, "what": made.what,
            "record_id": made.record_id, "heads": seals.as_json(made.heads)})
    except OSError as exc:
        log.warning("the seal %s is not kept outside the database: %s", made.code, exc)


def code_of(what: str, record_id: object) -> str:
    """The code of the seal a close made ("" when there is none: closed before seals)."""
    row = (AuditEntry.select(AuditEntry.after)
           .where((AuditEntry.action == ACTION) & (AuditEntry.table == what)
                  & (AuditEntry.record_id == str(record_id)))
           .order_by(AuditEntry.id).first())
    if row is None:
        return ""
    try:
        return str(json.loads(row.after or "{}").get("code", ""))
    except ValueError:
        return ""


def _recorded() -> tuple[dict[str, tuple[seals.Head, ...]], list[str]]:
    """The audit log's seals by code, and what is wrong with any of them."""
    found: dict[str, tuple[seals.Head, ...]] = {}
    problems = []
    for entry_id, after in (AuditEntry.select(AuditEntry.id, AuditEntry.after)
                            .where(AuditEntry.action == ACTION)
                            .order_by(AuditEntry.id).tuples()):
        try:
            data = json.loads(after or "{}")
            heads = seals.heads_of(data.get("heads"))
            stated = str(data["code"])
        except (ValueError, KeyError, TypeError):
            problems.append(f"audit_entry id {entry_id}: not a seal")
            continue
        if seals.code(heads) != stated:
            problems.append(f"audit_entry id {entry_id}: seal {stated} does not match its heads")
            continue
        found[stated] = heads
    return found, problems


def after_restore(stamp: str) -> None:
    """A restored database never had the seals made after its backup: they are set aside
    (heatoffice.db.seals.set_aside), so that ``check`` does not take them for a rewrite."""
    recorded, _problems = _recorded()
    try:
        seals.set_aside(database.obj, set(recorded), stamp)
    except OSError as exc:
        log.warning("the seals made after the backup are not set aside: %s", exc)


def check_seals() -> tuple[bool, str]:
    """The ``seals`` check: every seal's code matches its heads, every seal kept outside is in
    the audit log, and every sealed row still carries its sealed hash."""
    db = database.obj
    recorded, problems = _recorded()
    outside, bad = seals.read_outside(db)
    where = seals.outside_file(db)
    problems += [f"{where.name} line {n}: not a seal" for n in bad]
    claims: set[seals.Head] = {h for heads in recorded.values() for h in heads}
    for record in outside:
        heads = record["heads"]
        if seals.code(heads) != record["code"]:
            problems.append(f"{where.name} line {record['line']}: seal {record['code']} does "
                            "not match its heads")
            continue
        if record["code"] not in recorded:
            problems.append(f"seal {record['code']} of {record.get('at', '?')} "
                            f"({where.name} line {record['line']}) is not in the database: "
                            "the audit log was rewritten")
        claims.update(heads)
    problems += seals.broken(db, claims)
    if problems:
        return False, "; ".join(problems)
    if not recorded:
        return True, "no seal yet (a day or month close makes one)"
    kept = f"{len(outside)} kept in {where}" if outside else f"none kept in {where}"
    return True, f"{len(recorded)} seals hold; {kept}"


def confirm(code: str) -> tuple[bool, str]:
    """``check --seal CODE``: the seal with this code is in the audit log, matches its heads,
    and every row it names still carries its sealed hash."""
    wanted = seals.normal_code(code)
    recorded, _problems = _recorded()
    heads = recorded.get(wanted)
    if heads is None:
        return False, (f"no seal {wanted} in this database: mistyped, from another database, or "
                       "the ledger was rewritten since it was printed")
    problems = seals.broken(database.obj, heads)
    if problems:
        return False, f"seal {wanted}: " + "; ".join(problems)
    return True, (f"seal {wanted} holds: each of the {len(heads)} chains is as it was sealed, "
                  "up to its sealed row")
