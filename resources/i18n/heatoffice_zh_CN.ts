<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountCardDialog</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Collector</source>
        <translation>收费员</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>采暖季</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Billed</source>
        <translation>应收</translation>
    </message>
    <message>
        <source>Adjusted</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Late fees</source>
        <translation>滞纳金</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已缴</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>欠费</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>缴费期限</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>已结清</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Not yet due</source>
        <translation>未到期</translation>
    </message>
    <message>
        <source>Owed</source>
        <translation>欠费</translation>
    </message>
    <message>
        <source>Take payment</source>
        <translation>收费</translation>
    </message>
    <message>
        <source>Print statement…</source>
        <translation>打印对账单…</translation>
    </message>
    <message>
        <source>Print notice</source>
        <translation>打印缴费通知单</translation>
    </message>
    <message>
        <source>Recheck…</source>
        <translation>现场复核…</translation>
    </message>
    <message>
        <source>Record contact…</source>
        <translation>登记催缴…</translation>
    </message>
    <message>
        <source>Account details…</source>
        <translation>用户资料…</translation>
    </message>
    <message>
        <source>Account card: {no} {name}</source>
        <translation>客户卡片：{no} {name}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Owes today: {total}</source>
        <translation>今日应缴 {total}</translation>
    </message>
    <message>
        <source>overdue {amount}</source>
        <translation>其中逾期 {amount}</translation>
    </message>
    <message>
        <source>late fees accrued {amount}</source>
        <translation>含未计收滞纳金 {amount}</translation>
    </message>
    <message>
        <source>paid ahead {amount}</source>
        <translation>预存 {amount}</translation>
    </message>
    <message>
        <source>settled today: {amount} after a discount of {discount}</source>
        <translation>今日缴清只需 {amount}（优惠 {discount}）</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Payment notice</source>
        <translation>缴费通知单</translation>
    </message>
    <message>
        <source>Writing the notice…</source>
        <translation>正在生成缴费通知单…</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Account</source>
        <translation>用户档案</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>用热状态</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>empty: made from the address</source>
        <translation>留空：按地址自动生成</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>开户</translation>
    </message>
    <message>
        <source>Account {no}</source>
        <translation>用户档案 {no}</translation>
    </message>
    <message>
        <source>Changed only by an applied area measurement</source>
        <translation>只能由已生效的面积测量变更</translation>
    </message>
</context>
<context>
    <name>AccountView</name>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Heating area</source>
        <translation>供热面积</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Reprint receipt (F7)</source>
        <translation>补打收据(F7)</translation>
    </message>
    <message>
        <source>Reverse… (F8)</source>
        <translation>红冲…(F8)</translation>
    </message>
    <message>
        <source>Propose adjustment… (F9)</source>
        <translation>调账申请…(F9)</translation>
    </message>
    <message>
        <source>Account card (F12)</source>
        <translation>客户卡片 (F12)</translation>
    </message>
    <message>
        <source>Ledger (F6)</source>
        <translation>分户账(F6)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>凭证/说明</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>应收</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>实收</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>Search account no., name, phone, address… (Ctrl+F)</source>
        <translation>输入户号、户名、电话、地址查找… (Ctrl+F)</translation>
    </message>
    <message>
        <source>New (Ctrl+N)</source>
        <translation>新建(Ctrl+N)</translation>
    </message>
    <message>
        <source>Open (Enter)</source>
        <translation>打开(Enter)</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>统计户数</translation>
    </message>
    <message>
        <source>Count every matching account</source>
        <translation>统计所有符合条件的用户数</translation>
    </message>
    <message>
        <source>Owes money</source>
        <translation>只看欠费</translation>
    </message>
    <message>
        <source>Search:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>Community:</source>
        <translation>小区：</translation>
    </message>
    <message>
        <source>Heat station:</source>
        <translation>换热站：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>{count} accounts match</source>
        <translation>共 {count} 户</translation>
    </message>
    <message>
        <source>Showing the first {count} accounts; scroll for more</source>
        <translation>已显示前 {count} 户，向下滚动显示更多</translation>
    </message>
</context>
<context>
    <name>AddStaffDialog</name>
    <message>
        <source>Add staff member</source>
        <translation>新增员工</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add user</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>AdjustmentsPage</name>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>调账类别</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Proposed by</source>
        <translation>提出人</translation>
    </message>
    <message>
        <source>Proposed at</source>
        <translation>提出时间</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>批准…</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Adjustments waiting for approval (+ charge, − credit). Whoever proposed one cannot approve it.</source>
        <translation>待审批的调账（正数为补收，负数为减免/退费）。提出人不能审批自己提出的调账。</translation>
    </message>
    <message>
        <source>{count} waiting</source>
        <translation>待审批 {count} 笔</translation>
    </message>
    <message>
        <source>Approve {amount} on this account? It enters the ledger today.</source>
        <translation>批准该户调账 {amount}？批准后按今天记入台账。</translation>
    </message>
</context>
<context>
    <name>AdjustmentsSection</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>采暖季</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>调账类别</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>State</source>
        <translation>审批状态</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Proposed by</source>
        <translation>提出人</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>审批人</translation>
    </message>
</context>
<context>
    <name>ApplicationsPlaceholder</name>
    <message>
        <source>The account&apos;s heat-use applications (open, stop, resume, transfer, area change, close) will be listed here once business reception is part of heatoffice.</source>
        <translation>业务接待模块上线后，这里将列出该用户的用热申请（开通、报停、复供、过户、面积变更、销户）。</translation>
    </message>
</context>
<context>
    <name>ApplicationsSection</name>
    <message>
        <source>Number</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收日期</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>办结时限</translation>
    </message>
</context>
<context>
    <name>AreaHistorySection</name>
    <message>
        <source>Applied at</source>
        <translation>变更时间</translation>
    </message>
    <message>
        <source>Area before (m²)</source>
        <translation>原面积（㎡）</translation>
    </message>
    <message>
        <source>Area after (m²)</source>
        <translation>新面积（㎡）</translation>
    </message>
    <message>
        <source>Effective from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Measurement</source>
        <translation>测量记录</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>first area</source>
        <translation>开户面积</translation>
    </message>
</context>
<context>
    <name>ArrearsPage</name>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Record contact…</source>
        <translation>登记催缴…</translation>
    </message>
    <message>
        <source>Dunning notices: selected</source>
        <translation>催缴通知（所选用户）</translation>
    </message>
    <message>
        <source>Dunning notices: community</source>
        <translation>催缴通知（整个小区）</translation>
    </message>
    <message>
        <source>Collector&apos;s round sheet</source>
        <translation>收费员走访单</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Community:</source>
        <translation>小区：</translation>
    </message>
    <message>
        <source>Building:</source>
        <translation>楼号：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Collector:</source>
        <translation>收费员：</translation>
    </message>
    <message>
        <source>Age:</source>
        <translation>账龄：</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation>面积(㎡)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Late fees</source>
        <translation>滞纳金</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>账龄</translation>
    </message>
    <message>
        <source>{age}: {count} accounts, {owed}</source>
        <translation>{age}：{count} 户，{owed}</translation>
    </message>
    <message>
        <source>Select the accounts first.</source>
        <translation>请先选择用户。</translation>
    </message>
    <message>
        <source>Choose a community first.</source>
        <translation>请先选择小区。</translation>
    </message>
    <message>
        <source>Dunning notices</source>
        <translation>催缴通知单</translation>
    </message>
    <message>
        <source>Writing dunning notices…</source>
        <translation>正在生成催缴通知单…</translation>
    </message>
    <message>
        <source>Choose a collector first.</source>
        <translation>请先选择收费员。</translation>
    </message>
    <message>
        <source>Nobody in this collector&apos;s areas owes anything.</source>
        <translation>该收费员片区内没有欠费用户。</translation>
    </message>
    <message>
        <source>Writing the round sheet…</source>
        <translation>正在生成走访催缴单…</translation>
    </message>
    <message>
        <source>Include not yet due</source>
        <translation>含未到期</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期欠费</translation>
    </message>
    <message>
        <source>Not yet due</source>
        <translation>未到期</translation>
    </message>
    <message>
        <source>Oldest overdue season</source>
        <translation>最早逾期采暖季</translation>
    </message>
    <message>
        <source>{count} accounts owe {owed} overdue</source>
        <translation>共 {count} 户逾期欠费，合计 {owed}</translation>
    </message>
    <message>
        <source>, {not_due} more not yet due</source>
        <translation>，另有未到期 {not_due}</translation>
    </message>
    <message>
        <source>not listed, all not yet due: {count} accounts, {owed}</source>
        <translation>未列入（欠款均未到期）：{count} 户，{owed}</translation>
    </message>
    <message>
        <source>Exporting arrears…</source>
        <translation>正在导出欠费清单…</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign to a post</source>
        <translation>任命岗位</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>任命</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Add a staff member first.</source>
        <translation>请先新增员工。</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>user name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>e.g. accounts. or auth.login</source>
        <translation>例如 accounts. 或 auth.login</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Select a row to see the values before and after the change.</source>
        <translation>选中一行，查看修改前后的内容。</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Action starts with:</source>
        <translation>操作开头为：</translation>
    </message>
    <message>
        <source>{count} entries, newest first</source>
        <translation>共 {count} 条，最新的在前</translation>
    </message>
    <message>
        <source>(only the newest {limit} shown)</source>
        <translation>（仅显示最新 {limit} 条）</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
</context>
<context>
    <name>Backups</name>
    <message>
        <source>The daily backup failed: {reason}</source>
        <translation>今日自动备份失败：{reason}</translation>
    </message>
    <message>
        <source>Last backup: never</source>
        <translation>最近备份：从未备份</translation>
    </message>
    <message>
        <source>Last backup: today {time}</source>
        <translation>最近备份：今天 {time}</translation>
    </message>
    <message>
        <source>Last backup: {days} days ago</source>
        <translation>最近备份：{days} 天前</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Automatic backups: the first start of the day; kept 7 daily, 4 weekly and 12 monthly (settings backup_daily, backup_weekly, backup_monthly). To restore, close every desk and run: heatoffice restore FILE --last-receipt NO (the last receipt number really issued, from the stub book or the last daily report).</source>
        <translation>自动备份：每天第一次启动时进行；保留每日 7 份、每周 4 份、每月 12 份（设置项 backup_daily、backup_weekly、backup_monthly）。恢复时请先关闭所有收费台，再运行：heatoffice restore 备份文件 --last-receipt 最后收据号（实际开出的最后一张收据号，见纸质存根或最后的收费日报）。</translation>
    </message>
    <message>
        <source>Backups folder: {folder}</source>
        <translation>备份文件夹：{folder}</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>DAMAGED</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>Backed up: {file}</source>
        <translation>已备份：{file}</translation>
    </message>
</context>
<context>
    <name>BillingRun</name>
    <message>
        <source>Billing season {season}…</source>
        <translation>正在为采暖季 {season} 开票…</translation>
    </message>
    <message>
        <source>Season {season} billed: {billed} bills, total {total}. {skipped} accounts are not billable (pending, closed, no area or connected after the season).</source>
        <translation>采暖季 {season} 开票完成：开出账单 {billed} 户，合计 {total}。另有 {skipped} 户不开票（待开通、已销户、无面积或采暖季结束后入网）。</translation>
    </message>
    <message>
        <source>Billing of season {season} cancelled: no bill was issued.</source>
        <translation>采暖季 {season} 的开票已取消，未开出任何账单。</translation>
    </message>
</context>
<context>
    <name>BillsSection</name>
    <message>
        <source>Season</source>
        <translation>采暖季</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>账单类别</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>开票日期</translation>
    </message>
    <message>
        <source>Area (m²)</source>
        <translation>面积(㎡)</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已缴</translation>
    </message>
    <message>
        <source>Status billed</source>
        <translation>计费状态</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>开票人</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Share / days</source>
        <translation>比例/天数</translation>
    </message>
</context>
<context>
    <name>CardSections</name>
    <message>
        <source>Bills</source>
        <translation>账单</translation>
    </message>
    <message>
        <source>Payments and reversals</source>
        <translation>收费与红冲</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>分户账</translation>
    </message>
    <message>
        <source>Adjustments</source>
        <translation>调账</translation>
    </message>
    <message>
        <source>Rechecks</source>
        <translation>现场复核</translation>
    </message>
    <message>
        <source>Dunning contacts</source>
        <translation>催缴记录</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>用热申请</translation>
    </message>
    <message>
        <source>Measurements</source>
        <translation>面积测量</translation>
    </message>
    <message>
        <source>Complaints and inspections</source>
        <translation>投诉与稽查</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>稽查巡检</translation>
    </message>
    <message>
        <source>Room temperatures</source>
        <translation>室温检测</translation>
    </message>
</context>
<context>
    <name>CasesSection</name>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>方式/类别/读数</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容/结论/房间</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>稽查</translation>
    </message>
    <message>
        <source>Room temperature</source>
        <translation>室温</translation>
    </message>
    <message>
        <source>below the standard</source>
        <translation>低于标准</translation>
    </message>
</context>
<context>
    <name>CashierPage</name>
    <message>
        <source>Account no., name, address or phone — Enter picks, Down to the list</source>
        <translation>输入户号、户名、地址或电话 — Enter 选定，↓ 进入列表</translation>
    </message>
    <message>
        <source>F1 cash  F2 card  F3 WeChat  F4 Alipay  F5 transfer  ·  Enter next field, on the confirmation: take  ·  Ctrl+Enter take  ·  F6 ledger  F7 reprint  F8 reverse  F9 adjustment  ·  Esc back to search</source>
        <translation>F1 现金  F2 银行卡  F3 微信  F4 支付宝  F5 转账  ·  Enter 下一项，在确认框上：收款  ·  Ctrl+Enter 收款  ·  F6 分户账  F7 补打  F8 红冲  F9 调账申请  ·  Esc 返回查找</translation>
    </message>
    <message>
        <source>Find account:</source>
        <translation>查找用户：</translation>
    </message>
    <message>
        <source>No account found</source>
        <translation>没有找到用户</translation>
    </message>
    <message>
        <source>{count} found</source>
        <translation>找到 {count} 户</translation>
    </message>
    <message>
        <source>{count}+ found</source>
        <translation>找到 {count} 户以上</translation>
    </message>
    <message>
        <source>Receipt {receipt}</source>
        <translation>收据 {receipt}</translation>
    </message>
    <message>
        <source>The payment was taken: receipt {receipt}.
Its receipt could not be printed: {reason}
Print it again with F7 (Reprint) in the ledger.</source>
        <translation>已收款：收据号 {receipt}。
收据未能打印：{reason}
请在台账中按 F7（补打）重新打印。</translation>
    </message>
    <message>
        <source>(copy)</source>
        <translation>（副本）</translation>
    </message>
    <message>
        <source>The adjustment was proposed; it enters the ledger once a manager approves it.</source>
        <translation>调账申请已提交，经理批准后记入台账。</translation>
    </message>
    <message>
        <source>Reversal receipt {receipt}</source>
        <translation>红冲收据 {receipt}</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password — {user}</source>
        <translation>修改密码 — {user}</translation>
    </message>
    <message>
        <source>At least {min} characters.</source>
        <translation>密码至少 {min} 位。</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Choices</name>
    <message>
        <source>(all)</source>
        <translation>（全部）</translation>
    </message>
</context>
<context>
    <name>ClosingPage</name>
    <message>
        <source>Day</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>收据张数</translation>
    </message>
    <message>
        <source>First receipt</source>
        <translation>起始收据号</translation>
    </message>
    <message>
        <source>Last receipt</source>
        <translation>终止收据号</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>收款合计</translation>
    </message>
    <message>
        <source>Reversals</source>
        <translation>红冲</translation>
    </message>
    <message>
        <source>Net total</source>
        <translation>净收款</translation>
    </message>
    <message>
        <source>Cash to hand over</source>
        <translation>应交现金</translation>
    </message>
    <message>
        <source>Ledger seal</source>
        <translation>账本封存码</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Close the day…</source>
        <translation>日结…</translation>
    </message>
    <message>
        <source>Daily report</source>
        <translation>收费日报</translation>
    </message>
    <message>
        <source>Daily report to Excel…</source>
        <translation>日报导出 Excel…</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月结</translation>
    </message>
    <message>
        <source>Close the month…</source>
        <translation>月结…</translation>
    </message>
    <message>
        <source>Month report</source>
        <translation>收费月报</translation>
    </message>
    <message>
        <source>Month report to Excel…</source>
        <translation>月报导出 Excel…</translation>
    </message>
    <message>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>Cashier:</source>
        <translation>收费员：</translation>
    </message>
    <message>
        <source>Business date:</source>
        <translation>营业日期：</translation>
    </message>
    <message>
        <source>Closed {at} by {who}</source>
        <translation>已日结（{at}，{who}）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未日结</translation>
    </message>
    <message>
        <source>{count} ({payments} payments)</source>
        <translation>{count} 张（收款 {payments} 笔）</translation>
    </message>
    <message>
        <source>{count}, {amount}</source>
        <translation>{count} 笔，{amount}</translation>
    </message>
    <message>
        <source>Close {cashier}&apos;s day {day}? {count} receipts, net {total}, cash to hand over {cash}. After closing nothing can be entered on that day.</source>
        <translation>确定为 {cashier} 日结 {day}？收据 {count} 张，净收款 {total}，应交现金 {cash}。日结后该日不能再记账。</translation>
    </message>
    <message>
        <source>The day is closed. Hand over {cash} in cash.</source>
        <translation>已日结。请上交现金 {cash}。</translation>
    </message>
    <message>
        <source>Writing the daily report…</source>
        <translation>正在生成收费日报…</translation>
    </message>
    <message>
        <source>Exporting the daily report…</source>
        <translation>正在导出收费日报…</translation>
    </message>
    <message>
        <source>{month} is closed ({at}, {who}): total {total}.</source>
        <translation>{month} 已月结（{at}，{who}），合计 {total}。</translation>
    </message>
    <message>
        <source>Ledger seal {code}.</source>
        <translation>账本封存码 {code}。</translation>
    </message>
    <message>
        <source>{month}: {count} cashier days still open: {days}</source>
        <translation>{month}：还有 {count} 个收费日未日结：{days}</translation>
    </message>
    <message>
        <source>{month}: every cashier day is closed.</source>
        <translation>{month}：所有收费日均已日结。</translation>
    </message>
    <message>
        <source>Close the month {month}? Nothing dated in it can be entered afterwards.</source>
        <translation>确定月结 {month}？月结后不能再记入该月。</translation>
    </message>
    <message>
        <source>The month {month} is closed.</source>
        <translation>{month} 已月结。</translation>
    </message>
    <message>
        <source>Writing the month report…</source>
        <translation>正在生成收费月报…</translation>
    </message>
    <message>
        <source>Exporting the month report…</source>
        <translation>正在导出收费月报…</translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message>
        <source>(all)</source>
        <translation>（全部）</translation>
    </message>
    <message>
        <source>Open only</source>
        <translation>只看未办结</translation>
    </message>
    <message>
        <source>Reply overdue</source>
        <translation>答复超期</translation>
    </message>
    <message>
        <source>New complaint</source>
        <translation>受理投诉</translation>
    </message>
    <message>
        <source>account number, or the address below</source>
        <translation>户号，或在下面填写地址</translation>
    </message>
    <message>
        <source>Record complaint</source>
        <translation>登记投诉</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>投诉方式：</translation>
    </message>
    <message>
        <source>Complainant:</source>
        <translation>投诉人：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>户号：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Complaint:</source>
        <translation>投诉内容：</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>投诉编号</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Reply due</source>
        <translation>答复期限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>Selected complaint</source>
        <translation>所选投诉</translation>
    </message>
    <message>
        <source>Record decision</source>
        <translation>登记处理</translation>
    </message>
    <message>
        <source>manager&apos;s user name</source>
        <translation>经理的用户名</translation>
    </message>
    <message>
        <source>why it is beyond the handler&apos;s authority</source>
        <translation>上报原因：超出处理权限的事项</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>Record reply</source>
        <translation>登记答复</translation>
    </message>
    <message>
        <source>Reply letter…</source>
        <translation>答复函…</translation>
    </message>
    <message>
        <source>Facts:</source>
        <translation>事实经过：</translation>
    </message>
    <message>
        <source>Customer&apos;s view:</source>
        <translation>用户意见：</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>处理决定：</translation>
    </message>
    <message>
        <source>Escalate to:</source>
        <translation>上报经理：</translation>
    </message>
    <message>
        <source>Reply:</source>
        <translation>答复：</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Select a complaint first.</source>
        <translation>请先选择一件投诉。</translation>
    </message>
    <message>
        <source>Reply letter</source>
        <translation>投诉答复函</translation>
    </message>
    <message>
        <source>Writing the letter…</source>
        <translation>正在生成答复函…</translation>
    </message>
</context>
<context>
    <name>ConfirmSummary</name>
    <message>
        <source>No account chosen.</source>
        <translation>尚未选择缴费户。</translation>
    </message>
    <message>
        <source>not a valid amount</source>
        <translation>不是有效金额</translation>
    </message>
    <message>
        <source>type the amount</source>
        <translation>请输入金额</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>缴费户</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Enter: take this payment · Esc: back to the search</source>
        <translation>Enter：收取这笔费用 · Esc：回到查找</translation>
    </message>
    <message>
        <source>Check, then Ctrl+Enter — or Enter here — takes it</source>
        <translation>核对无误后按 Ctrl+Enter（或在此框上按 Enter）收款</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>heatoffice: program error</source>
        <translation>heatoffice：程序错误</translation>
    </message>
    <message>
        <source>The program hit an error it did not expect. Please copy the text below and send it to the maintainers. Unsaved input of the current form may be lost.</source>
        <translation>程序遇到了意外错误。请复制下面的内容发给维护人员。当前窗口中尚未保存的输入可能会丢失。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>heatoffice</source>
        <translation>heatoffice</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>My takings today</source>
        <translation>本人今日收款</translation>
    </message>
    <message>
        <source>Receipts today</source>
        <translation>今日收据</translation>
    </message>
    <message>
        <source>Reversals today</source>
        <translation>今日红冲</translation>
    </message>
    <message>
        <source>Collection rate</source>
        <translation>收费率</translation>
    </message>
    <message>
        <source>Collected this season</source>
        <translation>本季实收</translation>
    </message>
    <message>
        <source>Last season, same day</source>
        <translation>上季同期收费率</translation>
    </message>
    <message>
        <source>Takings this month</source>
        <translation>本月收款</translation>
    </message>
    <message>
        <source>Days not closed</source>
        <translation>未日结天数</translation>
    </message>
    <message>
        <source>Adjustments to approve</source>
        <translation>待审批调账</translation>
    </message>
    <message>
        <source>Applications past due</source>
        <translation>超期未办结申请</translation>
    </message>
    <message>
        <source>Applications today</source>
        <translation>今日受理</translation>
    </message>
    <message>
        <source>Waiting at reception</source>
        <translation>待受理</translation>
    </message>
    <message>
        <source>Calls today</source>
        <translation>今日来电</translation>
    </message>
    <message>
        <source>Open work orders</source>
        <translation>未办结工单</translation>
    </message>
    <message>
        <source>Work orders past deadline</source>
        <translation>超时工单</translation>
    </message>
    <message>
        <source>Not dispatched in time</source>
        <translation>超时未派工</translation>
    </message>
    <message>
        <source>Complaint replies overdue</source>
        <translation>投诉逾期未答复</translation>
    </message>
    <message>
        <source>Open inspections</source>
        <translation>未结稽查</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Reading the season</source>
        <translation>正在读取采暖季数据</translation>
    </message>
    <message>
        <source>{role} — {day}{season}</source>
        <translation>{role} — {day}{season}</translation>
    </message>
    <message>
        <source>, season {name}</source>
        <translation>，{name} 采暖季</translation>
    </message>
    <message>
        <source>company average</source>
        <translation>全公司平均</translation>
    </message>
    <message>
        <source>Today by method (yuan)</source>
        <translation>今日按收款方式（元）</translation>
    </message>
    <message>
        <source>Weakest communities</source>
        <translation>收费率最低的小区</translation>
    </message>
    <message>
        <source>Weakest heat stations</source>
        <translation>收费率最低的换热站</translation>
    </message>
</context>
<context>
    <name>DispatchDialog</name>
    <message>
        <source>Dispatch {number}</source>
        <translation>派工 {number}</translation>
    </message>
    <message>
        <source>{category} · {severity}
{address}
{content}
Due: {due}</source>
        <translation>{category} · {severity}
{address}
{content}
处理时限：{due}</translation>
    </message>
    <message>
        <source>login, staff no. or name</source>
        <translation>登录名、工号或姓名</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>派给：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
</context>
<context>
    <name>DunningDialog</name>
    <message>
        <source>Dunning: {no} {name}</source>
        <translation>催缴登记：{no} {name}</translation>
    </message>
    <message>
        <source>{address} — owes {owed}, late fees {fees}. Be polite: remind, explain, thank the customer.</source>
        <translation>{address} — 欠费 {owed}，滞纳金 {fees}。催缴语气温和：说明情况，耐心解答，致谢道别。</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>承诺缴费日</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>下次跟进</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, may stay empty</source>
        <translation>年-月-日，可不填</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Dunning log:</source>
        <translation>催缴记录：</translation>
    </message>
    <message>
        <source>New contact:</source>
        <translation>本次催缴：</translation>
    </message>
</context>
<context>
    <name>DunningSection</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>承诺缴费日</translation>
    </message>
    <message>
        <source>Follow up on</source>
        <translation>下次跟进</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>heatoffice</source>
        <translation>heatoffice</translation>
    </message>
    <message>
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消，没有写入任何内容。</translation>
    </message>
    <message>
        <source>Nothing to print.</source>
        <translation>没有需要打印的内容。</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported {rows} rows to {path}.</source>
        <translation>已导出 {rows} 行到 {path}。</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Set the administrator password</source>
        <translation>设置管理员密码</translation>
    </message>
    <message>
        <source>This database has no administrator yet. Choose the password of the user &quot;admin&quot; (at least {min} characters).</source>
        <translation>此数据库还没有管理员。请设置用户“admin”的密码（至少 {min} 位）。</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>HotlinePage</name>
    <message>
        <source>account no., name, address or phone; Enter searches</source>
        <translation>户号、户名、地址或电话，回车查找</translation>
    </message>
    <message>
        <source>only for a call outside our scope: the body the caller was pointed to</source>
        <translation>仅限不属本公司范围的来电：告知用户的查询部门</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>联系人：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Content:</source>
        <translation>报修内容：</translation>
    </message>
    <message>
        <source>Pointed to:</source>
        <translation>告知查询部门：</translation>
    </message>
    <message>
        <source>Read back to the caller (复述) and have it confirmed</source>
        <translation>向来电人复述并确认</translation>
    </message>
    <message>
        <source>Caller confirmed: save the call (Enter)</source>
        <translation>来电人已确认：保存来电（回车）</translation>
    </message>
    <message>
        <source>Correct (Esc)</source>
        <translation>修改（Esc）</translation>
    </message>
    <message>
        <source>Read back (Ctrl+R)</source>
        <translation>复述（Ctrl+R）</translation>
    </message>
    <message>
        <source>New call (F2)</source>
        <translation>新来电（F2）</translation>
    </message>
    <message>
        <source>Account card (F12)</source>
        <translation>客户卡片 (F12)</translation>
    </message>
    <message>
        <source>Work order and dispatch (Ctrl+D)</source>
        <translation>开维修单并派工（Ctrl+D）</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>来电编号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>来电时间</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Pointed to</source>
        <translation>告知查询部门</translation>
    </message>
    <message>
        <source>F2 new call  ·  Enter next field  ·  Enter on the content or Ctrl+R read back  ·  Enter on the read-back or Ctrl+S save  ·  Esc correct  ·  F12 account card  ·  Ctrl+D dispatch</source>
        <translation>F2 新来电  ·  回车 下一项  ·  在报修内容上回车或 Ctrl+R 复述  ·  在复述框上回车或 Ctrl+S 保存  ·  Esc 修改  ·  F12 客户卡片  ·  Ctrl+D 派工</translation>
    </message>
    <message>
        <source>Recent calls</source>
        <translation>最近来电</translation>
    </message>
    <message>
        <source>No account found: type the address.</source>
        <translation>没有找到用户：请输入地址。</translation>
    </message>
    <message>
        <source>Unit: {unit}
Contact: {contact}  {phone}
Address: {address}
Content: {category}, {content}</source>
        <translation>单位：{unit}
联系人：{contact}  {phone}
地址：{address}
报修内容：{category}，{content}</translation>
    </message>
    <message>
        <source>Read the call back to the caller first (Ctrl+R).</source>
        <translation>请先向来电人复述（Ctrl+R）。</translation>
    </message>
    <message>
        <source>Saved {number}</source>
        <translation>已保存 {number}</translation>
    </message>
    <message>
        <source>Find the account first.</source>
        <translation>请先查找用户。</translation>
    </message>
    <message>
        <source>Save a call first.</source>
        <translation>请先保存来电。</translation>
    </message>
    <message>
        <source>Work order {number}</source>
        <translation>维修单 {number}</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <source>Excel (.xlsx) or CSV file</source>
        <translation>Excel（.xlsx）或 CSV 文件</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Register new communities</source>
        <translation>登记新小区</translation>
    </message>
    <message>
        <source>collected by</source>
        <translation>代收来源</translation>
    </message>
    <message>
        <source>Read and check</source>
        <translation>读取并检查</translation>
    </message>
    <message>
        <source>Template…</source>
        <translation>模板…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Remember for this layout</source>
        <translation>记住此表格式的对应</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列对应</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Import all valid rows</source>
        <translation>导入全部无误的行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save rejected rows…</source>
        <translation>保存未导入的行…</translation>
    </message>
    <message>
        <source>File to import</source>
        <translation>要导入的文件</translation>
    </message>
    <message>
        <source>Excel or CSV (*.xlsx *.csv)</source>
        <translation>Excel 或 CSV（*.xlsx *.csv）</translation>
    </message>
    <message>
        <source>Reading and checking the file…</source>
        <translation>正在读取并检查文件…</translation>
    </message>
    <message>
        <source>(column {n})</source>
        <translation>（第 {n} 列）</translation>
    </message>
    <message>
        <source>{file}, sheet {sheet}, header in row {header}: {read} rows read, {skipped} skipped (blank, total, header repeated), {valid} valid, {rejected} with problems.</source>
        <translation>{file}，工作表 {sheet}，表头在第 {header} 行：读取 {read} 行，跳过 {skipped} 行（空行、合计行、重复的表头），无误 {valid} 行，有问题 {rejected} 行。</translation>
    </message>
    <message>
        <source>Communities registered on import: {names}.</source>
        <translation>导入时登记的小区：{names}。</translation>
    </message>
    <message>
        <source>Communities not registered: {names} (tick &quot;Register new communities&quot; and check again).</source>
        <translation>尚未登记的小区：{names}（勾选“登记新小区”后重新检查）。</translation>
    </message>
    <message>
        <source>File total {total}.</source>
        <translation>文件合计 {total}。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Imported {imported} of {read} rows; {skipped} skipped, {rejected} rejected.</source>
        <translation>已导入 {imported} 行（共 {read} 行）；跳过 {skipped} 行，拒绝 {rejected} 行。</translation>
    </message>
    <message>
        <source>Reconciliation: file total {total}, imported {imported}, not imported {rest}.</source>
        <translation>对账：文件合计 {total}，导入 {imported}，未导入 {rest}。</translation>
    </message>
    <message>
        <source>The mapping is remembered for files laid out like this one.</source>
        <translation>已记住列对应，格式相同的文件将按此对应。</translation>
    </message>
    <message>
        <source>{count} rejected rows saved to {path}.</source>
        <translation>未导入的 {count} 行已保存到 {path}。</translation>
    </message>
    <message>
        <source>-rejected</source>
        <translation>-未导入</translation>
    </message>
    <message>
        <source>-template</source>
        <translation>-导入模板</translation>
    </message>
    <message>
        <source>Template saved to {path}.</source>
        <translation>模板已保存到 {path}。</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件（*.xlsx）</translation>
    </message>
</context>
<context>
    <name>InspectionsTab</name>
    <message>
        <source>(all)</source>
        <translation>（全部）</translation>
    </message>
    <message>
        <source>Open only</source>
        <translation>只看未结案</translation>
    </message>
    <message>
        <source>New inspection</source>
        <translation>登记稽查</translation>
    </message>
    <message>
        <source>account number, or the address below</source>
        <translation>户号，或在下面填写地址</translation>
    </message>
    <message>
        <source>user name (you by default)</source>
        <translation>用户名（默认本人）</translation>
    </message>
    <message>
        <source>Record inspection</source>
        <translation>登记稽查</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>户号：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Findings:</source>
        <translation>发现情况：</translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>证据记录：</translation>
    </message>
    <message>
        <source>Inspector:</source>
        <translation>稽查人：</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>稽查编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>稽查人</translation>
    </message>
    <message>
        <source>Inspected</source>
        <translation>稽查时间</translation>
    </message>
    <message>
        <source>Days open</source>
        <translation>未结天数</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>处理项</translation>
    </message>
    <message>
        <source>Selected inspection</source>
        <translation>所选稽查</translation>
    </message>
    <message>
        <source>Conclude</source>
        <translation>下结论</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>m² (the account&apos;s)</source>
        <translation>面积（默认档案面积）</translation>
    </message>
    <message>
        <source>fine, yuan</source>
        <translation>罚款（元）</translation>
    </message>
    <message>
        <source>what was done</source>
        <translation>处理情况说明</translation>
    </message>
    <message>
        <source>Record follow-up</source>
        <translation>登记处理</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Conclusion:</source>
        <translation>结论：</translation>
    </message>
    <message>
        <source>Follow-up:</source>
        <translation>处理：</translation>
    </message>
    <message>
        <source>Select an inspection first.</source>
        <translation>请先选择一次稽查。</translation>
    </message>
</context>
<context>
    <name>LedgerSection</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>凭证/说明</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>应收</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>实收</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in — heatoffice</source>
        <translation>登录 — heatoffice</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>{count} wrong passwords in a row lock the user for {minutes} minutes.</source>
        <translation>连续输错密码 {count} 次，该用户将被锁定 {minutes} 分钟。</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{company} — heatoffice</source>
        <translation>{company} — 供热营业管理</translation>
    </message>
    <message>
        <source>[demo data]</source>
        <translation>【演示数据】</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Company &amp;settings…</source>
        <translation>公司设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Switch user…</source>
        <translation>切换用户(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Log out</source>
        <translation>退出登录(&amp;L)</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>快捷键(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
    <message>
        <source>About heatoffice</source>
        <translation>关于 heatoffice</translation>
    </message>
    <message>
        <source>heatoffice {version}
Desk software of a district-heating company.</source>
        <translation>heatoffice {version}
供热公司营业管理软件。</translation>
    </message>
    <message>
        <source>User: {name}</source>
        <translation>用户：{name}</translation>
    </message>
    <message>
        <source>Role: {role}</source>
        <translation>角色：{role}</translation>
    </message>
    <message>
        <source>Database: {db}</source>
        <translation>数据库：{db}</translation>
    </message>
</context>
<context>
    <name>MeasurementEditor</name>
    <message>
        <source>New area measurement</source>
        <translation>新建面积测量</translation>
    </message>
    <message>
        <source>user names, separated by spaces</source>
        <translation>用户名，以空格分隔</translation>
    </message>
    <message>
        <source>YYYY-MM-DD (default today)</source>
        <translation>YYYY-MM-DD（默认今天）</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Computed area: {area} m² (rules version {v})</source>
        <translation>计算面积：{area} ㎡（第 {v} 版规则）</translation>
    </message>
</context>
<context>
    <name>MeasurementsPage</name>
    <message>
        <source>difference at least (m²)</source>
        <translation>面积差不小于（㎡）</translation>
    </message>
    <message>
        <source>Open re-measurement requests</source>
        <translation>待办复测申请</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Measured on</source>
        <translation>测量日期</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Area before</source>
        <translation>原登记面积</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>测量面积</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>面积差</translation>
    </message>
    <message>
        <source>Measurers</source>
        <translation>测量人</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>复核通过</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>Apply…</source>
        <translation>生效…</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>生效</translation>
    </message>
    <message>
        <source>Effective date (YYYY-MM-DD)</source>
        <translation>生效日期（YYYY-MM-DD）</translation>
    </message>
</context>
<context>
    <name>MeasurementsPlaceholder</name>
    <message>
        <source>The account&apos;s area measurements and re-measurements will be listed here once customer service&apos;s measurements are part of heatoffice.</source>
        <translation>客服部面积测量模块上线后，这里将列出该用户的面积测量与复测记录。</translation>
    </message>
</context>
<context>
    <name>MeterReadingDialog</name>
    <message>
        <source>Meter reading, season {season}</source>
        <translation>抄表录入（{season} 采暖季）</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>The meter&apos;s readings at the start and the end of the season. A new reading replaces an unsettled one.</source>
        <translation>录入热量表在采暖季开始和结束时的读数。未结算前再次录入将替换原读数。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>NewApplicationWizard</name>
    <message>
        <source>New application</source>
        <translation>新申请</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Receive</source>
        <translation>接收(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Print receipt</source>
        <translation>打印回执(&amp;P)</translation>
    </message>
    <message>
        <source>No such account.</source>
        <translation>没有这个户号。</translation>
    </message>
    <message>
        <source>{name}, {address}, {area} m², {status}; balance ¥{balance}</source>
        <translation>{name}，{address}，{area} ㎡，{status}；余额 ¥{balance}</translation>
    </message>
    <message>
        <source>not brought</source>
        <translation>未提供</translation>
    </message>
    <message>
        <source>No documents are needed.</source>
        <translation>无需提交材料。</translation>
    </message>
    <message>
        <source>Missing: {docs} (it can be received, not accepted)</source>
        <translation>缺少：{docs}（可以接收，补齐前不能受理）</translation>
    </message>
    <message>
        <source>All desk rules are met.</source>
        <translation>符合受理规定。</translation>
    </message>
    <message>
        <source>Received: {number}</source>
        <translation>已接收：{number}</translation>
    </message>
    <message>
        <source>Filed after the deadline: stops from the {season} season.</source>
        <translation>已过报停截止日：自 {season} 采暖季起报停。</translation>
    </message>
    <message>
        <source>Acceptance receipt</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <source>Writing the receipt…</source>
        <translation>正在生成回执…</translation>
    </message>
</context>
<context>
    <name>NoticeBatchDialog</name>
    <message>
        <source>Payment notices {season}</source>
        <translation>缴费通知单 {season}</translation>
    </message>
    <message>
        <source>Also print accounts that owe nothing</source>
        <translation>已缴清的用户也打印</translation>
    </message>
    <message>
        <source>Community:</source>
        <translation>小区：</translation>
    </message>
    <message>
        <source>Settled accounts get no notice unless this is ticked.</source>
        <translation>不勾选时，已缴清（无需缴费）的用户不打印通知单。</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
</context>
<context>
    <name>OrgPage</name>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Responsibilities of the department:</source>
        <translation>部门职责：</translation>
    </message>
    <message>
        <source>Posts and their duties:</source>
        <translation>岗位及岗位职责：</translation>
    </message>
    <message>
        <source>staff no., name or phone</source>
        <translation>工号、姓名或电话</translation>
    </message>
    <message>
        <source>Add staff member…</source>
        <translation>新增员工…</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Hired on</source>
        <translation>入职日期</translation>
    </message>
    <message>
        <source>Assign to a post…</source>
        <translation>任命岗位…</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>任职日期</translation>
    </message>
    <message>
        <source>Posts and duties</source>
        <translation>岗位职责</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Current assignments</source>
        <translation>当前任职</translation>
    </message>
    <message>
        <source>This department has no posts of its own; see its sections.</source>
        <translation>本部门没有直属岗位，请查看其下属科组。</translation>
    </message>
    <message>
        <source>All departments: {count} assignments in force</source>
        <translation>全部部门：当前任职 {count} 人次</translation>
    </message>
    <message>
        <source>{department}: {count} assignments in force</source>
        <translation>{department}：当前任职 {count} 人次</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Accounts</source>
        <translation>用户档案</translation>
    </message>
    <message>
        <source>Day and month close</source>
        <translation>日结月结</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织机构</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收费</translation>
    </message>
    <message>
        <source>Arrears</source>
        <translation>欠费催缴</translation>
    </message>
    <message>
        <source>On-site recheck</source>
        <translation>现场复核</translation>
    </message>
    <message>
        <source>Adjustments</source>
        <translation>调账审批</translation>
    </message>
    <message>
        <source>Seasons and tariffs</source>
        <translation>采暖季与热价</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>登录用户</translation>
    </message>
    <message>
        <source>Area measurement</source>
        <translation>面积测量</translation>
    </message>
    <message>
        <source>Reception</source>
        <translation>业务受理</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>数据导入</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>热线</translation>
    </message>
    <message>
        <source>Work orders</source>
        <translation>维修单</translation>
    </message>
    <message>
        <source>Complaints and inspections</source>
        <translation>投诉与稽查</translation>
    </message>
    <message>
        <source>Service report</source>
        <translation>服务报表</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Collection reports</source>
        <translation>收费统计</translation>
    </message>
</context>
<context>
    <name>PaymentPanel</name>
    <message>
        <source>Owed today</source>
        <translation>今日应缴</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>欠费余额</translation>
    </message>
    <message>
        <source>Late fees</source>
        <translation>滞纳金</translation>
    </message>
    <message>
        <source>Early-payment discount</source>
        <translation>提前缴费优惠</translation>
    </message>
    <message>
        <source>Paid ahead</source>
        <translation>预存</translation>
    </message>
    <message>
        <source>To settle today</source>
        <translation>今日结清应缴</translation>
    </message>
    <message>
        <source>transaction no. on the slip or the phone</source>
        <translation>小票或手机上的交易流水号</translation>
    </message>
    <message>
        <source>Take payment (Ctrl+Enter)</source>
        <translation>收款(Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Cash tendered</source>
        <translation>实收</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <source>Transaction no.</source>
        <translation>交易流水号</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>{missing} short</source>
        <translation>还差 {missing}</translation>
    </message>
    <message>
        <source>tendered {tendered}, change {change}</source>
        <translation>实收 {tendered}，找零 {change}</translation>
    </message>
    <message>
        <source>transaction no. {reference}</source>
        <translation>交易流水号 {reference}</translation>
    </message>
</context>
<context>
    <name>PaymentsSection</name>
    <message>
        <source>Receipt no.</source>
        <translation>收据号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收款员</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Reverses {receipt}: {reason}</source>
        <translation>红冲 {receipt}：{reason}</translation>
    </message>
    <message>
        <source>Reversed by {receipt}</source>
        <translation>已被 {receipt} 红冲</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Print… (Ctrl+P)</source>
        <translation>打印…(Ctrl+P)</translation>
    </message>
    <message>
        <source>Save as PDF… (Ctrl+S)</source>
        <translation>另存为 PDF…(Ctrl+S)</translation>
    </message>
    <message>
        <source>◀ Previous page</source>
        <translation>◀ 上一页</translation>
    </message>
    <message>
        <source>Next page ▶</source>
        <translation>下一页 ▶</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭(Esc)</translation>
    </message>
    <message>
        <source>No pages</source>
        <translation>没有页面</translation>
    </message>
    <message>
        <source>Page {page} of {count}</source>
        <translation>第 {page} / {count} 页</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ProposeDialog</name>
    <message>
        <source>Propose adjustment: {no} {name}</source>
        <translation>调账申请：{no} {name}</translation>
    </message>
    <message>
        <source>+ charge more, − credit</source>
        <translation>补收为正，减免/退费为负</translation>
    </message>
    <message>
        <source>(no particular bill)</source>
        <translation>（不指定账单）</translation>
    </message>
    <message>
        <source>Propose</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReceptionPage</name>
    <message>
        <source>(all)</source>
        <translation>（全部）</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>只看超期</translation>
    </message>
    <message>
        <source>clerk</source>
        <translation>接待人</translation>
    </message>
    <message>
        <source>New application…</source>
        <translation>新申请…</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>受理编号</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收日期</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>接待人</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>办结时限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>reason (return, reject, cancel)</source>
        <translation>原因（退回、不予受理、撤销时填写）</translation>
    </message>
    <message>
        <source>(by type)</source>
        <translation>（按类别）</translation>
    </message>
    <message>
        <source>Acceptance receipt</source>
        <translation>受理回执</translation>
    </message>
    <message>
        <source>Review form</source>
        <translation>审批表</translation>
    </message>
    <message>
        <source>Hand-over slip</source>
        <translation>交接单</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>{count} applications</source>
        <translation>{count} 件申请</translation>
    </message>
    <message>
        <source>Select an application first.</source>
        <translation>请先选择一件申请。</translation>
    </message>
    <message>
        <source>Writing the document…</source>
        <translation>正在生成单据…</translation>
    </message>
</context>
<context>
    <name>RecheckDialog</name>
    <message>
        <source>Recheck result: {no} {name}</source>
        <translation>复核结果：{no} {name}</translation>
    </message>
    <message>
        <source>{address} · season {season} · billed {area} m², status {status}, amount {amount}</source>
        <translation>{address} · 采暖季 {season} · 计费面积 {area} ㎡，状态 {status}，金额 {amount}</translation>
    </message>
    <message>
        <source>(as billed)</source>
        <translation>（与计费时相同）</translation>
    </message>
    <message>
        <source>+ charge more, − credit</source>
        <translation>补收为正，减免为负</translation>
    </message>
    <message>
        <source>empty: written from what was found</source>
        <translation>留空：按现场情况自动填写</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RecheckPage</name>
    <message>
        <source>Show bills</source>
        <translation>显示账单</translation>
    </message>
    <message>
        <source>Print recheck sheets</source>
        <translation>打印复核单</translation>
    </message>
    <message>
        <source>Enter result…</source>
        <translation>登记结果…</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Billed m²</source>
        <translation>计费面积(㎡)</translation>
    </message>
    <message>
        <source>Status billed</source>
        <translation>计费状态</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已缴</translation>
    </message>
    <message>
        <source>Last recheck</source>
        <translation>最近复核</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>后续处理</translation>
    </message>
    <message>
        <source>Season:</source>
        <translation>采暖季：</translation>
    </message>
    <message>
        <source>Community:</source>
        <translation>小区：</translation>
    </message>
    <message>
        <source>Collector:</source>
        <translation>收费员：</translation>
    </message>
    <message>
        <source>No heating season yet.</source>
        <translation>还没有采暖季。</translation>
    </message>
    <message>
        <source>Choose a community or a collector.</source>
        <translation>请选择小区或收费员。</translation>
    </message>
    <message>
        <source>{count} bills</source>
        <translation>共 {count} 张账单</translation>
    </message>
    <message>
        <source>Recheck sheets</source>
        <translation>现场复核单</translation>
    </message>
    <message>
        <source>Writing recheck sheets…</source>
        <translation>正在生成现场复核单…</translation>
    </message>
    <message>
        <source>Select a bill first.</source>
        <translation>请先选择账单。</translation>
    </message>
</context>
<context>
    <name>RechecksSection</name>
    <message>
        <source>Checked at</source>
        <translation>复核时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>采暖季</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Billed area</source>
        <translation>计费面积</translation>
    </message>
    <message>
        <source>Measured area</source>
        <translation>实测面积</translation>
    </message>
    <message>
        <source>Status found</source>
        <translation>现场状态</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>后续处理</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <source>Reject adjustment</source>
        <translation>驳回调账</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Company</source>
        <translation>全公司</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>采暖季</translation>
    </message>
    <message>
        <source>By</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>There is no season yet.</source>
        <translation>还没有采暖季。</translation>
    </message>
    <message>
        <source>company average</source>
        <translation>全公司平均</translation>
    </message>
    <message>
        <source>Making the PDF</source>
        <translation>正在生成 PDF</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset the password of {user}</source>
        <translation>重置 {user} 的密码</translation>
    </message>
    <message>
        <source>Tell the user the new password in person; it works at once and lifts a lock from failed logins.</source>
        <translation>请当面告知用户新密码；新密码立即生效，并解除因登录失败造成的锁定。</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReversalDialog</name>
    <message>
        <source>Reverse receipt {receipt}</source>
        <translation>红冲收据 {receipt}</translation>
    </message>
    <message>
        <source>Receipt {receipt} of {amount} will be cancelled by a negative entry with its own receipt number. The original stays in the ledger.</source>
        <translation>收据 {receipt}（{amount}）将以一张负数收据冲销，红冲收据有自己的收据号，原收据保留在台账中。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>红冲</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Role of {user}</source>
        <translation>{user} 的角色</translation>
    </message>
    <message>
        <source>The new role applies from the user&apos;s next login.</source>
        <translation>新角色在该用户下次登录时生效。</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>变更角色</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SeasonDialog</name>
    <message>
        <source>Add heating season</source>
        <translation>新增采暖季</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SeasonsPage</name>
    <message>
        <source>Season</source>
        <translation>采暖季</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Bills</source>
        <translation>账单数</translation>
    </message>
    <message>
        <source>Billed</source>
        <translation>应收合计</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Add season…</source>
        <translation>新增采暖季…</translation>
    </message>
    <message>
        <source>Set tariff…</source>
        <translation>设置热价…</translation>
    </message>
    <message>
        <source>Bill the season…</source>
        <translation>开票…</translation>
    </message>
    <message>
        <source>Meter reading…</source>
        <translation>抄表录入…</translation>
    </message>
    <message>
        <source>Settle metered heat…</source>
        <translation>计量结算…</translation>
    </message>
    <message>
        <source>Payment notices…</source>
        <translation>缴费通知单…</translation>
    </message>
    <message>
        <source>Heating seasons</source>
        <translation>采暖季</translation>
    </message>
    <message>
        <source>Tariffs: every version, the one in force ticked</source>
        <translation>热价：全部版本，打勾的为现行版本</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>现行</translation>
    </message>
    <message>
        <source>Price/m²</source>
        <translation>热价(元/㎡)</translation>
    </message>
    <message>
        <source>Stopped share</source>
        <translation>报停比例</translation>
    </message>
    <message>
        <source>Late fee/day</source>
        <translation>滞纳金日费率</translation>
    </message>
    <message>
        <source>Late fees from</source>
        <translation>滞纳金起算</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠比例</translation>
    </message>
    <message>
        <source>Discount until</source>
        <translation>优惠截止</translation>
    </message>
    <message>
        <source>Relief share</source>
        <translation>低保减免比例</translation>
    </message>
    <message>
        <source>Relief max m²</source>
        <translation>减免面积上限</translation>
    </message>
    <message>
        <source>Relief cap</source>
        <translation>减免金额上限</translation>
    </message>
    <message>
        <source>Connection/m²</source>
        <translation>配套费(元/㎡)</translation>
    </message>
    <message>
        <source>Basic/m²</source>
        <translation>基本热价(元/㎡)</translation>
    </message>
    <message>
        <source>Price/GJ</source>
        <translation>计量热价(元/GJ)</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>结算方式</translation>
    </message>
    <message>
        <source>Set by</source>
        <translation>设置人</translation>
    </message>
    <message>
        <source>Set at</source>
        <translation>设置时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>{season}: {bills} bills</source>
        <translation>{season}：账单 {bills} 张</translation>
    </message>
    <message>
        <source>Tariff saved as version {version}.</source>
        <translation>热价已保存为第 {version} 版。</translation>
    </message>
    <message>
        <source>{count} tariff-change adjustments were booked, total {total}.</source>
        <translation>已生成调价差额 {count} 笔，合计 {total}。</translation>
    </message>
    <message>
        <source>Bill season {season}? Every billable account without a bill for it gets one.</source>
        <translation>为采暖季 {season} 开票？所有尚未开票且应开票的用户都将开出账单。</translation>
    </message>
    <message>
        <source>Meter reading of account {account} saved: {used} GJ used.</source>
        <translation>用户 {account} 的抄表读数已保存：用热 {used} GJ。</translation>
    </message>
    <message>
        <source>Settle the metered heat of season {season}? Each two-part account with an unsettled reading gets an adjustment of the difference between the heat used and the advance on its bill.</source>
        <translation>结算采暖季 {season} 的计量热费？每户有未结算读数的两部制用户，将按实际用热与账单预收计量热费的差额生成调账。</translation>
    </message>
    <message>
        <source>Settling the metered heat of season {season}…</source>
        <translation>正在结算采暖季 {season} 的计量热费…</translation>
    </message>
    <message>
        <source>Metered heat of season {season} settled: {count} accounts, {adjustments} adjustments, total {total}.</source>
        <translation>采暖季 {season} 计量热费结算完成：结算 {count} 户，调账 {adjustments} 笔，合计 {total}。</translation>
    </message>
    <message>
        <source>Payment notices {season}</source>
        <translation>缴费通知单 {season}</translation>
    </message>
    <message>
        <source>Writing payment notices…</source>
        <translation>正在生成缴费通知单…</translation>
    </message>
</context>
<context>
    <name>ServiceReportPage</name>
    <message>
        <source>Show</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <source>Service settings…</source>
        <translation>服务设置…</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>至：</translation>
    </message>
    <message>
        <source>The first day is after the last.</source>
        <translation>起始日期晚于截止日期。</translation>
    </message>
    <message>
        <source>{calls} calls, {dispatched} dispatched, {share} within {minutes} minutes</source>
        <translation>{calls} 个来电，已派工 {dispatched}，{minutes} 分钟内派工 {share}</translation>
    </message>
    <message>
        <source>Show a report first.</source>
        <translation>请先显示报表。</translation>
    </message>
    <message>
        <source>Writing the service report…</source>
        <translation>正在生成服务报表…</translation>
    </message>
    <message>
        <source>Service report</source>
        <translation>服务报表</translation>
    </message>
    <message>
        <source>Making the PDF</source>
        <translation>正在生成 PDF</translation>
    </message>
</context>
<context>
    <name>ServiceSettingsDialog</name>
    <message>
        <source>Service settings</source>
        <translation>服务设置</translation>
    </message>
    <message>
        <source>community codes, comma separated; empty: each station&apos;s last</source>
        <translation>小区编码，逗号分隔；空：各换热站的最后一个小区</translation>
    </message>
    <message>
        <source>degrees short:percent of the days&apos; fee, the highest step reached counts</source>
        <translation>低于标准度数:退还当日热费百分比，按达到的最高档计</translation>
    </message>
    <message>
        <source>A major leak is due at once and a minor leak by 24:00 the same day (大漏连夜抢，小漏不过夜); the other faults by the hours on the right.</source>
        <translation>大漏连夜抢（随报随修），小漏不过夜（当日24时前修复）；其他故障按右侧的小时数处理。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Company settings</source>
        <translation>公司设置</translation>
    </message>
    <message>
        <source>Printed on payment notices, dunning letters and receipts.</source>
        <translation>以下内容印在缴费通知单、催缴通知单和收据上。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Everywhere</source>
        <translation>全局</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>用户档案</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>收费</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>登录用户</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>热线</translation>
    </message>
    <message>
        <source>Work orders</source>
        <translation>维修单</translation>
    </message>
    <message>
        <source>this list of shortcuts</source>
        <translation>本快捷键列表</translation>
    </message>
    <message>
        <source>log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>exit the program</source>
        <translation>退出程序</translation>
    </message>
    <message>
        <source>to the search box</source>
        <translation>转到查找框</translation>
    </message>
    <message>
        <source>new account</source>
        <translation>新建用户档案</translation>
    </message>
    <message>
        <source>open the selected account</source>
        <translation>打开选中的用户档案</translation>
    </message>
    <message>
        <source>back to the search box</source>
        <translation>回到查找框</translation>
    </message>
    <message>
        <source>in the search box: pick the account, or go to the list of several</source>
        <translation>在查找框中：选中该户，找到多户时转到列表</translation>
    </message>
    <message>
        <source>in the search box: to the list</source>
        <translation>在查找框中：转到查找结果列表</translation>
    </message>
    <message>
        <source>method: cash, bank card, WeChat, Alipay, bank transfer</source>
        <translation>缴费方式：现金、银行卡、微信、支付宝、转账</translation>
    </message>
    <message>
        <source>in the amount, cash tendered or transaction no.: the next field — never takes money</source>
        <translation>在金额、实收现金或交易流水号中：转到下一项——不会收款</translation>
    </message>
    <message>
        <source>on the highlighted confirmation: take the payment</source>
        <translation>在高亮的确认框上：收款</translation>
    </message>
    <message>
        <source>take the payment the confirmation shows</source>
        <translation>按确认框所示收款</translation>
    </message>
    <message>
        <source>to the account&apos;s ledger</source>
        <translation>转到分户账</translation>
    </message>
    <message>
        <source>reprint the selected receipt (copy)</source>
        <translation>补打选中的收据（副本）</translation>
    </message>
    <message>
        <source>reverse the selected receipt</source>
        <translation>红冲选中的收据</translation>
    </message>
    <message>
        <source>propose an adjustment of the account</source>
        <translation>提出该户的调账申请</translation>
    </message>
    <message>
        <source>open the account&apos;s card</source>
        <translation>打开客户卡片</translation>
    </message>
    <message>
        <source>add a user</source>
        <translation>新增登录用户</translation>
    </message>
    <message>
        <source>a new call: the form emptied</source>
        <translation>新来电：清空表单</translation>
    </message>
    <message>
        <source>in the account box: find by any fragment; in the form: the next field</source>
        <translation>在用户框中：按任意片段查找；在表单中：转到下一项</translation>
    </message>
    <message>
        <source>read the call back to the caller (also Return on the content)</source>
        <translation>向来电人复述（在报修内容上回车亦可）</translation>
    </message>
    <message>
        <source>the caller confirmed the read-back: save the call (also Return on it)</source>
        <translation>来电人确认复述：保存来电（在确认按钮上回车亦可）</translation>
    </message>
    <message>
        <source>withdraw the read-back to correct</source>
        <translation>撤回复述以便修改</translation>
    </message>
    <message>
        <source>the saved call&apos;s work order and its dispatch</source>
        <translation>为刚保存的来电开维修单并派工</translation>
    </message>
    <message>
        <source>dispatch the selected work order</source>
        <translation>为选中的维修单派工</translation>
    </message>
    <message>
        <source>print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>previous / next page</source>
        <translation>上一页 / 下一页</translation>
    </message>
    <message>
        <source>zoom in / out</source>
        <translation>放大 / 缩小</translation>
    </message>
    <message>
        <source>fit the page width</source>
        <translation>适合页面宽度</translation>
    </message>
    <message>
        <source>actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <source>close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>StatementDialog</name>
    <message>
        <source>Statement of {no}</source>
        <translation>对账单：{no}</translation>
    </message>
    <message>
        <source>Season {season}</source>
        <translation>{season} 采暖季</translation>
    </message>
    <message>
        <source>The whole ledger</source>
        <translation>全部账目</translation>
    </message>
    <message>
        <source>From … to …</source>
        <translation>按日期区间</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Writing the statement…</source>
        <translation>正在生成对账单…</translation>
    </message>
</context>
<context>
    <name>StatusBox</name>
    <message>
        <source>Change status</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原状态</translation>
    </message>
    <message>
        <source>To</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>当前状态：</translation>
    </message>
    <message>
        <source>Status history:</source>
        <translation>状态变更记录：</translation>
    </message>
    <message>
        <source>Start heating</source>
        <translation>开通供热</translation>
    </message>
    <message>
        <source>Resume heating</source>
        <translation>复供</translation>
    </message>
    <message>
        <source>Stop heating</source>
        <translation>报停</translation>
    </message>
    <message>
        <source>Cut off</source>
        <translation>停供</translation>
    </message>
    <message>
        <source>Close account</source>
        <translation>销户</translation>
    </message>
    <message>
        <source>(new)</source>
        <translation>（新户）</translation>
    </message>
    <message>
        <source>Reason for the change (required):</source>
        <translation>变更原因（必填）：</translation>
    </message>
</context>
<context>
    <name>StatusSection</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原状态</translation>
    </message>
    <message>
        <source>To</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>TariffDialog</name>
    <message>
        <source>Tariff of season {season}</source>
        <translation>采暖季 {season} 热价</translation>
    </message>
    <message>
        <source>e.g. 30% or 0.3</source>
        <translation>如 30% 或 0.3</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>required once the season is billed</source>
        <translation>已开票的采暖季必须填写</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No tariff yet for this category.</source>
        <translation>该类别尚未设置热价。</translation>
    </message>
    <message>
        <source>In force: version {version} of {at} by {who}. {billed} bills issued with this category.</source>
        <translation>现行：第 {version} 版（{at}，{who}）。该类别已开账单 {billed} 张。</translation>
    </message>
    <message>
        <source>Season {season} already has {count} bills of this category. The bills stay as issued; the difference is booked as an adjustment on each account whose fee changes. Go on?</source>
        <translation>采暖季 {season} 该类别已开账单 {count} 张。账单保持不变，热费有变化的用户将按差额生成调账。是否继续？</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>TempChecksTab</name>
    <message>
        <source>station code</source>
        <translation>换热站编码</translation>
    </message>
    <message>
        <source>community</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>生成检测计划</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>优先原因</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>室温读数</translation>
    </message>
    <message>
        <source>Record reading</source>
        <translation>登记读数</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>户号：</translation>
    </message>
    <message>
        <source>Room:</source>
        <translation>房间：</translation>
    </message>
    <message>
        <source>°C:</source>
        <translation>室温（°C）：</translation>
    </message>
    <message>
        <source>Outdoor °C:</source>
        <translation>室外温度（°C）：</translation>
    </message>
    <message>
        <source>Instrument:</source>
        <translation>测温仪器：</translation>
    </message>
    <message>
        <source>Refund for a cold home</source>
        <translation>室温不达标退费</translation>
    </message>
    <message>
        <source>Propose refund</source>
        <translation>提出退费</translation>
    </message>
    <message>
        <source>Below the standard only</source>
        <translation>只看低于标准</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>检测时间</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>房间</translation>
    </message>
    <message>
        <source>°C</source>
        <translation>室温°C</translation>
    </message>
    <message>
        <source>Outdoor °C</source>
        <translation>室外°C</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>标准°C</translation>
    </message>
    <message>
        <source>Below</source>
        <translation>不达标</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>仪器</translation>
    </message>
    <message>
        <source>By</source>
        <translation>检测人</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Refund of {amount} yuan proposed for a manager&apos;s approval.</source>
        <translation>已提出退费 {amount} 元，待经理审批。</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name shown</source>
        <translation>显示名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>上次登录</translation>
    </message>
    <message>
        <source>Add user… (Ctrl+N)</source>
        <translation>新增用户…(Ctrl+N)</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>变更角色…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解除锁定</translation>
    </message>
    <message>
        <source>Five wrong passwords in a row lock a user for {minutes} minutes; Unlock lifts the lock at once.</source>
        <translation>连续输错密码五次，该用户将被锁定 {minutes} 分钟；“解除锁定”可立即解锁。</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
</context>
<context>
    <name>WorkOrdersPage</name>
    <message>
        <source>Overdue only</source>
        <translation>只看超期</translation>
    </message>
    <message>
        <source>Not dispatched in time only</source>
        <translation>只看超时未派工</translation>
    </message>
    <message>
        <source>Closed too</source>
        <translation>含已关闭</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>维修单号</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Account no.</source>
        <translation>户号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Crew</source>
        <translation>维修人员</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>处理时限</translation>
    </message>
    <message>
        <source>Dispatch (m:ss)</source>
        <translation>派工用时</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>work note, reason or visit comment</source>
        <translation>维修记录、无法修复原因或回访意见</translation>
    </message>
    <message>
        <source>advice on using heat</source>
        <translation>用热指导</translation>
    </message>
    <message>
        <source>satisfied?</source>
        <translation>是否满意？</translation>
    </message>
    <message>
        <source>satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>not satisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Dispatch… (Ctrl+D)</source>
        <translation>派工…（Ctrl+D）</translation>
    </message>
    <message>
        <source>Report (Excel)…</source>
        <translation>服务报表（Excel）…</translation>
    </message>
    <message>
        <source>{count} work orders  ·  today {calls} calls, {dispatched} dispatched, {share} within {minutes} minutes</source>
        <translation>共 {count} 张维修单  ·  今日来电 {calls} 个，派工 {dispatched} 单，{minutes} 分钟内派工 {share}</translation>
    </message>
    <message>
        <source>not dispatched in time</source>
        <translation>超时未派工</translation>
    </message>
    <message>
        <source>dispatched late</source>
        <translation>派工超时</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>open {hours} h</source>
        <translation>已抢修 {hours} 小时</translation>
    </message>
    <message>
        <source>Reported: {at}</source>
        <translation>来电时间：{at}</translation>
    </message>
    <message>
        <source>Due: {due}</source>
        <translation>处理时限：{due}</translation>
    </message>
    <message>
        <source>Suggested: {name}</source>
        <translation>建议派给：{name}</translation>
    </message>
    <message>
        <source>Work note</source>
        <translation>维修记录</translation>
    </message>
    <message>
        <source>Advice</source>
        <translation>用热指导</translation>
    </message>
    <message>
        <source>Cannot fix</source>
        <translation>无法修复</translation>
    </message>
    <message>
        <source>Escalated to</source>
        <translation>上报经理</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Writing the service report…</source>
        <translation>正在生成服务报表…</translation>
    </message>
    <message>
        <source>Select a work order first.</source>
        <translation>请先选择维修单。</translation>
    </message>
</context>
</TS>
