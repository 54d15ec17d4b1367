"""``convergence``: the command-line door to the warehouse (a thin shell over the flows).

Exit codes: 0 all good; 1 a source failed its gate / a build or analysis step failed (the last
good data stays); 2 usage errors (bad option, refused write in ``query``).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from warehouse.settings import Settings, disable_telemetry, load_settings

disable_telemetry()

_DB_OPTION = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="CONVERGENCE_DB",
    show_envvar=True,
    help="DuckDB warehouse file [default: build/warehouse.duckdb].",
)
_PATH_OPTIONS = [
    click.option(
        "--raw-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="CONVERGENCE_RAW_DIR",
        show_envvar=True,
        help="Folder of publisher files (default: generated demo data).",
    ),
    _DB_OPTION,
    click.option(
        "--report-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="CONVERGENCE_REPORT_DIR",
        show_envvar=True,
        help="Report folder [default: build/report].",
    ),
]


def bootstrap_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--bootstrap-reps`` and ``--seed`` of the seed-002 mediation cluster bootstrap."""
    func = click.option(
        "--seed",
        type=int,
        default=None,
        help="Seed of the mediation cluster bootstrap [default: analysis.mediation.DEFAULT_SEED].",
    )(func)
    return click.option(
        "--bootstrap-reps",
        type=click.IntRange(min=1),
        default=1000,
        show_default=True,
        help="Draws of the mediation cluster bootstrap (seed 002 mechanisms).",
    )(func)


def _bootstrap_kwargs(bootstrap_reps: int, seed: int | None) -> dict[str, int]:
    return {"bootstrap_reps": bootstrap_reps} | ({"seed": seed} if seed is not None else {})


def path_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add --raw-dir/--db/--report-dir to a command."""
    for option in reversed(_PATH_OPTIONS):
        func = option(func)
    return func


def _settings(raw_dir: Path | None, db: Path | None, report_dir: Path | None) -> Settings:
    settings = load_settings(raw_dir=raw_dir, db_path=db, report_dir=report_dir)
    if settings.raw_dir is not None and not settings.raw_dir.is_dir():
        raise click.UsageError(f"--raw-dir {settings.raw_dir} is not a folder")
    return settings


def _echo_step(index: int, total: int, name: str) -> float:
    click.secho(f"[{index}/{total}] {name} …", bold=True, err=True)
    return time.perf_counter()


def _quiet_prefect(verbose: bool) -> None:
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO" if verbose else "WARNING")


def _prefect_api(verbose: bool = False) -> Any:
    """Context manager: a Prefect API for the flows (a temporary one starts in the background
    unless PREFECT_API_URL is configured); call ``.wait()`` on it before the first flow."""
    _quiet_prefect(verbose)
    from flows.common import prefect_api

    return prefect_api()


def _prewarm_dbt(settings: Settings, force: bool = False) -> None:
    """Start dbt's worker now, when a build is coming: its import and project parse then run
    on the other core while the ingest runs (GX's import likewise overlaps file reading)."""
    from warehouse import build_state, transform

    try:
        needed = force or build_state.build_needed(settings)
    except Exception:  # a warehouse we cannot read now: the build step will say why
        needed = True
    if needed:
        transform.prewarm(settings)


def _report_summary(summary: Any, started: float) -> bool:
    for line in summary.lines:
        click.echo(f"    {line}", err=True)
    for line in summary.failures:
        click.secho(f"    {line}", fg="red", err=True)
    click.echo(f"    ({time.perf_counter() - started:.1f} s)", err=True)
    return bool(summary.ok)


def _flow_args(settings: Settings) -> dict[str, str | None]:
    return {
        "raw_dir": str(settings.raw_dir) if settings.raw_dir else None,
        "db": str(settings.db_path),
        "report_dir": str(settings.report_dir),
    }


@click.group(
    context_settings={
        "help_option_names": ["-h", "--help"],
        "max_content_width": 100,
        "terminal_width": 100,
    }
)
@click.version_option(package_name="convergence-warehouse")
def main() -> None:
    """Convergence Warehouse: manufacturing × producer-services data, checked and curated.

    \b
    Typical use:
      convergence run                          # whole pipeline on the built-in demo data
      convergence run --raw-dir ../shared/data/raw   # on the real publisher files
      convergence query "select * from marts.country_panel limit 5"
      convergence status
    """


@main.command()
@path_options
@click.option("--force", is_flag=True, help="Re-read every file and rebuild even if unchanged.")
@click.option("-v", "--verbose", is_flag=True, help="Show Prefect and task logs.")
@bootstrap_options
def run(
    raw_dir: Path | None,
    db: Path | None,
    report_dir: Path | None,
    force: bool,
    verbose: bool,
    bootstrap_reps: int,
    seed: int | None,
) -> None:
    """Run everything: ingest -> quality gates -> dbt build -> analysis -> report."""
    settings = _settings(raw_dir, db, report_dir)
    with _prefect_api(verbose) as api:
        _prewarm_dbt(settings, force)
        from flows.analyze import analyze_flow
        from flows.build import build_flow
        from flows.ingest import ingest_flow
        from flows.report import report_flow

        _announce_input(settings)
        api.wait()
        ok = _run_steps(
            settings,
            force,
            ingest_flow,
            build_flow,
            analyze_flow,
            report_flow,
            analyze_kwargs=_bootstrap_kwargs(bootstrap_reps, seed),
        )
    _finish(ok, settings, show_report=True)


def _run_steps(
    settings: Settings,
    force: bool,
    ingest_flow: Any,
    build_flow: Any,
    analyze_flow: Any,
    report_flow: Any,
    analyze_kwargs: dict[str, Any] | None = None,
) -> bool:
    """The four steps of `run`, each announced and summarised; True when all went well.

    ``analyze_kwargs`` go to the analyze flow only (bootstrap draws and seed)."""
    from warehouse.landing import new_run_id

    run_id = new_run_id()
    args = _flow_args(settings)
    ok = True
    t = _echo_step(1, 4, "ingest: read files, quality gates, land")
    ok &= _report_summary(ingest_flow(**args, force=force, run_id=run_id), t)
    t = _echo_step(2, 4, "build: dbt seeds, models, tests, docs")
    build = build_flow(**args, force=force)
    ok &= _report_summary(build, t)
    if build.ok:
        t = _echo_step(3, 4, "analyze: panel regressions")
        analysis = analyze_flow(**args, run_id=run_id, **(analyze_kwargs or {}))
        ok &= _report_summary(analysis, t)
        if analysis.ok:
            t = _echo_step(4, 4, "report: tables, charts, report")
            result = analysis.details.get("result")
            ok &= _report_summary(report_flow(**args, run_id=run_id, result=result), t)
    return ok


def _announce_input(settings: Settings) -> None:
    if settings.uses_demo_data:
        click.echo(
            f"input: demo data (generated into {settings.demo_raw_dir}); "
            "use --raw-dir for real files",
            err=True,
        )
    else:
        click.echo(f"input: {settings.raw_dir}", err=True)
    click.echo(f"warehouse: {settings.db_path}", err=True)


def _finish(ok: bool, settings: Settings, show_report: bool = False) -> None:
    if ok:
        where = f" report: {settings.report_dir / 'index.html'}" if show_report else ""
        click.secho(f"done.{where}", fg="green", err=True)
        return
    click.secho(
        "finished with failures (listed above); the last good data stays in the warehouse.",
        fg="red",
        err=True,
    )
    sys.exit(1)


@main.command()
@path_options
@click.option("--source", "sources", multiple=True, help="Only this source (repeatable).")
@click.option("--force", is_flag=True, help="Re-read files even if their checksums are unchanged.")
@click.option("-v", "--verbose", is_flag=True, help="Show Prefect and task logs.")
def ingest(
    raw_dir: Path | None,
    db: Path | None,
    report_dir: Path | None,
    sources: tuple[str, ...],
    force: bool,
    verbose: bool,
) -> None:
    """Read publisher files, run the quality gates and land what passes in raw.*."""
    _one_step(
        _settings(raw_dir, db, report_dir),
        "ingest",
        "flows.ingest:ingest_flow",
        verbose=verbose,
        announce=True,
        sources=list(sources) or None,
        force=force,
    )


@main.command()
@path_options
@click.option("--source", "sources", multiple=True, help="Only this source (repeatable).")
def check(
    raw_dir: Path | None, db: Path | None, report_dir: Path | None, sources: tuple[str, ...]
) -> None:
    """Validate the raw files against the quality gates without landing anything."""
    _one_step(
        _settings(raw_dir, db, report_dir),
        "check: read files and run quality gates (nothing is landed)",
        "flows.check:check_flow",
        announce=True,
        sources=list(sources) or None,
    )


@main.command()
@path_options
@click.option("--force", is_flag=True, help="Build even if nothing changed since the last build.")
@click.option("--no-docs", is_flag=True, help="Skip `dbt docs generate`.")
def build(
    raw_dir: Path | None, db: Path | None, report_dir: Path | None, force: bool, no_docs: bool
) -> None:
    """Run dbt build (staging, intermediate, marts, tests) on the warehouse."""
    _one_step(
        _settings(raw_dir, db, report_dir),
        "build",
        "flows.build:build_flow",
        prewarm_dbt=True,
        docs=not no_docs,
        force=force,
    )


@main.command()
@path_options
@bootstrap_options
@click.option(
    "--no-report",
    is_flag=True,
    help="Only estimate and store in analysis.*; do not write the report files.",
)
def analyze(
    raw_dir: Path | None,
    db: Path | None,
    report_dir: Path | None,
    bootstrap_reps: int,
    seed: int | None,
    no_report: bool,
) -> None:
    """Run the studies on the marts, store them in analysis.* and write the report.

    Seed 002: Tables 1-4 (also in the paper's layout), mechanisms, heterogeneity, robustness
    and the replication page (paper beside ours); seed 000: the input-output study. Tables go
    to REPORT_DIR/tables as Markdown, HTML, LaTeX and CSV.
    """
    settings = _settings(raw_dir, db, report_dir)
    if no_report:
        _one_step(
            settings,
            "analyze",
            "flows.analyze:analyze_flow",
            **_bootstrap_kwargs(bootstrap_reps, seed),
        )
        return
    from warehouse.landing import new_run_id

    with _prefect_api(False) as api:
        from flows.analyze import analyze_flow
        from flows.report import report_flow

        api.wait()
        run_id = new_run_id()
        args = _flow_args(settings)
        t = _echo_step(1, 2, "analyze: panel regressions")
        analysis = analyze_flow(**args, run_id=run_id, **_bootstrap_kwargs(bootstrap_reps, seed))
        ok = _report_summary(analysis, t)
        if analysis.details.get("result") is not None:
            t = _echo_step(2, 2, "report: tables, charts, replication page")
            result = analysis.details["result"]
            ok &= _report_summary(report_flow(**args, run_id=run_id, result=result), t)
    _finish(ok, settings, show_report=True)


@main.command()
@path_options
def report(raw_dir: Path | None, db: Path | None, report_dir: Path | None) -> None:
    """Write the report (Markdown/HTML/LaTeX/CSV tables, chart) from marts.country_panel."""
    _one_step(
        _settings(raw_dir, db, report_dir),
        "report",
        "flows.report:report_flow",
        show_report=True,
    )


def _one_step(
    settings: Settings,
    label: str,
    flow_path: str,
    *,
    verbose: bool = False,
    announce: bool = False,
    prewarm_dbt: bool = False,
    show_report: bool = False,
    **flow_kwargs: Any,
) -> None:
    """Run one flow (``module:function``) as a one-step command, then exit 0 or 1."""
    import importlib

    with _prefect_api(verbose) as api:
        if prewarm_dbt:
            _prewarm_dbt(settings, bool(flow_kwargs.get("force")))
        module, name = flow_path.split(":")
        flow_fn = getattr(importlib.import_module(module), name)
        if announce:
            _announce_input(settings)
        api.wait()
        started = _echo_step(1, 1, label)
        ok = _report_summary(flow_fn(**_flow_args(settings), **flow_kwargs), started)
    _finish(ok, settings, show_report=show_report)


def _columns(text: str | None) -> tuple[str, ...]:
    return tuple(c.strip() for c in (text or "").split(",") if c.strip())


@main.command()
@click.argument("table", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--mart", help="Read a warehouse table instead of a file, e.g. marts.province_panel.")
@_DB_OPTION
@click.option("--inputs", required=True, help="Input columns, comma-separated.")
@click.option("--outputs", required=True, help="Good-output columns, comma-separated.")
@click.option("--bad-outputs", default="", help="Undesirable-output columns (SBM, ddf, ml, gml).")
@click.option("--dmu", default="dmu", show_default=True, help="Column naming each DMU.")
@click.option("--period", default=None, help="Period column: one frontier per period; needed "
              "by the panel indices.")  # fmt: skip
@click.option(
    "--model",
    type=click.Choice(["ccr", "bcc", "sbm", "super_sbm", "ddf", "ml", "gml", "malmquist"]),
    default="super_sbm",
    show_default=True,
    help="ml/gml: contemporaneous/global Malmquist-Luenberger; malmquist: radial (DEAP).",
)
@click.option("--rts", type=click.Choice(["crs", "vrs"]), default="crs", show_default=True)
@click.option(
    "--orientation",
    type=click.Choice(["input", "output", "none"]),
    default=None,
    help="Default: input (ccr/bcc), none (SBM), output (malmquist).",
)
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Results file, .csv or .parquet (data problems go to <out>.problems.csv).",
)
def dea(
    table: Path | None,
    mart: str | None,
    db: Path | None,
    inputs: str,
    outputs: str,
    bad_outputs: str,
    dmu: str,
    period: str | None,
    model: str,
    rts: str,
    orientation: str | None,
    out_path: Path,
) -> None:
    """Run a DEA model on a CSV/Parquet TABLE (or --mart) and write tidy results.

    \b
    Example (green TFP of provinces, super-SBM with CO2 as the bad output):
      convergence dea --mart marts.green_tfp --dmu province_code --period year \\
        --inputs labour_10k,capital_stock_cny_100m,energy_10k_tce \\
        --outputs grp_real_cny_100m --bad-outputs co2_mt --model super_sbm --out gtfp.csv
    """
    from analysis.dea.runner import DEASpec, complete_rows, read_table, run_dea, write_table

    if (table is None) == (mart is None):
        raise click.UsageError("give either a TABLE file or --mart, not both or neither")
    if mart is not None:
        from warehouse.db import query_read_only

        frame = query_read_only(load_settings(db_path=db).db_path, f"select * from {mart}")
    else:
        frame = read_table(table)
    spec = DEASpec(
        model=model,
        inputs=_columns(inputs),
        outputs=_columns(outputs),
        bad_outputs=_columns(bad_outputs),
        dmu=dmu,
        period=period,
        rts=rts,
        orientation=orientation,
    )
    if mart is not None:  # a mart row may miss an input: DEA needs complete DMUs
        frame, n_left_out = complete_rows(frame, spec)
        if n_left_out:
            click.echo(f"{n_left_out} rows with a missing value left out", err=True)
    try:
        result, problems = run_dea(frame, spec)
    except ValueError as exc:
        click.secho(f"dea: {exc}", fg="red", err=True)
        sys.exit(2)
    write_table(result, out_path)
    status = result["status"].value_counts().to_dict() if "status" in result else {}
    click.echo(f"{model}: {len(result)} rows -> {out_path}; status {status}", err=True)
    if not problems.empty:
        problems_path = out_path.with_suffix(".problems.csv")
        problems.to_csv(problems_path, index=False)
        click.echo(f"{len(problems)} data problems (DMUs named) -> {problems_path}", err=True)


@main.command()
@click.argument("sql")
@_DB_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option("--limit", type=int, default=None, help="Print at most this many rows.")
def query(sql: str, db: Path | None, fmt: str, limit: int | None) -> None:
    """Run one SQL query on the warehouse, read-only, and print the result.

    \b
    Example:
      convergence query --format csv "select count(*) from marts.country_panel"
    """
    from warehouse.db import ReadOnlyViolation, query_read_only

    settings = load_settings(db_path=db)
    try:
        frame = query_read_only(settings.db_path, sql)
    except ReadOnlyViolation as exc:
        click.secho(str(exc), fg="red", err=True)
        sys.exit(2)
    except FileNotFoundError as exc:
        click.secho(str(exc), fg="red", err=True)
        sys.exit(2)
    except Exception as exc:  # a SQL error: one readable line
        click.secho(f"query failed: {str(exc).splitlines()[0]}", fg="red", err=True)
        sys.exit(2)
    if limit is not None:
        frame = frame.head(limit)
    click.echo(render_frame(frame, fmt))


def render_frame(frame: Any, fmt: str) -> str:
    """A DataFrame as csv, json (records) or an aligned text table."""
    if fmt == "csv":
        return frame.to_csv(index=False).rstrip("\n")
    if fmt == "json":
        return json.dumps(json.loads(frame.to_json(orient="records", date_format="iso")), indent=2)
    from tabulate import tabulate

    return tabulate(
        frame, headers="keys", tablefmt="simple", showindex=False, floatfmt=".6g", missingval="NULL"
    )


@main.command()
@_DB_OPTION
def status(db: Path | None) -> None:
    """Show the last load per source, gate outcomes and mart row counts."""
    from warehouse.status import warehouse_status

    settings = load_settings(db_path=db)
    try:
        sections = warehouse_status(settings.db_path)
    except FileNotFoundError as exc:
        click.secho(str(exc), fg="red", err=True)
        sys.exit(2)
    for title, frame in sections.items():
        click.secho(f"\n{title}", bold=True)
        click.echo(render_frame(frame, "table") if len(frame) else "  (none)")


@main.command()
@path_options
@click.option("--name", default=None, help="Deployment name [default: convergence-pipeline].")
@click.option("--cron", default=None, help='Cron schedule [default: "0 3 * * *"].')
@click.option("--timezone", default=None, help="IANA time zone of the schedule, e.g. UTC.")
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="YAML with name, cron, timezone, parameters.",
)
def serve(
    raw_dir: Path | None,
    db: Path | None,
    report_dir: Path | None,
    name: str | None,
    cron: str | None,
    timezone: str | None,
    config: Path | None,
) -> None:
    """Register the pipeline as a scheduled Prefect deployment and serve it.

    Needs a Prefect server: start one with `prefect server start` and set
    PREFECT_API_URL=http://127.0.0.1:4200/api, then watch runs in the UI.
    """
    from flows.deploy import DEFAULT_CRON, DEFAULT_NAME, load_serve_config, serve_pipeline

    cfg = load_serve_config(config)
    parameters = dict(cfg.get("parameters") or {})
    for key, value in (("raw_dir", raw_dir), ("db", db), ("report_dir", report_dir)):
        if value is not None:
            parameters[key] = str(Path(value).resolve())
    name = name or cfg.get("name") or DEFAULT_NAME
    cron = cron or cfg.get("cron") or DEFAULT_CRON
    timezone = timezone or cfg.get("timezone")
    if not os.environ.get("PREFECT_API_URL"):
        click.secho(
            "note: PREFECT_API_URL is not set; serving against a temporary local "
            "server that stops with this command (see README).",
            fg="yellow",
            err=True,
        )
    click.echo(
        f"serving deployment {name!r} on cron {cron!r} with {parameters or 'defaults'}", err=True
    )
    serve_pipeline(name=name, cron=cron, timezone=timezone, parameters=parameters)


@main.command()
@click.argument(
    "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("build/demo_raw")
)
def demo(out_dir: Path) -> None:
    """Write the deterministic demo data set (publisher formats) into OUT_DIR."""
    from warehouse.demo import generate

    truth = generate(out_dir)
    click.echo(f"demo data written to {out_dir} (true effect of ln DDS share: {truth.beta})")


if __name__ == "__main__":  # pragma: no cover
    main()
