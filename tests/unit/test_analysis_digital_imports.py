"""Seed-002 pipeline on a synthetic country panel with a known DGP and planted bad rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from analysis.data_access import load_country_panel, read_mart
from analysis.report import write_report
from analysis.store import store_study_result
from analysis.studies.digital_imports import (
    PAPER_TABLE2,
    SampleRule,
    apply_sample_rule,
    run_baseline,
)

BETA = {"ln_imdig": 0.12, "pgdp": 0.02, "fdi": 0.001, "gfcf": 0.005, "rd": 0.04, "urban": 0.015}


def synthetic_panel(seed: int = 2) -> pd.DataFrame:
    """50 countries × 2008-2020 from ln_upmf = a_i + l_t + x'BETA + e, plus planted defects."""
    rng = np.random.default_rng(seed)
    rows = []
    year_effect = {t: 0.03 * (t - 2008) for t in range(2008, 2021)}
    for i in range(50):
        alpha = rng.normal(3.0, 1.5)
        level = rng.normal(3.6, 0.3)
        for t in range(2008, 2021):
            x = {
                "ln_imdig": level + rng.normal(0, 0.15),
                "pgdp": max(rng.normal(25, 15), 1.0),
                "fdi": rng.normal(5, 8),
                "gfcf": rng.normal(22, 5),
                "rd": abs(rng.normal(1.3, 1.0)),
                "urban": rng.uniform(30, 100),
            }
            ln_upmf = alpha + year_effect[t] + sum(BETA[k] * v for k, v in x.items())
            ln_upmf += rng.normal(0, 0.05)
            rows.append(
                {
                    "iso3": f"C{i:02d}",
                    "year": t,
                    "mva_usd": np.exp(ln_upmf) * 1e9,
                    "gdp_pc_usd": x["pgdp"] * 1000,
                    "fdi_pct_gdp": x["fdi"],
                    "gfcf_pct_gdp": x["gfcf"],
                    "rd_pct_gdp": x["rd"],
                    "urban_pct": x["urban"],
                    "dds_share_of_service_imports_pct": min(np.exp(x["ln_imdig"]), 99.0),
                    "is_flagged": False,
                    "flag_reason": None,
                }
            )
    df = pd.DataFrame(rows)

    def at(iso3: str, year: int) -> pd.Index:
        return df.index[(df["iso3"] == iso3) & (df["year"] == year)]

    df.loc[at("C00", 2012), ["is_flagged", "flag_reason"]] = [True, "share above 100 in source"]
    df.loc[at("C01", 2013), ["is_flagged", "flag_reason"]] = [True, "share above 100 in source"]
    df.loc[at("C02", 2014), "rd_pct_gdp"] = np.nan
    df.loc[at("C02", 2015), ["rd_pct_gdp", "urban_pct"]] = np.nan  # first missing column: rd
    df.loc[at("C03", 2016), "mva_usd"] = np.nan
    df.loc[at("C04", 2017), "dds_share_of_service_imports_pct"] = 120.0
    df.loc[at("C05", 2018), "dds_share_of_service_imports_pct"] = 0.0
    df.loc[at("C06", 2019), "mva_usd"] = -5.0
    # C49 keeps only 2 usable years in 2010-2020 -> dropped by the N_min = 3 rule
    df.loc[(df["iso3"] == "C49") & (df["year"].between(2012, 2020)), "gdp_pc_usd"] = np.nan
    return df


@pytest.fixture(scope="module")
def result():
    return run_baseline(synthetic_panel(), SampleRule(drop_flagged=True))


def test_flagged_rows_are_kept_by_default() -> None:
    sample, accounting = apply_sample_rule(synthetic_panel(), SampleRule())
    assert not accounting["reason"].str.startswith("flagged").any()
    assert len(sample) == 533  # the two flagged rows stay (their shares are valid)


def test_dropped_row_accounting_is_exact(result) -> None:
    acc = result.accounting.set_index("reason")["n_dropped"].to_dict()
    assert acc == {
        "year outside 2010–2020": 100,
        "flagged in mart: share above 100 in source": 2,
        "missing mva_usd": 1,
        "missing gdp_pc_usd": 9,
        "missing rd_pct_gdp": 2,
        "DDS share outside (0, 100]": 2,
        "mva_usd <= 0 (log undefined)": 1,
        "country with < 3 observations": 2,
    }
    assert 650 - sum(acc.values()) == len(result.sample) == 531
    assert result.accounting["n_remaining"].iloc[-1] == len(result.sample)
    assert result.sample["iso3"].nunique() == 49
    assert all(m.n_obs == 531 and m.sample.n_dropped == 0 for m in result.models.values())


def test_known_beta_recovered(result) -> None:
    full = result.models["(6)"]
    for term, beta in BETA.items():
        assert abs(full.params[term] - beta) < 2 * full.std_errors[term], term
    assert full.vcov_type == "cluster" and full.cluster == "iso3" and full.n_entities == 49
    assert [m.regressors for m in result.models.values()][2] == ["ln_imdig", "pgdp", "fdi"]


def test_comparison_and_generated_sentences(result) -> None:
    comp = result.comparison
    assert len(comp) == len(PAPER_TABLE2)
    row = comp[(comp["model_id"] == "(1)") & (comp["term"] == "ln_imdig")].iloc[0]
    assert row["paper_estimate"] == 0.0834 and row["paper_stars"] == "*"
    assert f"{row['estimate']:.4f}" in result.differences[0]
    assert "ln imdig coefficient is positive in" in result.headline


def test_tables_and_report(result, tmp_path: Path) -> None:
    t2 = result.table2.to_frame()
    assert list(t2.columns) == ["", "(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    assert "Country FE" in set(t2[""]) and "LSDV adj. R²" in set(t2[""])
    assert "N = 531, countries = 49, years 2010–2020" in result.table2.note
    from analysis.report import write_report

    written = write_report(tmp_path, result, run_id="t1")
    for stem in ("table1_descriptives", "table2_baseline"):
        for ext in ("md", "csv", "tex", "html"):
            assert (tmp_path / "tables" / f"{stem}.{ext}").stat().st_size > 0
    latex = (tmp_path / "tables" / "table2_baseline.tex").read_text()
    assert latex.count("{") == latex.count("}") and r"\begin{tabular}" in latex
    index = (tmp_path / "index.md").read_text()
    assert result.headline in index and "tables/table2_baseline.tex" in index
    assert "***" in (tmp_path / "tables" / "table2_baseline.csv").read_text()
    assert written["chart"].read_bytes()[:4] == b"\x89PNG"
    assert "<table" in (tmp_path / "index.html").read_text()


def test_store_replaces_same_run_and_appends_new(result, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        store_study_result(con, result, "run-a")
        store_study_result(con, result, "run-a")  # replace, not duplicate
        store_study_result(con, result, "run-b")
        counts = dict(
            con.execute(
                "select run_id, count(*) from analysis.regression_coefficients group by 1"
            ).fetchall()
        )
        n_fits = con.execute("select count(*) from analysis.regression_fits").fetchone()[0]
        n_desc = con.execute("select count(*) from analysis.descriptive_stats").fetchone()[0]
        est = con.execute(
            "select estimate from analysis.regression_coefficients where run_id='run-a' "
            "and model_id='(6)' and term='ln_imdig'"
        ).fetchone()[0]
    assert counts == {"run-a": 27, "run-b": 27}  # 2+3+4+5+6+7 terms incl. _cons
    assert n_fits == 12 and n_desc == 14
    assert est == pytest.approx(result.models["(6)"].params["ln_imdig"])


def test_data_access_study_and_report(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    panel = synthetic_panel()
    with duckdb.connect(str(db)) as con:
        con.execute("create schema marts")
        con.register("p", panel)
        con.execute("create table marts.country_panel as select * from p")
    assert len(load_country_panel(db)) == 650
    assert read_mart(db, "select count(*) as n from marts.country_panel")["n"].iloc[0] == 650
    with pytest.raises(duckdb.Error):
        read_mart(db, "create table marts.x as select 1")  # read-only door
    res = run_baseline(load_country_panel(db), SampleRule(min_obs_per_country=3))
    write_report(tmp_path / "report", res, run_id="run-x")
    assert len(res.sample) == 533 and (tmp_path / "report" / "index.html").exists()
