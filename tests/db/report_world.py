"""The reports' scenario, with figures worked out by hand (tests/db/test_report_figures.py).

Two seasons; four billed homes in two communities, two stations (and one without), two
categories and two collectors' rounds; a fifth home stops heating on 22 Nov.

  home  community  bld station category     2025-26  2026-27  other
  a1    阳光花园    3   东区    residential   1000.00  2052.00  pays 500 cash 20 Nov (→ 2025-26)
  a2    阳光花园    5   东区    residential            1710.00  pays 1710 wechat 20 Nov, reversed
                                                               the same day; 1000 cash 21 Nov
  a3    幸福里      1   -       business               3000.00  credit −200 approved 18 Nov;
                                                               1400 alipay 30 Nov (cashier2),
                                                               600 cash 1 Dec (the day after)
  a4    幸福里      1   西区    residential            1200.00  opening balance 800 (2024-2025)
                                                               imported 20 Nov; pays 1000 cash
                                                               25 Nov (→ 800 opening, 200 bill)
  a5    阳光花园    3   东区    residential            -        stopped 22 Nov

On 30 Nov: receivable 2052 + 1710 + 3000 − 200 + 1200 = 7762.00, collected 1000 + 1400 +
200 = 2600.00, rate 33.5 %; on 1 Dec 3200.00, 41.23 %. Collectors: 赵 has 幸福里, 钱 the 东区
station (so a1, a2; a4 of 幸福里 is 赵's: the community comes first).
"""

from __future__ import annotations

import datetime as _dt

from ledger_world import CASHIER, CASHIER2, FIELD, FINANCE, MANAGER, SYSTEM, D, at, bill, season

from heatoffice.accounts import service as accounts
from heatoffice.billing import adjustments, payments
from heatoffice.billing.opening import OpeningLine, import_opening_balances
from heatoffice.billing.status_share import change_status
from heatoffice.org import service as org

NOV30 = _dt.date(2026, 11, 30)
DEC1 = _dt.date(2026, 12, 1)


def build() -> dict:
    at(_dt.date(2025, 10, 20))
    prev, prev_t = season("2025-2026", late_fee_rate="0")
    east = accounts.add_station(SYSTEM, "DQ", "东区换热站").id
    west = accounts.add_station(SYSTEM, "XQ", "西区换热站").id

    def home(no, community, building, room, station, category="residential", area="100.00"):
        return accounts.open_account(SYSTEM, dict(
            account_no=no, name=f"用户{no}", community=community, building=building, unit="1",
            room=room, heating_area=area, station_id=station, category=category),
            status="heating")

    a1 = home("R001", "阳光花园", "3", "101", east)
    a2 = home("R002", "阳光花园", "5", "102", east)
    a3 = home("R003", "幸福里", "1", "201", None, "business")
    a4 = home("R004", "幸福里", "1", "202", west)
    a5 = home("R005", "阳光花园", "3", "103", east)
    bill(a1, prev, prev_t, "1000.00")
    at(_dt.date(2026, 10, 20))
    cur, cur_t = season("2026-2027")
    bills = {"a1": bill(a1, cur, cur_t, "2052.00"), "a2": bill(a2, cur, cur_t, "1710.00"),
             "a3": bill(a3, cur, cur_t, "3000.00"), "a4": bill(a4, cur, cur_t, "1200.00")}
    zhao = org.add_staff(SYSTEM, {"staff_no": "C01", "name": "赵收费"})
    qian = org.add_staff(SYSTEM, {"staff_no": "C02", "name": "钱收费"})
    org.add_service_area(SYSTEM, zhao.id, "collector", community="幸福里",
                         start_date="2026-01-01")
    org.add_service_area(SYSTEM, qian.id, "collector", station_id=east,
                         start_date="2026-01-01")
    at(_dt.date(2026, 11, 18))
    credit = adjustments.propose_adjustment(FIELD, a3.id, "-200.00", "credit", "减免",
                                            bill_id=bills["a3"].id)
    adjustments.approve_adjustment(MANAGER, credit.id)
    at(_dt.date(2026, 11, 20))
    import_opening_balances(FINANCE, [OpeningLine(2, "R004", "2024-2025", "800.00", None)])
    payments.record_payment(CASHIER, a1.id, D("500.00"), "cash")
    wrong = payments.record_payment(CASHIER, a2.id, D("1710.00"), "wechat", reference="W1")
    payments.reverse_payment(CASHIER, wrong.receipt_no, "收错户")
    at(_dt.date(2026, 11, 21))
    payments.record_payment(CASHIER, a2.id, D("1000.00"), "cash")
    at(_dt.date(2026, 11, 22))
    change_status(SYSTEM, a5.id, "stopped", "报停")
    at(_dt.date(2026, 11, 25))
    payments.record_payment(CASHIER, a4.id, D("1000.00"), "cash")
    at(NOV30)
    payments.record_payment(CASHIER2, a3.id, D("1400.00"), "alipay", reference="A1")
    at(DEC1)
    payments.record_payment(CASHIER, a3.id, D("600.00"), "cash")
    return {"prev": prev, "cur": cur, "acc": {"a1": a1, "a2": a2, "a3": a3, "a4": a4, "a5": a5},
            "east": east, "west": west, "zhao": zhao.id, "qian": qian.id}
