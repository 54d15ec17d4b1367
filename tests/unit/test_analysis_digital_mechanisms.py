"""Seed-002 mechanisms on a synthetic country panel with a known mediation/moderation DGP."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from analysis.report import MECHANISMS_SECTION_TITLE, write_report
from analysis.store import store_mechanisms_result
from analysis.studies.digital_imports import run_baseline
from analysis.studies.digital_mechanisms import run_mechanisms
from analysis.studies.digital_mechanisms.data import WGI
from analysis.studies.digital_mechanisms.robustness import CHECKS

A_INNOV, B_INNOV = 0.8, 0.15  # ln_innov = A·ln_imdig + ...; ln_upmf = ... + B·ln_innov
A_INTER, B_INTER = 0.5, 0.10
C_PRIME = 0.05
BETA3 = 0.12  # ln_upmf += BETA3 · (ln_imdig − mean)(q − mean), q = latent institutions
BETA = {"pgdp": 0.02, "fdi": 0.001, "gfcf": 0.005, "rd": 0.04, "urban": 0.015}
REGIONS = ["Europe & Central Asia", "East Asia & Pacific", "Sub-Saharan Africa", "South Asia"]
INCOME = ["High income", "Upper middle income", "Lower middle income"]
N_BOOT = 200


def synthetic_panel(seed: int = 4, n_countries: int = 60) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n_countries):
        alpha, alpha_m, alpha_n = rng.normal(3, 1.5), rng.normal(8, 1), rng.normal(4, 0.3)
        level, q_level = rng.normal(3.6, 0.2), rng.normal(0, 1)
        for t in range(2010, 2021):
            x = level + rng.normal(0, 0.2)
            q = q_level + rng.normal(0, 0.5)
            c = {
                "pgdp": max(rng.normal(25, 15), 1.0),
                "fdi": rng.normal(5, 8),
                "gfcf": rng.normal(22, 5),
                "rd": abs(rng.normal(1.3, 1.0)),
                "urban": rng.uniform(30, 100),
            }
            ctrl = sum(BETA[k] * v for k, v in c.items())
            yr = 0.02 * (t - 2010)
            innov = alpha_m + A_INNOV * x + 0.01 * yr + rng.normal(0, 0.1)
            inter = alpha_n + A_INTER * x + yr + rng.normal(0, 0.1)
            y = (alpha + yr + C_PRIME * x + B_INNOV * innov + B_INTER * inter + ctrl
                 + BETA3 * (x - 3.6) * q + rng.normal(0, 0.02))  # fmt: skip
            rows.append(
                {
                    "iso3": f"C{i:02d}",
                    "year": t,
                    "mva_usd": np.exp(y) * 1e9,
                    "gdp_usd": np.exp(y) * 1e9 * rng.uniform(4, 6),
                    "dds_share_of_service_imports_pct": float(np.exp(x)),
                    "gdp_pc_usd": c["pgdp"] * 1000,
                    "fdi_pct_gdp": c["fdi"],
                    "gfcf_pct_gdp": c["gfcf"],
                    "rd_pct_gdp": c["rd"],
                    "urban_pct": c["urban"],
                    "patents_resident": 0.6 * np.exp(innov),
                    "patents_nonresident": 0.4 * np.exp(innov),
                    "mobile_per_100": float(np.exp(inter)),
                    "internet_pct": float(np.clip(np.exp(inter) / 2, 1, 100)),
                    "ict_share_of_service_imports_pct": rng.uniform(2, 20),
                    "insfin_share_of_service_imports_pct": rng.uniform(1, 15),
                    "ip_charges_usd": rng.uniform(1e7, 1e9),
                    "service_imports_usd": rng.uniform(1e9, 1e11),
                    **{w: q + rng.normal(0, 0.05) for w in WGI},
                    "economic_freedom_2019": 50 + 10 * q_level,
                    "is_developed": q_level > 0,
                    "income_group": INCOME[i % 3],
                    "region": REGIONS[i % 4],
                    "is_flagged": False,
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return synthetic_panel()


@pytest.fixture(scope="module")
def result(panel):
    return run_mechanisms(panel, n_boot=N_BOOT, seed=7)


def test_mediation_recovers_a_and_b_and_identity(result):
    s = result.mediation_summary.set_index("channel")
    assert set(s.index) == {"innov", "inter", "innov_res", "internet"}
    for ch, a, b in (("innov", A_INNOV, B_INNOV), ("inter", A_INTER, B_INTER)):
        # within 4 cluster SEs (and 0.05 absolute) of the truth
        assert abs(s.loc[ch, "a"] - a) < min(4 * s.loc[ch, "se_a"], 0.05)
        assert abs(s.loc[ch, "b"] - b) < min(4 * s.loc[ch, "se_b"], 0.05)
    assert result.max_identity_gap < 1e-10
    for ch in ("innov", "inter"):
        row = s.loc[ch]
        assert row["boot_n"] == N_BOOT and row["boot_failed"] == 0
        assert row["boot_ci_low"] < row["indirect"] < row["boot_ci_high"]
        assert row["sobel_z"] > 3
    assert len(result.tables["table3_mediation"].header) == 7  # label + 2 channels × 3 equations


def test_bootstrap_reproducible_with_seed(panel, result):
    again = run_mechanisms(panel, n_boot=N_BOOT, seed=7)
    a, b = result.mediation_summary, again.mediation_summary
    np.testing.assert_array_equal(a["boot_ci_low"], b["boot_ci_low"])


def test_moderation_recovers_beta3_and_pca(result):
    inst = result.institutions
    loadings = inst.pca.pc1_loadings
    assert (loadings > 0).all()
    assert float(inst.pca.explained_variance_ratio.iloc[0]) > 0.95
    # insti ≈ k·(q − mean q): rescale b3 to the latent's units with the sample SDs
    sample = result.sample.dropna(subset=["insti"])
    q = sample[WGI].mean(axis=1)
    k = sample["insti"].std() / q.std()
    b3 = inst.moderation.interaction_test()["estimate"]
    assert b3 * k == pytest.approx(BETA3, abs=0.02)
    me = inst.marginal
    assert list(me["percentile"]) == [10, 50, 90]
    assert me["effect"].is_monotonic_increasing  # b3 > 0
    assert (me["std_error"] > 0).all()
    assert inst.ef_split is not None
    assert set(inst.ef_split.n_obs_by_group) == {0, 1}


def test_heterogeneity_and_robustness_rows(result):
    assert {
        "developed",
        "income_group",
        "service_ict",
        "service_insfin",
        "service_intelpro",
    } <= set(result.models_by_table["heterogeneity"])
    tests = result.heterogeneity_tests
    assert tests["contrast"].str.startswith("joint").sum() == 1
    assert (tests["contrast"] == "difference developed − developing").sum() == 1
    rob = result.robustness_frame.set_index("check")
    assert list(rob.index) == CHECKS
    assert rob["problem"].eq("").all()
    assert rob.loc["hc1", "estimate"] == pytest.approx(rob.loc["baseline", "estimate"])
    assert rob.loc["hc1", "std_error"] != pytest.approx(rob.loc["baseline", "std_error"])
    dk = result.models_by_table["robustness"]["driscoll_kraay"]
    assert rob.loc["driscoll_kraay", "estimate"] == pytest.approx(rob.loc["baseline", "estimate"])
    assert dk.vcov_type == "driscoll_kraay" and dk.df_inference == 10  # T − 1, 11 years
    assert rob.loc["driscoll_kraay", "vcov"] == f"driscoll_kraay (lag {dk.dk_lags}, t(10))"
    assert rob.loc["loro", "estimate"] <= rob.loc["loro", "estimate_max"]
    assert rob.loc["lag", "n_obs"] < rob.loc["baseline", "n_obs"]  # 2010 has no 2009 value
    assert rob.loc["balanced", "n_obs"] == rob.loc["baseline", "n_obs"]
    assert len(result.tables["robustness"].rows) == len(CHECKS)
    assert sum(m.startswith("loro:") for m in result.models_by_table["robustness"]) == 4
    assert result.problems.empty
    assert (result.samples["n_used"] > 0).all()


def test_same_sample_as_baseline(panel, result):
    base = run_baseline(panel)
    assert len(result.sample) == len(base.sample)
    rob = result.robustness_frame.set_index("check")
    assert rob.loc["baseline", "estimate"] == pytest.approx(
        float(base.models["(6)"].params["ln_imdig"]), abs=1e-12
    )


def test_bad_input_reported_not_raised():
    panel = synthetic_panel(seed=5, n_countries=24)
    panel.loc[panel["iso3"] == "C00", ["patents_resident", "patents_nonresident"]] = np.nan
    # no within variation in the Internet mediator: constant per country
    panel["mobile_per_100"] = panel.groupby("iso3")["mobile_per_100"].transform("first")
    panel["is_developed"] = True  # one group only
    panel.loc[panel["iso3"] == "C01", "ip_charges_usd"] = np.nan
    res = run_mechanisms(panel, n_boot=50, seed=1)
    problems = res.problems.set_index("model_id")["problem"]
    assert "inter" in problems.index and "within" in problems["inter"]
    assert "developed" in problems.index and "both groups" in problems["developed"]
    innov = res.samples.set_index("model_id").loc["innov:total"]
    assert "C00" in innov["note"] and innov["n_dropped"] == 11
    ip = res.samples.set_index("model_id").loc["service_intelpro"]
    assert ip["n_dropped"] == 11
    assert "innov" in res.mediation and "inter" not in res.mediation
    assert any("not estimated: mediation" in line or "inter" in line for line in
               res.summary_lines())  # fmt: skip


def test_too_few_clusters_reported():
    panel = synthetic_panel(seed=6, n_countries=2)
    res = run_mechanisms(panel, n_boot=20, seed=1)
    # two countries: the models run (G = 2 ≥ 2) or are reported; nothing raises
    assert isinstance(res.problems, pd.DataFrame)
    s = res.mediation_summary
    if not s.empty:
        assert (s["boot_failed"] >= 0).all()
    lone = synthetic_panel(seed=6, n_countries=1)
    res1 = run_mechanisms(lone, n_boot=20, seed=1)
    assert res1.problems["problem"].str.contains("cluster").any()


def test_store_and_report(tmp_path: Path, panel, result):
    con = duckdb.connect(str(tmp_path / "wh.duckdb"))
    store_mechanisms_result(con, result, "run-1")
    store_mechanisms_result(con, result, "run-1")  # replaces, does not duplicate
    tables = {r[0] for r in con.sql(
        "select distinct table_id from analysis.regression_coefficients").fetchall()}  # fmt: skip
    assert tables == {
        "table3_mediation",
        "table4_moderation",
        "table4_paper",
        "heterogeneity",
        "robustness",
    }
    med = con.sql("select channel, boot_n, boot_failed, identity_gap from analysis.mediation_tests "
                  "order by channel").df()  # fmt: skip
    assert list(med["channel"]) == ["innov", "innov_res", "inter", "internet"]
    assert (med["boot_n"] == N_BOOT).all() and (med["identity_gap"].abs() < 1e-10).all()
    con.close()
    written = write_report(tmp_path / "report", run_baseline(panel), "run-1", mechanisms=result)
    text = (tmp_path / "report" / "index.md").read_text(encoding="utf-8")
    assert MECHANISMS_SECTION_TITLE in text
    assert written["mechanisms_chart"].exists()
    for key in ("table3_mediation", "table4_moderation", "robustness"):
        assert (tmp_path / "report" / "tables" / f"{key}.tex").exists()
    assert MECHANISMS_SECTION_TITLE in (tmp_path / "report" / "index.html").read_text("utf-8")
