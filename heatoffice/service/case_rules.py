"""Complaints and inspections as pure rules: states and moves as data, the written reply's
deadline, what an inspection needs before it closes (五不放过), how old an open one is."""

from __future__ import annotations

import datetime as _dt

# 投诉: received → (escalated →) a decision → closed; a written complaint waits for its
# reply after the decision (awaiting_reply) and closes when the reply is recorded.
COMPLAINT_TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"escalated", "awaiting_reply", "closed"}),
    "escalated": frozenset({"awaiting_reply", "closed"}),
    "awaiting_reply": frozenset({"closed"}),
    "closed": frozenset(),
}
COMPLAINT_OPEN = ("open", "escalated", "awaiting_reply")

# 稽查: open → concluded → closed; a conclusion may be revised while not closed.
INSPECTION_TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"concluded"}),
    "concluded": frozenset({"concluded", "closed"}),
    "closed": frozenset(),
}
INSPECTION_OPEN = ("open", "concluded")


def reply_due(received: _dt.datetime, days: int) -> _dt.datetime:
    """A written complaint is answered by the end of the ``days``-th day after it came in
    (the setting ``complaint_reply_days``): received on the 1st with 7 days, due on the 8th
    at 24:00, i.e. the 9th at 00:00."""
    return _dt.datetime.combine(received.date() + _dt.timedelta(days=days + 1), _dt.time())


def reply_overdue(due: _dt.datetime | None, replied: _dt.datetime | None,
                  now: _dt.datetime) -> bool:
    """Past its reply deadline with no reply (a reply after the deadline stays late)."""
    if due is None:
        return False
    return (replied or now) >= due


def needs_reply(channel: str) -> bool:
    """书面投诉 must be answered by phone or letter (work rule 8.8); others may be."""
    return channel == "letter"


def close_refusals(*, owner: str, conclusion: str, follow_ups: int) -> list[str]:
    """Why an inspection may not close yet, as message codes (empty: it may): nobody owns
    it, it has no conclusion, or a violation or an uncertain finding has no follow-up."""
    codes = []
    if not owner:
        codes.append("inspections.no_owner")
    if not conclusion:
        codes.append("inspections.no_conclusion")
    elif conclusion != "normal" and not follow_ups:
        codes.append("inspections.no_follow_up")
    return codes


def age_days(since: _dt.datetime, now: _dt.datetime) -> int:
    """Whole days an open record has waited."""
    return max((now.date() - since.date()).days, 0)
