"""Benchmark: the seed-002 study on a built warehouse (Tables 1-4, mechanisms, report files).

Times the baseline (Tables 1-2, six two-way FE columns) and the mechanisms (mediation with a
cluster bootstrap of B draws per channel, moderation, heterogeneity, robustness) on
``marts.country_panel`` of an existing warehouse, then writes every table (four formats), the
charts and the replication page into a temporary directory, and prints wall time per part and
the peak RSS of the process. Build the warehouse first, e.g.
``convergence run --raw-dir ../shared/data/raw``.

    python3 -m uv run python bench/bench_digital_study.py --db build/warehouse.duckdb [--reps 1000]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="build/warehouse.duckdb", help="built warehouse file")
    parser.add_argument("--reps", type=int, default=1000, help="bootstrap draws per channel")
    parser.add_argument("--seed", type=int, default=None, help="bootstrap seed")
    args = parser.parse_args()

    start = time.perf_counter()
    from analysis.data_access import load_country_panel
    from analysis.mediation import DEFAULT_SEED
    from analysis.studies.digital_imports import run_baseline
    from analysis.studies.digital_mechanisms import run_mechanisms

    imports = time.perf_counter() - start
    t = time.perf_counter()
    panel = load_country_panel(args.db)
    load = time.perf_counter() - t
    t = time.perf_counter()
    baseline = run_baseline(panel)
    base = time.perf_counter() - t
    t = time.perf_counter()
    result = run_mechanisms(panel, n_boot=args.reps, seed=args.seed or DEFAULT_SEED)
    mech = time.perf_counter() - t
    from analysis.report import write_report

    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        written = write_report(out, baseline, "bench", mechanisms=result)
    report = time.perf_counter() - t
    total = time.perf_counter() - start

    print(f"panel: {len(panel):,} rows; estimation sample N = {len(baseline.sample)}")
    print(f"imports {imports:5.1f} s   load mart {load:5.1f} s")
    print(f"Tables 1-2 (6 models) {base:5.1f} s")
    print(f"mechanisms (B = {args.reps} per channel) {mech:5.1f} s; parts: {result.timings}")
    print(f"report: {len(written)} files (tables, charts, replication page) {report:5.1f} s")
    for line in result.summary_lines():
        print(f"  {line}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"total {total:.1f} s, peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
