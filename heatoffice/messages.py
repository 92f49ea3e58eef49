"""The text of every user error code and field name, in Simplified Chinese and English."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from heatoffice.errors import UserError

_language = "zh"


def set_language(lang: str) -> None:
    """Choose the language of messages for this process ("zh" or "en")."""
    global _language
    if lang not in ("zh", "en"):
        raise ValueError(lang)
    _language = lang


def language() -> str:
    return _language


# Field names as shown to the user; codes name fields by these keys.
FIELDS: dict[str, tuple[str, str]] = {
    "account_no": ("户号", "account number"),
    "category": ("用户类别", "category"),
    "name": ("户名", "name"),
    "contact": ("联系人", "contact person"),
    "phone": ("联系电话", "phone"),
    "phone2": ("备用电话", "second phone"),
    "id_number": ("身份证号", "ID number"),
    "community": ("小区", "community"),
    "building": ("楼号", "building"),
    "unit": ("单元", "unit"),
    "floor": ("层", "floor"),
    "room": ("房号", "room"),
    "station": ("换热站", "heat station"),
    "heating_area": ("供热面积", "heating area"),
    "status": ("状态", "status"),
    "reason": ("原因", "reason"),
    "notes": ("备注", "notes"),
    "username": ("用户名", "user name"),
    "password": ("密码", "password"),
    "role": ("角色", "role"),
    "staff": ("员工", "staff member"),
    "department": ("部门", "department"),
    "post": ("岗位", "post"),
    "start_date": ("开始日期", "start date"),
    "end_date": ("结束日期", "end date"),
    "amount": ("金额", "amount"),
    "code": ("编码", "code"),
    "pattern": ("户号规则", "account number pattern"),
    "url": ("数据库地址", "database URL"),
}


MESSAGES: dict[str, tuple[str, str]] = {
    # validation
    "validation.required": ("{field}：必须填写", "{field}: required"),
    "validation.several": ("有 {count} 处输入有误", "{count} fields are wrong"),
    "validation.too_long": ("{field}：最多 {max} 个字符（现为 {length} 个）",
                            "{field}: at most {max} characters (got {length})"),
    "validation.id_number_format": ("{field}：“{value}”不是 18 位身份证号（17 位数字加校验位）",
                                    "{field}: \"{value}\" is not an 18-character ID number"),
    "validation.id_number_date": ("{field}：“{value}”中的出生日期无效",
                                  "{field}: \"{value}\" has an invalid birth date"),
    "validation.id_number_check": ("{field}：“{value}”校验位应为 {expected}",
                                   "{field}: \"{value}\" has a wrong check digit (expected {expected})"),
    "validation.phone": ("{field}：“{value}”不是有效的手机号（11 位，以 1 开头）或固话（区号-号码）",
                         "{field}: \"{value}\" is not a mobile number (11 digits starting with 1) "
                         "or a landline (area code-number)"),
    "validation.mobile": ("{field}：“{value}”不是有效的手机号（11 位，以 1 开头）",
                          "{field}: \"{value}\" is not a mobile number (11 digits starting with 1)"),
    "validation.area_format": ("{field}：“{value}”不是面积数值（平方米，最多两位小数）",
                               "{field}: \"{value}\" is not an area in m² (at most two decimals)"),
    "validation.area_range": ("{field}：{value} ㎡ 超出范围（{min}–{max} ㎡）",
                              "{field}: {value} m² is out of range ({min}–{max} m²)"),
    "validation.choice": ("{field}：“{value}”不是可选值（{choices}）",
                          "{field}: \"{value}\" is not one of {choices}"),
    "validation.date": ("{field}：“{value}”不是日期（年-月-日）",
                        "{field}: \"{value}\" is not a date (YYYY-MM-DD)"),
    "validation.date_order": ("{field}：结束日期不能早于开始日期",
                              "{field}: the end date is before the start date"),
    "money.format": ("{field}：“{value}”不是金额", "{field}: \"{value}\" is not an amount of money"),
    "money.precision": ("{field}：“{value}”最多两位小数（到分）",
                        "{field}: \"{value}\" has more than two decimals (fen)"),
    "money.negative": ("{field}：金额不能为负（{value}）", "{field}: the amount may not be negative ({value})"),
    # accounts
    "accounts.duplicate_no": ("{field}：户号“{value}”已存在", "{field}: account number \"{value}\" exists"),
    "accounts.not_found": ("找不到户号或编号为“{value}”的用户", "no account \"{value}\""),
    "accounts.bad_transition": ("状态不能从“{from_label}”改为“{to_label}”",
                                "the status cannot change from \"{from_label}\" to \"{to_label}\""),
    "accounts.pattern_field": ("{field}：户号规则中的“{value}”不是可用的字段",
                               "{field}: \"{value}\" in the account number pattern is not a field"),
    "accounts.no_generated": ("{field}：无法按规则生成户号，请填写小区与房号，或直接输入户号",
                              "{field}: cannot generate the account number: fill community and room, "
                              "or type the number"),
    # auth
    "auth.permission_denied": ("无权执行此操作：{action}", "not allowed: {action}"),
    "auth.bad_login": ("用户名或密码错误", "wrong user name or password"),
    "auth.locked": ("登录失败次数过多，账号已锁定，请于 {until} 后再试",
                    "too many failed logins: locked until {until}"),
    "auth.inactive": ("用户“{value}”已停用", "user \"{value}\" is disabled"),
    "auth.duplicate_user": ("{field}：用户名“{value}”已存在", "{field}: user \"{value}\" exists"),
    "auth.unknown_role": ("{field}：没有角色“{value}”", "{field}: no role \"{value}\""),
    "auth.user_not_found": ("没有用户“{value}”", "no user \"{value}\""),
    "auth.weak_password": ("{field}：密码至少 {min} 位", "{field}: at least {min} characters"),
    "auth.no_admin": ("尚未设置管理员密码：请先运行 heatoffice init --admin-password",
                      "no admin yet: run heatoffice init --admin-password first"),
    # org
    "org.not_found": ("找不到{kind}“{value}”", "no {kind} \"{value}\""),
    "org.duplicate": ("{field}：“{value}”已存在", "{field}: \"{value}\" exists"),
    "org.post_taken": ("{field}：岗位“{post}”在 {start} 已由{holder}担任",
                       "{field}: the post \"{post}\" is held by {holder} on {start}"),
    "org.assignment_ended": ("该任职已于 {end} 结束", "the assignment ended on {end}"),
    # db
    "db.newer_schema": ("数据库版本为 {found}，高于本程序支持的 {supported}：请升级 heatoffice",
                        "the database is at schema version {found}, newer than this program's "
                        "{supported}: upgrade heatoffice"),
    "db.bad_url": ("{field}：“{value}”不是支持的数据库地址（sqlite:///路径 或 postgresql://…）",
                   "{field}: \"{value}\" is not a supported database URL "
                   "(sqlite:///path or postgresql://…)"),
    "db.not_initialised": ("数据库尚未初始化：请运行 heatoffice init", "the database is empty: run heatoffice init"),
    # exports
    "exports.write_failed": ("无法写入文件“{value}”：{reason}", "cannot write \"{value}\": {reason}"),
    # generic
    "cancelled": ("已取消", "cancelled"),
}


def field_label(field: str | None, lang: str | None = None) -> str:
    if not field:
        return ""
    idx = 0 if (lang or _language) == "zh" else 1
    pair = FIELDS.get(field)
    return pair[idx] if pair else field


def render(err: UserError, lang: str | None = None) -> str:
    """The user-facing text of an error, in ``lang`` or the process language."""
    lang = lang or _language
    idx = 0 if lang == "zh" else 1
    template = MESSAGES.get(err.code, (err.code, err.code))[idx]
    params = {k: ("" if v is None else v) for k, v in err.params.items()}
    params.setdefault("field", field_label(err.field, lang))
    if "field" in err.params:
        params["field"] = field_label(str(err.params["field"]), lang)
    try:
        text = template.format(**params)
    except (KeyError, IndexError):
        text = f"{template} {params}"
    if err.row is not None:
        text = (f"第 {err.row} 行：" if idx == 0 else f"row {err.row}: ") + text
    return text
