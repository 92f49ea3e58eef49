"""The complaint's reply letter (投诉答复函) as typed data: dates and codes, no display text."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from heatoffice import clock, config
from heatoffice.auth.actor import Actor
from heatoffice.auth.names import display_name
from heatoffice.auth.permissions import require
from heatoffice.errors import UserError
from heatoffice.service.complaints import get


@dataclass(frozen=True)
class ReplyLetter:
    number: str
    complainant: str
    address: str
    channel: str            # complaint_channel code
    received_on: _dt.date
    content: str
    facts: str
    decision: str
    reply_text: str
    handler: str            # the name signing for the company
    replied_on: _dt.date
    hotline: str
    printed: _dt.date


def reply_letter_of(actor: Actor, number: str) -> ReplyLetter:
    """The letter of a complaint with a decision or a reply (refused before either)."""
    require(actor, "complaints.view")
    c = get(number)
    if not (c.decision or c.reply_text):
        raise UserError("complaints.nothing_to_reply", value=c.number)
    who = c.replied_by or c.decided_by or c.handler
    replied = c.replied_at or c.decided_at or clock.now()
    return ReplyLetter(c.number, c.complainant, c.address, c.channel, c.received_at.date(),
                       c.content, c.facts, c.decision, c.reply_text, display_name(who),
                       replied.date(), config.get("hotline"), clock.today())
