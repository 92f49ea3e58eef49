"""The text of every user error code, in Simplified Chinese and English; the names of fields
and other domain terms are in heatoffice.glossary, and so is the language setting."""

from __future__ import annotations

from typing import Any, Protocol

from heatoffice import glossary


class _Error(Protocol):  # heatoffice.errors.UserError, without importing it back
    code: str
    field: str | None
    row: int | None
    params: dict[str, Any]


def set_language(lang: str) -> None:
    """Choose the language of this process ("zh" or "en"): the glossary's one setting."""
    glossary.set_language(lang)


def language() -> str:
    return glossary.current_language()


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
    "money.too_large": ("{field}：“{value}”超过单笔金额上限 {max}",
                        "{field}: \"{value}\" is over the largest single amount, {max}"),
    "money.negative": ("{field}：金额不能为负（{value}）", "{field}: the amount may not be negative ({value})"),
    # accounts
    "accounts.duplicate_no": ("{field}：户号“{value}”已存在", "{field}: account number \"{value}\" exists"),
    "accounts.area_by_measurement": ("供热面积只能由已生效的测量记录变更（现为新值“{value}”）",
                                     "the heating area changes only by an applied "
                                     "measurement (\"{value}\" typed)"),
    "accounts.category_by_application": (
        "用户性质变更须经业务受理办理（用户性质变更申请），自下一采暖季起执行",
        "a change of category goes through reception (a category-change application) and "
        "counts from the next season"),
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
    "auth.bad_login_left": ("用户名或密码错误；再输错 {left} 次，该用户将被锁定 {minutes} 分钟",
                            "wrong user name or password; {left} more wrong tries lock the user "
                            "for {minutes} minutes"),
    "auth.wrong_current_password": ("{field}：当前密码不正确", "{field}: this is not the current "
                                    "password"),
    "auth.same_password": ("{field}：新密码与当前密码相同", "{field}: the new password is the "
                           "current one"),
    "auth.last_admin": ("{field}：“{value}”是唯一在用的系统管理员，不能取消其管理员角色或停用",
                        "{field}: \"{value}\" is the only active administrator: the role cannot "
                        "be taken away nor the user disabled"),
    "auth.locked": ("登录失败次数过多，账号已锁定，请于 {until} 后再试",
                    "too many failed logins: locked until {until}"),
    "auth.inactive": ("用户“{value}”已停用", "user \"{value}\" is disabled"),
    "auth.duplicate_user": ("{field}：用户名“{value}”已存在", "{field}: user \"{value}\" exists"),
    "auth.unknown_role": ("{field}：没有角色“{value}”", "{field}: no role \"{value}\""),
    "auth.user_not_found": ("没有用户“{value}”", "no user \"{value}\""),
    "auth.weak_password": ("{field}：密码至少 {min} 位", "{field}: at least {min} characters"),
    "auth.common_password": ("{field}：这是常见密码，容易被猜中，请换一个",
                             "{field}: this is a common password, easily guessed: choose another"),
    "auth.published_password": ("{field}：这是公开的演示密码，只能用于演示数据库，请换一个",
                                "{field}: this is the published demo password, allowed only in "
                                "a demo database: choose another"),
    "auth.no_admin": ("尚未设置管理员密码：请先运行 heatoffice init --admin-password",
                      "no admin yet: run heatoffice init --admin-password first"),
    "auth.no_user": ("没有登录用户“{user}”：操作被拒绝", "no login user \"{user}\": refused"),
    "auth.user_disabled": ("用户“{user}”已被停用：此次登录不能再做任何操作，请退出登录",
                           "user \"{user}\" has been disabled: nothing more can be done in this "
                           "session; log out"),
    "auth.role_changed": ("管理员已把“{user}”的角色由“{was}”改为“{now}”：请退出并重新登录后再操作",
                          "an administrator changed the role of \"{user}\" from {was} to {now}: "
                          "log out and in again"),
    "auth.system_outside": ("程序自身的身份只用于建立数据库（初始化、预置组织、标记演示），"
                            "不能在此使用",
                            "the program's own identity serves only setting a database up "
                            "(init, the preloaded organisation, marking a demo): not here"),
    # org
    "settings.unknown": ("没有可修改的设置“{value}”（可修改：{keys}）",
                         "no setting \"{value}\" to change (settings: {keys})"),
    "settings.service_phone": ("{field}：“{value}”不是电话号码（数字，可用空格、括号、短横线分组）",
                               "{field}: \"{value}\" is not a phone number (digits, grouped "
                               "by spaces, brackets or dashes)"),
    "settings.bank_account": ("{field}：“{value}”不是银行账号（数字，可用空格或短横线分组）",
                              "{field}: \"{value}\" is not a bank account number (digits, "
                              "grouped by spaces or dashes)"),
    "org.not_found": ("找不到{kind}“{value}”", "no {kind} \"{value}\""),
    "org.duplicate": ("{field}：“{value}”已存在", "{field}: \"{value}\" exists"),
    "org.post_taken": ("{field}：岗位“{post}”在 {start} 已由{holder}担任",
                       "{field}: the post \"{post}\" is held by {holder} on {start}"),
    "org.assignment_ended": ("该任职已于 {end} 结束", "the assignment ended on {end}"),
    "org.service_area_ended": ("该服务区域已于 {end} 结束", "the service area ended on {end}"),
    "org.code_format": ("{field}：“{value}”只能由小写字母、数字和下划线组成",
                        "{field}: \"{value}\" may hold only lower-case letters, digits and _"),
    "org.parent_cycle": ("{field}：部门不能隶属于自己或自己的下级部门",
                         "{field}: a department cannot belong to itself or to its own section"),
    "org.inactive": ("{field}：“{value}”已停用", "{field}: \"{value}\" is inactive"),
    "org.in_use": ("{field}：“{value}”仍有 {count} 项在用的下级部门、岗位、任职或服务区域，"
                   "不能停用",
                   "{field}: \"{value}\" still has {count} sections, posts, assignments or "
                   "service areas in use: cannot deactivate"),
    "org.area_target": ("{field}：小区与换热站须填写且只填写其中一项",
                        "{field}: give either a community or a heat station, not both"),
    # db
    "db.newer_schema": ("数据库版本为 {found}，高于本程序支持的 {supported}：请升级 heatoffice",
                        "the database is at schema version {found}, newer than this program's "
                        "{supported}: upgrade heatoffice"),
    "db.bad_url": ("{field}：“{value}”不是支持的数据库地址（sqlite:////绝对路径 或 postgresql://…）",
                   "{field}: \"{value}\" is not a supported database URL "
                   "(sqlite:////absolute/path or postgresql://…)"),
    "db.relative_path": ("{field}：“{value}”中的路径是相对路径，会随当前文件夹而变。请写绝对路径"
                         "（sqlite: 后接四条斜杠）：当前文件夹下的文件为 {absolute}，"
                         "若指根目录下的文件则为 {rooted}",
                         "{field}: \"{value}\" holds a relative path, which depends on the "
                         "current folder. Write an absolute path (four slashes after sqlite:): "
                         "{absolute} for the file in the current folder, or {rooted} if you "
                         "meant the path from the root"),
    "db.migration_failed": ("数据库升级到第 {version} 版失败，数据库未作任何改动：{reason}（升级前的备份：{backup}）",
                            "upgrading the database to schema version {version} failed and nothing was changed: {reason} (backup taken before: {backup})"),
    "db.not_a_database": ("“{value}”不是 heatoffice 数据库：请检查 --db 或 HEATOFFICE_DB 指向的文件",
                          "\"{value}\" is not a heatoffice database: check the file --db or "
                          "HEATOFFICE_DB names"),
    "db.is_directory": ("“{value}”是一个文件夹，不是数据库文件：请在 --db 中写出文件名"
                        "（如 {url}/heatoffice.db）",
                        "\"{value}\" is a folder, not a database file: name a file in --db "
                        "(such as {url}/heatoffice.db)"),
    "db.cannot_open": ("无法打开数据库文件“{value}”：{reason}：请检查路径和权限",
                       "cannot open the database file \"{value}\": {reason}: check the path "
                       "and the permissions"),
    "db.read_only": ("数据库文件“{value}”是只读的，不能写入：查询和导出照常，要修改数据请让管理员"
                     "给予写权限",
                     "the database file \"{value}\" is read-only and cannot be written: "
                     "reading and exports still work; to change data, ask for write access"),
    "db.locked": ("数据库“{value}”被另一个程序占用，已等待 {seconds} 秒仍未释放：请稍后再试，"
                  "或关闭正在写入的程序",
                  "the database \"{value}\" stayed locked by another program for {seconds} s: "
                  "try again later, or close the program that is writing"),
    "db.pg_unreachable": ("无法连接 PostgreSQL 服务器 {host}:{port}：请确认服务器已启动、"
                          "地址和端口正确、防火墙放行",
                          "cannot reach the PostgreSQL server at {host}:{port}: check that it "
                          "runs, the host and port are right and no firewall blocks it"),
    "db.pg_no_database": ("PostgreSQL 服务器 {host}:{port} 上没有数据库“{name}”：请先运行 "
                          "createdb -h {host} -p {port} -U postgres -O {user} {name}",
                          "there is no database \"{name}\" on the PostgreSQL server "
                          "{host}:{port}: create it with createdb -h {host} -p {port} "
                          "-U postgres -O {user} {name}"),
    "db.pg_no_role": ("PostgreSQL 服务器 {host}:{port} 上没有用户（角色）“{user}”：请先运行 "
                      "createuser -h {host} -p {port} -U postgres --pwprompt {user}，再运行 "
                      "createdb -h {host} -p {port} -U postgres -O {user} {name}",
                      "there is no role \"{user}\" on the PostgreSQL server {host}:{port}: "
                      "create it with createuser -h {host} -p {port} -U postgres --pwprompt "
                      "{user}, then createdb -h {host} -p {port} -U postgres -O {user} {name}"),
    "db.pg_login": ("PostgreSQL 服务器 {host}:{port} 拒绝了用户“{user}”的密码：请检查数据库地址中的"
                    "用户名和密码",
                    "the PostgreSQL server {host}:{port} refused the password of \"{user}\": "
                    "check the user and password in the database URL"),
    "db.pg_failed": ("无法打开 PostgreSQL 数据库 {host}:{port}/{name}：{reason}",
                     "cannot open the PostgreSQL database {host}:{port}/{name}: {reason}"),
    "db.not_heatoffice": ("数据库中已有别的程序的表（{tables}），不是 heatoffice 数据库：请为 "
                          "heatoffice 用一个新的数据库",
                          "the database holds another program's tables ({tables}): it is not a "
                          "heatoffice database; give heatoffice a database of its own"),
    "db.failed": ("数据库出错：{reason}：请检查数据库（文件、服务器、网络）后再试",
                  "database error: {reason}: check the database (file, server, network) and "
                  "try again"),
    "db.not_initialised": ("数据库尚未初始化：请运行 heatoffice init", "the database is empty: run heatoffice init"),
    # backups (heatoffice.db.backup, heatoffice.backup)
    "cli.auto_with_out": ("{field}：--auto 的备份总在备份文件夹中，不能与 --out 同用",
                          "{field}: --auto backups always go to the backups folder, not with --out"),
    "backup.memory": ("内存数据库无法备份", "an in-memory database cannot be backed up"),
    "backup.bad_suffix": ("{field}：备份文件“{value}”应以 {suffix} 结尾",
                          "{field}: the backup file \"{value}\" should end in {suffix}"),
    "backup.write_failed": ("无法写入备份“{value}”：{reason}", "cannot write the backup \"{value}\": {reason}"),
    "backup.not_found": ("{field}：找不到备份文件“{value}”", "{field}: no backup file \"{value}\""),
    "backup.no_checksum": ("{field}：备份“{value}”旁没有校验文件 {checksum}，不能恢复",
                           "{field}: the backup \"{value}\" has no checksum file {checksum} beside it: not restored"),
    "backup.bad_checksum": ("{field}：备份“{value}”的校验和不符（文件已损坏或被改动），不能恢复",
                            "{field}: the backup \"{value}\" does not match its checksum (damaged or changed): not restored"),
    "backup.no_pg_tool": ("找不到 {tool}：请安装 {package}（sudo apt-get install {package}）",
                          "{tool} not found: install {package} (sudo apt-get install {package})"),
    "backup.pg_tool_old": ("{tool} 版本 {client} 低于数据库服务器版本 {server}：请安装 {package}",
                           "{tool} {client} is older than the database server {server}: install {package}"),
    "backup.tool_failed": ("{tool} 失败：{reason}", "{tool} failed: {reason}"),
    "backup.wrong_backend": ("{field}：“{value}”是 {found} 的备份，当前数据库是 {expected}",
                             "{field}: \"{value}\" is a {found} backup; this database is {expected}"),
    "backup.bad_receipt": ("{field}：“{value}”不是收据号（格式如 2026-001618）",
                           "{field}: \"{value}\" is not a receipt number (like 2026-001618)"),
    "backup.receipt_in_copy": ("{field}：备份中已开到收据 {copy}，晚于给出的最后收据号 {value}：请核对纸质存根或日报上的最后收据号",
                               "{field}: the backup already issued receipt {copy}, later than the last receipt given, {value}: check the stub book or the last daily report"),
    "backup.check_failed": ("备份“{value}”恢复后的副本未通过检查（{names}），数据库未替换",
                            "the restored copy of \"{value}\" fails check ({names}): the database was not replaced"),
    "backup.in_use": ("数据库正被其他程序使用：请先关闭所有收费台和桌面程序，再恢复",
                      "the database is in use by another program: close every desk and the desktop apps, then restore"),
    "backup.not_heatoffice": ("{field}：“{value}”不是 heatoffice 数据库的备份", "{field}: \"{value}\" is not a backup of a heatoffice database"),
    "backup.bad_keep": ("{field}：“{value}”应为 0 到 999 的整数", "{field}: \"{value}\" should be a whole number from 0 to 999"),
    "backup.bad_dir": ("{field}：“{value}”应为绝对路径", "{field}: \"{value}\" should be an absolute path"),
    # exports
    "exports.write_failed": ("无法写入文件“{value}”：{reason}", "cannot write \"{value}\": {reason}"),
    "exports.bad_suffix": ("文件“{value}”应以 {suffix} 结尾",
                           "the file \"{value}\" should end in {suffix}"),
    # command line
    "cli.password_needed": ("{field}：没有可输入的终端，请用 {source} 给出",
                            "{field}: no terminal to type it on: give it with {source}"),
    "cli.bad_part": ("{field}：部位应写作“名称 长 宽 [类型]”或“名称 面积 类型”：{value}",
                     "{field}: a part is \"NAME LENGTH WIDTH [KIND]\" or \"NAME AREA KIND\": "
                     "{value}"),
    "cli.number_or_blank": ("{field}：给出测量记录编号或 --blank 户号，二者取一",
                            "{field}: give a measurement number or --blank ACCOUNT_NO, not both"),
    "cli.password_mismatch": ("{field}：两次输入的密码不一致", "{field}: the two entries differ"),
    # demo data
    "demo.not_empty": ("数据库中已有 {count} 户用户档案：演示数据只能生成到没有用户档案的数据库",
                       "the database already has {count} accounts: demo data goes only into a "
                       "database without accounts"),
    "demo.real_database": ("这个数据库中已有不是演示生成的数据（用户档案 {accounts} 户，账单 {bills} 张，"
                           "收费 {payments} 笔）：演示数据只能放进新的或刚初始化的数据库，"
                           "请用 --db 指定另一个数据库",
                           "this database holds data no demo made ({accounts} accounts, {bills} "
                           "bills, {payments} payments): demo data goes only into a new or "
                           "freshly initialised database; name another one with --db"),
    "demo.not_demo": ("演示账务只能加到演示数据库（先运行 heatoffice demo）",
                      "the demo ledger goes only into a demo database (run heatoffice demo "
                      "first)"),
    "demo.bad_count": ("演示户数须在 0 到 {max} 之间（{value}）",
                       "the number of demo accounts must be 0 to {max} ({value})"),
    # billing: seasons, tariffs, the season run
    "seasons.name_format": ("{field}：“{value}”应为相邻两年，如 2026-2027",
                            "{field}: \"{value}\" should be two consecutive years, e.g. 2026-2027"),
    "seasons.duplicate": ("{field}：采暖季“{value}”已存在", "{field}: the season \"{value}\" exists"),
    "seasons.not_found": ("找不到采暖季“{value}”", "no heating season \"{value}\""),
    # reports
    "reports.bad_period": ("{field}：结束日期 {last} 早于开始日期 {first}",
                           "{field}: the end {last} is before the start {first}"),
    "reports.period_required": ("收款汇总需要 --from 和 --to（或 --as-of 一天）",
                                "takings need --from and --to (or --as-of for one day)"),
    "seasons.date_range": ("{field}：{value} 应在 {min} 至 {max} 之间",
                           "{field}: {value} should lie between {min} and {max}"),
    "seasons.not_positive": ("{field}：应大于零（{value}）", "{field}: must be more than zero ({value})"),
    "seasons.rate_format": ("{field}：“{value}”不是比例（如 0.3 或 30%）",
                            "{field}: \"{value}\" is not a share (e.g. 0.3 or 30%)"),
    "seasons.rate_range": ("{field}：比例应在 0 到 1（0%–100%）之间（{value}）",
                           "{field}: a share lies between 0 and 1 (0%–100%) ({value})"),
    "seasons.rate_precision": ("{field}：“{value}”最多六位小数", "{field}: \"{value}\" has more than six decimals"),
    "seasons.relief_incomplete": ("{field}：设置了低保减免比例，减免面积上限和金额上限须大于零",
                                  "{field}: with a relief share, the relief area limit and cap must be more than zero"),
    "billing.no_tariff": ("采暖季“{season}”尚未设置“{category}”类别的热价，不能开票",
                          "the season \"{season}\" has no tariff for \"{category}\": cannot bill"),
    # billing: arrears, dunning, rechecks
    "dunning.date_past": ("{field}：{value} 早于今天（{today}）",
                          "{field}: {value} is before today ({today})"),
    # imports
    "imports.bad_suffix": ("{field}：“{value}”不是可导入的文件（{suffixes}）",
                           "{field}: \"{value}\" is not a file to import ({suffixes})"),
    "imports.no_file": ("{field}：找不到“{value}”", "{field}: \"{value}\" not found"),
    "imports.bad_file": ("{field}：无法读取“{value}”（{reason}）",
                         "{field}: cannot read \"{value}\" ({reason})"),
    "imports.bad_workbook": ("{field}：“{value}”不是有效的 Excel 工作簿（.xlsx）",
                             "{field}: \"{value}\" is not a valid Excel workbook (.xlsx)"),
    "imports.bad_encoding": ("{field}：CSV 文件既不是 UTF-8 也不是 GB18030 编码",
                             "{field}: the CSV file is neither UTF-8 nor GB18030"),
    "imports.no_sheet": ("{field}：没有工作表“{value}”（有：{sheets}）",
                         "{field}: no sheet \"{value}\" (there are: {sheets})"),
    "imports.no_header": ("{field}：前 30 行中找不到表头（至少要有两列可识别，如 {columns}）",
                          "{field}: no header row in the first 30 rows (at least two known "
                          "columns, such as {columns})"),
    "imports.unknown_kind": ("{field}：没有“{value}”这种导入（可选：{kinds}）",
                             "{field}: no import \"{value}\" (choose {kinds})"),
    "imports.not_available": ("{kind}导入尚未提供", "the {kind} import is not available yet"),
    "imports.unknown_column": ("{field}：没有“{value}”这一列", "{field}: no column \"{value}\""),
    "imports.bad_mapping": ("{field}：文件中没有第 {value} 列", "{field}: the file has no column {value}"),
    "imports.column_twice": ("{field}：文件的“{value}”列已对应到“{other}”",
                             "{field}: the file's column \"{value}\" is mapped to {other} already"),
    "imports.column_missing": ("{field}：文件中没有这一列，请在列对应中指定",
                               "{field}: the file has no such column; map one"),
    "imports.unknown_community": ("{field}：“{value}”尚未登记",
                                  "{field}: \"{value}\" is not registered"),
    "imports.unknown_station": ("{field}：没有换热站“{value}”",
                                "{field}: no heat station \"{value}\""),
    "imports.unknown_value": ("{field}：“{value}”不是可选值（{choices}）",
                              "{field}: \"{value}\" is not one of {choices}"),
    "imports.duplicate_in_file": ("{field}：“{value}”在文件中出现多次（第 {rows} 行）",
                                  "{field}: \"{value}\" is in the file more than once "
                                  "(rows {rows})"),
    "measurements.not_found": ("找不到编号为“{value}”的测量记录", "no measurement \"{value}\""),
    "measurements.bad_transition": ("测量记录现为“{from_label}”，不能改为“{to_label}”",
                                    "a measurement {from_label} cannot become {to_label}"),
    "measurements.reviewer_measured": ("{field}：“{value}”参加了测量，不能复核本记录",
                                       "{field}: {value} measured it and cannot review it"),
    "measurements.joint_rule": ("{field}：须由客服部和收费科各至少一人共同测量（{value}）",
                                "{field}: customer service and the fee section must both "
                                "measure ({value})"),
    "measurements.not_a_measurer": ("{field}：“{value}”不属于客服部或收费科",
                                    "{field}: {value} is neither customer service nor the "
                                    "fee section"),
    "measurements.no_user": ("{field}：没有登录用户“{value}”", "{field}: no user \"{value}\""),
    "measurements.no_parts": ("{field}：至少登记一个测量部位", "{field}: at least one part"),
    "measurements.no_request": ("{field}：该用户没有待办的复测申请 {value}",
                                "{field}: no open re-measurement request {value} of this "
                                "account"),
    "measurements.other_account": ("{field}：测量记录 {value} 属于其他用户",
                                   "{field}: measurement {value} is another account's"),
    "measurements.bad_share": ("{field}：“{value}”不是 0 到 100% 之间的比例",
                               "{field}: \"{value}\" is not a share from 0 to 100 %"),
    "measurements.bad_kind": ("{field}：没有部位类型“{value}”", "{field}: no part kind \"{value}\""),
    "recheck.no_bill": ("{field}：该用户没有 {season} 采暖季的账单，无法复核",
                        "{field}: the account has no bill of the {season} season to recheck"),
    "recheck.confirmed_differs": ("{field}：现场为“{value}”，与计费的“{billed}”不同，"
                                  "应登记为有出入",
                                  "{field}: \"{value}\" on site differs from \"{billed}\" billed: "
                                  "record a discrepancy"),
    "recheck.follow_up_unexpected": ("{field}：核实无误的复核不需要后续处理",
                                     "{field}: a confirmed recheck needs no follow-up"),
    "recheck.discrepancy_detail": ("{field}：有出入时须填写实测面积或现场状态",
                                   "{field}: a discrepancy needs the measured area or the "
                                   "status found"),
    "recheck.no_difference": ("{field}：实测面积与现场状态都与计费相同，并无出入",
                              "{field}: the measured area and status match the bill: "
                              "no discrepancy"),
    "recheck.follow_up_needed": ("{field}：有出入时须选择面积复测或调账",
                                 "{field}: a discrepancy needs a re-measurement or an "
                                 "adjustment"),
    "recheck.amount_needed": ("{field}：调账须填写不为零的金额（补收为正，退减为负）",
                              "{field}: an adjustment needs a non-zero amount (+ debit, − credit)"),
    "recheck.amount_unused": ("{field}：只有选择调账时才填写调账金额",
                              "{field}: give an amount only with an adjustment"),
    "recheck.signed_absent": ("{field}：用户不在场时不能有用户签字",
                              "{field}: the customer cannot sign without being present"),
    # billing: payments, adjustments, closing
    "billing.amount_not_positive": ("{field}：金额应大于零（{value}）", "{field}: the amount must be more than zero ({value})"),
    "billing.tendered_short": ("{field}：实收现金 {tendered} 元少于应收 {amount} 元", "{field}: {tendered} tendered is less than the {amount} due"),
    "billing.reference_not_cash": ("{field}：现金收款没有交易流水号（“{value}”）",
                                   "{field}: a cash payment has no transaction reference "
                                   "(\"{value}\")"),
    "billing.tendered_not_cash": ("{field}：只有现金缴费才填写实收现金", "{field}: only a cash payment has cash tendered"),
    "billing.receipt_not_found": ("{field}：找不到收据“{value}”", "{field}: no receipt \"{value}\""),
    "billing.already_reversed": ("收据 {receipt} 已由 {reversal} 红冲，不能再次红冲", "receipt {receipt} was already reversed by {reversal}"),
    "billing.reversal_not_reversible": ("收据 {receipt} 本身是红冲收据，不能再红冲；如有错误请重新收费", "receipt {receipt} is a reversal and cannot be reversed: take the payment again instead"),
    "billing.reverse_needs_finance": ("收费员只能在日结前红冲本人当日的收据；收据 {receipt} 须由财务红冲", "a cashier reverses only their own receipts of today before closing the day: receipt {receipt} needs finance"),
    "billing.day_closed": ("{cashier} 的 {day} 已日结，不能再记入该日；更正请记入未日结的日期", "{cashier}'s day {day} is closed: enter the correction on an open day"),
    "billing.month_closed": ("{month} 已月结，不能再记入该月", "the month {month} is closed: nothing can be entered in it"),
    "billing.day_already_closed": ("{cashier} 的 {day} 已经日结过", "{cashier}'s day {day} is already closed"),
    "billing.month_already_closed": ("{month} 已经月结过", "the month {month} is already closed"),
    "billing.days_open": ("{month} 还有 {count} 个收费日未日结：{days}；请先日结", "{month} still has {count} open cashier days: {days}; close them first"),
    "billing.month_not_over": ("{field}：{month} 尚未结束，不能月结", "{field}: {month} is not over yet and cannot be closed"),
    "billing.month_format": ("{field}：“{value}”不是月份（年-月，如 2026-11）", "{field}: \"{value}\" is not a month (YYYY-MM, e.g. 2026-11)"),
    "billing.close_other_day": ("只有财务可以为其他收费员（{cashier}）日结", "only finance may close another cashier's ({cashier}) day"),
    "billing.future_day": ("{field}：{day} 尚未到来，不能日结", "{field}: {day} has not come yet and cannot be closed"),
    "billing.amount_zero": ("{field}：调账金额不能为零", "{field}: an adjustment cannot be zero"),
    "billing.credit_not_negative": ("{field}：减免/退费的金额应为负数（{value}）", "{field}: a credit is a negative amount ({value})"),
    "billing.debit_not_positive": ("{field}：补收的金额应为正数（{value}）", "{field}: a debit is a positive amount ({value})"),
    "billing.adjustment_not_found": ("找不到调账单 {value}", "no adjustment {value}"),
    "billing.adjustment_bad_transition": ("调账单不能从“{from_label}”改为“{to_label}”", "the adjustment cannot go from \"{from_label}\" to \"{to_label}\""),
    "billing.self_approval": ("调账须由提出人以外的人审批（提出人：{proposer}）", "an adjustment must be approved by someone other than its proposer ({proposer})"),
    "billing.bill_not_found": ("{field}：该用户没有账单 {value}", "{field}: the account has no bill {value}"),
    "billing.statement_period": ("{field}：对账单按采暖季或按日期区间，只能选一种", "{field}: a statement is of a season or of a date range, not both"),
    "billing.no_season_bill": ("{field}：用户 {account} 没有 {season} 采暖季的账单", "{field}: the account {account} has no bill of the {season} season"),
    # billing: two-part tariffs, meter readings, metered settlement
    "seasons.basic_above_price": ("{field}：基本热价 {value} 元/㎡ 不能高于面积热价 {price} 元/㎡", "{field}: the basic price {value} cannot exceed the price per m² {price}"),
    "billing.gj_format": ("{field}：“{value}”不是热量读数（GJ，不小于零，最多两位小数）", "{field}: \"{value}\" is not a heat reading (GJ, not negative, at most two decimals)"),
    "billing.reading_order": ("{field}：结束读数 {value} GJ 小于起始读数 {start} GJ", "{field}: the end reading {value} GJ is below the start reading {start} GJ"),
    "billing.reading_settled": ("用户 {account} 的 {season} 采暖季计量热费已结算，不能再录入读数；如有错误请提出调账", "the metered heat of account {account} for {season} is already settled: no new reading; propose an adjustment to correct it"),
    "billing.read_on_range": ("{field}：抄表日期 {value} 应在 {min} 至 {max} 之间", "{field}: the reading date {value} must lie between {min} and {max}"),
    # billing: the desktop pages
    "print.failed": ("无法开始打印（打印机：{printer}）", "printing could not start (printer: {printer})"),
    "billing.no_connection_fee": ("{season} 采暖季未设置“{value}”所属类别的配套费", "season {season} sets no connection fee for the category of \"{value}\""),
    "billing.connection_billed": ("户号“{value}”已收取过配套费", "account \"{value}\" has already been billed its connection fee"),
    # reception: the rules checked at the desk, each a sentence naming its rule
    "applications.missing_documents": (
        "缺少必需材料，不能受理：{missing}",
        "cannot accept: required documents are missing: {missing}"),
    "applications.stop_overdue": (
        "有逾期欠费 ¥{amount}，不能报停：报停须先缴清欠费",
        "cannot stop heating with overdue debt of ¥{amount}: the debt must be paid first"),
    "applications.stop_late": (
        "已过 {season} 采暖季报停截止日 {deadline}，只能从下一采暖季（{next_season}）起报停",
        "filed after the {season} season's stop deadline {deadline}: accepted for the next "
        "season ({next_season}) only"),
    "applications.arrears": (
        "欠费 ¥{amount} 未结清，不能办理{type}：须先缴清欠费或由经理登记例外",
        "cannot {type} with ¥{amount} unpaid: arrears must be settled first, or a manager "
        "records an exception"),
    "applications.open_exists": (
        "该用户已有未办结的{type}申请 {number}，同一用户同一类别只能有一件在办",
        "the account has an open {type} application {number}: one open application per "
        "account and type"),
    "applications.close_balance": (
        "余额为 ¥{amount}，不能销户：销户须余额为零",
        "cannot close the account with a balance of ¥{amount}: the balance must be zero"),
    "applications.not_found": ("找不到受理编号“{value}”", "no application \"{value}\""),
    "applications.bad_transition": ("申请不能从“{from_label}”改为“{to_label}”",
                                    "an application cannot go from {from_label} to {to_label}"),
    "applications.not_department": (
        "申请 {number} 已转交{department}，只有该部门可以办结",
        "application {number} is with {department}: only that department completes it"),
    "applications.department_needed": ("{field}：请指定转交部门（{choices}）",
                                       "{field}: name the department ({choices})"),
    "applications.account_needed": ("{field}：{type}申请须指定用户",
                                    "{field}: a {type} application needs an account"),
    "applications.category_unbilled": (
        "{season} 采暖季已开始，但户号“{value}”尚未开票：须先按原性质开票，再办结性质变更",
        "the {season} season has started and account \"{value}\" is not billed for it yet: "
        "bill it under its old category first, then complete the category change"),
    "applications.only_manager_reassigns": (
        "申请 {number} 已转交{department}：只有经理可以改派",
        "application {number} is with {department}: only a manager reassigns it"),
    # payment batches and opening balances (billing/batches.py, billing/opening.py)
    "payments.batch_cash": ("{field}：代收缴费不能是现金（“{value}”）：现金请在收费窗口收取",
                            "{field}: a collected payment cannot be cash (\"{value}\"): cash "
                            "is taken at the window"),
    "payments.future_date": ("{field}：{day} 尚未到来", "{field}: {day} has not come yet"),
    "payments.account_suggested": (
        "{field}：户号“{value}”不存在；按户名和地址可能是 {suggestion}（请核对后改正文件，不会自动入账）",
        "{field}: no account \"{value}\"; by name and address it may be {suggestion} (check "
        "and correct the file: it is never applied by itself)"),
    "payments.reference_twice": ("{field}：流水号“{value}”在文件中重复（第 {rows} 行）",
                                 "{field}: reference \"{value}\" is in the file twice "
                                 "(rows {rows})"),
    "payments.already_imported": ("{field}：{source} 流水号“{value}”已导入（收据 {receipt}），不再重复入账",
                                  "{field}: {source} reference \"{value}\" was imported "
                                  "already (receipt {receipt}); not added again"),
    "opening.twice_in_file": ("{field}：户号 {account} 的 {value} 期初欠费在文件中重复（第 {rows} 行）",
                              "{field}: the opening balance of account {account} for {value} is "
                              "in the file twice (rows {rows})"),
    "opening.already_imported": (
        "{field}：户号 {account} 的 {value} 期初欠费已导入（{amount} 元），不再重复入账；更正请调账",
        "{field}: the opening balance of account {account} for {value} was imported already "
        "({amount} yuan); not added again (correct it by an adjustment)"),
    # the service desk: calls and work orders (service/calls.py, service/orders.py)
    "service.bad_setting": ("{field}：设置值“{value}”不正确", "{field}: \"{value}\" is not a valid value"),
    "service.setting_range": ("{field}：“{value}”不正确，应在 {low} 至 {high} 之间",
                              "{field}: \"{value}\" is not valid, give {low} to {high}"),
    "service.bad_deadline": ("{category}的处理时限（小时）：“{value}”不正确，应为 {low} 至 {high} 的整数",
                             "deadline of {category} (hours): \"{value}\" is not valid, "
                             "give a whole number from {low} to {high}"),
    "service.readback_needed": (
        "请先向来电人复述单位、联系人、地址和报修内容并确认无误，才能保存来电",
        "read the unit, contact, address and content back to the caller and have them "
        "confirmed before the call is saved"),
    "service.address_needed": ("{field}：请填写户号或地址", "{field}: give an account or an address"),
    "service.referral_needed": ("{field}：不属本公司范围的来电，须登记告知用户的查询部门",
                                "{field}: a call outside our scope records the body the caller "
                                "was pointed to"),
    "service.out_of_scope_order": ("来电 {number} 不属本公司范围，不能开维修单",
                                   "call {number} is outside our scope: no work order"),
    "service.account_ambiguous": ("{field}：“{value}”对应多个用户（{matches}…），请输入户号",
                                  "{field}: \"{value}\" matches several accounts ({matches}…): "
                                  "give the account number"),
    "service.call_not_found": ("找不到来电编号“{value}”", "no call \"{value}\""),
    "service.order_not_found": ("找不到维修单“{value}”", "no work order \"{value}\""),
    "service.bad_transition": ("维修单不能从“{from_label}”改为“{to_label}”",
                               "a work order cannot go from \"{from_label}\" to \"{to_label}\""),
    "service.assignee_unknown": ("{field}：没有员工或用户“{value}”",
                                 "{field}: no staff member or user \"{value}\""),
    "service.not_manager": ("{field}：“{value}”不是经理，无法修复的维修单须上报经理",
                            "{field}: \"{value}\" is no manager: an order that cannot be "
                            "fixed goes to a manager"),
    "service.reason_needed": ("{field}：无法修复须写明原因", "{field}: say why it cannot be fixed"),
    "service.satisfied_needed": ("{field}：回访须登记用户是否满意",
                                 "{field}: a return visit records whether the customer was "
                                 "satisfied"),
    "service.bad_time": ("{field}：“{value}”不是时间（年-月-日 时:分）",
                         "{field}: \"{value}\" is not a time (YYYY-MM-DD HH:MM)"),
    "service.future_time": ("{field}：{value} 尚未到来", "{field}: {value} has not come yet"),
    "service.before_call": ("{field}：{value} 早于来电时间 {call}",
                            "{field}: {value} is before the call at {call}"),
    # the service desk's cases: complaints, inspections, temperature checks
    "cases.bad_moment": ("{field}：“{value}”不是 YYYY-MM-DD HH:MM 格式的时间",
                         "{field}: \"{value}\" is not a time YYYY-MM-DD HH:MM"),
    "cases.future_moment": ("{field}：{value} 尚未到来", "{field}: {value} has not come yet"),
    "complaints.not_found": ("找不到投诉编号“{value}”", "no complaint \"{value}\""),
    "complaints.address_needed": ("{field}：请填写户号或地址",
                                  "{field}: give an account or an address"),
    "complaints.bad_transition": ("投诉现为“{from_label}”，不能改为“{to_label}”",
                                  "a complaint cannot go from \"{from_label}\" to "
                                  "\"{to_label}\""),
    "complaints.not_a_manager": ("{field}：“{value}”不是可处理上报投诉的经理",
                                 "{field}: \"{value}\" is no manager who decides escalated "
                                 "complaints"),
    "complaints.replied_already": ("投诉 {value} 已答复并办结", "complaint {value} was answered "
                                   "and closed already"),
    "complaints.nothing_to_reply": ("投诉 {value} 尚无处理决定或答复，不能打印答复函",
                                    "complaint {value} has no decision or reply to print yet"),
    "inspections.not_found": ("找不到稽查编号“{value}”", "no inspection \"{value}\""),
    "inspections.unknown_inspector": ("{field}：没有用户“{value}”",
                                      "{field}: no user \"{value}\""),
    "inspections.address_needed": ("{field}：请填写户号或地址",
                                   "{field}: give an account or an address"),
    "inspections.bad_transition": ("稽查现为“{from_label}”，不能改为“{to_label}”",
                                   "an inspection cannot go from \"{from_label}\" to "
                                   "\"{to_label}\""),
    "inspections.bad_days": ("{field}：“{value}”不是正整数天数",
                             "{field}: \"{value}\" is not a positive number of days"),
    "inspections.no_area": ("{field}：户号 {value} 没有供热面积，请给出面积",
                            "{field}: account {value} has no heating area; give the area"),
    "inspections.closed": ("稽查 {value} 已结案", "inspection {value} is closed"),
    "inspections.no_account": ("{field}：稽查 {value} 没有对应户号，不能调账",
                               "{field}: inspection {value} names no account: no adjustment"),
    "inspections.no_owner": ("稽查 {value} 没有责任人，不能结案",
                             "inspection {value} has no owner: it cannot close"),
    "inspections.no_conclusion": ("稽查 {value} 尚无结论，不能结案",
                                  "inspection {value} has no conclusion: it cannot close"),
    "inspections.no_follow_up": ("稽查 {value} 违章或待查，尚无处理结果，不能结案",
                                 "inspection {value} found a violation or is uncertain and has "
                                 "no follow-up: it cannot close"),
    "tempchecks.bad_celsius": ("{field}：“{value}”不是有效温度（°C，精确到 0.1）",
                               "{field}: \"{value}\" is not a temperature (°C to 0.1)"),
    "tempchecks.no_season": ("{field}：{value} 没有采暖季", "{field}: no season on {value}"),
    "tempchecks.no_tariff": ("{field}：{value} 采暖季没有该类用户的热价",
                             "{field}: the {value} season has no tariff for this category"),
    "tempchecks.bad_period": ("{field}：{value} 早于开始日期",
                              "{field}: {value} is before the start"),
    "tempchecks.refunded_already": ("{field}：这些天已退过费（{value}）",
                                    "{field}: these days were refunded already ({value})"),
    "tempchecks.no_cold_reading": ("{field}：户号 {value} 在这段时间没有低于标准的室温读数",
                                   "{field}: account {value} has no reading below the standard "
                                   "in that period"),
    "tempchecks.no_refund": ("{field}：低于标准 {value} °C，未达退费档次或天数",
                             "{field}: {value} °C short reaches no refund step or too few days"),
    # generic
    "cancelled": ("已取消", "cancelled"),
}


def field_label(field: str | None, lang: str | None = None) -> str:
    return glossary.label("field", field, lang) if field else ""


def render(err: _Error, lang: str | None = None) -> str:
    """The user-facing text of an error, in ``lang`` or the process language.

    A parameter that is a glossary.Text (a term, a list of choices) is shown in ``lang``.
    """
    lang = lang or glossary.current_language()
    template = glossary.pick(*MESSAGES.get(err.code, (err.code, err.code)), lang)
    params = {k: ("" if v is None else v.label(lang) if isinstance(v, glossary.Text) else v)
              for k, v in err.params.items()}
    params.setdefault("field", field_label(err.field, lang))
    if "field" in err.params:
        params["field"] = field_label(str(err.params["field"]), lang)
    try:
        text = template.format(**params)
    except (KeyError, IndexError):
        text = f"{template} {params}"
    if err.row is not None:
        text = glossary.pick(f"第 {err.row} 行：", f"row {err.row}: ", lang) + text
    return text
