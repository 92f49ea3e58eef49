"""The accounts import (用户档案): a customer roster per community from the old system.

Columns and the header texts real sheets use are in ``COLUMNS``. A row becomes an account
as ``accounts.service.open_account`` would make it (through ``accounts.bulk``, so numbering,
status history, search and audit stay right): status from the status column (blank:
heating, the old system's accounts are supplied), category from its words, a low-income mark
(低保户 as a category or a mark in its own column) sets the relief flag.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from heatoffice import config, glossary
from heatoffice import validation as val
from heatoffice.accounts import bulk, numbering, search
from heatoffice.accounts import service as accounts_service
from heatoffice.accounts.models import (
    CATEGORIES,
    STATUSES,
    Account,
    AccountStatusChange,
    Community,
    Station,
)
from heatoffice.audit.models import AuditEntry
from heatoffice.db import bulk as db_bulk
from heatoffice.db.connection import database
from heatoffice.errors import UserError
from heatoffice.imports import normalise
from heatoffice.imports.kinds import Column, Context, Kind, Row

COLUMNS = (
    Column("account_no", ("户号", "用户编号", "编号", "账号"), example="YG01020501"),
    Column("name", ("户名", "姓名", "用户名称", "业主"), required=True, example="张伟"),
    Column("community", ("小区", "小区名称"), required=True, example="阳光花园"),
    Column("building", ("楼号", "楼栋", "楼"), example="1号楼"),
    Column("unit", ("单元",), example="2"),
    Column("floor", ("楼层", "层"), example="5"),
    Column("room", ("房号", "门牌号", "室"), example="501"),
    Column("heating_area", ("供热面积", "面积", "建筑面积", "收费面积", "计费面积"),
           required=True, example="85.50"),
    Column("phone", ("联系电话", "电话", "手机", "手机号"), example="13812345678"),
    Column("id_number", ("身份证号", "身份证", "证件号码"), example="11010519491231002X"),
    Column("category", ("用户类型", "类型", "性质", "用户性质"), example="居民"),
    Column("status", ("供热状态", "状态"), example="正常"),
    Column("station", ("换热站", "热力站"), example=""),
    Column("low_income", ("低保", "困难户"), example="否"),
    Column("notes", ("备注",), example=""),
)

NOTES = (
    ("户名、小区、供热面积必须填写；户号不填时按公司的户号规则由小区编码和地址生成。",
     "Name, community and heating area are required; without an account number one is made "
     "from the community's code and the address by the company's pattern."),
    ("面积可带单位（㎡、平方米）；楼号可写 1号楼、5#、5栋。",
     "Areas may carry a unit (㎡, 平方米); buildings may be written 1号楼, 5#, 5栋."),
    ("状态：正常/供暖/供热、报停/停暖、停供/断管、销户；不填为供热。",
     "Status: 正常/供暖/供热, 报停/停暖, 停供/断管, 销户; blank is heating."),
    ("类型：居民/住宅、单位/机关/公建、商业/商铺/门市；低保户在类型或低保列标明，享受低保减免。",
     "Category: 居民/住宅, 单位/机关/公建, 商业/商铺/门市; a low-income home (低保户) in the "
     "category or the 低保 column gets the relief."),
    ("合计、小计行和空行不导入；示例行请删除。",
     "Total rows and blank rows are not imported; delete the example row."),
)

_PHONE_SPLIT = re.compile(r"[,，;；/、]+")
_BATCH = 500


def _floor(text: str) -> int | None:
    if not text:
        return None
    try:
        number = int(text)
    except ValueError:
        number = None
    if number is None or not -5 <= number <= 200:
        raise UserError("validation.choice", field="floor", value=text, choices="-5…200")
    return number


def _choices(group: str) -> Any:
    return glossary.text(*("、".join(n) for n in zip(*glossary.names(group).values(),
                                                   strict=True)))


def check(ctx: Context, rows: list[Row]) -> None:
    """Every field of every row, then the account numbers: twice in the file, or taken."""
    checker = Checker(ctx)
    checker.add(rows, total=len(rows))
    checker.finish()
    _taken(checker.numbers)


class Checker:
    """The checks of :func:`check`, a batch of rows at a time (an import writing while it
    reads); :meth:`finish` after the last batch reports the numbers the file has twice."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.known: dict[str, tuple[int, str]] = {
            n: (i, c) for i, n, c in Community.select(Community.id, Community.name,
                                                     Community.code).tuples()}
        self.stations: dict[str, int] = {}
        for i, code, name in Station.select(Station.id, Station.code, Station.name).tuples():
            self.stations[normalise.text(code).lower()] = i
            self.stations[normalise.text(name).lower()] = i
        self.pattern = config.get("account_no_pattern")
        self.new: dict[str, int] = {}  # communities the file names that are not registered
        self.numbers: dict[str, list[Row]] = {}
        self.twice = False  # a number seen twice so far
        self.count = 0
        # A roster repeats its buildings, floors, areas, categories and statuses: each text
        # of a column is read once (a problem is not kept: the row's own error is made again).
        self.memo: dict[str, dict[str, Any]] = {k: {} for k in (
            "building", "unit", "room", "floor", "heating_area", "category", "status",
            "low_income")}

    def add(self, rows: list[Row], total: int | None = None) -> None:
        for row in rows:
            self.count += 1
            if self.count % 2000 == 0:
                self.ctx.report(self.count, total)
            self.row(row)

    def row(self, row: Row) -> None:
        ctx, known = self.ctx, self.known
        r = row.raw
        out = row.values
        problem = row.problem
        name = r.get("name", "")
        if not name:
            problem("name", UserError("validation.required", field="name", value=""))
        elif len(name) > 64:
            problem("name", UserError("validation.too_long", field="name", value=name, max=64,
                                      length=len(name)))
        out["name"] = name
        community = r.get("community", "")
        if not community:
            problem("community", UserError("validation.required", field="community",
                                           value=""))
        elif len(community) > 64:
            problem("community", UserError("validation.too_long", field="community",
                                           value=community, max=64, length=len(community)))
        elif community not in known:
            self.new[community] = self.new.get(community, 0) + 1
            if not ctx.create_communities:
                problem("community", UserError("imports.unknown_community",
                                               field="community", value=community))
        out["community"] = community
        memo = self.memo
        for key, fn in (("building", normalise.building), ("unit", normalise.unit),
                        ("room", normalise.room)):
            cell = r.get(key, "")
            seen = memo[key]
            value = seen.get(cell)
            if value is None:
                value = seen[cell] = fn(cell)
            if len(value) > 16:
                problem(key, UserError("validation.too_long", field=key, value=value, max=16,
                                       length=len(value)))
            out[key] = value
        for key, read in (("floor", _floor_of), ("heating_area", _area_of)):
            cell = r.get(key, "")
            seen = memo[key]
            value = seen.get(cell, _UNSEEN)
            if value is _UNSEEN:
                try:
                    value = read(cell)
                except UserError:
                    value = _BAD
                seen[cell] = value
            if value is _BAD:
                try:
                    read(cell)
                except UserError as e:
                    problem(key, e)
            else:
                out[key] = value
        phone = r.get("phone", "")
        out["phone"] = out["phone2"] = ""
        if len(phone) == 11 and phone.isdigit() and _MOBILE.fullmatch(phone):
            out["phone"] = phone  # a mobile as val.phone gives it back
        elif phone:
            phones = [p for p in _PHONE_SPLIT.split(phone) if p.strip()]
            if len(phones) > 2:
                problem("phone", UserError("validation.phone", field="phone", value=phone))
            for key, raw in zip(("phone", "phone2"), phones, strict=False):
                try:
                    out[key] = val.phone(raw, field="phone")
                except UserError as e:
                    problem("phone", e)
        ident = r.get("id_number", "")
        out["id_number"] = ""
        if ident:
            try:
                out["id_number"] = val.id_number(normalise.code(ident))
            except UserError as e:
                problem("id_number", e)
        cell = r.get("category", "")
        found = memo["category"].get(cell)
        if found is None:
            found = memo["category"][cell] = normalise.category(cell, CATEGORIES)
        category, low = found
        if category is None:
            problem("category", UserError("imports.unknown_value", field="category",
                                          value=r["category"],
                                          choices=_choices("account_category")))
        out["category"] = category or "residential"
        cell = r.get("status", "")
        status = memo["status"].get(cell, _UNSEEN)
        if status is _UNSEEN:
            status = memo["status"][cell] = normalise.status(cell, STATUSES)
        if status is None:
            problem("status", UserError("imports.unknown_value", field="status",
                                        value=r["status"], choices=_choices("account_status")))
        out["status"] = status or "heating"
        cell = r.get("low_income", "")
        mark = memo["low_income"].get(cell, _UNSEEN)
        if mark is _UNSEEN:
            mark = memo["low_income"][cell] = normalise.flag(cell)
        if mark is None:
            problem("low_income", UserError("imports.unknown_value", field="low_income",
                                            value=r["low_income"],
                                            choices=glossary.text("是、否", "yes, no")))
        out["low_income"] = low or bool(mark)
        station = r.get("station", "")
        out["station_id"] = None
        if station:
            found = self.stations.get(station.lower())
            if found is None:
                problem("station", UserError("imports.unknown_station", field="station",
                                             value=station))
            out["station_id"] = found
        out["notes"] = r.get("notes", "")
        out["contact"] = ""
        out["connected_on"] = None
        number = normalise.code(r.get("account_no", "")).upper()
        if not number and community in known and not row.problems:
            try:
                number = numbering.generate(self.pattern, {**out, "community_code":
                                                           known[community][1]})
            except UserError as e:
                problem("account_no", e)
        elif not number and not row.problems:
            problem("account_no", UserError("accounts.no_generated", field="account_no"))
        if len(number) > 32:
            problem("account_no", UserError("validation.too_long", field="account_no",
                                            value=number, max=32, length=len(number)))
        out["account_no"] = number
        if number:
            copies = self.numbers.get(number)
            if copies is None:
                self.numbers[number] = [row]
            else:
                copies.append(row)
                self.twice = True

    def finish(self) -> None:
        """Every copy of a number the file has twice is a problem; the new communities."""
        for twice, copies in self.numbers.items():
            if len(copies) > 1:  # a number twice in the file: every copy is a problem
                listed = "、".join(str(r.number) for r in copies)
                for copy in copies:
                    copy.problem("account_no", UserError("imports.duplicate_in_file",
                                                         field="account_no", value=twice,
                                                         rows=listed))
        self.ctx.notes["new_communities"] = dict(sorted(self.new.items()))


_UNSEEN, _BAD = object(), object()
_MOBILE = re.compile(r"1[3-9][0-9]{9}", re.ASCII)


def _floor_of(cell: str) -> int | None:
    return _floor(normalise.floor(cell))


def _area_of(cell: str) -> Decimal:
    return _area(normalise.area(cell))


_AREA_PLAIN = re.compile(r"[0-9]{1,6}(?:\.[0-9]{1,2})?")
_AREA_MIN, _AREA_MAX = Decimal("0.01"), Decimal("100000")


def _area(text: str) -> Decimal:
    """validation.area of the area's text; a plain number ("85.5") read straight."""
    if _AREA_PLAIN.fullmatch(text):
        number = Decimal(text).quantize(_HUNDREDTH)
        if _AREA_MIN <= number <= _AREA_MAX:
            return number
    return val.area(text, field="heating_area")


_HUNDREDTH = Decimal("0.01")


def recheck(ctx: Context, rows: list[Row]) -> None:
    """Inside the import's transaction: the numbers taken since the preview. (Communities
    and heat stations are never removed; one registered since is still reported as new.)"""
    numbers: dict[str, list[Row]] = {}
    for row in rows:
        row.problems[:] = [p for p in row.problems if p.error.code != "accounts.duplicate_no"]
        number = row.values.get("account_no")
        if number:
            numbers.setdefault(number, []).append(row)
    _taken(numbers)


def _taken(numbers: dict[str, list[Row]]) -> None:
    """The rows whose number an account has already (plain SQL: a hundred thousand numbers
    in batches, no query building per batch)."""
    keys = list(numbers)
    p = database.param
    for start in range(0, len(keys), _BATCH):
        part = keys[start:start + _BATCH]
        marks = ", ".join([p] * len(part))
        for (taken,) in database.execute_sql(
                f"SELECT account_no FROM account WHERE account_no IN ({marks})", part):
            for row in numbers[taken]:
                row.problem("account_no", UserError("accounts.duplicate_no",
                                                    field="account_no", value=taken))


class Stream:
    """The import writing while it reads (``Kind.stream``): each batch of rows checked as
    :func:`check` checks them, and written while every row so far is good. The caller undoes
    the whole transaction when a problem turns up."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.checker = Checker(ctx)
        self.opener: bulk.Opener | None = None
        self.registered: dict[str, int] = {}  # community name -> id, registered by the file
        self.written: set[str] = set()  # the numbers written

    def check(self, rows: list[Row]) -> bool:
        """Check ``rows``; True when they and every number so far are good."""
        self.checker.add(rows)
        if self.opener is not None and self.opener.empty_before:
            # the register was empty and is locked: a number is only taken by this file
            # (twice in the file: the checker reports it)
            return not self.checker.twice and not any(row.problems for row in rows)
        db_bulk.settle()  # the batch before sent: the connection is this thread's again
        fresh: dict[str, list[Row]] = {}
        written = self.written
        for row in rows:
            number = row.values.get("account_no")
            # (a number written by an earlier batch is the file's twice, not one taken)
            if number and number not in written:
                fresh.setdefault(number, []).append(row)
        _taken(fresh)
        return not self.checker.twice and not any(row.problems for row in rows)

    def write(self, rows: list[Row]) -> None:
        ctx, known, registered = self.ctx, self.checker.known, self.registered
        if self.opener is None:
            self.opener = bulk.Opener(ctx.actor, reason="导入", note=f"导入 {ctx.file}")
        new = sorted({r.values["community"] for r in rows} - set(known) - set(registered))
        if new:
            db_bulk.settle()  # the batches before sent: the connection is this thread's again
        for name in new:
            registered[name] = accounts_service.register_community(
                ctx.actor, name, note=f"导入 {ctx.file}").id
        values = []
        for row in rows:
            v = dict(row.values)
            name = v["community"]
            found = known.get(name)
            v["community"] = (found[0] if found is not None else registered[name], name)
            values.append(v)
        self.opener.write(values)
        self.written.update(v["account_no"] for v in values)

    def finish(self) -> bool:
        """After the last batch: True when nothing turned up (the numbers the file has twice
        are reported here)."""
        self.checker.finish()
        if self.opener is not None:
            self.opener.done()
        return not self.checker.twice


def write(ctx: Context, rows: list[Row]) -> int:
    """Register the new communities the rows name (when allowed), then open the accounts."""
    known = {n: i for i, n in Community.select(Community.id, Community.name).tuples()}
    for name in sorted({r.values["community"] for r in rows} - set(known)):
        known[name] = accounts_service.register_community(
            ctx.actor, name, note=f"导入 {ctx.file}").id
    values = []
    for row in rows:
        v = dict(row.values)
        v["community"] = (known[v["community"]], v["community"])
        values.append(v)
    ids = bulk.open_accounts(ctx.actor, values, reason="导入", note=f"导入 {ctx.file}",
                             progress=ctx.report)
    return len(ids)


KIND = Kind(
    name="accounts",
    permission="imports.accounts",
    columns=COLUMNS,
    check=check,
    write=write,
    recheck=recheck,
    stream=Stream,
    notes=NOTES,
    tables=(Account, AccountStatusChange, AuditEntry, Community, search.PG),
)
