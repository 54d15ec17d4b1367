"""Report flow: tables (Markdown, HTML, LaTeX, CSV), charts and index.html/index.md.

The report has the seed-002 part and the seed-000 input–output section. A study result handed
over by the analyze flow carries the IO result in ``result.extras["io_result"]``; otherwise both
studies are re-estimated from the marts. If the IO study cannot run (IO marts absent or empty)
the report is still written, its IO section says why, and the step fails.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
from prefect import flow
from prefect.artifacts import create_link_artifact

from analysis.report import write_report
from analysis.studies.convergence_indices import ConvergenceStudyResult
from analysis.studies.digital_imports import StudyResult
from analysis.studies.digital_mechanisms import MechanismsResult
from analysis.studies.green_tfp import GreenTfpStudyResult
from analysis.studies.io_linkages import IOStudyResult
from flows.analyze import (
    check_io_marts,
    run_convergence,
    run_green_tfp,
    run_io,
    run_mechanisms_task,
    run_study,
)
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


def io_for_report(db_path: str, result: StudyResult) -> tuple[IOStudyResult | None, str | None]:
    """The IO result handed over in ``result.extras``, else re-estimated; or a failure text."""
    if result.extras.get("io_result") is not None:
        return result.extras["io_result"], None
    if result.extras.get("io_failure"):
        return None, str(result.extras["io_failure"])
    try:
        problems = check_io_marts(db_path)
    except (OSError, duckdb.Error) as exc:
        return None, str(exc)
    if problems:
        return None, "; ".join(problems)
    try:
        return run_io(db_path), None
    except ValueError as exc:
        return None, str(exc)


def mechanisms_for_report(
    db_path: str, result: StudyResult
) -> tuple[MechanismsResult | None, str | None]:
    """The mechanisms handed over in ``result.extras``, else re-estimated (defaults)."""
    if result.extras.get("mechanisms_result") is not None:
        return result.extras["mechanisms_result"], None
    if result.extras.get("mechanisms_failure"):
        return None, str(result.extras["mechanisms_failure"])
    try:
        return run_mechanisms_task(db_path), None
    except (ValueError, OSError, duckdb.Error) as exc:
        return None, str(exc)


def convergence_for_report(
    db_path: str, result: StudyResult
) -> tuple[ConvergenceStudyResult | None, str | None]:
    """The convergence study handed over in ``result.extras``, else re-run from the marts."""
    if result.extras.get("convergence_result") is not None:
        return result.extras["convergence_result"], None
    if result.extras.get("convergence_failure"):
        return None, str(result.extras["convergence_failure"])
    try:
        return run_convergence(db_path), None
    except (OSError, duckdb.Error) as exc:
        return None, str(exc)


def green_tfp_for_report(
    db_path: str, result: StudyResult
) -> tuple[GreenTfpStudyResult | None, str | None]:
    """The green-TFP study handed over in ``result.extras``, else re-run from the marts."""
    if result.extras.get("green_tfp_result") is not None:
        return result.extras["green_tfp_result"], None
    if result.extras.get("green_tfp_failure"):
        return None, str(result.extras["green_tfp_failure"])
    try:
        return run_green_tfp(db_path), None
    except (OSError, duckdb.Error) as exc:
        return None, str(exc)


@flow(name="report", log_prints=True, validate_parameters=False)
def report_flow(
    raw_dir: str | None = None,
    db: str | None = None,
    report_dir: str | None = None,
    run_id: str | None = None,
    result: StudyResult | None = None,
) -> StepSummary:
    """Write the report; re-estimates from the marts when no study result is handed over."""
    settings = settings_from(raw_dir, db, report_dir)
    run_id = run_id or new_run_id()
    if result is None:
        result = run_study(str(settings.db_path))
    result.extras["input_note"] = input_note(settings)
    io_result, io_failure = io_for_report(str(settings.db_path), result)
    mechanisms, mechanisms_failure = mechanisms_for_report(str(settings.db_path), result)
    convergence, convergence_failure = convergence_for_report(str(settings.db_path), result)
    green_tfp, green_tfp_failure = green_tfp_for_report(str(settings.db_path), result)
    written = write_report(
        settings.report_dir,
        result,
        run_id=run_id,
        io_result=io_result,
        io_failure=io_failure,
        mechanisms=mechanisms,
        mechanisms_failure=mechanisms_failure,
        convergence=convergence,
        convergence_failure=convergence_failure,
        green_tfp=green_tfp,
        green_tfp_failure=green_tfp_failure,
    )
    index = Path(settings.report_dir) / "index.html"
    create_link_artifact(key="report", link=index.as_uri(), description="Study report")
    lines = [f"report: {index}", f"{len(written)} files written"]
    failures = []
    if mechanisms is not None:
        lines.append("mechanisms section (seed 002) included")
    else:
        failures.append(f"mechanisms section (seed 002) missing: {mechanisms_failure}")
    if convergence is not None:
        lines.append("convergence section (seeds 001, 004) included")
    else:
        failures.append(f"convergence section (seeds 001, 004) missing: {convergence_failure}")
    if green_tfp is not None:
        lines.append("green TFP section (seed 004) included")
    else:
        failures.append(f"green TFP section (seed 004) missing: {green_tfp_failure}")
    if io_result is not None:
        lines.append("io section (seed 000) included")
    else:
        failures.append(f"io section (seed 000) missing: {io_failure}")
    return StepSummary(step="report", ok=not failures, lines=lines, failures=failures)
