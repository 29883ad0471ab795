"""End-to-end ingest throughput and memory on OrangeSum (the real ``Corpus`` path).

Each article goes annotate (parse, entities, dates, numbers, quotes) → embed →
store → dedup → cluster → store its story, into a fresh SQLite store in a
temporary folder. The first N OrangeSum articles in date order (a
chronological feed) are ingested by:

* ``single``: one ``Corpus.add_articles`` call in this process. The records
  are written as JSONL (text, title, date, language "fr", source "orangesum")
  and read back into Articles with ``recoupe.ingest.read_inputs`` (timed
  apart), so both paths start from the same Articles: OrangeSum has
  teaser-only records that cleanup rejects, and cleanup changes some texts and
  titles (whitespace), which changes ids and vectors;
* ``dask1`` / ``dask2``: ``recoupe.batch.run_batch`` on a LocalCluster of 1 or
  2 worker processes (one thread each), reading the N records from JSONL files
  of ``--partition`` lines written to the temporary folder first (one file per
  task);
* ``incr``: ``add_articles`` called once per ``--chunk`` articles into the same
  store, the way a feed is polled (only with ``--incremental``).

Every mode runs in its own subprocess, so peak RSS (``ru_maxrss``) is that of
the run alone (models included). Dask workers report their own peak RSS via
``client.run``; the cluster start is timed apart from the ingest.

For ``single`` the time is split between ``prepare_article`` (annotate + embed,
measured between ``add_articles``' progress callbacks minus store calls made
meanwhile), store writes, and the final dedup + cluster + story assignment.
A sample of articles is then run stage by stage, the way ``prepare_article``
does, for the split inside prepare; ``--profile K`` cProfiles
``prepare_article`` on K articles. When ``single`` and ``dask2`` run on the same
size, their stories (story → sorted member ids) are compared.

Usage: python benchmarks/bench_pipeline.py [--sizes 200 1000] [--modes single dask1 dask2]
       [--partition 100] [--stage-sample 100] [--profile 50] [--incremental --chunk 100]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _orangesum import load_records, to_article, write_partitions

from recoupe.annotate.nlp import load_nlp
from recoupe.corpus import Corpus, corpus_id, prepare_article, vector_text
from recoupe.embed import get_embedder
from recoupe.engine import annotation_pipeline
from recoupe.ingest import read_inputs
from recoupe.store import Store, open_store, serialize

Result = dict[str, Any]
MODES = ("single", "dask1", "dask2", "incr")


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


class TimedStore:
    """Delegates to a store and adds up the time spent in each of its methods."""

    def __init__(self, inner: Store) -> None:
        self._inner = inner
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.add_times: list[float] = []
        self.total = 0.0
        self.first_start_run: float | None = None
        self.last_add_end = 0.0

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._inner, name)
        if not callable(attr):
            return attr

        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            if name == "start_run" and self.first_start_run is None:
                self.first_start_run = began
            try:
                return attr(*args, **kwargs)
            finally:
                took = time.perf_counter() - began
                self.total += took
                self.seconds[name] = self.seconds.get(name, 0.0) + took
                self.calls[name] = self.calls.get(name, 0) + 1
                if name == "add_article":
                    self.add_times.append(took)
                    self.last_add_end = time.perf_counter()

        return timed


def stories_of(store: Store) -> dict[str, list[str]]:
    """Story id → sorted ids of its members (corpus id and original OrangeSum id)."""
    out: dict[str, list[str]] = {}
    for stored in store.iter_articles():
        if stored.story_id:
            member = f"{stored.meta.get('slug', '?')}|{stored.id}"
            out.setdefault(str(stored.story_id), []).append(member)
    return {k: sorted(v) for k, v in sorted(out.items())}


def warm_models() -> float:
    began = time.perf_counter()
    load_nlp("fr")
    get_embedder("use")
    return time.perf_counter() - began


# ------------------------------------------------------------------ single / incr
def run_single(n: int, tmp: Path, chunk: int, sample: int, partition: int) -> Result:
    records = load_records(n)
    paths = write_partitions(records, tmp / "parts", partition)
    began = time.perf_counter()
    read = read_inputs(paths)
    read_s = time.perf_counter() - began
    articles = list(read.articles)
    models_s = warm_models()
    timed = TimedStore(open_store(f"sqlite:///{tmp / 'single.db'}"))
    corpus = Corpus(cast(Store, timed))
    prep_times: list[float] = []
    chunks: list[Result] = []
    began = time.perf_counter()
    for start in range(0, len(articles), chunk):
        chunks.append(_add_chunk(corpus, timed, articles[start : start + chunk], prep_times))
    total = time.perf_counter() - began
    rss = peak_rss_mib()
    stories = stories_of(timed._inner)
    deciles = _deciles(prep_times, timed.add_times)
    store_loop = timed.seconds.get("add_article", 0.0) + timed.seconds.get("get_article", 0.0)
    result: Result = {
        "n": n,
        "total_s": total + read_s,
        "read_s": read_s,
        "commit_s": total - sum(prep_times),
        "models_s": models_s,
        "prepare_s": sum(prep_times),
        "store_loop_s": store_loop,
        "cluster_s": sum(c["cluster_s"] for c in chunks),
        "store_s": dict(sorted(timed.seconds.items())),
        "rss_main_mib": rss,
        "rss_workers_mib": [],
        "stories": stories,
        "n_stories": len(stories),
        "deciles": deciles,
        "chunks": chunks if chunk < n else [],
        "stored": sum(c["stored"] for c in chunks),
        "duplicates": sum(c["duplicates"] for c in chunks),
        "failures": [str(f) for f in read.failures] + [f for c in chunks for f in c["failures"]],
    }
    if sample:
        result["stages"] = stage_split(records[:sample])
    return result


def _add_chunk(corpus: Corpus, timed: TimedStore, articles: list[Any], prep: list[float]) -> Result:
    """One ``add_articles`` call; prepare times come from its progress callback."""
    mark = {"t": time.perf_counter(), "store": timed.total}
    stored_before = timed.calls.get("add_article", 0)

    def progress(_article: Any) -> None:
        now = time.perf_counter()
        prep.append((now - mark["t"]) - (timed.total - mark["store"]))
        mark["t"], mark["store"] = now, timed.total

    began = time.perf_counter()
    report = corpus.add_articles(articles, progress=progress)
    end = time.perf_counter()
    if report.failures:
        print(f"  {len(report.failures)} failures, first: {report.failures[0]}", file=sys.stderr)
    return {
        "stored_before": stored_before,
        "n": len(articles),
        "total_s": end - began,
        "prepare_s": sum(prep[-len(articles) :]),
        "cluster_s": end - max(timed.last_add_end, mark["t"]),
        **_report_info(report),
    }


def _report_info(report: Any) -> Result:
    return {
        "stored": report.stored,
        "unchanged": len(report.unchanged),
        "duplicates": len(report.duplicates),
        "failures": [str(f) for f in report.failures],
    }


def _deciles(prep: list[float], adds: list[float], parts: int = 5) -> list[Result]:
    n = len(prep)
    out = []
    for k in range(parts):
        lo, hi = n * k // parts, n * (k + 1) // parts
        if hi <= lo:
            continue
        add = adds[lo:hi]
        out.append(
            {
                "range": f"{lo}-{hi}",
                "prepare_ms": 1000 * sum(prep[lo:hi]) / (hi - lo),
                "add_ms": 1000 * sum(add) / max(len(add), 1),
            }
        )
    return out


def stage_split(records: list[dict[str, Any]]) -> dict[str, float]:
    """Seconds per stage over ``records``, run the way ``prepare_article`` runs them."""
    from recoupe.corpus import _entities  # the same entity list prepare_article stores

    totals: dict[str, float] = {}

    def add(name: str, began: float) -> float:
        now = time.perf_counter()
        totals[name] = totals.get(name, 0.0) + now - began
        return now

    embedder = get_embedder("use")
    for record in records:
        article = to_article(record)
        t = time.perf_counter()
        article.meta["slug"] = article.id
        article.id = corpus_id(article)
        pipeline = annotation_pipeline()
        t = add("pipeline()", t)
        failure = None
        for stage in pipeline.stages:
            failure = pipeline.run_stage(stage, article)
            t = add(stage.name, t)
            if failure is not None:  # timed like the rest, but the article stops here
                print(f"  stage split: {failure}", file=sys.stderr)
                break
        if failure is not None:
            continue
        article.meta["entities"] = _entities(article)
        t = add("entity list", t)
        serialize.doc_to_bytes(article.require_doc())
        t = add("doc_to_bytes", t)
        embedder.encode([vector_text(article)])
        add("embed", t)
    return totals


# ------------------------------------------------------------------ dask
def run_dask(n: int, tmp: Path, workers: int, partition: int) -> Result:
    from distributed import Client, LocalCluster

    from recoupe.batch import run_batch

    records = load_records(n)
    paths = write_partitions(records, tmp / f"parts{workers}", partition)
    del records
    began = time.perf_counter()
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        host="127.0.0.1",
    )
    client = Client(cluster)
    startup = time.perf_counter() - began
    timed = TimedStore(open_store(f"sqlite:///{tmp / f'dask{workers}.db'}"))
    corpus = Corpus(cast(Store, timed))
    began = time.perf_counter()
    report = run_batch(
        paths, corpus, workers=workers, scheduler=cluster.scheduler_address, partition_size=1
    )
    total = time.perf_counter() - began
    worker_rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    client.close()
    cluster.close()
    if report.failures:
        print(f"  {len(report.failures)} failures, first: {report.failures[0]}", file=sys.stderr)
    commit_start = timed.first_start_run or began
    stories = stories_of(timed._inner)
    return {
        "n": n,
        "total_s": total,
        "models_s": 0.0,
        "startup_s": startup,
        "prepare_s": commit_start - began,
        "commit_s": began + total - commit_start,
        "cluster_s": began + total - timed.last_add_end,
        "store_s": dict(sorted(timed.seconds.items())),
        "rss_main_mib": peak_rss_mib(),
        "rss_workers_mib": sorted(worker_rss.values()),
        "stories": stories,
        "n_stories": len(stories),
        **_report_info(report),
    }


# ------------------------------------------------------------------ profile
def run_profile(n: int) -> str:
    records = load_records(n + 1)
    warm_models()
    prepare_article(to_article(records[0]))  # first call pays lazy imports
    profiler = cProfile.Profile()
    profiler.enable()
    for record in records[1:]:
        prepare_article(to_article(record))
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(18)
    stats.sort_stats("cumulative").print_stats(30)
    return out.getvalue()


def child(mode: str, n: int, args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmpdir:
        tmp = Path(tmpdir)
        load_before = load()
        if mode == "single":
            result = run_single(n, tmp, n, args.stage_sample, args.partition)
        elif mode == "incr":
            result = run_single(n, tmp, args.chunk, 0, args.partition)
        elif mode == "profile":
            result = {"profile": run_profile(n)}
        else:
            result = run_dask(n, tmp, int(mode[-1]), args.partition)
        result["load"] = f"{load_before} -> {load()}"
    print("RESULT " + json.dumps(result))


# ------------------------------------------------------------------ parent
def spawn(mode: str, n: int, args: argparse.Namespace) -> Result:
    cmd = [sys.executable, __file__, "--child", mode, "--sizes", str(n)]
    cmd += ["--partition", str(args.partition), "--stage-sample", str(args.stage_sample)]
    cmd += ["--chunk", str(args.chunk)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    lines = [x for x in proc.stdout.splitlines() if x.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        tail = "\n".join(proc.stderr.splitlines()[-15:])
        raise SystemExit(f"{mode} n={n} failed (rc {proc.returncode}):\n{tail}")
    result: Result = json.loads(lines[-1][len("RESULT ") :])
    return result


def print_main(rows: list[tuple[str, Result]]) -> None:
    print(
        f"\n{'mode':6} {'n':>6} {'total s':>8} {'art/s':>6} {'ms/art':>7} {'prep s':>7} "
        f"{'commit s':>8} {'clust s':>7} {'start s':>7} {'stored':>6} {'dups':>4} {'fail':>4} "
        f"{'stories':>7} {'RSS main':>8} "
        f"{'RSS workers':>12}  load (1/5/15 min, before -> after)"
    )
    for mode, r in rows:
        n, total = r["n"], r["total_s"]
        commit = r.get("commit_s", total - r["prepare_s"])
        workers = "/".join(f"{x:.0f}" for x in r["rss_workers_mib"]) or "-"
        startup = r.get("startup_s", r["models_s"])
        print(
            f"{mode:6} {n:>6} {total:>8.1f} {n / total:>6.1f} {1000 * total / n:>7.1f} "
            f"{r['prepare_s']:>7.1f} {commit:>8.2f} {r['cluster_s']:>7.2f} {startup:>7.1f} "
            f"{r['stored']:>6} {r['duplicates']:>4} {len(r['failures']):>4} "
            f"{r['n_stories']:>7} {r['rss_main_mib']:>8.0f} {workers:>12}  {r['load']}"
        )
    for mode, r in rows:
        for failure in r["failures"][:3]:
            print(f"  {mode} n={r['n']} failure: {failure}")
    print(
        "total = ingest wall time (single: reading the JSONL + add_articles, models already "
        "loaded, 'start s' = model load; "
        "dask: includes worker model load, 'start s' = LocalCluster start); "
        "prep = annotate+embed (dask: until the client starts committing); "
        "commit = store + dedup + cluster; clust = dedup + cluster + story assignment; "
        "RSS in MiB (ru_maxrss)."
    )


def print_single_details(rows: list[tuple[str, Result]]) -> None:
    for mode, r in rows:
        if mode != "single":
            continue
        n = r["n"]
        print(f"\nsingle n={n}: per-article ms over the feed (must stay flat)")
        print(f"  {'articles':>12} {'prepare ms':>10} {'add_article ms':>14}")
        for d in r["deciles"]:
            print(f"  {d['range']:>12} {d['prepare_ms']:>10.1f} {d['add_ms']:>14.2f}")
        store = ", ".join(f"{k} {1000 * v / n:.2f}" for k, v in r["store_s"].items() if v > 0.01)
        print(f"  store ms/article by method: {store}")
        print(f"  reading the JSONL (read_inputs): {1000 * r['read_s'] / n:.2f} ms/article")
        if "stages" in r:
            stages = r["stages"]
            total = sum(stages.values())
            k = min(n, r.get("sample", n))
            print(f"  prepare split on a sample ({k} articles, {1000 * total / k:.1f} ms/art):")
            for name, secs in sorted(stages.items(), key=lambda kv: -kv[1]):
                print(f"    {name:14} {1000 * secs / k:>7.1f} ms/art {100 * secs / total:>5.1f} %")


def print_incremental(rows: list[tuple[str, Result]]) -> None:
    for mode, r in rows:
        if mode != "incr" or not r["chunks"]:
            continue
        print(f"\nincr n={r['n']}: add_articles per chunk into one growing store")
        print(f"  {'stored':>7} {'n':>5} {'ms/art':>7} {'prep ms/art':>11} {'commit ms/art':>13}")
        for c in r["chunks"]:
            k = c["n"]
            commit = c["total_s"] - c["prepare_s"]
            print(
                f"  {c['stored_before']:>7} {k:>5} {1000 * c['total_s'] / k:>7.1f} "
                f"{1000 * c['prepare_s'] / k:>11.1f} {1000 * commit / k:>13.2f}"
            )


def check_identical(results: dict[tuple[str, int], Result]) -> None:
    sizes = sorted({n for (m, n) in results if m == "single"})
    for n in sizes:
        for other in ("dask2", "dask1"):
            if (other, n) not in results:
                continue
            a, b = results[("single", n)]["stories"], results[(other, n)]["stories"]
            same = a == b
            slugs_a = sorted(sorted(m.split("|")[0] for m in v) for v in a.values())
            slugs_b = sorted(sorted(m.split("|")[0] for m in v) for v in b.values())
            print(
                f"\nstories single vs {other}, n={n}: {len(a)} vs {len(b)} stories; "
                f"identical (story id -> sorted member ids): {same}; "
                f"same groups of OrangeSum ids: {slugs_a == slugs_b}"
            )
            if not same:
                only = [k for k in a if a.get(k) != b.get(k)][:3]
                for k in only:
                    print(f"  single {k}: {a[k]}\n  {other} {k}: {b.get(k)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--modes", nargs="+", default=["single", "dask1", "dask2"])
    parser.add_argument("--partition", type=int, default=100, help="articles per JSONL file")
    parser.add_argument("--stage-sample", type=int, default=100)
    parser.add_argument("--profile", type=int, default=0, help="cProfile prepare_article on K")
    parser.add_argument("--incremental", action="store_true", help="also run mode incr")
    parser.add_argument("--chunk", type=int, default=100, help="articles per incr call")
    parser.add_argument("--child", choices=(*MODES, "profile"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--save", type=Path, help="JSON file: each finished run is added to it as it ends"
    )
    parser.add_argument(
        "--report", type=Path, nargs="+", help="print the tables of saved runs, run nothing"
    )
    args = parser.parse_args()
    if args.child:
        child(args.child, args.sizes[0], args)
        return
    if args.report:
        saved = [run for path in args.report for run in json.loads(path.read_text())]
        report({(r["mode"], r["n"]): r for r in saved})
        return
    modes = list(args.modes) + (["incr"] if args.incremental else [])
    print(f"cpus={os.cpu_count()}  load average at start: {load()}")
    results: dict[tuple[str, int], Result] = {}
    for n in args.sizes:
        for mode in modes:
            result = spawn(mode, n, args)
            result.update(sample=args.stage_sample, mode=mode, n=n)
            results[(mode, n)] = result
            if args.save:
                args.save.write_text(json.dumps(list(results.values())))
            print(f"done {mode} n={n}: {result['total_s']:.1f} s", flush=True)
    report(results)
    if args.profile:
        prof = spawn("profile", args.profile, args)
        print(f"\ncProfile of prepare_article on {args.profile} articles ({prof['load']}):")
        print(prof["profile"])
    print(f"load average at end: {load()}")


def report(results: dict[tuple[str, int], Result]) -> None:
    rows = [(mode, r) for (mode, _), r in results.items()]
    print_main(rows)
    print_single_details(rows)
    print_incremental(rows)
    check_identical(results)


if __name__ == "__main__":
    main()
