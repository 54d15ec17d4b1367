"""The whole pipeline: ingest -> build -> analyze -> report, as one Prefect flow."""

from __future__ import annotations

from prefect import flow

from flows.analyze import analyze_flow
from flows.build import build_flow
from flows.common import StepSummary
from flows.ingest import ingest_flow
from flows.report import report_flow
from warehouse.landing import new_run_id


@flow(name="pipeline", log_prints=True)
def pipeline_flow(
    raw_dir: str | None = None,
    db: str | None = None,
    report_dir: str | None = None,
    force: bool = False,
    bootstrap_reps: int = 1000,
    seed: int | None = None,
) -> list[StepSummary]:
    """Run every step; a failing source does not stop the others (last good data stays).

    The build runs whenever at least one source's data is in the warehouse; analysis and the
    report run when the build succeeded.  The caller decides the exit code from the summaries.
    """
    run_id = new_run_id()
    steps = [ingest_flow(raw_dir, db, report_dir, force=force, run_id=run_id)]
    build = build_flow(raw_dir, db, report_dir, force=force)
    steps.append(build)
    if build.ok:
        boot = {"bootstrap_reps": bootstrap_reps} | ({"seed": seed} if seed is not None else {})
        analysis = analyze_flow(raw_dir, db, report_dir, run_id=run_id, **boot)
        steps.append(analysis)
        if analysis.ok:
            steps.append(
                report_flow(
                    raw_dir, db, report_dir, run_id=run_id, result=analysis.details.get("result")
                )
            )
    return steps
