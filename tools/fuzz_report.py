"""Fuzz campaigns over the readers, the coder and the HTTP API; prints a JSON report.

The generators and checks are those of tests/test_fuzz.py and tests/test_api_fuzz.py
(tests/fuzz_strategies.py), run for as many inputs as the flags ask. For each target the
report gives the inputs run, the worst wall time and peak memory growth of one input, and each
distinct failure with a shrunk reproducer (a Python expression or a curl command); for the API,
the number of 5xx responses (the goal is 0).

Offline: the API targets start ``eventwire serve`` on 127.0.0.1 over a small database built from
samples/*.txt, and send requests only there.

    .venv/bin/python tools/fuzz_report.py                       # the default campaign
    .venv/bin/python tools/fuzz_report.py --reader-examples 5000 --targets readers
    .venv/bin/python tools/fuzz_report.py --targets code_text --coder-max-words 150000
    .venv/bin/python tools/fuzz_report.py --targets api --api-seconds 300 -o build/fuzz.json

Exit status: 0 when no failure was found, 1 otherwise (2 for a usage error).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
# the checked-dictionary cache of this run, never the user's own (as tests/conftest.py does)
os.environ.setdefault("EVENTWIRE_CACHE", tempfile.mkdtemp(prefix="eventwire-fuzz-cache-"))

import fuzz_strategies as fs  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from eventwire.errors import InputError  # noqa: E402
from eventwire.ingest.checks import FIRST_DATE, LAST_DATE, MAX_CHARS  # noqa: E402

SRC = str(ROOT / "src" / "eventwire")
# Hypothesis describes a strategy (for its own messages) by its repr; the vocabulary makes that
# long, which it warns about; nothing here prints it
warnings.filterwarnings("ignore", message="Generating overly large repr")


# --------------------------------------------------------------------------------------------
# outcomes and reports
# --------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """One input run: its cost and the properties it broke, as (signature, detail)."""

    wall_s: float
    mem_mb: float | None
    problems: list[tuple[str, str]] = field(default_factory=list)
    status: int | None = None  # HTTP status, for the API targets
    timed_out: bool = False


@dataclass
class Target:
    name: str
    strategy: st.SearchStrategy[Any]
    run: Callable[[Any], Outcome]
    reproducer: Callable[[Any], str]
    examples: int
    describe: Callable[[Any], str] = lambda x: _short(repr(x))
    deadline: float | None = None  # time.monotonic() past which no input is run


@dataclass
class Failure:
    target: str
    signature: str
    detail: str
    reproducer: str
    input: str

    def as_dict(self) -> dict[str, str]:
        return dataclasses.asdict(self)


@dataclass
class TargetReport:
    name: str
    generated: int = 0
    shrinking: int = 0
    skipped: int = 0
    timed_out: int = 0
    responses_5xx: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    worst_wall_s: float = 0.0
    worst_mem_mb: float | None = None
    slowest_input: str = ""
    failures: list[Failure] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0

    def record(self, out: Outcome, x: Any, target: Target, shrinking: bool) -> None:
        if shrinking:
            self.shrinking += 1
        else:
            self.generated += 1
        self.timed_out += out.timed_out
        if out.wall_s > self.worst_wall_s:
            self.worst_wall_s = out.wall_s
            self.slowest_input = target.describe(x)
        if out.mem_mb is not None:
            self.worst_mem_mb = max(self.worst_mem_mb or 0.0, out.mem_mb)
        if out.status is not None:
            key = f"{out.status // 100}xx"
            self.statuses[key] = self.statuses.get(key, 0) + 1
            self.responses_5xx += out.status >= 500

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "inputs": self.generated + self.shrinking,
            "generated": self.generated,
            "shrinking": self.shrinking,
            "worst_wall_s": round(self.worst_wall_s, 4),
            "worst_mem_mb": None if self.worst_mem_mb is None else round(self.worst_mem_mb, 1),
            "slowest_input": self.slowest_input,
            "failures": [f.as_dict() for f in self.failures],
            "elapsed_s": round(self.elapsed_s, 1),
        }
        if self.timed_out:
            d["timed_out"] = self.timed_out
        if self.skipped:
            d["skipped_over_budget"] = self.skipped
        if self.statuses:
            d["statuses"] = dict(sorted(self.statuses.items()))
            d["responses_5xx"] = self.responses_5xx
        if self.errors:
            d["errors"] = self.errors
        return d


def _short(text: str, n: int = 300) -> str:
    return text if len(text) <= n else f"{text[:n]}... ({len(text):,} characters)"


def where(exc: BaseException) -> str:
    """The innermost frame of eventwire's own code in the traceback (else the innermost)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f.filename.startswith(SRC)] or frames
    if not ours:
        return "?"
    f = ours[-1]
    return f"{os.path.relpath(f.filename, ROOT)}:{f.lineno} ({f.name})"


def exception_problem(prefix: str, exc: BaseException) -> tuple[str, str]:
    tb = "".join(traceback.format_exception(exc)[-6:])
    return (f"{prefix} raises {type(exc).__name__} at {where(exc)}", _short(f"{exc}\n{tb}", 1500))


# --------------------------------------------------------------------------------------------
# the campaign: Hypothesis generates; each new failure is shrunk, recorded, and then ignored
# so the campaign goes on to the next one
# --------------------------------------------------------------------------------------------


class _Found(Exception):
    pass


@dataclass
class _Round:
    signature: str | None = None
    found_at: float | None = None
    best: tuple[Any, Outcome] | None = None
    cache: dict[Any, Outcome] = field(default_factory=dict)


def _key(x: Any) -> Any:
    try:
        hash(x)
    except TypeError:
        return None
    return x


def _property(target: Target, report: TargetReport, known: set[str], rnd: _Round, shrink_s: float) -> Callable[[Any], None]:  # fmt: skip
    """The property of one round: run an input (once; a failing one is cached so a replay
    fails alike), record it, and fail on the round's first new failure signature."""

    def prop(x: Any) -> None:
        key = _key(x)
        out = rnd.cache.get(key) if key is not None else None
        if out is None:
            now = time.monotonic()
            if rnd.found_at is not None and now - rnd.found_at > shrink_s:
                return  # out of shrinking time: nothing else fails
            if target.deadline is not None and now > target.deadline:
                report.skipped += 1
                return
            out = target.run(x)
            report.record(out, x, target, shrinking=rnd.found_at is not None)
            if out.problems and key is not None:
                rnd.cache[key] = out
        new = [sig for sig, _ in out.problems if sig not in known]
        if not new:
            return
        if rnd.signature is None:
            rnd.signature, rnd.found_at = new[0], time.monotonic()
        if rnd.signature in new:
            rnd.best = (x, out)
            raise _Found(rnd.signature)

    return prop


def campaign(target: Target, seed: int, shrink_s: float, shrink: bool) -> TargetReport:
    report = TargetReport(target.name)
    known: set[str] = set()
    t0 = time.monotonic()
    phases = [Phase.explicit, Phase.reuse, Phase.generate] + ([Phase.shrink] if shrink else [])
    for round_no in range(1000):
        remaining = target.examples - report.generated
        if remaining <= 0:
            break
        rnd = _Round()
        prop = _property(target, report, known, rnd, shrink_s)
        test = settings(
            max_examples=remaining,
            deadline=None,
            database=None,
            derandomize=False,
            phases=phases,
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
            print_blob=False,
        )(hypothesis_seed(seed + round_no)(given(target.strategy)(prop)))
        try:
            with fs.bounded_shrinking(shrink_s + 5):
                test()
        except _Found:
            assert rnd.best is not None and rnd.signature is not None
            x, out = rnd.best
            detail = next(d for s, d in out.problems if s == rnd.signature)
            report.failures.append(
                Failure(
                    target.name, rnd.signature, detail, target.reproducer(x), target.describe(x)
                )
            )
            known.add(rnd.signature)
            continue
        except Exception as exc:  # a generator or Hypothesis error: report it, end this target
            report.errors.append(_short("".join(traceback.format_exception(exc)[-4:]), 2000))
            break
        break  # a round without a new failure: the target's inputs are spent
    report.elapsed_s = time.monotonic() - t0
    return report


# --------------------------------------------------------------------------------------------
# targets
# --------------------------------------------------------------------------------------------


def _date_expr(d: dt.date | None) -> str:
    return "None" if d is None else f"datetime.date({d.year}, {d.month}, {d.day})"


def reader_target(name: str, reader: Callable[..., Any], path: Path, strategy: st.SearchStrategy[Any], examples: int) -> Target:  # fmt: skip
    def run(inp: fs.ReaderInput) -> Outcome:
        m = fs.measure(lambda: fs.read_items(reader, path, inp))
        out = Outcome(m.wall_s, m.mem_mb)
        if m.error is not None:
            out.problems.append(exception_problem(name, m.error))
        elif m.value is not None:
            seen: set[str] = set()
            for prop, detail in fs.reader_violations(m.value, path, inp.hidden):
                if prop not in seen:
                    seen.add(prop)
                    out.problems.append((f"{name}: {prop}", detail))
        return out

    def reproducer(inp: fs.ReaderInput) -> str:
        return (
            "import datetime; from pathlib import Path; "
            f"from eventwire.ingest.readers import {reader.__name__}; "
            f"print(list({reader.__name__}(Path({path.name!r}), {inp.data!r}, {_date_expr(inp.published)})))"
        )

    return Target(
        name, strategy, run, reproducer, examples, describe=lambda inp: _short(repr(inp.data))
    )


def bom_target(path: Path, examples: int) -> Target:
    from eventwire.ingest.readers import read_text

    strategy = st.tuples(fs.short_news(150), fs.pick(fs.BOM_ENCODINGS), fs.published_args())

    def run(x: tuple[str, str, dt.date | None]) -> Outcome:
        text, encoding, published = x
        data = fs.bom_encode(text, encoding)
        m = fs.measure(lambda: (list(read_text(path, text.encode("utf-8"), published)), list(read_text(path, data, published))))  # fmt: skip
        out = Outcome(m.wall_s, m.mem_mb)
        if m.error is not None:
            out.problems.append(exception_problem("read_text", m.error))
        elif m.value is not None:
            problems = fs.encoding_violations(*m.value)
            if problems:
                out.problems.append((f"read_text: {fs.P_ENCODING} ({encoding})", problems[0]))
        return out

    def reproducer(x: tuple[str, str, dt.date | None]) -> str:
        text, encoding, published = x
        return (
            "import datetime; from pathlib import Path; from eventwire.ingest.readers import read_text; "
            f"print(list(read_text(Path({path.name!r}), {fs.bom_encode(text, encoding)!r}, {_date_expr(published)})))"
        )

    return Target("read_text/bom", strategy, run, reproducer, examples)


def coder_target(examples: int, max_words: int, limit_s: float, mem_mb: float) -> Target:
    memory_ok = fs.peak_memory_unavailable() is None

    def run(spec: fs.TextSpec) -> Outcome:
        text = spec.render()
        m = fs.run_code_text(text, limit_s=limit_s)
        out = Outcome(m.wall_s, m.mem_mb, timed_out=m.timed_out)
        refused = isinstance(m.error, InputError) and len(text) > MAX_CHARS  # the documented limit
        if m.error is not None and not refused:
            out.problems.append(exception_problem("code_text", m.error))
        if m.timed_out or m.wall_s > limit_s:
            out.problems.append(
                (
                    f"code_text: over {limit_s:g} s an input",
                    f"{m.wall_s:.1f} s{' (interrupted)' if m.timed_out else ''} on {spec.words():,} words, {len(spec.render()):,} characters",  # fmt: skip
                )
            )
        if memory_ok and m.mem_mb is not None and m.mem_mb > mem_mb:
            out.problems.append((f"code_text: over {mem_mb:g} MB an input", f"{m.mem_mb:.0f} MB on {spec.words():,} words"))  # fmt: skip
        return out

    def reproducer(spec: fs.TextSpec) -> str:
        return f"import eventwire; eventwire.code_text({spec.expr()})"

    def describe(spec: fs.TextSpec) -> str:
        return _short(f"{spec!r} ({spec.words():,} words, {len(spec.render()):,} characters)")

    return Target("code_text", fs.news_texts(max_words=max_words), run, reproducer, examples, describe)  # fmt: skip


def coder_dates_target(examples: int) -> Target:
    """code_text on short text with relative dates ("yesterday", "last year") and any
    publication date, the first and last representable days included."""
    import eventwire

    strategy = st.tuples(st.one_of(fs.dated_news(), fs.short_news(25)), fs.any_dates())

    def run(x: tuple[str, dt.date]) -> Outcome:
        text, published = x
        m = fs.measure(lambda: eventwire.code_text(text, published))
        out = Outcome(m.wall_s, m.mem_mb)
        in_range = FIRST_DATE <= published <= LAST_DATE  # outside, the answer is an InputError
        if m.error is None and not in_range:
            out.problems.append(
                ("code_text(published=...) accepts a date outside 1800-2199", str(published))
            )
        elif m.error is not None and (in_range or not isinstance(m.error, InputError)):
            out.problems.append(exception_problem("code_text(published=...)", m.error))
        return out

    def reproducer(x: tuple[str, dt.date]) -> str:
        return f"import datetime, eventwire; eventwire.code_text({x[0]!r}, {_date_expr(x[1])})"

    return Target("code_text/published", strategy, run, reproducer, examples)


class ServerMemory:
    """Peak memory growth of the server and its coder processes over one request (VmHWM reset
    through /proc/PID/clear_refs before it); None where that cannot be done."""

    def __init__(self, server: fs.Server) -> None:
        self.server = server
        self.before: dict[int, float] = {}

    def reset(self) -> None:
        self.before = {}
        for pid in self.server.pids():
            mb = fs.reset_peak_memory(pid)
            if mb is not None:
                self.before[pid] = mb

    def growth(self) -> float | None:
        grown = [(fs.peak_memory_mb(pid) or base) - base for pid, base in self.before.items()]
        return max(grown) if grown else None


def api_targets(server: fs.Server, session: Any, client: Any, args: argparse.Namespace, deadline: float) -> list[Target]:  # fmt: skip
    schema = fs.load_schema(server.base)
    checks = fs.api_checks()
    mem = ServerMemory(server)
    targets: list[Target] = []

    for op in fs.api_operations(schema):

        def run(case: Any, label: str = op.label) -> Outcome:
            mem.reset()
            t0 = time.perf_counter()
            try:
                response = fs.call_case(case, server.base, session)
            except Exception as exc:
                return Outcome(time.perf_counter() - t0, None, [exception_problem(f"{label} (request)", exc)])  # fmt: skip
            out = Outcome(time.perf_counter() - t0, mem.growth(), status=response.status_code)
            if response.status_code >= 500:
                out.problems.append((f"{label}: {response.status_code} response", _short(response.text, 500) + "\nserver log: " + server.log_tail(1500)))  # fmt: skip
            try:
                case.validate_response(response, checks=checks)
            except Exception as exc:  # schemathesis' FailureGroup: one failure or several
                for failure in getattr(exc, "exceptions", [exc]):
                    title = getattr(failure, "title", type(failure).__name__)
                    if "Server error" in str(title):
                        continue  # counted above
                    out.problems.append((f"{label}: {title}", _short(str(failure), 800)))
            return out

        targets.append(
            Target(
                f"api: {op.label}",
                fs.operation_cases(op, fs.TOKEN),
                run,
                lambda case: fs.curl(case, server.base),
                args.api_examples,
                describe=lambda case: _short(fs.curl(case, server.base)),
                deadline=deadline,
            )
        )

    def post(inp: fs.PostInput) -> Outcome:
        mem.reset()
        t0 = time.perf_counter()
        try:
            response = fs.send_post(client, server.base, inp)
        except Exception as exc:
            return Outcome(time.perf_counter() - t0, None, [exception_problem("POST /api/articles (request)", exc)])  # fmt: skip
        out = Outcome(time.perf_counter() - t0, mem.growth(), status=response.status_code)
        if response.status_code >= 500:
            out.problems.append((f"POST /api/articles body: {response.status_code} response", _short(response.text, 500) + "\nserver log: " + server.log_tail(1500)))  # fmt: skip
        return out

    targets.append(
        Target(
            "api: POST /api/articles bodies",
            fs.post_inputs(fs.TOKEN),
            post,
            lambda inp: inp.reproducer(server.base),
            args.post_examples,
            describe=lambda inp: _short(repr(inp)),
            deadline=deadline,
        )
    )
    return targets


def reader_targets(path_dir: Path, n: int) -> list[Target]:
    from eventwire.ingest.readers import read_feed, read_html, read_jsonl, read_text

    raw = fs.raw_inputs()
    return [
        reader_target("read_text", read_text, path_dir / "article.txt", raw, n),
        bom_target(path_dir / "article.txt", max(1, n // 2)),
        reader_target(
            "read_jsonl",
            read_jsonl,
            path_dir / "batch.jsonl",
            st.one_of(fs.jsonl_inputs(), fs.jsonl_inputs(), raw),
            n,
        ),  # fmt: skip
        reader_target(
            "read_html",
            read_html,
            path_dir / "page.html",
            st.one_of(fs.html_inputs(), fs.html_inputs(soup=True), raw),
            n,
        ),  # fmt: skip
        reader_target(
            "read_feed",
            read_feed,
            path_dir / "feed.xml",
            st.one_of(fs.feed_inputs(), fs.feed_inputs(), fs.xml_soup(), raw),
            n,
        ),  # fmt: skip
    ]


# --------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    p.add_argument("--targets", default="readers,code_text,api", help="comma-separated groups: readers, code_text, api (default: all)")  # fmt: skip
    p.add_argument("--reader-examples", type=int, default=1000, help="generated inputs per reader target (default 1000)")  # fmt: skip
    p.add_argument("--coder-examples", type=int, default=40, help="generated texts for code_text (default 40)")  # fmt: skip
    p.add_argument("--coder-max-words", type=int, default=20_000, help="longest generated text in words (default 20000; 150000 is about 1 MB)")  # fmt: skip
    p.add_argument("--api-examples", type=int, default=150, help="generated cases per API operation (default 150)")  # fmt: skip
    p.add_argument("--post-examples", type=int, default=300, help="generated bodies for POST /api/articles (default 300)")  # fmt: skip
    p.add_argument("--api-seconds", type=float, default=600, help="time budget for all API targets (default 600)")  # fmt: skip
    p.add_argument("--time-limit", type=float, default=fs.CODE_TEXT_LIMIT_S, help="seconds one code_text input may take (default 10)")  # fmt: skip
    p.add_argument("--mem-limit", type=float, default=fs.CODE_TEXT_MEM_MB, help="MB of memory growth one code_text input may take (default 600)")  # fmt: skip
    p.add_argument("--shrink-seconds", type=float, default=60, help="time to shrink each failure (default 60)")  # fmt: skip
    p.add_argument("--no-shrink", action="store_true", help="report failures as found, unshrunk")
    p.add_argument("--seed", type=int, default=0, help="Hypothesis seed (default 0): same seed, same campaign")  # fmt: skip
    p.add_argument("-o", "--output", type=Path, help="also write the report to this file")
    p.add_argument("--progress", action="store_true", help="a line on stderr as each target ends")
    args = p.parse_args(argv)
    groups = {g.strip() for g in args.targets.split(",") if g.strip()}
    unknown = groups - {"readers", "code_text", "api"}
    if unknown:
        p.error(f"unknown target group(s): {', '.join(sorted(unknown))}")
    args.groups = groups
    return args


@contextmanager
def api_server(work: Path) -> Iterator[tuple[fs.Server, Any, Any]]:
    db = fs.build_db(work / "fuzz.duckdb")
    with ExitStack() as stack:
        server = stack.enter_context(fs.running_server(db, work, fs.TOKEN))
        session = stack.enter_context(fs.local_session())
        client = stack.enter_context(fs.local_client(timeout=180))
        yield server, session, client


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    t0 = time.monotonic()
    reports: list[TargetReport] = []
    errors: list[str] = []
    api_info: dict[str, Any] = {}

    def run_all(targets: list[Target]) -> None:
        for target in targets:
            rep = campaign(target, args.seed, args.shrink_seconds, not args.no_shrink)
            reports.append(rep)
            if args.progress:
                print(f"{target.name}: {rep.generated} inputs, {len(rep.failures)} failures, {rep.elapsed_s:.0f} s", file=sys.stderr, flush=True)  # fmt: skip

    with tempfile.TemporaryDirectory(prefix="eventwire-fuzz-") as tmp:
        work = Path(tmp)
        if "readers" in args.groups:
            inputs = work / "inputs"  # empty: no sidecar .meta.json is ever found
            inputs.mkdir()
            run_all(reader_targets(inputs, args.reader_examples))
        if "code_text" in args.groups:
            fs.warm_coder()
            run_all(
                [
                    coder_target(
                        args.coder_examples, args.coder_max_words, args.time_limit, args.mem_limit
                    ),  # fmt: skip
                    coder_dates_target(max(10, args.coder_examples * 5)),
                ]
            )
        if "api" in args.groups:
            try:
                with api_server(work) as (server, session, client):
                    deadline = time.monotonic() + args.api_seconds
                    run_all(api_targets(server, session, client, args, deadline))
                    alive = server.proc.poll() is None
                    api_info = {
                        "server": server.base,
                        "server_alive_after": alive,
                        "server_peak_rss_mb": {
                            str(pid): fs.peak_memory_mb(pid) for pid in server.pids()
                        },  # fmt: skip
                    }
                    if not alive:
                        errors.append(
                            f"the server exited during the campaign:\n{server.log_tail()}"
                        )
            except Exception as exc:
                errors.append(_short("".join(traceback.format_exception(exc)[-4:]), 3000))

    api_reports = [r for r in reports if r.name.startswith("api: ")]
    failures = [f.as_dict() for r in reports for f in r.failures]
    report: dict[str, Any] = {
        "tool": "tools/fuzz_report.py",
        "seed": args.seed,
        "limits": {"code_text_seconds": args.time_limit, "code_text_mb": args.mem_limit},
        "memory_measured": fs.peak_memory_unavailable()
        or "per input: VmHWM reset via /proc/*/clear_refs",  # fmt: skip
        "targets": {r.name: r.as_dict() for r in reports},
        "api": {
            **api_info,
            "requests": sum(r.generated + r.shrinking for r in api_reports),
            "responses_5xx": sum(r.responses_5xx for r in api_reports),
        }
        if "api" in args.groups
        else None,
        "failures": failures,
        "errors": errors + [f"{r.name}: {e}" for r in reports for e in r.errors],
        "elapsed_s": round(time.monotonic() - t0, 1),
    }
    text = json.dumps(report, indent=2, ensure_ascii=False, default=str)
    print(text)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text + "\n", encoding="utf-8")
    return 1 if failures or report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
