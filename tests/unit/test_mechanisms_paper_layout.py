"""Seed 002: Tables 3-4 in the paper's layout, the six service types, the replication page,
and bad input at the study level (singletons, unidentified bootstrap draws)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from test_analysis_digital_mechanisms import synthetic_panel

from analysis.panel import fit_panel_fe
from analysis.store import store_mechanisms_result
from analysis.studies.digital_imports import CONTROLS, PAPER_TABLE2, run_baseline
from analysis.studies.digital_mechanisms import run_mechanisms
from analysis.studies.digital_mechanisms.data import DDS_CATEGORIES
from analysis.studies.digital_mechanisms.paper import BOOT_CI, paper_cells, paper_fit
from analysis.studies.digital_mechanisms.replication import (
    replication_frame,
    write_replication_page,
)
from analysis.tables import RENDERERS

CATEGORY_BETA = {"ict": 0.05, "other_business": -0.03}


def with_categories(panel: pd.DataFrame, seed: int = 11) -> pd.DataFrame:
    """Add the six UNCTAD category columns (US$) with shares that vary within countries."""
    rng = np.random.default_rng(seed)
    out = panel.copy()
    services = out["service_imports_usd"].to_numpy()
    for column, _ in DDS_CATEGORIES.values():
        share = rng.uniform(1, 12, len(out))  # % of services imports
        out[column] = share / 100 * services
    # plant an effect of two categories on ln upmf (via MVA)
    for key, beta in CATEGORY_BETA.items():
        share = 100 * out[DDS_CATEGORIES[key][0]] / out["service_imports_usd"]
        out["mva_usd"] *= np.exp(beta * np.log(share))
    return out


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return synthetic_panel(seed=4, n_countries=40)


@pytest.fixture(scope="module")
def result(panel):
    return run_mechanisms(panel, n_boot=100, seed=3)


@pytest.fixture(scope="module")
def result_categories(panel):
    return run_mechanisms(with_categories(panel), n_boot=20, seed=3)


def _cell(table, row_label: str, column: int) -> str:
    labels = [r[0] for r in table.rows]
    return table.rows[labels.index(row_label)][column]


def test_paper_cells_reading_is_consistent_with_printed_bootstrap_cis() -> None:
    cells = paper_cells().set_index(["table", "column", "term"])
    a_innov = cells.loc[("Table 3", "(1)", "ln imdig"), "estimate"]
    b_innov = cells.loc[("Table 3", "(2)", "ln innov"), "estimate"]
    a_inter = cells.loc[("Table 3", "(3)", "ln imdig"), "estimate"]
    b_inter = cells.loc[("Table 3", "(4)", "ln inter"), "estimate"]
    assert BOOT_CI["innov"][0] < a_innov * b_innov < BOOT_CI["innov"][1]  # 0.0160
    assert BOOT_CI["inter"][0] < a_inter * b_inter < BOOT_CI["inter"][1]  # 0.0288
    assert cells["lost"].sum() == 1 and cells.loc[("Table 3", "(2)", "ln imdig"), "lost"]
    fit = paper_fit().set_index(["table", "column"])
    assert fit.loc[("Table 4", "(1)"), "n_obs"] + fit.loc[("Table 4", "(2)"), "n_obs"] == 819
    assert len(fit) == 13 and np.isnan(fit.loc[("Table 3", "(5)"), "adj_r2"])


def test_table3_paper_layout_cells_are_the_models(result) -> None:
    t = result.tables["table3_paper"]
    assert t.header == ["", "(1) ln innov", "(2) ln upmf", "(3) ln inter", "(4) ln upmf",
                        "(5) ln upmf"]  # fmt: skip
    eqs = result.models_by_table["table3_mediation"]
    a = eqs["innov:a_path"]
    assert _cell(t, "ln imdig", 1).startswith(f"{a.params['ln_imdig']:.4f}")
    b = eqs["inter:direct"]
    assert _cell(t, "ln inter", 4).startswith(f"{b.params['ln_inter']:.4f}")
    mod = result.institutions.moderation.panel
    assert _cell(t, "ln imdig × ln insti", 5).startswith(f"{mod.params['ln_imdig:insti']:.4f}")
    assert _cell(t, "Control variables", 1) == "Yes"
    assert _cell(t, "Year FE (paper: Time effects)", 5) == "Yes"
    assert _cell(t, "N", 1) == str(a.n_obs)
    assert "LSDV adj. R²" in [r[0] for r in t.rows] and "Within R²" in [r[0] for r in t.rows]


def test_table4_subsamples_are_separate_regressions(panel, result) -> None:
    t = result.tables["table4_paper"]
    sample = result.sample
    for col, flag in ((1, 1.0), (2, 0.0)):
        part = sample.loc[sample["developed"] == flag]
        res = fit_panel_fe(part, "ln_upmf", ["ln_imdig", *CONTROLS], "iso3", "year")
        assert _cell(t, "ln imdig", col).startswith(f"{res.params['ln_imdig']:.4f}")
        assert _cell(t, "N", col) == str(res.n_obs)
    n1, n2 = int(_cell(t, "N", 1)), int(_cell(t, "N", 2))
    assert n1 + n2 == len(sample)  # every baseline row has the UN M49 flag here


def test_table4_without_category_file_uses_named_wdi_stand_ins(result) -> None:
    t = result.tables["table4_paper"]
    assert t.header[3] == "(3) insur" and "[WDI" in t.header[4] and "[WDI ICT share]" in t.header[6]
    assert result.category_variables == {
        "financial": "ln_insfin",
        "ip_charges": "ln_ip",
        "ict": "ln_ict",
    }
    for col in (3, 7, 8):
        assert _cell(t, "N", col) == "—"
    assert "(3) insur: not estimated" in t.note and "(8) audio: not estimated" in t.note


def test_table4_six_categories_from_the_unctad_columns(result_categories) -> None:
    res = result_categories
    assert res.category_variables == {k: f"ln_dds_{k}" for k in DDS_CATEGORIES}
    t = res.tables["table4_paper"]
    assert all("[WDI" not in h for h in t.header)
    models = res.models_by_table["table4_paper"]
    for key, beta in CATEGORY_BETA.items():
        m = models[f"category_{key}"]
        est, se = m.params[f"ln_dds_{key}"], m.std_errors[f"ln_dds_{key}"]
        assert abs(est - beta) < 4 * se + 0.01  # planted effect recovered
    label = DDS_CATEGORIES["audiovisual"][1]
    assert _cell(t, label, 8) != "" and _cell(t, "N", 8) != "—"


def test_replication_frame_covers_every_published_cell(panel, result, tmp_path: Path) -> None:
    base = run_baseline(panel)
    frame = replication_frame(base, result)
    assert len(frame) == len(PAPER_TABLE2) + len(paper_cells())
    t2 = frame.loc[frame["table"] == "Table 2"]
    first = t2.iloc[0]
    assert (first["column"], first["term"]) == ("(1)", "ln imdig")
    assert first["estimate"] == pytest.approx(float(base.models["(1)"].params["ln_imdig"]))
    lost = frame.loc[frame["paper_lost"]]
    assert len(lost) == 1 and lost.iloc[0]["agreement"].startswith("The paper's cell is lost")
    insur = frame.loc[(frame["table"] == "Table 4") & (frame["term"] == "ln insur")].iloc[0]
    assert np.isnan(insur["estimate"]) and "not supplied" in insur["note"]
    assert frame["agreement"].str.len().gt(0).all()
    _, paths = write_replication_page(tmp_path, base, result)
    text = paths["replication.md"].read_text(encoding="utf-8")
    for heading in ("## Table 2", "## Table 3", "## Table 4", "## What differs everywhere"):
        assert heading in text
    assert "0.1443" in text and "lost in seed" in text
    assert pd.read_csv(paths["replication.csv"]).shape[0] == len(frame)


def test_store_and_report_include_paper_tables(panel, result, tmp_path: Path) -> None:
    base = run_baseline(panel)
    con = duckdb.connect(str(tmp_path / "wh.duckdb"))
    store_mechanisms_result(con, result, "run-9", base)
    store_mechanisms_result(con, result, "run-9", base)  # replaces
    n = con.sql("select count(*) from analysis.paper_comparison where run_id = 'run-9'").fetchall()
    assert n[0][0] == len(PAPER_TABLE2) + len(paper_cells())
    models = con.sql(
        "select distinct model_id from analysis.regression_fits where table_id = 'table4_paper'"
    ).fetchall()
    assert {m[0] for m in models} >= {"developed_only", "developing_only", "category_ict"}
    con.close()
    from analysis.report import write_report

    write_report(tmp_path / "report", base, "run-9", mechanisms=result)
    index = (tmp_path / "report" / "index.md").read_text(encoding="utf-8")
    assert "(replication.md)" in index and "Table 4. Results of heterogeneity" in index
    for stem in ("table3_paper", "table4_paper"):
        for ext in RENDERERS:
            assert (tmp_path / "report" / "tables" / f"{stem}.{ext}").exists()
    assert (tmp_path / "report" / "replication.html").exists()


# ------------------------------------------------------------------------------- bad input


def test_singleton_country_in_a_mediator_is_dropped_and_counted() -> None:
    panel = synthetic_panel(seed=8, n_countries=20)
    keep_one = (panel["iso3"] == "C03") & (panel["year"] != 2015)
    panel.loc[keep_one, "mobile_per_100"] = np.nan  # C03 has the mediator in one year only
    res = run_mechanisms(panel, n_boot=20, seed=1)
    inter = res.mediation_summary.set_index("channel").loc["inter"]
    assert "singleton" in inter["sample_accounting"]
    assert inter["countries"] == 19
    assert res.samples.set_index("model_id").loc["inter:total", "n_dropped"] == 11


def test_unidentified_bootstrap_draws_are_counted_not_fatal() -> None:
    panel = synthetic_panel(seed=9, n_countries=12)
    varying = {"C00", "C01"}
    fixed = ~panel["iso3"].isin(varying)
    # the mediator varies within two countries only: a draw without them cannot identify a
    panel.loc[fixed, "mobile_per_100"] = (
        panel.loc[fixed].groupby("iso3")["mobile_per_100"].transform("first")
    )
    res = run_mechanisms(panel, n_boot=200, seed=2)
    inter = res.mediation_summary.set_index("channel").loc["inter"]
    # P(no varying country in 12 draws of 12) = (10/12)^12 ≈ 0.112: about 22 of 200
    assert 5 <= inter["boot_failed"] <= 50
    assert np.isfinite(inter["boot_ci_low"]) and np.isfinite(inter["boot_ci_high"])
    assert "not identified" in inter["boot_failures"] or "within" in inter["boot_failures"]
    table = res.tables["table3_mediation_tests"]
    failed_col = table.header.index("Failed draws")
    inter_row = next(r for r in table.rows if r[0] == "inter")
    assert inter_row[failed_col] == f"{int(inter['boot_failed'])} of 200"
