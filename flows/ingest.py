"""Ingest flow: find files -> read (parallel, retried) -> quality gate -> land (one writer)."""

from __future__ import annotations

import threading

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from flows.common import StepSummary, settings_from
from warehouse import landing
from warehouse.db import writer
from warehouse.quality import preload as preload_gates
from warehouse.sources import SOURCES
from warehouse.sources.base import Source


def select_sources(names: list[str] | None) -> list[Source]:
    """The registry's sources, or the named subset (unknown names are an error)."""
    if not names:
        return list(SOURCES.values())
    unknown = sorted(set(names) - set(SOURCES))
    if unknown:
        raise ValueError(f"unknown source(s) {unknown}; known: {sorted(SOURCES)}")
    return [SOURCES[n] for n in names]


@task(name="plan-sources", retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def plan_sources(db_path: str, raw_dir: str, names: list[str] | None, force: bool):
    """Checksum every file and compare with the last landed load (opens the writer briefly)."""
    from pathlib import Path

    sources = select_sources(names)
    with writer(Path(db_path)) as con:
        landing.register_sources(con, sources)
        return [landing.plan_source(con, s, Path(raw_dir), force=force) for s in sources]


@task(name="read-source", retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def read_source(plan: landing.SourcePlan) -> landing.CheckedBatch:
    """Parse one source's files (I/O, retried); the gate runs later in the writer task."""
    return landing.read_files(plan)


@task(name="gate-and-land", cache_policy=NO_CACHE)
def gate_and_land(
    db_path: str,
    gx_root: str,
    batches: list[landing.CheckedBatch],
    unchanged: list[landing.SourcePlan],
    run_id: str,
) -> list[landing.LoadOutcome]:
    """Run every source's GX suite and land, one source per transaction, one writer."""
    from pathlib import Path

    logger = get_run_logger()
    context = None
    if batches:  # importing Great Expectations costs seconds: only when something is read
        from warehouse.quality import GateContext

        context = GateContext.create(Path(gx_root))  # Data Docs under <root>/gx/
    outcomes: list[landing.LoadOutcome] = []
    with writer(Path(db_path)) as con:
        for plan in unchanged:
            outcomes.append(landing.record_unchanged(con, plan, run_id))
            logger.info("%s: unchanged (checksums equal the last landed load)", plan.source.name)
        for batch in batches:
            landing.check_batch(batch, context)
            outcome = landing.land_batch(con, batch, run_id)
            outcomes.append(outcome)
            logger.info("%s: %s (%d rows)", outcome.source, outcome.status, outcome.rows_landed)
            for line in outcome.failure_lines:
                logger.error(line)
        docs = context.build_docs() if context is not None else None
        if docs is not None:  # one Data Docs site per run; every gate report links to it
            landing.link_gate_docs(con, run_id, docs)
    return outcomes


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=2), log_prints=True)
def ingest_flow(
    raw_dir: str | None = None,
    db: str | None = None,
    report_dir: str | None = None,
    sources: list[str] | None = None,
    force: bool = False,
    run_id: str | None = None,
) -> StepSummary:
    """Land the raw files of every source (or the named ones) into ``raw.*``."""
    settings = settings_from(raw_dir, db, report_dir)
    run_id = run_id or landing.new_run_id()
    raw = settings.resolved_raw_dir()
    plans = plan_sources(str(settings.db_path), str(raw), sources, force)
    todo = [p for p in plans if not p.unchanged]
    unchanged = [p for p in plans if p.unchanged]
    if todo:  # import Great Expectations while the files are being read
        threading.Thread(target=preload_gates, name="gx-preload", daemon=True).start()
    futures = [read_source.submit(p) for p in todo]
    batches = [f.result() for f in futures]
    outcomes = gate_and_land(
        str(settings.db_path), str(settings.build_dir), batches, unchanged, run_id
    )
    create_table_artifact(
        key="gate-results",
        table=[
            {
                "source": o.source,
                "status": o.status,
                "rows_landed": o.rows_landed,
                "rows_rejected": o.rows_rejected,
                "files": ", ".join(o.files),
                "failures": " | ".join(o.failure_lines),
            }
            for o in outcomes
        ],
        description=f"Quality gate and landing outcome per source, run {run_id}",
    )
    failures = [line for o in outcomes for line in o.failure_lines]
    lines = [f"{o.source:<16} {o.status:<12} {o.rows_landed:>9,} rows" for o in outcomes]
    if batches and settings.data_docs_index.exists():
        lines.append(f"gate results (Data Docs): {settings.data_docs_index}")
    return StepSummary(
        step="ingest",
        ok=not failures,
        lines=lines,
        failures=failures,
        details={"run_id": run_id, "raw_dir": str(raw), "outcomes": [o.__dict__ for o in outcomes]},
    )
