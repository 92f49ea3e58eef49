"""Names of the values domain records take: categories, statuses, methods, kinds, results."""

from __future__ import annotations

# Each group maps a stored code to its (Chinese, English) name, in the order lists show them.
# The areas read their allowed values from here (heatoffice.glossary.names), so a value and
# its names are written once.
GROUPS: dict[str, dict[str, tuple[str, str]]] = {
    # accounts
    "account_category": {
        "residential": ("居民", "residential"),
        "institution": ("单位", "institution"),
        "business": ("商业", "business"),
    },
    "account_status": {
        "pending": ("待开通", "pending"),
        "heating": ("供热", "heating"),
        "stopped": ("报停", "stopped"),
        "cut_off": ("停供", "cut off"),
        "closed": ("销户", "closed"),
    },
    # seasons and tariffs
    "tariff_settlement": {
        "both_ways": ("多退少补", "refund surplus, charge shortfall"),
        "refund_only": ("多退少不补", "refund surplus only"),
    },
    # the fee ledger
    "bill_kind": {
        "season": ("热费", "heating fee"),
        "connection": ("配套费", "connection fee"),
        "opening": ("期初欠费", "opening balance"),  # carried over from the old system
    },
    "bill_line_kind": {
        "heat": ("热费", "heating fee"),
        "stopped": ("报停基本热费", "stopped-home share"),
        "prorated": ("按天计收热费", "heating fee by days"),
        "basic": ("基本热费", "basic fee"),
        "metered": ("计量热费", "metered heat"),
        "relief": ("低保减免", "low-income relief"),
        "connection": ("配套费", "connection fee"),
        "opening": ("期初欠费", "opening balance"),
    },
    "ledger_entry": {  # the rows of an account's ledger (分户账)
        "bill": ("账单", "bill"),
        "payment": ("缴费", "payment"),
        "reversal": ("红冲", "reversal"),
        "adjustment": ("调账", "adjustment"),
    },
    "payment_method": {
        "cash": ("现金", "cash"),
        "card": ("银行卡", "bank card"),
        "wechat": ("微信", "WeChat"),
        "alipay": ("支付宝", "Alipay"),
        "transfer": ("转账", "bank transfer"),
    },
    "adjustment_kind": {
        "credit": ("减免/退费", "credit"),
        "debit": ("补收", "debit"),
        "late_fee": ("滞纳金", "late fee"),
        "discount": ("提前缴费优惠", "early-payment discount"),
        "tariff_change": ("调价差额", "tariff change"),
        "area_correction": ("面积更正", "area correction"),
        "metered_settlement": ("计量热费结算", "metered heat settlement"),
    },
    "adjustment_status": {
        "proposed": ("待审批", "proposed"),
        "approved": ("已批准", "approved"),
        "rejected": ("已驳回", "rejected"),
    },
    "adjustment_source": {
        "manual": ("手工", "manual"),
        "recheck": ("现场复核", "recheck"),
        "tariff": ("调价", "tariff"),
        "measurement": ("面积测量", "area measurement"),
        "application": ("业务受理", "application"),
        "inspection": ("稽查", "inspection"),
        "tempcheck": ("室温检测", "room-temperature check"),
        "rule": ("规则", "rule"),
        "import": ("期初导入", "opening import"),  # a late fee carried from the old system
    },
    "arrears_age": {  # by the oldest season with an overdue bill, relative to the current one
        "current": ("本季", "this season"),
        "one": ("上一季", "one season back"),
        "older": ("更早", "older"),
        "not_due": ("未到期", "not yet due"),  # nothing overdue: all it owes is not yet due
    },
    # heatoffice.reports: how a report is cut (the command line's --by words) and its kinds
    "report_cut": {
        "community": ("小区", "community"),
        "building": ("楼栋", "building"),
        "station": ("换热站", "heat station"),
        "category": ("用户性质", "category"),
        "collector": ("收费员片区", "collector"),
    },
    "report_kind": {  # the command line's KIND words
        "collection": ("采暖季收费统计表", "season collection report"),
        "ageing": ("欠费账龄分析表", "arrears ageing report"),
        "takings": ("收款汇总表", "takings by day and method"),
        "compare": ("采暖季同期对比表", "season comparison"),
    },
    "dunning_method": {
        "visit": ("上门", "visit"),
        "phone": ("电话", "phone call"),
        "notice": ("催缴通知书", "written notice"),
    },
    "recheck_result": {
        "confirmed": ("核实无误", "confirmed"),
        "discrepancy": ("有出入", "discrepancy"),
    },
    "recheck_follow_up": {
        "none": ("无", "none"),
        "remeasure": ("面积复测", "area re-measurement"),
        "adjustment": ("调账", "adjustment"),
    },
    "remeasure_status": {
        "open": ("待复测", "open"),
        "closed": ("已办结", "closed"),
    },
    # Reserved for the areas to come: reception (用热申请), measurement (面积测量 / 复核) and
    # the service desk (报修, 派工单). Each adds its codes here, never a table of its own.
    "application_type": {  # 业务受理: the codes are the command line's TYPE words
        "new-connection": ("开户入网", "new connection"),
        "stop": ("报停", "stop heating"),
        "resume": ("复供", "resume heating"),
        "transfer": ("过户", "ownership transfer"),
        "area-change": ("面积变更", "area change"),
        "category-change": ("用户性质变更", "change of category"),
        "close": ("销户", "close account"),
        "other": ("其他", "other request"),
    },
    "application_state": {
        "received": ("已接收", "received"),
        "under_review": ("审核中", "under review"),
        "accepted": ("已受理", "accepted"),
        "returned": ("退回补件", "returned for documents"),
        "rejected": ("不予受理", "rejected"),
        "forwarded": ("已转交", "forwarded"),
        "done": ("已办结", "done"),
        "cancelled": ("已撤销", "cancelled"),
    },
    "application_department": {  # where an accepted application is forwarded
        "customer_service": ("客服部", "customer service"),
        "operations": ("运行部", "operations"),
        "finance": ("财务科", "finance"),
    },
    "applicant_relation": {
        "owner": ("户主本人", "owner"),
        "family": ("家属", "family member"),
        "tenant": ("租户", "tenant"),
        "agent": ("代理人", "agent"),
    },
    "document_kind": {  # the codes are the command line's document KEYs
        "owner-id": ("户主身份证", "owner's ID"),
        "property-proof": ("房产证或购房合同", "property certificate or purchase contract"),
        "last-receipt": ("上季缴费收据", "last season's receipt"),
        "new-owner-id": ("新户主身份证", "new owner's ID"),
        "transfer-contract": ("过户合同", "transfer contract"),
        "attorney": ("授权委托书", "power of attorney"),
        "other": ("其他材料", "other document"),
    },
    "document_form": {
        "original": ("原件", "original"),
        "copy": ("复印件", "copy"),
    },
    "document_disposition": {
        "returned": ("已退还", "returned"),
        "kept": ("留存归档", "kept on file"),
    },
    "measurement_reason": {
        "new-connection": ("新接入", "new connection"),
        "dispute": ("用户异议", "customer dispute"),
        "recheck": ("复核不符", "recheck discrepancy"),
        "periodic": ("定期核查", "periodic check"),
        "area-change": ("面积变更申请", "area-change application"),
        "other": ("其他", "other"),
    },
    "measurement_state": {
        "draft": ("草稿", "draft"),
        "submitted": ("已提交", "submitted"),
        "reviewed": ("已复核", "reviewed"),
        "applied": ("已生效", "applied"),
        "rejected": ("已驳回", "rejected"),
    },
    "measurement_part_kind": {
        "room": ("房间", "room"),
        "balcony-heated": ("封闭采暖阳台", "enclosed heated balcony"),
        "balcony-unheated": ("封闭不采暖阳台", "enclosed unheated balcony"),
        "balcony-open": ("开敞阳台", "open balcony"),
        "loft": ("阁楼", "loft"),
        "stairwell": ("户内楼梯间", "stairwell inside the home"),
        "other": ("其他", "other"),
    },
    "measurement_basis": {
        "parts": ("分部位测量", "measured parts"),
        "certificate": ("产权证使用面积×系数", "certificate usable area × coefficient"),
    },
    "measurer_side": {
        "customer_service": ("客服部", "customer service"),
        "fee_section": ("收费科", "fee section"),
    },
    # the service desk (服务): hotline calls and work orders; the codes of call_category are
    # the command line's category words
    "call_category": {
        "no-heat": ("不热", "no heat"),
        "low-temperature": ("温度低", "low temperature"),
        "leak-major": ("大漏", "major leak"),
        "leak-minor": ("小漏", "minor leak"),
        "noise": ("噪音", "noise"),
        "billing": ("热费咨询", "billing question"),
        "consultation": ("咨询", "consultation"),
        "complaint": ("投诉", "complaint"),
        "other": ("其他", "other"),
    },
    "work_order_severity": {
        "major": ("紧急（大漏连夜抢）", "major (worked until fixed)"),
        "minor": ("当日（小漏不过夜）", "minor (same day)"),
        "normal": ("一般", "normal"),
    },
    "work_order_state": {
        "new": ("待派工", "new"),
        "dispatched": ("已派工", "dispatched"),
        "on_site": ("已到场", "on site"),
        "fixed": ("已修复", "fixed"),
        "unfixable": ("无法修复", "cannot fix"),
        "visited": ("已回访", "visited back"),
        "closed": ("已关闭", "closed"),
    },
    # the service desk's cases (service/complaints.py, inspections.py, tempchecks.py)
    "complaint_channel": {
        "phone": ("电话", "by phone"),
        "visit": ("来访", "in person"),
        "letter": ("书面", "in writing"),
    },
    "complaint_state": {
        "open": ("待处理", "open"),
        "escalated": ("已上报经理", "escalated"),
        "awaiting_reply": ("待答复", "awaiting reply"),
        "closed": ("已办结", "closed"),
    },
    "complaint_action": {
        "add": ("受理", "received"),
        "handle": ("处理", "handled"),
        "escalate": ("上报", "escalated"),
        "reply": ("答复", "replied"),
    },
    "reply_method": {
        "phone": ("电话答复", "by phone"),
        "letter": ("书面答复", "by letter"),
    },
    "inspection_kind": {
        "patrol": ("巡检", "patrol"),
        "seal": ("贴封", "valve sealing"),
        "seal_check": ("查封", "seal check"),
        "cut_off": ("断管", "cut-off"),
        "theft": ("偷用私接", "heat theft"),
        "damage": ("损坏设施", "damage"),
    },
    "inspection_conclusion": {
        "normal": ("正常", "normal"),
        "violation": ("违章", "violation"),
        "uncertain": ("待查", "uncertain"),
    },
    "inspection_state": {
        "open": ("待结论", "open"),
        "concluded": ("已下结论", "concluded"),
        "closed": ("已结案", "closed"),
    },
    "inspection_follow_up": {
        "adjustment": ("补收热费（调账）", "stolen heat charged (adjustment)"),
        "fine": ("罚款", "fine"),
        "reconnection": ("恢复供热", "reconnection"),
        "rectify": ("整改", "rectification"),
    },
    # why a home is on the room-temperature check plan (四查)
    "tempcheck_reason": {
        "low_floor": ("低层", "low floor"),
        "network_end": ("管网末端", "network end"),
        "unit_inlet": ("单位入户装置", "unit customer's inlet"),
        "complaint": ("有投诉", "complaints"),
        "imbalance": ("失调", "imbalance"),
    },
    # heatoffice.db.backup: the kind of a backup file (the last part of its name)
    "backup_kind": {
        "daily": ("每日", "daily"),
        "weekly": ("每周", "weekly"),
        "monthly": ("每月", "monthly"),
        "manual": ("手动", "manual"),
        "pre_migration": ("升级前", "before an upgrade"),
        "init": ("初始化前", "before init"),
        "month_close": ("月结后", "after a month close"),
    },
    # 数据导入: what a file brings in, and why a row of it was skipped
    "import_kind": {
        "accounts": ("用户档案", "accounts"),
        "balances": ("历史欠费", "opening balances"),
        "payments": ("批量缴费", "payment batch"),
    },
    "import_skip": {
        "blank": ("空行", "blank row"),
        "total": ("合计行", "total row"),
        "header": ("重复的表头", "header repeated"),
    },
}
