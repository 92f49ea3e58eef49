"""bench/RESULTS.md: one section per database and size, kept between runs, and a scaling table.

Each section carries its figures as JSON in an HTML comment; the whole file is written again
from those on every run, so runs at other sizes or on the other database accumulate, and a
run of some jobs replaces only those jobs' rows of its section.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
from pathlib import Path
from typing import Any

from bench import targets
from bench.jobs import JOBS, Job, Outcome
from bench.measure import median
from bench.scratch import PostgresScratch, Scratch

DATA = re.compile(r"<!-- bench-data (\{.*?\}) -->", re.S)
SCALING_SIZES = (50_000, 500_000, 2_000_000)
STEEP = 1.3  # growth per account above this is flagged: worse than linear


def _machine() -> str:
    model = "?"
    ram = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            model = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")),
                         "?")
        with open("/proc/meminfo", encoding="utf-8") as f:
            kb = int(next(ln.split()[1] for ln in f if ln.startswith("MemTotal")))
            ram = f"{kb / 1024 ** 2:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{os.cpu_count()} CPUs ({model}), {ram}, {platform.system()} {platform.machine()}"


def environment(scratch: Scratch, args: Any) -> dict[str, Any]:
    db = scratch.version()
    if isinstance(scratch, PostgresScratch):
        db += f" ({scratch.settings()})"
    words = [f"--db {args.db}", f"--accounts {args.accounts}"]
    if args.seed != 1:
        words.append(f"--seed {args.seed}")
    if args.jobs != "all":
        words.append(f"--jobs {args.jobs}")
    if args.rounds != 3:
        words.append(f"--rounds {args.rounds}")
    defaults = {"payments": 200, "notices": 10_000, "repeat": 20, "arrears_repeat": 3}
    for name, default in defaults.items():
        if getattr(args, name, default) != default:
            words.append(f"--{name.replace('_', '-')} {getattr(args, name)}")
    if args.in_process:
        words.append("--in-process")
    import openpyxl
    import reportlab

    return {
        "date": dt.date.today().isoformat(), "commit": targets.git_commit(),
        "machine": _machine(), "python": platform.python_version(), "database": db,
        "libraries": f"peewee {_version('peewee')}, psycopg2 {_version('psycopg2')}, "
                     f"reportlab {reportlab.Version}, openpyxl {openpyxl.__version__}",
        "load": f"{os.getloadavg()[0]:.1f}", "db": args.db, "accounts": args.accounts,
        "seed": args.seed, "rounds": args.rounds,
        "command": "python bench/run.py " + " ".join(words),
        "id": f"{dt.datetime.now():%Y%m%d%H%M%S}-{os.getpid()}",
    }


def _version(module: str) -> str:
    try:
        return str(__import__(module).__version__).split()[0]
    except (ImportError, AttributeError):
        return "?"


def _total(o: Outcome) -> float:
    return o.cpu + (o.server_cpu or 0.0)


def summarize(job: Job, runs: dict[str, list[Outcome]]) -> dict[str, Any]:
    app, bare = runs["app"], runs["bare"]
    digests = sorted({o.digest for o in app + bare})
    pairs = list(zip(app, bare, strict=False))
    server = all(o.server_cpu is not None for o in app + bare)
    out = {
        "job": job.name, "title": job.title, "per_op": job.per_op,
        "same": len(digests) == 1, "digests": digests,
        "app": _side(app, server), "bare": _side(bare, server),
        "ratio": median([a.wall / b.wall for a, b in pairs if b.wall]),
        "cpu_ratio": median([_total(a) / _total(b) for a, b in pairs if _total(b)]),
        "rounds": len(pairs),
    }
    return out


def _side(outcomes: list[Outcome], server: bool) -> dict[str, Any]:
    side = {"wall": median([o.wall for o in outcomes]),
            "cpu": median([o.cpu for o in outcomes]),
            "server_cpu": median([o.server_cpu for o in outcomes]) if server else None,
            "info": outcomes[0].info if outcomes else {}}
    if outcomes and "p95" in outcomes[0].info:
        side["p95"] = median([o.info["p95"] for o in outcomes])
    return side


def console_line(s: dict[str, Any]) -> str:
    unit = "ms" if s["per_op"] else "s"
    flag = "same" if s["same"] else "DIGEST MISMATCH " + " ".join(s["digests"])
    return (f"{s['job']:18} program {s['app']['wall']:9.3f} {unit}  baseline "
            f"{s['bare']['wall']:9.3f} {unit}  ratio {s['ratio']:.2f} (CPU "
            f"{s['cpu_ratio']:.2f})  {flag}")


# ---- the file -------------------------------------------------------------------------------

def read(path: Path) -> dict[str, dict[str, Any]]:
    """The sections of an existing RESULTS.md by key ("postgresql 500000")."""
    if not path.exists():
        return {}
    found = {}
    for m in DATA.finditer(path.read_text(encoding="utf-8")):
        data = json.loads(m.group(1).replace("-\\-", "--"))
        found[data["key"]] = data
    return found


def write(path: Path, env: dict[str, Any], summaries: list[dict[str, Any]]) -> None:
    sections = read(path)
    key = f"{env['db']} {env['accounts']}"
    section = sections.setdefault(key, {"key": key, "db": env["db"],
                                        "accounts": env["accounts"], "runs": [], "jobs": {}})
    # The same run writes after each job: its entry is replaced, not added again.
    ids = [r.get("id") for r in section["runs"]]
    if env["id"] in ids:
        run_no = ids.index(env["id"])
        section["runs"][run_no] = dict(env)
    else:
        section["runs"].append(dict(env))
        run_no = len(section["runs"]) - 1
    for s in summaries:
        section["jobs"][s["job"]] = dict(s, run=run_no)
    # Runs no job points at any more are dropped (every job measured again since).
    used = sorted({j["run"] for j in section["jobs"].values()})
    section["runs"] = [section["runs"][i] for i in used]
    for j in section["jobs"].values():
        j["run"] = used.index(j["run"])
    path.write_text(render(sections), encoding="utf-8")


def _order(sections: dict[str, dict]) -> list[dict]:
    return sorted(sections.values(), key=lambda s: (s["db"] != "sqlite", s["accounts"]))


def render(sections: dict[str, dict]) -> str:
    out = [
        "# Benchmarks",
        "",
        "Written by `bench/run.py` (see `python bench/run.py --help`); do not edit by hand: "
        "each section's figures live in the comment under its heading, and the file is "
        "written again from them on every run. Every job runs against a baseline that does "
        "the same work by hand with the raw library in the same run, alternating program and "
        "baseline; figures are medians of the rounds, ratio = program ÷ baseline (below 1: "
        "the program is quicker), the median of the rounds' ratios. CPU is this process's "
        "CPU time plus, on PostgreSQL, the server backends' (read from /proc). \"Same\" means "
        "both sides' digests (sha256 over the rows, the PDF's text or the workbook's cells) "
        "agreed in every round.",
        "",
    ]
    for db in ("postgresql", "sqlite"):
        table = scaling(sections, db)
        if table:
            out += table
    out += ["## What each baseline does", ""]
    same: dict[str, list[str]] = {}
    for job in JOBS.values():
        same.setdefault(job.baseline, []).append(job.name)
    for text, names in same.items():
        out.append(f"- **{', '.join(names)}**: {text}")
    out.append("")
    for section in _order(sections):
        out += _section(section)
    return "\n".join(out).rstrip() + "\n"


def _figure(value: float | None, per_op: bool) -> str:
    if value is None:
        return "–"
    if per_op:
        return f"{value:.2f} ms"
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def _cpu(side: dict[str, Any], per_op: bool) -> str:
    if side["server_cpu"] is None:
        return _figure(side["cpu"], per_op)
    total = side["cpu"] + side["server_cpu"]
    return (f"{_figure(total, per_op)} ({_figure(side['cpu'], per_op)} + "
            f"{_figure(side['server_cpu'], per_op)})")


def _section(section: dict[str, Any]) -> list[str]:
    name = "SQLite" if section["db"] == "sqlite" else "PostgreSQL"
    out = [f"## {section['key']}", "",
           "<!-- bench-data " + json.dumps(section, ensure_ascii=False).replace("--", "-\\-")
           + " -->", "",
           f"{name}, {section['accounts']:,} demo accounts."]
    for i, env in enumerate(section["runs"]):
        mark = f"Run {chr(65 + i)}" if len(section["runs"]) > 1 else "Run"
        fixtures = ", ".join(f"{k} {v:.0f} s" for k, v in env.get("fixture_seconds", {}).items())
        out.append(
            f"- {mark}: {env['date']}, commit {env['commit']}, `{env['command']}`; "
            f"{env['machine']}; Python {env['python']}; {env['database']}; "
            f"{env['libraries']}; seed {env['seed']}, {env['rounds']} "
            f"round{'s' if env['rounds'] != 1 else ''}, load average "
            f"{env['load']} at the start; took {env.get('seconds', 0):.0f} s"
            + (f" (prepared databases built by the program: {fixtures})" if fixtures else "")
            + ".")
    per_run = len(section["runs"]) > 1
    out += ["", "| job | program | CPU | baseline | CPU | ratio | CPU ratio | same |"
            + (" run |" if per_run else ""),
            "|---|---:|---:|---:|---:|---:|---:|---|" + ("---|" if per_run else "")]
    notes = []
    for _, s in sorted(section["jobs"].items(), key=lambda kv: _rank(kv[0])):
        po = s["per_op"]
        app, bare = s["app"], s["bare"]
        wall_a = _figure(app["wall"], po) + (f" (p95 {app['p95']:.2f})" if "p95" in app else "")
        wall_b = (_figure(bare["wall"], po)
                  + (f" (p95 {bare['p95']:.2f})" if "p95" in bare else ""))
        same = "yes" if s["same"] else "**NO: DIGEST MISMATCH**"
        out.append(f"| {s['title']} | {wall_a} | {_cpu(app, po)} | {wall_b} | "
                   f"{_cpu(bare, po)} | {s['ratio']:.2f} | {s['cpu_ratio']:.2f} | {same} |"
                   + (f" {chr(65 + s['run'])} |" if per_run else ""))
        info = _info(app["info"])
        if info:
            notes.append(f"{s['title']}: {info}")
    out.append("")
    if notes:
        out += [f"- {n}" for n in notes] + [""]
    return out


def _rank(job: str) -> int:
    names = list(JOBS)
    return names.index(job) if job in names else len(names)


def _info(info: dict[str, Any]) -> str:
    shown = {k: v for k, v in info.items() if k not in ("p95", "max", "ops")}
    if "ops" in info:
        shown["operations per run"] = info["ops"]
    return "; ".join(f"{k} {json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v}"
                     for k, v in shown.items())


def _short(n: int) -> str:
    if n >= 1_000_000 and n % 100_000 == 0:
        return f"{n / 1_000_000:g}M"
    return f"{n / 1000:g}k" if n >= 1000 else str(n)


def scaling(sections: dict[str, dict], db: str) -> list[str]:
    """The program's figure per job and size, and its growth per account between sizes:
    (t₂ / t₁) ÷ (n₂ / n₁) is 1 for a job that grows linearly, near 0 for one that does not
    grow (a first page, one payment); above STEEP is flagged."""
    jobs = [j for j in JOBS.values() if j.scaling]
    names = {j.name for j in jobs}
    # Sizes with a job of the table (a section of the import jobs' own sizes has none).
    mine = {s["accounts"]: s for s in sections.values()
            if s["db"] == db and names & set(s.get("jobs", {}))}
    if not mine:
        return []
    sizes = sorted(set(mine) | (set(SCALING_SIZES) if db == "postgresql" else set()))
    name = "PostgreSQL" if db == "postgresql" else "SQLite"
    head = "| job | " + " | ".join(f"{n:,}" for n in sizes)
    steps = list(zip(sizes, sizes[1:], strict=False))
    head += "".join(f" | growth {_short(a)}→{_short(b)}" for a, b in steps) + " |"
    out = [f"## Scaling on {name}", "",
           "The program's median at each size (from the sections below; – where not run) and "
           "the growth per account between sizes, (t₂ ÷ t₁) ÷ (n₂ ÷ n₁): 1.0 is linear, near "
           f"0 a job that does not grow with the city; ⚠ above {STEEP}. In brackets the same "
           "growth of the CPU seconds (this process and the server's), which a busy machine "
           "(the load average of each run is in its section) inflates less than the wall "
           "clock.", "",
           head, "|---|" + "---:|" * (len(sizes) + len(steps))]
    for job in jobs:
        cells, values, cpus = [], [], []
        for n in sizes:
            s = mine.get(n, {}).get("jobs", {}).get(job.name)
            values.append(s["app"]["wall"] if s else None)
            cpus.append(s["app"]["cpu"] + (s["app"]["server_cpu"] or 0.0) if s else None)
            cells.append(_figure(values[-1], job.per_op) if s else "–")
        for i, (a, b) in enumerate(steps):
            va, vb, ca, cb = values[i], values[i + 1], cpus[i], cpus[i + 1]
            if va and vb:
                g = (vb / va) / (b / a)
                cell = f"{g:.2f}" + (" ⚠" if g > STEEP else "")
                if ca and cb:
                    cell += f" (CPU {(cb / ca) / (b / a):.2f})"
                cells.append(cell)
            else:
                cells.append("–")
        out.append(f"| {job.title} | " + " | ".join(cells) + " |")
    return out + [""]


# ---- README -----------------------------------------------------------------------------------

README_START, README_END = "<!-- bench-table:start -->", "<!-- bench-table:end -->"


def readme_table(sections: dict[str, dict]) -> list[str]:
    """Per job and database, the largest size measured: program / baseline and the ratio."""
    out = ["| job | SQLite: program / baseline | ratio | PostgreSQL: program / baseline | ratio |",
           "|---|---|---:|---|---:|"]
    for job in JOBS.values():
        cells = []
        for db in ("sqlite", "postgresql"):
            found = [s for s in sections.values() if s["db"] == db and job.name in s["jobs"]]
            if not found:
                cells += ["–", "–"]
                continue
            best = max(found, key=lambda s: s["accounts"])
            j = best["jobs"][job.name]
            flag = "" if j["same"] else " (digests differ!)"
            cells += [f"{_figure(j['app']['wall'], job.per_op)} / "
                      f"{_figure(j['bare']['wall'], job.per_op)} at {best['accounts']:,}{flag}",
                      f"{j['ratio']:.2f}"]
        out.append(f"| {job.title} | " + " | ".join(cells) + " |")
    return out


def update_readme(readme: Path, results_md: Path) -> bool:
    """Replace the table between the README's markers with the one from RESULTS.md."""
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        return False
    table = "\n".join(readme_table(read(results_md)))
    readme.write_text(text[:start + len(README_START)] + "\n" + table + "\n" + text[end:],
                      encoding="utf-8")
    return True
