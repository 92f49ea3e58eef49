<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
            <source>Search:</source>
            <translation>查找：</translation>
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
    </context>
    <context>
        <name>FirstAdminDialog</name>
        <message>
            <source>Set the administrator password</source>
            <translation>设置管理员密码</translation>
        </message>
        <message>
            <source>This database has no administrator yet. Choose the password of the user "admin" (at least {min} characters).</source>
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
            <source>&amp;About</source>
            <translation>关于(&amp;A)</translation>
        </message>
        <message>
            <source>The language changes when the program is started again.</source>
            <translation>界面语言将在下次启动程序时生效。</translation>
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
            <source>Organisation</source>
            <translation>组织机构</translation>
        </message>
        <message>
            <source>Audit log</source>
            <translation>操作日志</translation>
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
        <name>Task</name>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
    </context>
</TS>
