"""Persist estimates into the DuckDB ``analysis`` schema (caller supplies a read-write connection).

Tables (created if absent), one append per run; storing again under the same ``run_id`` replaces
that run's rows (for the same study and table) inside one transaction:
- ``analysis.regression_coefficients``: one row per run × table × model × term;
- ``analysis.regression_fits``: one row per run × table × model;
- ``analysis.descriptive_stats``: one row per run × study × variable;
- ``analysis.sample_drops``: one row per run × study × sample-rule step (rows dropped, by reason);
- ``analysis.io_measures``: one row per run × study × iso3 × year × origin × source group × target
  group × measure (forward/backward producer-service ↔ manufacturing measures, unit-free);
- ``analysis.paper_comparison``: one row per run × study × published cell of the paper (table,
  column, term): the paper's estimate/SE/stars beside ours, Ns, agreement and the explanation;
- ``analysis.mediation_tests``: one row per run × study × table × channel (a, b, c, c', a·b,
  identity gap, Sobel z/p, cluster-bootstrap CI, draws, seed, failed draws).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from analysis.panel import PanelResult

if TYPE_CHECKING:
    from analysis.studies.digital_imports import StudyResult
    from analysis.studies.digital_mechanisms import MechanismsResult
    from analysis.studies.green_tfp import GreenTfpStudyResult
    from analysis.studies.io_linkages import IOStudyResult

DDL: tuple[str, ...] = (
    "create schema if not exists analysis",
    """
    create table if not exists analysis.regression_coefficients (
        run_id varchar not null, study varchar not null, table_id varchar not null,
        model_id varchar not null, term varchar not null, estimate double, std_error double,
        statistic double, p_value double, conf_low double, conf_high double, vcov varchar
    )
    """,
    """
    create table if not exists analysis.regression_fits (
        run_id varchar not null, study varchar not null, table_id varchar not null,
        model_id varchar not null, n_obs bigint, n_entities bigint, n_periods bigint,
        within_r2 double, lsdv_r2 double, lsdv_adj_r2 double, dep_var varchar,
        regressors varchar, fixed_effects varchar, vcov varchar, sample_rule varchar,
        created_at timestamp
    )
    """,
    """
    create table if not exists analysis.descriptive_stats (
        run_id varchar not null, study varchar not null, variable varchar not null,
        n bigint, mean double, sd double, min double, max double
    )
    """,
    """
    create table if not exists analysis.sample_drops (
        run_id varchar not null, study varchar not null, step bigint, reason varchar,
        n_dropped bigint, n_remaining bigint
    )
    """,
    """
    create table if not exists analysis.io_measures (
        run_id varchar not null, study varchar not null, iso3 varchar not null,
        year integer not null, origin varchar not null, source_group varchar not null,
        target_group varchar not null, measure varchar not null, value double
    )
    """,
    """
    create table if not exists analysis.paper_comparison (
        run_id varchar not null, study varchar not null, paper_table varchar not null,
        paper_column varchar not null, description varchar, term varchar not null,
        paper_estimate double, paper_std_error double, paper_stars varchar, paper_lost boolean,
        estimate double, std_error double, p_value double, stars varchar, n_paper bigint,
        n_ours bigint, countries_ours bigint, same_sign boolean, same_significance boolean,
        agreement varchar, note varchar
    )
    """,
    """
    create table if not exists analysis.mediation_tests (
        run_id varchar not null, study varchar not null, table_id varchar not null,
        channel varchar not null, mediator varchar, n_obs bigint, countries bigint, a double,
        se_a double, b double, se_b double, c double, c_prime double, indirect double,
        proportion_mediated double, identity_gap double, sobel_z double, sobel_p double,
        boot_ci_low double, boot_ci_high double, boot_se double, boot_n bigint, boot_seed bigint,
        boot_failed bigint, boot_failures varchar, sample_accounting varchar
    )
    """,
)

COEFFICIENT_COLUMNS = [
    "run_id", "study", "table_id", "model_id", "term", "estimate", "std_error", "statistic",
    "p_value", "conf_low", "conf_high", "vcov",
]  # fmt: skip
FIT_COLUMNS = [
    "run_id", "study", "table_id", "model_id", "n_obs", "n_entities", "n_periods", "within_r2",
    "lsdv_r2", "lsdv_adj_r2", "dep_var", "regressors", "fixed_effects", "vcov", "sample_rule",
    "created_at",
]  # fmt: skip


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """BEGIN … COMMIT, ROLLBACK (and re-raise) on any error."""
    con.execute("begin transaction")
    try:
        yield
    except Exception:
        con.execute("rollback")
        raise
    con.execute("commit")


def _replace_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    keys: Mapping[str, object],
    frame: pd.DataFrame,
    columns: list[str],
) -> None:
    """Delete ``table``'s rows matching ``keys`` (column -> value), then insert ``frame``.

    Runs inside the caller's transaction, so a re-run of the same run id replaces its rows.
    """
    where = " and ".join(f"{column} = ?" for column in keys)
    con.execute(f"delete from {table} where {where}", list(keys.values()))
    _insert(con, table, frame, columns)


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for statement in DDL:
        con.execute(statement)


def vcov_label(result: PanelResult) -> str:
    """E.g. ``cluster(iso3) CR1``, ``hc1``, ``iid``."""
    return f"cluster({result.cluster}) CR1" if result.vcov_type == "cluster" else result.vcov_type


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, columns: list[str]
) -> None:
    if frame.empty:
        return
    con.register("_analysis_rows", frame[columns])
    try:
        con.execute(
            f"insert into {table} ({', '.join(columns)}) "
            f"select {', '.join(columns)} from _analysis_rows"
        )
    finally:
        con.unregister("_analysis_rows")


def _regression_frames(
    run_id: str, study: str, table_id: str, models: Mapping[str, PanelResult], sample_rule: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    created_at = datetime.now(UTC).replace(tzinfo=None)
    coefs, fits = [], []
    for model_id, res in models.items():
        tidy = res.tidy()
        tidy.insert(0, "model_id", model_id)
        tidy["vcov"] = vcov_label(res)
        coefs.append(tidy)
        fits.append(
            {
                "model_id": model_id,
                "n_obs": res.n_obs,
                "n_entities": res.n_entities,
                "n_periods": res.n_periods,
                "within_r2": res.within_r2,
                "lsdv_r2": res.lsdv_r2,
                "lsdv_adj_r2": res.lsdv_adj_r2,
                "dep_var": res.dep_var,
                "regressors": ", ".join(res.regressors),
                "fixed_effects": ", ".join(res.fixed_effects),
                "vcov": vcov_label(res),
                "sample_rule": sample_rule,
                "created_at": created_at,
            }
        )
    coef_frame = pd.concat(coefs, ignore_index=True) if coefs else pd.DataFrame()
    fit_frame = pd.DataFrame.from_records(fits)
    for frame in (coef_frame, fit_frame):
        if not frame.empty:
            frame.insert(0, "table_id", table_id)
            frame.insert(0, "study", study)
            frame.insert(0, "run_id", run_id)
    return coef_frame, fit_frame


def store_regressions(
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    study: str,
    table_id: str,
    models: Mapping[str, PanelResult],
    sample_rule: str,
) -> None:
    """Replace this run's rows for (study, table_id) with ``models`` (one transaction)."""
    ensure_schema(con)
    coef_frame, fit_frame = _regression_frames(run_id, study, table_id, models, sample_rule)
    keys = {"run_id": run_id, "study": study, "table_id": table_id}
    with _transaction(con):
        _replace_rows(
            con, "analysis.regression_coefficients", keys, coef_frame, COEFFICIENT_COLUMNS
        )
        _replace_rows(con, "analysis.regression_fits", keys, fit_frame, FIT_COLUMNS)


def store_descriptives(
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    study: str,
    descriptives: pd.DataFrame,
    accounting: pd.DataFrame | None = None,
) -> None:
    """Replace this run's descriptive statistics (and sample-drop accounting) for ``study``."""
    ensure_schema(con)
    stats_frame = descriptives.assign(run_id=run_id, study=study)
    keys = {"run_id": run_id, "study": study}
    with _transaction(con):
        _replace_rows(
            con,
            "analysis.descriptive_stats",
            keys,
            stats_frame,
            ["run_id", "study", "variable", "n", "mean", "sd", "min", "max"],
        )
        if accounting is not None:
            _replace_rows(
                con,
                "analysis.sample_drops",
                keys,
                accounting.assign(**keys),
                ["run_id", "study", "step", "reason", "n_dropped", "n_remaining"],
            )


def store_study_result(con: duckdb.DuckDBPyConnection, result: StudyResult, run_id: str) -> None:
    """Store Table 2 (``table_id='table2_baseline'``), Table 1 and the sample accounting."""
    store_regressions(
        con,
        run_id=run_id,
        study=result.study,
        table_id="table2_baseline",
        models=result.models,
        sample_rule=result.rule.describe(),
    )
    store_descriptives(
        con,
        run_id=run_id,
        study=result.study,
        descriptives=result.descriptives,
        accounting=result.accounting,
    )


IO_MEASURE_COLUMNS = [
    "run_id", "study", "iso3", "year", "origin", "source_group", "target_group", "measure",
    "value",
]  # fmt: skip


def store_io_measures(
    con: duckdb.DuckDBPyConnection, *, run_id: str, study: str, measures: pd.DataFrame
) -> None:
    """Replace this run's ``analysis.io_measures`` rows for ``study`` (one transaction).

    ``measures`` has columns iso3, year, origin, source, target, measure, value.
    """
    ensure_schema(con)
    frame = measures.rename(columns={"source": "source_group", "target": "target_group"}).assign(
        run_id=run_id, study=study
    )
    with _transaction(con):
        keys = {"run_id": run_id, "study": study}
        _replace_rows(con, "analysis.io_measures", keys, frame, IO_MEASURE_COLUMNS)


def store_io_study_result(
    con: duckdb.DuckDBPyConnection, result: IOStudyResult, run_id: str
) -> None:
    """Store the seed-000 study: one regression table per ``table_id`` (io_growth,
    io_upgrading, io_backward_pull), descriptives and panel accounting, and the measures."""
    from analysis.studies.io_linkages import REG_TABLES, store_frame

    for table_id in REG_TABLES:
        models = result.models_in(table_id)
        if models:
            store_regressions(
                con,
                run_id=run_id,
                study=result.study,
                table_id=table_id,
                models=models,
                sample_rule=result.rule.describe(),
            )
    store_descriptives(
        con,
        run_id=run_id,
        study=result.study,
        descriptives=result.descriptives,
        accounting=result.accounting,
    )
    store_io_measures(con, run_id=run_id, study=result.study, measures=store_frame(result))


MEDIATION_TEST_COLUMNS = [
    "run_id", "study", "table_id", "channel", "mediator", "n_obs", "countries", "a", "se_a", "b",
    "se_b", "c", "c_prime", "indirect", "proportion_mediated", "identity_gap", "sobel_z",
    "sobel_p", "boot_ci_low", "boot_ci_high", "boot_se", "boot_n", "boot_seed", "boot_failed",
    "boot_failures", "sample_accounting",
]  # fmt: skip


def store_mediation_tests(
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    study: str,
    table_id: str,
    summary: pd.DataFrame,
) -> None:
    """Replace this run's ``analysis.mediation_tests`` rows for (study, table_id)."""
    ensure_schema(con)
    frame = summary.assign(run_id=run_id, study=study, table_id=table_id)
    keys = {"run_id": run_id, "study": study, "table_id": table_id}
    with _transaction(con):
        _replace_rows(con, "analysis.mediation_tests", keys, frame, MEDIATION_TEST_COLUMNS)


PAPER_COMPARISON_COLUMNS = [
    "run_id", "study", "paper_table", "paper_column", "description", "term", "paper_estimate",
    "paper_std_error", "paper_stars", "paper_lost", "estimate", "std_error", "p_value", "stars",
    "n_paper", "n_ours", "countries_ours", "same_sign", "same_significance", "agreement", "note",
]  # fmt: skip


def store_paper_comparison(
    con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, *, run_id: str, study: str
) -> None:
    """Replace this run's ``analysis.paper_comparison`` rows for ``study`` (the replication
    frame of :func:`analysis.studies.digital_mechanisms.replication.replication_frame`)."""
    ensure_schema(con)
    out = frame.rename(columns={"table": "paper_table", "column": "paper_column"}).assign(
        run_id=run_id, study=study
    )
    with _transaction(con):
        _replace_rows(
            con,
            "analysis.paper_comparison",
            {"run_id": run_id, "study": study},
            out,
            PAPER_COMPARISON_COLUMNS,
        )


def store_mechanisms_result(
    con: duckdb.DuckDBPyConnection,
    result: MechanismsResult,
    run_id: str,
    baseline: StudyResult | None = None,
) -> None:
    """Store the seed-002 mechanisms: one regression table per table id (table3_mediation,
    table4_moderation, table4_paper, heterogeneity, robustness), the mediation tests and, with
    the ``baseline``, the paper-vs-ours comparison of Tables 2-4."""
    for table_id, models in result.models_by_table.items():
        store_regressions(
            con,
            run_id=run_id,
            study=result.study,
            table_id=table_id,
            models=models,
            sample_rule=result.rule.describe(),
        )
    if not result.mediation_summary.empty:
        store_mediation_tests(
            con,
            run_id=run_id,
            study=result.study,
            table_id="table3_mediation",
            summary=result.mediation_summary,
        )
    if baseline is not None:
        from analysis.studies.digital_mechanisms.replication import replication_frame

        store_paper_comparison(
            con, replication_frame(baseline, result), run_id=run_id, study=result.study
        )


def store_green_tfp_result(
    con: duckdb.DuckDBPyConnection, result: GreenTfpStudyResult, run_id: str
) -> None:
    """Store the seed-004 Table G-3 regressions (green TFP growth on co-agglomeration) in
    analysis.regression_coefficients / regression_fits (study ``green_tfp``, table ``G-3``)."""
    from analysis.studies.green_tfp.spec import STUDY as STUDY_GREEN_TFP

    models = {k: m for k, m in result.models.items() if isinstance(m, PanelResult)}
    if models:
        store_regressions(
            con,
            run_id=run_id,
            study=STUDY_GREEN_TFP,
            table_id="G-3",
            models=models,
            sample_rule="scored province-years with an annual GML link and every regressor",
        )
