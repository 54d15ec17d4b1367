"""Report flow: tables (Markdown, HTML, LaTeX, CSV), chart and index.html/index.md."""

from __future__ import annotations

from pathlib import Path

from prefect import flow
from prefect.artifacts import create_link_artifact

from analysis.report import write_report
from analysis.studies.digital_imports import StudyResult
from flows.analyze import run_study
from flows.common import StepSummary, settings_from
from warehouse.landing import new_run_id
from warehouse.settings import Settings


def input_note(settings: Settings) -> str:
    """Say in the report which files fed the warehouse (demo data are not evidence)."""
    if settings.uses_demo_data:
        return (
            "the built-in DEMO data set (synthetic files in the publishers' formats, generated "
            "with a known true effect of ln imdig of 0.15): the numbers below test the pipeline "
            "and say nothing about the world. Run with --raw-dir on real files for evidence."
        )
    return f"publisher files in {settings.raw_dir}."


@flow(name="report", log_prints=True, validate_parameters=False)
def report_flow(
    raw_dir: str | None = None,
    db: str | None = None,
    report_dir: str | None = None,
    run_id: str | None = None,
    result: StudyResult | None = None,
) -> StepSummary:
    """Write the report; re-estimates from the mart when no study result is handed over."""
    settings = settings_from(raw_dir, db, report_dir)
    run_id = run_id or new_run_id()
    if result is None:
        result = run_study(str(settings.db_path))
    result.extras["input_note"] = input_note(settings)
    written = write_report(settings.report_dir, result, run_id=run_id)
    index = Path(settings.report_dir) / "index.html"
    create_link_artifact(key="report", link=index.as_uri(), description="Study report")
    return StepSummary(
        step="report", ok=True, lines=[f"report: {index}", f"{len(written)} files written"]
    )
