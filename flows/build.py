"""Build flow: ``dbt build`` (seeds, staging, intermediate, marts, tests) and ``dbt docs``."""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows.common import StepSummary, settings_from
from warehouse import build_state, transform
from warehouse.transform import DbtRun, DbtSession


@task(name="dbt-build", cache_policy=NO_CACHE)
def dbt_build(session: DbtSession) -> DbtRun:
    """All seeds, models, unit tests and data tests, in DAG order."""
    return session.run("build")


@task(name="dbt-docs", cache_policy=NO_CACHE)
def dbt_docs(session: DbtSession) -> DbtRun:
    """Lineage and column docs site (``build/dbt_target/index.html``)."""
    return session.run("docs generate")


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
        transform.release_prewarmed(settings)
        logger.info("dbt build skipped: raw loads and dbt project unchanged since the last build")
        return StepSummary(
            step="build",
            ok=True,
            lines=["dbt build: up to date (skipped)"],
            details={"skipped": True},
        )
    session = transform.take_session(settings)
    try:
        run = dbt_build(session)
        doc_run = dbt_docs(session) if run.success and docs else None
    finally:
        session.close()  # releases dbt's hold on the DuckDB file
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
    if doc_run is not None:
        target = settings.dbt_target_dir / "index.html"
        lines.append(
            f"dbt docs: {target}"
            if doc_run.success
            else f"dbt docs: FAILED ({doc_run.error or 'see build/dbt_logs/dbt.log'})"
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
