"""The CLI as a user runs it, on the demo data: whole pipeline, re-run, query, status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from warehouse.cli import main

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory, prefect_harness, monkeypatch_module):
    """`convergence run` twice on the demo data (cold, then unchanged inputs)."""
    root = tmp_path_factory.mktemp("demo_pipeline")
    monkeypatch_module.setenv("CONVERGENCE_BUILD_DIR", str(root / "build"))
    monkeypatch_module.delenv("CONVERGENCE_RAW_DIR", raising=False)
    db, report = root / "warehouse.duckdb", root / "report"
    runner = CliRunner()
    args = ["run", "--db", str(db), "--report-dir", str(report)]
    first = runner.invoke(main, args, catch_exceptions=False)
    second = runner.invoke(main, args, catch_exceptions=False)
    return {"root": root, "db": db, "report": report, "first": first, "second": second}


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def test_cold_run_builds_warehouse_and_report(demo_run):
    first = demo_run["first"]
    assert first.exit_code == 0, first.output
    con = duckdb.connect(str(demo_run["db"]), read_only=True)
    try:
        n_countries = con.execute(
            "select count(distinct iso3) from marts.country_panel"
        ).fetchone()[0]
        statuses = dict(
            con.execute(
                "select source, any_value(status) from meta.load_log group by source"
            ).fetchall()
        )
        docs = con.execute("select distinct docs_index from meta.gate_reports").fetchall()
        gate_rows = con.execute(
            "select count(*), count(*) filter (where success) from meta.gate_results"
        ).fetchall()[0]
    finally:
        con.close()
    assert n_countries >= 60
    not_in_demo = {
        "wiod_wiot",  # optional: the full WIOT is not in the demo
        "china_nbs_exports",  # optional China files no mart reads
        "china_ceads",
        "china_ceads_energy",
        "china_capital_inputs",
        "china_yearbook",
    }
    assert {s for n, s in statuses.items() if n not in not_in_demo} == {"landed"}
    assert {statuses[n] for n in not_in_demo} == {"absent"}
    # optional, but in the demo: the UNCTADstat DDS-by-category file landed
    assert statuses["unctad_dds_category"] == "landed"
    assert len(statuses) == 28
    [(docs_index,)] = docs  # one Data Docs site with every source's validation result
    assert Path(docs_index).is_file() and docs_index.endswith("index.html")
    assert gate_rows[0] == gate_rows[1] > 9 * 5  # every expectation of every source passed
    assert (demo_run["report"] / "index.md").exists()
    assert (demo_run["report"] / "index.html").exists()


def test_demo_recovers_true_effect_within_two_se(demo_run):
    """The demo data carry a known effect of ln DDS share; the pipeline must find it."""
    from warehouse.demo import DEFAULT_SEED, generate

    truth = generate(demo_run["root"] / "truth_check", seed=DEFAULT_SEED)
    con = duckdb.connect(str(demo_run["db"]), read_only=True)
    try:
        est, se = con.execute(
            """
            select c.estimate, c.std_error
            from analysis.regression_coefficients as c
            join analysis.regression_fits as f using (run_id, study, table_id, model_id)
            where c.table_id = 'table2_baseline' and c.term = 'ln_imdig'
            order by f.created_at desc, c.model_id desc
            limit 1
            """
        ).fetchone()
    finally:
        con.close()
    assert abs(est - truth.beta) <= 2 * se, (est, se, truth.beta)


def test_second_run_skips_unchanged_inputs(demo_run):
    second = demo_run["second"]
    assert second.exit_code == 0, second.output
    assert "unchanged" in second.output
    assert "up to date" in second.output
    con = duckdb.connect(str(demo_run["db"]), read_only=True)
    try:
        last = con.execute(
            """
            select distinct status from meta.load_log
            where run_id = (select max(run_id) from meta.load_log)
            """
        ).fetchall()
    finally:
        con.close()
    assert set(last) == {("unchanged",), ("absent",)}  # absent: the optional WIOT


def test_query_prints_count_as_csv(demo_run):
    """The installed console script, in a subprocess, read-only."""
    exe = Path(sys.executable).parent / "convergence"
    out = subprocess.run(
        [
            str(exe),
            "query",
            "--db",
            str(demo_run["db"]),
            "--format",
            "csv",
            "select count(*) as n from marts.country_panel",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = out.stdout.strip().splitlines()
    assert lines[0] == "n"
    assert int(lines[1]) > 1000


def test_query_json_and_table_formats(demo_run):
    runner = CliRunner()
    sql = "select iso3, year from marts.country_panel order by iso3, year limit 2"
    res = runner.invoke(main, ["query", "--db", str(demo_run["db"]), "--format", "json", sql])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert len(rows) == 2 and set(rows[0]) == {"iso3", "year"}
    res = runner.invoke(main, ["query", "--db", str(demo_run["db"]), sql])
    assert res.exit_code == 0 and "iso3" in res.output


@pytest.mark.parametrize(
    "sql",
    [
        "drop table marts.country_panel",
        "delete from marts.country_panel",
        "  INSERT into meta.load_log select * from meta.load_log",
        "create table x as select 1",
    ],
)
def test_query_refuses_writes(demo_run, sql):
    res = CliRunner().invoke(main, ["query", "--db", str(demo_run["db"]), sql])
    assert res.exit_code == 2
    assert "read-only" in res.output
    con = duckdb.connect(str(demo_run["db"]), read_only=True)
    try:
        assert con.execute("select count(*) from marts.country_panel").fetchone()[0] > 0
    finally:
        con.close()


def test_status_lists_sources_and_marts(demo_run):
    res = CliRunner().invoke(main, ["status", "--db", str(demo_run["db"])])
    assert res.exit_code == 0, res.output
    for expected in ("wdi_api", "unctad_de", "country_panel", "Marts", "unchanged"):
        assert expected in res.output


def test_pipeline_flow_chains_every_step(demo_run, tmp_path):
    """The flow that `convergence serve` schedules: ingest -> build -> analyze -> report."""
    import shutil

    from flows.pipeline import pipeline_flow

    db = tmp_path / "copy.duckdb"
    shutil.copy(demo_run["db"], db)
    steps = pipeline_flow(db=str(db), report_dir=str(tmp_path / "report"))
    assert [s.step for s in steps] == ["ingest", "build", "analyze", "report"]
    assert all(s.ok for s in steps), [s.failures for s in steps]
    assert (tmp_path / "report" / "tables" / "table2_baseline.md").exists()
