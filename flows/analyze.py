"""Analyze flow: the seed-002 study (Table 1, Table 2) on marts.country_panel and the seed-000
input–output study on the three IO marts -> analysis.*.

The IO step has its own tasks (``check-io-marts``, ``run-io-study``, ``store-io-study``). The
pipeline always builds the IO marts, so an absent or empty IO mart is a failure of the analyze
step (a clear line in ``failures``, not a crash); the seed-002 study is still estimated and
stored, and the step's summary says which part failed.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from analysis.data_access import (
    io_marts_problems,
    load_country_panel,
    load_io_country_year,
    load_io_industry_year,
    load_io_links,
)
from analysis.mediation import DEFAULT_SEED
from analysis.store import (
    store_green_tfp_result,
    store_io_study_result,
    store_mechanisms_result,
    store_study_result,
)
from analysis.studies.convergence_indices import ConvergenceStudyResult, run_convergence_study
from analysis.studies.digital_imports import StudyResult, run_baseline
from analysis.studies.digital_mechanisms import MechanismsResult, run_mechanisms
from analysis.studies.green_tfp import GreenTfpStudyResult, run_green_tfp_study
from analysis.studies.io_linkages import CHINA, IOStudyResult, run_io_study
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
    with writer(Path(db_path)) as con:
        store_study_result(con, result, run_id)


@task(name="run-mechanisms", cache_policy=NO_CACHE)
def run_mechanisms_task(
    db_path: str, bootstrap_reps: int = 1000, seed: int = DEFAULT_SEED
) -> MechanismsResult:
    """Seed-002 mechanisms (mediation, moderation, heterogeneity, robustness) on the baseline
    sample; model-level problems are recorded in the result, not raised."""
    return run_mechanisms(load_country_panel(db_path), n_boot=bootstrap_reps, seed=seed)


@task(name="store-mechanisms", cache_policy=NO_CACHE)
def store_mechanisms(
    db_path: str, result: MechanismsResult, run_id: str, baseline: StudyResult | None = None
) -> None:
    """Write the mechanism regressions, mediation tests and the paper comparison into
    analysis.* (one writer)."""
    with writer(Path(db_path)) as con:
        store_mechanisms_result(con, result, run_id, baseline)


def mechanisms_step(
    db_path: str,
    run_id: str,
    bootstrap_reps: int,
    seed: int,
    baseline: StudyResult | None = None,
) -> tuple[MechanismsResult | None, list[str], list[str]]:
    """Run and store the mechanisms; return (result or None, lines, failures)."""
    try:
        result = run_mechanisms_task(db_path, bootstrap_reps, seed)
    except ValueError as exc:  # empty baseline sample
        return None, [], [f"mechanisms (seed 002) failed: {exc}"]
    except (OSError, duckdb.Error) as exc:
        return None, [], [f"mechanisms (seed 002) failed: {type(exc).__name__}: {exc}"]
    store_mechanisms(db_path, result, run_id, baseline)
    if "table3_mediation_tests" in result.tables:
        create_markdown_artifact(
            key="table3-mediation",
            markdown=to_markdown(result.tables["table3_mediation_tests"]),
            description=f"Seed 002 mediation tests (Sobel, cluster bootstrap), run {run_id}",
        )
    lines = [
        f"mechanisms: {sum(len(m) for m in result.models_by_table.values())} models, "
        f"B = {result.n_boot}, seed {result.seed}, {result.timings.get('total', 0):.1f} s",
        *result.summary_lines(),
    ]
    return result, lines, []


@task(name="run-convergence-study", cache_policy=NO_CACHE)
def run_convergence(db_path: str) -> ConvergenceStudyResult:
    """Read the convergence marts and the province panel read-only (seeds 001, 004)."""
    return run_convergence_study(db_path)


def convergence_step(db_path: str) -> tuple[ConvergenceStudyResult | None, list[str], list[str]]:
    """Run the convergence study; parts without data are listed, not failures."""
    try:
        result = run_convergence(db_path)
    except (OSError, duckdb.Error) as exc:
        return None, [], [f"convergence study (seeds 001, 004) not run: {exc}"]
    lines = [f"convergence: {len(result.tables)} tables"]
    lines += [f"convergence: not available: {line}" for line in result.unavailable_lines()]
    return result, lines, []


@task(name="run-green-tfp-study", cache_policy=NO_CACHE)
def run_green_tfp(db_path: str) -> GreenTfpStudyResult:
    """Read marts.green_tfp and the related marts read-only (seed 004)."""
    return run_green_tfp_study(db_path)


@task(name="store-green-tfp-study", cache_policy=NO_CACHE)
def store_green_tfp(db_path: str, result: GreenTfpStudyResult, run_id: str) -> None:
    """Write the Table G-3 regressions into analysis.* (one writer)."""
    with writer(Path(db_path)) as con:
        store_green_tfp_result(con, result, run_id)


def green_tfp_step(
    db_path: str, run_id: str
) -> tuple[GreenTfpStudyResult | None, list[str], list[str]]:
    """Run and store the green-TFP study; parts without data are listed, not failures."""
    try:
        result = run_green_tfp(db_path)
    except (OSError, duckdb.Error) as exc:
        return None, [], [f"green TFP study (seed 004) not run: {exc}"]
    store_green_tfp(db_path, result, run_id)
    lines = [f"green tfp: {len(result.tables)} tables, {len(result.models)} G-3 models stored"]
    lines += [f"green tfp: not available: {line}" for line in result.unavailable_lines()]
    return result, lines, []


@task(name="check-io-marts", cache_policy=NO_CACHE)
def check_io_marts(db_path: str) -> list[str]:
    """Problems that stop the IO study: absent or empty IO marts ([] when ready)."""
    return io_marts_problems(db_path)


@task(name="run-io-study", cache_policy=NO_CACHE)
def run_io(db_path: str) -> IOStudyResult:
    """Read the three IO marts read-only; measures, China tables, regressions (seed 000)."""
    return run_io_study(
        load_io_links(db_path), load_io_country_year(db_path), load_io_industry_year(db_path)
    )


@task(name="store-io-study", cache_policy=NO_CACHE)
def store_io(db_path: str, result: IOStudyResult, run_id: str) -> None:
    """Write the IO regressions, descriptives and measures into analysis.* (one writer)."""
    with writer(Path(db_path)) as con:
        store_io_study_result(con, result, run_id)


def io_step(db_path: str, run_id: str) -> tuple[IOStudyResult | None, list[str], list[str]]:
    """Check, run and store the IO study; return (result or None, lines, failures)."""
    try:
        problems = check_io_marts(db_path)
    except (OSError, duckdb.Error) as exc:  # no database file, database locked ...
        return None, [], [f"io study (seed 000) not run: {exc}"]
    if problems:
        return None, [], [f"io study (seed 000) not run: {p}" for p in problems]
    try:
        result = run_io(db_path)
    except ValueError as exc:  # IOStudyError: bad columns, no rows, no China ...
        return None, [], [f"io study (seed 000) failed: {exc}"]
    store_io(db_path, result, run_id)
    create_markdown_artifact(
        key="io-china-yearly",
        markdown=to_markdown(result.tables["io_china_yearly"]),
        description=f"Seed 000: China's producer-service coefficients of manufacturing, {run_id}",
    )
    china = result.china_yearly.dropna(subset=["ps_direct_imported"])
    lines = [
        f"io study: {result.cross_country['iso3'].nunique()} countries, "
        f"{result.years[0]}-{result.years[-1]}, {len(result.models)} panel models"
    ]
    if not china.empty:
        a, b = china.iloc[0], china.iloc[-1]
        lines.append(
            f"{CHINA} imported PS direct coefficient of manufacturing: "
            f"{a['ps_direct_imported']:.2f}% ({int(a['year'])}) -> "
            f"{b['ps_direct_imported']:.2f}% ({int(b['year'])}); domestic "
            f"{a['ps_direct_domestic']:.2f}% -> {b['ps_direct_domestic']:.2f}%"
        )
    for model_id, term in (("(3)", "ps_imp_direct_l1"), ("(10)", "ln_mfg_output")):
        if model_id in result.models:
            t = result.models[model_id].tidy().set_index("term")
            lines.append(
                f"io model {model_id}: {term} {t.loc[term, 'estimate']:.4f} "
                f"(CR1 SE {t.loc[term, 'std_error']:.4f})"
            )
    failures = [f"io study (seed 000): model {m} not estimated: {why}"
                for m, why in result.extras.get("model_failures", {}).items()]  # fmt: skip
    lines += [n for n in result.notes if n.startswith("WARNING")]
    return result, lines, failures


@flow(name="analyze", log_prints=True)
def analyze_flow(
    raw_dir: str | None = None,
    db: str | None = None,
    report_dir: str | None = None,
    run_id: str | None = None,
    bootstrap_reps: int = 1000,
    seed: int = DEFAULT_SEED,
) -> StepSummary:
    """Estimate and store the seed-002 baseline, its mechanisms and the seed-000 IO study.

    The mechanisms (``run-mechanisms`` task, after the baseline; ``bootstrap_reps`` draws of the
    cluster bootstrap with ``seed``) travel to the report in
    ``result.extras["mechanisms_result"]``; models that cannot be estimated are listed in the
    summary lines ("not estimated: ..."), a failure of the whole step in ``failures``.

    ``ok`` is False when either study fails (the IO marts absent or empty included); the
    other study is still run and stored. The IO result travels to the report flow inside
    ``result.extras["io_result"]`` (and ``details["io_result"]``).
    """
    settings = settings_from(raw_dir, db, report_dir)
    run_id = run_id or new_run_id()
    db_path = str(settings.db_path)
    lines: list[str] = []
    failures: list[str] = []
    result: StudyResult | None = None
    try:
        result = run_study(db_path)
    except ValueError as exc:  # empty sample, no within variation, too few clusters ...
        failures.append(f"analysis failed: {exc}")
    except (OSError, duckdb.Error) as exc:  # no database, marts.country_panel absent ...
        failures.append(f"analysis failed: {type(exc).__name__}: {exc}")
    if result is not None:
        store_study(db_path, result, run_id)
        create_markdown_artifact(
            key="table2-baseline",
            markdown=to_markdown(result.table2),
            description=f"Table 2 (baseline two-way FE), run {run_id}",
        )
        main = result.models[list(result.models)[-1]]
        tidy = main.tidy().set_index("term")
        first, last = result.years
        lines += [
            f"sample: N = {len(result.sample)}, countries = {result.sample['iso3'].nunique()}, "
            f"years {first}-{last}",
            f"ln imdig (column 6): {tidy.loc['ln_imdig', 'estimate']:.4f} "
            f"(CR1 SE {tidy.loc['ln_imdig', 'std_error']:.4f})",
            result.headline,
        ]

    mech_result: MechanismsResult | None = None
    if result is not None:
        mech_result, mech_lines, mech_failures = mechanisms_step(
            db_path, run_id, bootstrap_reps, seed, result
        )
        lines += mech_lines
        failures += mech_failures
        result.extras["mechanisms_result"] = mech_result
        if mech_failures:
            result.extras["mechanisms_failure"] = "; ".join(mech_failures)

    io_result, io_lines, io_failures = io_step(db_path, run_id)
    lines += io_lines
    failures += io_failures

    conv_result, conv_lines, conv_failures = convergence_step(db_path)
    lines += conv_lines
    failures += conv_failures
    if result is not None:
        result.extras["convergence_result"] = conv_result
        if conv_failures:
            result.extras["convergence_failure"] = "; ".join(conv_failures)

    gtfp_result, gtfp_lines, gtfp_failures = green_tfp_step(db_path, run_id)
    lines += gtfp_lines
    failures += gtfp_failures
    if result is not None:
        result.extras["green_tfp_result"] = gtfp_result
        if gtfp_failures:
            result.extras["green_tfp_failure"] = "; ".join(gtfp_failures)
    if result is not None:
        result.extras["io_result"] = io_result
        if io_failures and io_result is None:
            result.extras["io_failure"] = "; ".join(io_failures)
    return StepSummary(
        step="analyze",
        ok=not failures,
        lines=lines,
        failures=failures,
        details={
            "run_id": run_id,
            "result": result,
            "io_result": io_result,
            "mechanisms_result": mech_result,
            "convergence_result": conv_result,
            "green_tfp_result": gtfp_result,
        },
    )
