"""A small fee ledger for the billing pages' tests, made through the real services: a cashier,
a season with its residential tariff, three heating homes of 85.50 m², billed (2,052.00 each)."""

from __future__ import annotations

import datetime as _dt
import re
import subprocess
from pathlib import Path

from heatoffice import clock
from heatoffice.accounts import service as accounts
from heatoffice.auth import service as auth
from heatoffice.billing import tariff_change
from heatoffice.billing.run import run_season_billing
from heatoffice.seasons import service as seasons

PASSWORD = "secret-1234"
DAY = _dt.datetime(2026, 11, 20, 9, 30)
NAMES = ("张伟", "李芳", "王强")


def at(moment: _dt.datetime = DAY) -> None:
    clock.reset()
    clock.shift(moment - clock.now())


def make_user(admin, username: str, role: str, display_name: str):
    auth.create_user(admin, username, PASSWORD, role, display_name=display_name)
    return auth.login(username, PASSWORD)


def season(admin, name: str = "2026-2027"):
    year = int(name[:4])
    s = seasons.add_season(admin, name, f"{year}-11-15", f"{year + 1}-03-15")
    tariff_change.set_tariff(admin, s.id, "residential", price_per_m2="24.00", stopped_share="30%",
                             late_fee_rate="0.0005", late_fee_from=f"{year + 1}-01-01")
    return s


def homes(admin, count: int = 3, *, start: int = 0) -> list:
    out = []
    for i in range(start, start + count):
        out.append(accounts.open_account(admin, dict(
            account_no=f"YG{i:04d}", name=NAMES[i % len(NAMES)], community="阳光花园",
            building=str(3 + i // 10), unit="2", room=str(501 + i % 10), heating_area="85.50",
            phone=f"138{i:08d}"), status="heating"))
    return out


def billed_world(admin):
    """(cashier actor, season, accounts) on 2026-11-20 with the season billed."""
    at()
    cashier = make_user(admin, "cashier1", "cashier", "王收费")
    s = season(admin)
    homes_ = homes(admin)
    run_season_billing(admin, s.id)
    return cashier, s, homes_


def type_chinese(widget, text: str) -> None:
    """Type as a Chinese input method does, one committed character at a time (QTest's
    keyClicks only knows ASCII keys)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for char in text:
        event = QInputMethodEvent()
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)


def pdf_text(path: str | Path) -> str:
    """The PDF's text with white space removed (spaced titles read as words)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-raw", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)
