"""The departments and posts every new database starts with, from the company's work rules.

The text is the seed's 【岗位职责】 and 【工作规则】 in Simplified Chinese with full-width
punctuation. Departments that the rules say work "在总经理的领导下" are children of the general
manager's office; the sections that the posts belong to are children of the department that
directs their work.
"""

from __future__ import annotations

from dataclasses import dataclass

from peewee import Database

from heatoffice.audit import service as audit
from heatoffice.audit.models import AuditEntry
from heatoffice.auth.identity import system_work
from heatoffice.org.models import Department, Post

# 供热受理投诉: how a complaint is received; kept for the complaints desk.
COMPLAINT_HANDLING = "\n".join([
    "1、细心倾听事件经过。",
    "2、表示关心，并接受用户的观点，不要推卸责任，最快地把当事人的情绪稳定下来，"
    "显示出对当事人的尊重和对投诉的重视。",
    "3、不管投诉是什么内容，不管该内容与接受投诉者的工作范围有无关系，接待者具备整体意识，"
    "热情接待，及时给予合理的解释或其他安排。",
    "4、当处理的事情超出授权范围，应及时向上级报告。",
    "5、当当事人情绪激动时，主要责任者应尽量避开，防止当面冲突。",
    "6、尽量作出使双方满意的决定，如果不能作出决定，应告诉当事人，你将会报告领导来处理此事。"
    "进入当事人投诉的实质阶段，必须慎重。尽量少“拍胸脯”，多留余地。",
    "7、受理投诉时不要加入个人情绪。",
    "8、如接到用户书面投诉，要注意及时电话或书面回复。",
])


@dataclass(frozen=True)
class DepartmentSeed:
    code: str
    name: str
    parent: str | None
    responsibilities: str


@dataclass(frozen=True)
class PostSeed:
    code: str
    name: str
    department: str
    duties: str


# In creation order: a parent comes before its sections.
DEPARTMENTS: tuple[DepartmentSeed, ...] = (
    DepartmentSeed(
        "gm", "总经理", None,
        "主持公司的日常各项经营管理工作。负责召集和主持公司办公会议，协调、检查和督促各部门的工作。"
        "签署日常行政、业务文件，保证公司经营运作的合法性。负责公司工程施工安全工作。"
        "负责监督公司的财务收支情况。负责公司各部门工作人员的调整。负责公司管网的正常运行工作。"
        "负责公司热费和配套费的收取协调工作。负责组织完成其他临时性、阶段性工作和任务。",
    ),
    DepartmentSeed(
        "finance", "财务科", "gm",
        "在总经理及财务总监的领导下，严格执行公司财务制度，遵守法律法规，建立健全内部控制，"
        "规范各项会计核算业务，加强会计职业道德及业务知识培训，编制年度预决算，统一管理公司财产，"
        "账目日清月结，执行盘点检查制度。",
    ),
    DepartmentSeed(
        "customer_service", "客服部", "gm",
        "在总经理的领导下负责热力公司的收费监察工作，包括所有热用户的热费收取、户内、"
        "户外供暖系统的巡检、贴封、断管，及热力管网偷用私接等现象；联合收费科进行热用户供热面积的"
        "测量、复核；负责公司工程监理，保障工程施工质量；完成公司安排部署的临时性工作。",
    ),
    DepartmentSeed(
        "operations", "运行部", "gm",
        "在总经理的领导下，负责整个城区管网运行、调节、检修、购热、仪表准确计量和结算工作；"
        "组织运行人员培训学习，集中供热及运行调节、设备检修等供热常识，提高专业技能水平；"
        "做好运行内部管理，协调其他部门配合工作；对运行管网水力平衡调节，力争达到最佳运行状态，"
        "降低耗损，提高公司经济效益；落实安全生产方针，消除各种设备隐患，杜绝违章事故发生；"
        "完成公司安排部署的临时性工作。",
    ),
    # The collectors hand in cash that finance closes day by day (账目日清月结), and 客服部
    # supervises collection (收费监察) jointly with 收费科: so 收费科 sits under finance, not
    # under the department that checks its work.
    DepartmentSeed(
        "fee_collection", "收费科", "finance",
        "按期向热用户收取热费和配套费，催缴拖欠热费；收费账单准确，现场复核清楚；"
        "秉公收费，不弄虚作假；每日收款交财务科日清月结；联合客服部测量、复核供热面积。",
    ),
    DepartmentSeed(
        "reception", "业务接待组", "customer_service",
        "受理用户开户、报停、复供、过户、面积变更、销户等用热申请；如实审核申请报告和资料，"
        "及时转交业务部门办理；证件、单据、凭证当面交代清楚。",
    ),
    DepartmentSeed(
        "hotline", "热线组", "operations",
        "公开热线电话，接听用户来电并复述核对单位、联系人、地址、报修内容；"
        "接完电话十分钟内向维修人员下达调度单；不属于本公司范围的，向用户说明并提示查询部门。",
    ),
    DepartmentSeed(
        "inspection", "稽查组", "customer_service",
        "对供、用热单位和个人稽查，纠正违章用热、偷用私接；户内外供暖系统巡检、贴封、断管；"
        "依法行政，执行“八不准”，接受群众监督。",
    ),
    DepartmentSeed(
        "maintenance", "检修组", "operations",
        "听从调度，在规定时间内查明情况、排除故障，大漏连夜抢，小漏不过夜；"
        "消除设备隐患，指导用户正确用热，确保供热。",
    ),
)

POSTS: tuple[PostSeed, ...] = (
    PostSeed("hotline", "热线", "hotline", "\n".join([
        "（1）上岗佩戴标志，公开热线电话号码。",
        "（2）用户来电时，应主动报明身份：“您好，阳光热力，请讲”。",
        "（3）接听认真，语气温和，耐心解答询问。对不属于本范围的，应向用户说明，提示查询部门。",
        "（4）对用户申报内容复述一遍（单位、联系人、地址、报修内容），做到准确无误。",
        "（5）接完电话应在十分钟内准确、及时地向维修人员下达处理调度单。",
    ])),
    PostSeed("operator", "运行工", "operations", "\n".join([
        "（1）上岗必须佩戴服务标志，岗位标志明显，室内卫生整洁，仪表大方，举止文明。",
        "（2）通晓所管辖的用户范围，情况等。",
        "（3）听从调度指挥，操作熟练。",
        "（4）接待用户要热情，耐心解答问题，做好宣传工作，不推诿、扯皮。",
        "（5）经常走访用户，指导用户正确用热，不属于本范围的，应向用户说明，提示查询部门。",
        "（6）工作时间不离岗，不做与工作无关的事，按要求做好各项记录。",
        "（7）不得利用职务之便，收受礼品，不得“吃、拿、卡、要、报”，以热谋私。",
    ])),
    PostSeed("inspector", "稽查", "inspection", "\n".join([
        "（1）树立全心全意为用户的思想，做到以情感人。",
        "（2）在对供、用热单位或个人稽查工作中，要做到着装整洁，持证上岗，礼貌待人，文明执法。",
        "（3）纠正违章用热时要做到依法行政，以理服人。",
        "（4）贯彻执行稽查工作的“八不准”要求，做到清正廉洁，杜绝不正之风。",
        "（5）广泛征求用户意见，自觉接受群众监督，做到规范化服务。",
    ])),
    PostSeed("maintenance", "检修", "maintenance", "\n".join([
        "（1）上岗必须佩带服务标志，仪表大方，举止文明。",
        "（2）主动报明身份来意，对用户的接待配合应致谢，工作完毕，礼貌道别。",
        "（3）在规定时间内，查明情况排除故障，大漏连夜抢，小漏不过夜，符合质量要求。",
        "（4）供热信息网了解到发现用户用热不当，应指导用户正确用热。",
        "（5）听从调度指挥，服从分配，确保供热。",
    ])),
    PostSeed("collector", "收费", "fee_collection", "\n".join([
        "（1）上岗必须佩戴服务标志，仪表大方，举止文明。",
        "（2）主动按期到用户单位收取热费，并催缴拖欠热费。",
        "（3）主动报明身份来意，对用户单位、用户个人的接待配合应致谢，催缴欠款语气温和，"
        "工作完毕，礼貌道别。",
        "（4）收费账单要准确，现场复核要清楚。",
        "（5）耐心解答用户询问，不属于本职范围应向用户说明，不随意应答，不与用户争吵。",
        "（6）秉公收费，不弄虚作假，不以热谋私。",
    ])),
    PostSeed("reception", "业务接待", "reception", "\n".join([
        "（1）仪表大方，举止文明，佩戴服务标志。",
        "（2）接待用户要热情，耐心解答，不推诿扯皮。",
        "（3）认真审核用户用热申请报告、资料，实事求是，秉公办事，"
        "并及时将有关资料转交业务部门办理。",
        "（4）不得利用职务之便，收受礼品，不得“吃、拿、卡、要、报”，以热谋私。",
        "（5）按规定准确、熟练的办理业务，证件、单据、凭证当面交代清楚，无差错，"
        "不得刁难、要挟用户。",
        "（6）工作时间不离岗，不冷落用户，不做与工作无关的事。",
    ])),
)

POST_CODES: tuple[str, ...] = tuple(p.code for p in POSTS)


def seed_organisation(db: Database) -> tuple[int, int]:
    """Insert the departments and posts that ``db`` lacks (matched by code); edits are kept.

    Returns how many departments and posts were added. Each insert is audited as the system
    (``system_work("seed")``).
    A new database runs it as a seed of the org area (org/area.py).
    """
    added_departments = added_posts = 0
    with system_work("seed") as system, \
            db.bind_ctx([Department, Post, AuditEntry], bind_refs=False, bind_backrefs=False), \
            db.atomic():
        existing = list(Department.select(Department.id, Department.code, Department.name))
        ids = {d.code: d.id for d in existing}
        by_name = {d.name: d.id for d in existing}
        for seed in DEPARTMENTS:
            if seed.code in ids:
                continue
            if seed.name in by_name:  # made by hand under another code: use it, add no twin
                ids[seed.code] = by_name[seed.name]
                continue
            dept = Department.create(code=seed.code, name=seed.name,
                                     parent=ids.get(seed.parent) if seed.parent else None,
                                     responsibilities=seed.responsibilities)
            ids[seed.code] = dept.id
            added_departments += 1
            audit.record(system, "org.seed", "department", dept.id, after=audit.snapshot(dept))
        present = {code for (code,) in Post.select(Post.code).tuples()}
        for post_seed in POSTS:
            if post_seed.code in present:
                continue
            post = Post.create(code=post_seed.code, name=post_seed.name,
                               department=ids[post_seed.department], duties=post_seed.duties)
            added_posts += 1
            audit.record(system, "org.seed", "post", post.id, after=audit.snapshot(post))
    return added_departments, added_posts
