"""Build flow: ``dbt build`` (seeds, staging, intermediate, marts, tests) and ``dbt docs``."""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact

from flows.common import StepSummary, settings_from
from warehouse import build_state
from warehouse.settings import Settings
from warehouse.transform import DbtRun, run_dbt


@task(name="dbt-build", retries=1, retry_delay_seconds=3)
def dbt_build(settings: Settings) -> DbtRun:
    """All seeds, models, unit tests and data tests, in DAG order."""
    return run_dbt(settings, "build")


@task(name="dbt-docs")
def dbt_docs(settings: Settings) -> DbtRun:
    """Lineage and column docs site (``build/dbt_target/index.html``)."""
    return run_dbt(settings, "docs", "generate")


@flow(name="build", log_prints=True)
def build_flow(
    raw_dir: str | None = None,
    db: str | None = None,
    report_dir: str | None = None,
    docs: bool = True,
    force: bool = False,
) -> StepSummary:
    """Run dbt on the warehouse; skipped when neither raw loads nor the dbt project changed."""
    logger = get_run_logger()
    settings = settings_from(raw_dir, db, report_dir)
    fingerprint = build_state.fingerprint(settings.db_path)
    if not force and build_state.is_current(settings.db_path, fingerprint):
        logger.info("dbt build skipped: raw loads and dbt project unchanged since the last build")
        return StepSummary(
            step="build",
            ok=True,
            lines=["dbt build: up to date (skipped)"],
            details={"skipped": True},
        )
    run = dbt_build(settings)
    counts = ", ".join(f"{k} {v}" for k, v in sorted(run.counts().items()))
    lines = [f"dbt build: {'ok' if run.success else 'FAILED'} ({counts})"]
    failures = [
        f"dbt {n.resource_type} failed: {n.unique_id}: {(n.message or '').strip()[:300]}"
        for n in run.failures
    ]
    if not run.success and not failures:
        failures = [f"dbt build failed: {run.error or 'see build/dbt_logs/dbt.log'}"]
    if run.success:
        build_state.record(settings.db_path, fingerprint)
        if docs:
            doc_run = dbt_docs(settings)
            lines.append(
                "dbt docs: "
                + (f"{settings.dbt_target_dir / 'index.html'}" if doc_run.success else "FAILED")
            )
    create_markdown_artifact(
        key="dbt-build",
        markdown="\n".join(["# dbt build", *lines, *[f"- {f}" for f in failures]]),
        description="dbt build outcome",
    )
    return StepSummary(
        step="build",
        ok=run.success,
        lines=lines,
        failures=failures,
        details={"counts": run.counts()},
    )
