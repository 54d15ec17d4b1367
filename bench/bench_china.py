"""Benchmark: every China province source from raw files to the convergence indices.

Set-up (not timed): a fresh warehouse with every non-China source landed and built, so that the
country side of the indices exists. Timed, as in ``convergence run``: read every China source
(per source, so the CEADs workbooks show apart; the readers use python-calamine directly), run
the GX gate, land ``raw.china_*``, then ``dbt build`` of marts.province_panel with everything
upstream and every model downstream of it (province inputs, coupling coordination,
co-agglomeration, σ/β tests). Prints wall time per step and source, and the peak RSS of the
loader process and of the dbt worker. Usage:

    python3 -m uv run python bench/bench_china.py --raw-dir ../shared/data/raw
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path


def _vm_hwm_mb(pid: int) -> float:
    """Peak resident set (VmHWM) of a live process, MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _land(con, sources, raw_dir: Path, context, times: dict[str, float] | None = None) -> int:
    from warehouse import landing

    landing.register_sources(con, sources)
    rows = 0
    for source in sources:
        plan = landing.plan_source(con, source, raw_dir)
        t = time.perf_counter()
        batch = landing.read_files(plan)
        read = time.perf_counter() - t
        t = time.perf_counter()
        landing.check_batch(batch, context)
        gate = time.perf_counter() - t
        t = time.perf_counter()
        outcome = landing.land_batch(con, batch, "bench")
        land = time.perf_counter() - t
        if not outcome.ok:
            raise SystemExit("\n".join(outcome.failure_lines))
        rows += outcome.rows_landed
        if times is not None:
            times[f"read {source.name} ({len(plan.files)} files)"] = read
            for step, secs in (("GX gate", gate), ("land", land)):
                key = f"{step} (all China sources)"
                times[key] = times.get(key, 0.0) + secs
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--raw-dir", default="../shared/data/raw", help="folder with china/...")
    args = parser.parse_args()
    raw_dir = Path(args.raw_dir).resolve()

    from warehouse.db import writer
    from warehouse.quality import GateContext
    from warehouse.settings import load_settings
    from warehouse.sources import SOURCES
    from warehouse.transform import DbtSession

    context = GateContext.create(None)
    china = [s for n, s in SOURCES.items() if n.startswith("china_") and s.kind == "long"]
    others = [s for s in SOURCES.values() if s not in china]
    tmp = Path(tempfile.mkdtemp(prefix="convergence-bench-china-"))
    try:
        settings = load_settings(db_path=tmp / "wh.duckdb").with_overrides(build_dir=tmp)
        print("set-up: landing and building the non-China sources (not timed) ...")
        with writer(settings.db_path) as con:
            _land(con, others, raw_dir, context)
            from tests.fixtures.raw_fixture import LONG_DDL

            for source in china:  # empty China tables so the whole project builds
                con.execute(f"create table if not exists raw.{source.table} {LONG_DDL}")
        setup = DbtSession(settings)
        run = setup.run("build", "--exclude", "test_type:unit")
        setup.close()
        if not run.success:
            raise SystemExit(f"set-up dbt failed: {[n.unique_id for n in run.failures]}")

        times: dict[str, float] = {}
        t0 = time.perf_counter()
        session = DbtSession(settings)  # as `convergence run`: dbt parses while files are read
        with writer(settings.db_path) as con:
            rows = _land(con, china, raw_dir, context, times)
        t = time.perf_counter()
        run = session.run(
            "build", "--select", "+province_panel+", "--exclude", "test_type:unit",
            "--indirect-selection", "cautious",
        )  # fmt: skip
        times["dbt build (province panel and indices)"] = time.perf_counter() - t
        worker_peak = _vm_hwm_mb(session._proc.pid)
        session.close()
        if not run.success:
            raise SystemExit(f"dbt failed: {run.error} {[n.unique_id for n in run.failures]}")
        total = time.perf_counter() - t0

        import duckdb

        with duckdb.connect(str(settings.db_path), read_only=True) as con:
            counts = {
                m: con.execute(f"select count(*) from marts.{m} {w}").fetchall()[0][0]
                for m, w in (
                    ("province_panel", ""),
                    ("coupling_coordination", "where unit_type = 'province'"),
                    ("coagglomeration", "where unit_type = 'province'"),
                    ("convergence_tests", "where unit_type = 'province'"),
                )
            }
        print(f"China rows landed: {rows:,}; province rows: {counts}")
        for step, secs in times.items():
            print(f"  {step:<58} {secs:6.2f} s")
        for node in sorted(run.nodes, key=lambda n: -n.seconds)[:5]:
            print(f"    dbt {node.unique_id:<60} {node.seconds:5.2f} s")
        print(f"China raw files -> indices: {total:.1f} s")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS: loader process {peak:.0f} MB, dbt worker {worker_peak:.0f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
