"""Roles and the named actions each may perform; ``require`` is called inside every service."""

from __future__ import annotations

from typing import TYPE_CHECKING

from heatoffice.errors import PermissionDenied

if TYPE_CHECKING:
    from heatoffice.auth.actor import Actor

# Every action a service checks, with its label (zh, en).
ACTIONS: dict[str, tuple[str, str]] = {
    "accounts.view": ("查看用户档案", "view accounts"),
    "accounts.edit": ("开户、修改用户档案", "open and edit accounts"),
    "accounts.status": ("变更用户状态", "change account status"),
    "accounts.view_personal": ("查看完整身份证号与电话", "see full ID numbers and phones"),
    "accounts.export": ("导出用户档案", "export accounts"),
    "org.view": ("查看部门、岗位、员工", "view departments, posts, staff"),
    "org.edit": ("维护部门、岗位、员工", "edit departments, posts, staff"),
    "org.assign": ("任免岗位、分配服务区域", "assign staff to posts and service areas"),
    "users.manage": ("管理登录用户与角色", "manage users and roles"),
    "audit.view": ("查看操作日志", "view the audit log"),
    "settings.edit": ("修改公司设置", "edit company settings"),
    "system.check": ("数据检查", "check the database"),
    "system.demo": ("生成演示数据", "make demo data"),
    "billing.view": ("查看账单与台账", "view bills and ledgers"),
    "seasons.view": ("查看采暖季与热价", "view seasons and tariffs"),
    "seasons.edit": ("设置采暖季与热价", "set seasons and tariffs"),
    "tariffs.change_billed": ("修改已开票采暖季的热价", "change the tariff of a billed season"),
    "billing.run": ("采暖季开票", "run season billing"),
    "payments.take": ("收费开票", "take payments"),
    "payments.reverse": ("当日红冲本人收据", "reverse one's own receipts the same day"),
    "payments.reverse_any": ("红冲任意收据", "reverse any receipt"),
    "adjustments.view": ("查看待审调账", "view adjustments waiting for approval"),
    "adjustments.propose": ("提出调账", "propose adjustments"),
    "adjustments.approve": ("审批调账", "approve adjustments"),
    "closing.view": ("查看日结与月结", "view day and month closes"),
    "day.close": ("日结", "close the day"),
    "month.close": ("月结", "close the month"),
    "arrears.view": ("查看欠费", "view arrears"),
    "dunning.record": ("登记催缴", "record dunning contacts"),
    "recheck.record": ("登记现场复核", "record on-site rechecks"),
    "billing.export": ("导出台账报表", "export ledgers and reports"),
}

ROLES: dict[str, tuple[str, str]] = {
    "admin": ("系统管理员", "administrator"),
    "manager": ("经理", "manager"),
    "reception": ("业务接待", "reception clerk"),
    "cashier": ("收费员", "cashier"),
    "finance": ("财务", "finance"),
    "customer_service": ("客服", "customer service"),
    "operations": ("运行", "operations"),
    "hotline": ("热线", "hotline"),
    "read_only": ("只读", "read only"),
}

# Seasons and tariffs are printed on every bill, so whoever sees bills sees them too.
_VIEW = {"accounts.view", "org.view", "billing.view", "seasons.view"}
# The fee desk follows the adjustments it proposes and sees the day it closes.
_FEES = {"payments.take", "payments.reverse", "adjustments.view", "adjustments.propose",
         "closing.view", "day.close", "arrears.view", "dunning.record", "recheck.record"}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset(ACTIONS),
    "manager": frozenset(ACTIONS) - {"users.manage", "system.demo"},
    "reception": frozenset(_VIEW | {"accounts.edit", "accounts.status", "accounts.view_personal"}),
    "cashier": frozenset(_VIEW | _FEES | {"accounts.view_personal"}),
    "finance": frozenset(_VIEW | _FEES | {"accounts.view_personal", "accounts.export",
                                          "audit.view", "system.check", "seasons.edit",
                                          "billing.run", "payments.reverse_any", "month.close",
                                          "billing.export"}),
    "customer_service": frozenset(_VIEW | {"accounts.status", "accounts.view_personal",
                                           "adjustments.view", "adjustments.propose",
                                           "arrears.view", "dunning.record",
                                           "recheck.record"}),
    "operations": frozenset(_VIEW),
    "hotline": frozenset(_VIEW),
    "read_only": frozenset(_VIEW),
}


def allowed(role: str, action: str) -> bool:
    if action not in ACTIONS:
        raise KeyError(f"unknown action {action!r}")
    return action in ROLE_PERMISSIONS.get(role, frozenset())


def can(actor: Actor, action: str) -> bool:
    return allowed(actor.role, action)


def require(actor: Actor, action: str) -> None:
    """Raise PermissionDenied unless the actor's role allows ``action``."""
    if not can(actor, action):
        raise PermissionDenied(action)
