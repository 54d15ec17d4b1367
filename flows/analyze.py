"""Analyze flow: the seed-002 study (Table 1, Table 2) on marts.country_panel -> analysis.*."""

from __future__ import annotations

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from analysis.data_access import load_country_panel
from analysis.store import store_study_result
from analysis.studies.digital_imports import StudyResult, run_baseline
from analysis.tables import to_markdown
from flows.common import StepSummary, settings_from
from warehouse.db import writer
from warehouse.landing import new_run_id


@task(name="run-study", cache_policy=NO_CACHE)
def run_study(db_path: str) -> StudyResult:
    """Read the mart read-only and estimate the six Table-2 columns."""
    return run_baseline(load_country_panel(db_path))


@task(name="store-study", cache_policy=NO_CACHE)
def store_study(db_path: str, result: StudyResult, run_id: str) -> None:
    """Write coefficients, fit statistics and descriptives into analysis.* (one writer)."""
    from pathlib import Path

    with writer(Path(db_path)) as con:
        store_study_result(con, result, run_id)


@flow(name="analyze", log_prints=True)
def analyze_flow(
    raw_dir: str | None = None,
    db: str | None = None,
    report_dir: str | None = None,
    run_id: str | None = None,
) -> StepSummary:
    """Estimate the baseline study and store it; the Table 2 is published as an artifact."""
    settings = settings_from(raw_dir, db, report_dir)
    run_id = run_id or new_run_id()
    try:
        result = run_study(str(settings.db_path))
    except ValueError as exc:  # empty sample, no within variation, too few clusters ...
        return StepSummary(step="analyze", ok=False, failures=[f"analysis failed: {exc}"])
    store_study(str(settings.db_path), result, run_id)
    create_markdown_artifact(
        key="table2-baseline",
        markdown=to_markdown(result.table2),
        description=f"Table 2 (baseline two-way FE), run {run_id}",
    )
    main = result.models[list(result.models)[-1]]
    tidy = main.tidy().set_index("term")
    first, last = result.years
    lines = [
        f"sample: N = {len(result.sample)}, countries = {result.sample['iso3'].nunique()}, "
        f"years {first}-{last}",
        f"ln imdig (column 6): {tidy.loc['ln_imdig', 'estimate']:.4f} "
        f"(CR1 SE {tidy.loc['ln_imdig', 'std_error']:.4f})",
        result.headline,
    ]
    return StepSummary(
        step="analyze", ok=True, lines=lines, details={"run_id": run_id, "result": result}
    )
