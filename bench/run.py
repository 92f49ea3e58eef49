"""Run the benchmark jobs against their same-work baselines and write bench/RESULTS.md.

    python bench/run.py --db sqlite|postgresql --accounts N [--jobs demo,billing,...]
                        [--rounds 3] [--out bench/RESULTS.md] [--pg postgresql://…]

Every job runs ``--rounds`` times on each side, alternating (program, baseline, then
baseline, program, …), each run in a fresh interpreter (``--in-process`` runs them in this
one), a job that writes on a fresh copy of its prepared database. Both sides' digests must
agree; a mismatch is printed, marked in RESULTS.md and makes the exit status 1.
HEATOFFICE_BENCH_PROFILE=DIR writes a cProfile of each fresh-interpreter run into DIR
(the timings then include the profiler's cost: for finding where the time goes only).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # python bench/run.py
    sys.path.insert(0, str(ROOT))

from bench import jobs as registry  # noqa: E402
from bench import results  # noqa: E402
from bench.fixtures import Fixtures  # noqa: E402
from bench.jobs import Ctx, Job, Outcome  # noqa: E402
from bench.scratch import DEFAULT_PG, PostgresScratch, Scratch, SqliteScratch, from_spec  # noqa: E402

MARK = "BENCH-OUTCOME "


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    p.add_argument("--accounts", type=int, default=50_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--jobs", default="all",
                   help="comma-separated job names or families (default: all); see --list")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    p.add_argument("--pg", default=DEFAULT_PG, help="PostgreSQL server (user with CREATEDB)")
    p.add_argument("--workdir", type=Path, default=Path("/tmp/heatoffice-bench"))
    p.add_argument("--prefix", default="hobench",
                   help="name prefix of the databases made (two runs on one server apart)")
    p.add_argument("--payments", type=int, default=200, help="payments per run of 'payment'")
    p.add_argument("--batch-rows", type=int, default=20_000,
                   help="rows of the payment batch file ('batch'; at most the accounts owing)")
    p.add_argument("--notices", type=int, default=10_000, help="notices in the PDF")
    p.add_argument("--repeat", type=int, default=20, help="queries per term and run (search)")
    p.add_argument("--arrears-repeat", type=int, default=3,
                   help="lists timed per run (arrears), after one untimed")
    p.add_argument("--keep", action="store_true",
                   help="keep the prepared databases and reuse kept ones")
    p.add_argument("--in-process", action="store_true",
                   help="run every side in this interpreter (quicker, less isolated)")
    p.add_argument("--list", action="store_true", help="list the jobs and exit")
    p.add_argument("--readme", action="store_true",
                   help="run nothing: write --out again from its data and copy its figures "
                        "into README.md's table")
    p.add_argument("--child", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def select(spec: str, jobs: dict[str, Job]) -> list[Job]:
    if spec == "all":
        return list(jobs.values())
    chosen: list[Job] = []
    for word in (w.strip() for w in spec.split(",") if w.strip()):
        found = [j for n, j in jobs.items() if n == word or n.split("-")[0] == word]
        if not found:
            raise SystemExit(f"unknown job {word!r}; known: {', '.join(jobs)}")
        chosen += [j for j in found if j not in chosen]
    return chosen


def run_side(job: Job, side: str, ctx: Ctx, in_process: bool) -> Outcome:
    if in_process:
        fn = job.app if side == "app" else job.bare
        return fn(ctx)
    spec = {"job": job.name, "side": side, "scratch": ctx.scratch.spec(), "name": ctx.name,
            "fixtures": ctx.fixtures, "accounts": ctx.accounts, "seed": ctx.seed,
            "work": str(ctx.work), "options": ctx.options}
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-m", "bench.run", "--child", json.dumps(spec)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith(MARK)]
    if proc.returncode != 0 or not lines:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-8000:])
        raise SystemExit(f"{job.name} ({side}) failed with status {proc.returncode}")
    data = json.loads(lines[-1][len(MARK):])
    return Outcome(**data)


def child(text: str) -> int:
    spec = json.loads(text)
    jobs = registry.load()
    ctx = Ctx(scratch=from_spec(spec["scratch"]), name=spec["name"],
              fixtures=spec["fixtures"], accounts=spec["accounts"], seed=spec["seed"],
              work=Path(spec["work"]), options=spec["options"])
    job = jobs[spec["job"]]
    side = job.app if spec["side"] == "app" else job.bare
    folder = os.environ.get("HEATOFFICE_BENCH_PROFILE")
    if folder:  # cProfile of the whole side, timed part and set-up alike
        import cProfile

        profile = cProfile.Profile()
        outcome = profile.runcall(side, ctx)
        profile.dump_stats(Path(folder) / f"{job.name}-{spec['side']}-{os.getpid()}.prof")
    else:
        outcome = side(ctx)
    print(MARK + json.dumps(outcome.as_dict()), flush=True)
    return 0


def measure(job: Job, scratch: Scratch, fixtures: Fixtures, args: argparse.Namespace,
            work: Path) -> dict[str, list[Outcome]]:
    """``args.rounds`` alternating runs of each side; a job that writes gets a fresh copy of
    its prepared database for every run (the program's first run of a job that ``makes`` a
    prepared database becomes that database)."""
    start = fixtures.ensure(job.fixture)
    runs: dict[str, list[Outcome]] = {"app": [], "bare": []}
    options = {"payments": args.payments, "notices": args.notices, "repeat": args.repeat,
               "arrears_repeat": args.arrears_repeat, "batch_rows": args.batch_rows}
    for n in range(args.rounds):
        order = ("app", "bare") if n % 2 == 0 else ("bare", "app")
        for side in order:
            refs = {f: fixtures.name(f) for f in ("empty", "demo", "season", "billed")
                    if fixtures.have(f)}
            name = start
            if job.writes:
                name = f"{args.prefix}_run_{os.getpid()}_{side}"
                scratch.copy(start, name)
            ctx = Ctx(scratch=scratch, name=name, fixtures=refs, accounts=args.accounts,
                      seed=args.seed, work=work, options=options)
            started = time.perf_counter()
            outcome = None
            try:
                outcome = run_side(job, side, ctx, args.in_process)
            finally:
                if job.writes:
                    made = (outcome is not None and job.makes and side == "app"
                            and not fixtures.have(job.makes))
                    if made:
                        scratch.rename(name, fixtures.name(job.makes))
                        fixtures.settle(fixtures.name(job.makes))
                        fixtures.adopted(job.makes, time.perf_counter() - started)
                    else:
                        scratch.drop(name)
            runs[side].append(outcome)
            unit = "ms" if job.per_op else "s"
            print(f"  {job.name} round {n + 1} {side:4}: {outcome.wall:9.3f} {unit} wall, "
                  f"CPU {outcome.cpu:.3f}"
                  + (f" + server {outcome.server_cpu:.3f}" if outcome.server_cpu is not None
                     else "") + f"  digest {outcome.digest}", file=sys.stderr, flush=True)
    return runs


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.child:
        return child(args.child)
    jobs = registry.load()
    if args.list:
        for job in jobs.values():
            print(f"{job.name:18} {job.title} (starts from: {job.fixture})")
        return 0
    if args.readme:
        args.out.write_text(results.render(results.read(args.out)), encoding="utf-8")
        if not results.update_readme(ROOT / "README.md", args.out):
            raise SystemExit("README.md has no bench-table markers")
        return 0
    chosen = select(args.jobs, jobs)

    if args.db == "sqlite":
        scratch: Scratch = SqliteScratch(args.workdir / f"sqlite-{args.accounts}-{args.seed}")
    else:
        scratch = PostgresScratch(args.pg)
    work = args.workdir / f"files-{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    fixtures = Fixtures(scratch, args.accounts, args.seed, args.keep, args.prefix)
    env = results.environment(scratch, args)
    summaries: list[dict] = []
    failed: list[str] = []
    started = time.perf_counter()
    try:
        for job in chosen:
            print(f"{job.name}: {job.title}", file=sys.stderr, flush=True)
            try:
                runs = measure(job, scratch, fixtures, args, work)
            except (Exception, SystemExit) as exc:  # noqa: BLE001  (the next job still runs)
                traceback.print_exc()
                print(f"{job.name} FAILED: {exc}", file=sys.stderr, flush=True)
                failed.append(job.name)
                continue
            summaries.append(results.summarize(job, runs))
            print(results.console_line(summaries[-1]), flush=True)
            # Written after every job: a long run stopped half-way keeps what it measured.
            env["seconds"] = round(time.perf_counter() - started, 1)
            env["fixture_seconds"] = {k: round(v, 1) for k, v in fixtures.seconds.items()}
            results.write(args.out, env, summaries)
    finally:
        fixtures.drop_all()
        for leftover in work.glob("*"):
            leftover.unlink()
        work.rmdir()
        if isinstance(scratch, PostgresScratch):
            scratch.close()
        elif not any(scratch.folder.iterdir()):
            scratch.folder.rmdir()
    bad = [s["job"] for s in summaries if not s["same"]]
    if bad:
        print(f"DIGEST MISMATCH in {', '.join(bad)}: the program and the baseline produced "
              "different results", file=sys.stderr)
    if failed:
        print(f"FAILED: {', '.join(failed)}", file=sys.stderr)
    if bad or failed:
        return 1
    print(f"wrote {args.out} ({env['seconds']:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
