"""Check flow: read every source and run its quality gate, landing nothing (a dry run)."""

from __future__ import annotations

from prefect import flow
from prefect.artifacts import create_table_artifact

from flows.common import StepSummary, settings_from
from flows.ingest import select_sources
from warehouse import landing


@flow(name="check", log_prints=True)
def check_flow(
    raw_dir: str | None = None,
    db: str | None = None,
    report_dir: str | None = None,
    sources: list[str] | None = None,
) -> StepSummary:
    """Validate the raw files of every (or the named) source; the warehouse is not touched."""
    from warehouse.quality import GateContext, format_failure_line

    settings = settings_from(raw_dir, db, report_dir)
    raw = settings.resolved_raw_dir()
    context = GateContext.create(settings.build_dir)  # Data Docs under build/gx/
    lines: list[str] = []
    failures: list[str] = []
    rows = []
    for source in select_sources(sources):
        plan = landing.plan_source(None, source, raw)
        batch = landing.read_and_check(plan, context)
        files = [f.name for f in plan.files]
        failures += [
            f"file failed: {source.name}: {line}"
            for name in sorted(batch.failed_files)
            for line in batch.failed_files[name]
        ]
        if batch.absent:
            status = "absent"  # optional source, no files supplied
        elif batch.error:
            failures.append(f"read failed: {source.name}: {batch.error}")
            status = "failed"
        elif batch.gate and not batch.gate.success:
            failures += [format_failure_line(source.name, files, f) for f in batch.gate.failures]
            status = "gate failed"
        else:
            status = "partial" if batch.failed_files else "passed"
        n = len(batch.result.frame) if batch.result is not None else 0
        lines.append(f"{source.name:<16} {status:<12} {n:>9,} rows in {len(files)} file(s)")
        rows.append({"source": source.name, "status": status, "rows": n})
    docs = context.build_docs()
    if docs:
        lines.append(f"Data Docs: {docs}")
    create_table_artifact(key="check-results", table=rows, description="Quality gates (dry run)")
    return StepSummary(step="check", ok=not failures, lines=lines, failures=failures)
