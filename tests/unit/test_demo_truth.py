"""The known effect is recoverable from the generated files alone (two-way FE, 2010-2020)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from warehouse.demo import DemoTruth, generate


@pytest.fixture(scope="module")
def demo_truth(tmp_path_factory: pytest.TempPathFactory) -> DemoTruth:
    return generate(tmp_path_factory.mktemp("demo_truth") / "raw")


def _wdi(path: Path, code: str, name: str) -> pd.Series:
    df = pd.read_csv(path, skiprows=4)
    df = df[df["Indicator Code"] == code].set_index("Country Code")
    years = [c for c in df.columns if c.isdigit()]
    s = df[years].stack()
    s.index = s.index.set_names(["iso3", "year"])
    return s.rename(name).reset_index().astype({"year": int})


def build_panel(raw: Path) -> pd.DataFrame:
    """Rebuild the regression panel with pandas only, as the warehouse derives it."""
    m49 = pd.read_csv(raw / "classification/UNSD_M49_Methodology.csv", dtype=str)
    to_iso = dict(zip(m49["M49 Code"].astype(int), m49["ISO-alpha3 Code"], strict=True))
    sn = pd.read_excel(raw / "unsd_snaama/Download-GDPcurrent-USD-countries.xlsx", skiprows=2,
                       engine="calamine")  # fmt: skip
    sn["iso3"] = sn["CountryID"].map(to_iso)
    sn = sn.dropna(subset=["iso3"]).melt(["CountryID", "Country", "IndicatorName", "iso3"],
                                         var_name="year")  # fmt: skip
    sn = sn.pivot_table(index=["iso3", "year"], columns="IndicatorName", values="value")
    snaama = pd.DataFrame({
        "mva": sn["Manufacturing (ISIC D)"],
        "gfcf": 100 * sn["Gross fixed capital formation (including Acquisitions less disposals "
                         "of valuables)"] / sn["Gross Domestic Product (GDP)"],
    }).reset_index().astype({"year": int})  # fmt: skip
    wdi = raw / "wdi"
    parts = [
        _wdi(wdi / "API_NY.GDP.PCAP.CD_DS2_en_csv_v2_33610.csv", "NY.GDP.PCAP.CD", "pgdp"),
        _wdi(wdi / "API_BX.KLT.DINV.WD.GD.ZS_DS2_en_csv_v2_13.csv", "BX.KLT.DINV.WD.GD.ZS", "fdi"),
        _wdi(wdi / "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_232.csv", "GB.XPD.RSDV.GD.ZS", "rd"),
        _wdi(wdi / "urban-development-raw-2021.csv", "SP.URB.TOTL.IN.ZS", "urban"),
    ]
    un = pd.read_csv(raw / "unctad/UNCTAD_DE.csv")
    dds = un[un["INDICATOR"] == "UNCTAD_DE_DIG_SERVTRADE_ANN_IMP"]
    dds = dds.rename(columns={"REF_AREA": "iso3", "TIME_PERIOD": "year", "OBS_VALUE": "dds"})
    nfsv = pd.read_csv(raw / "wdi_open_numbers/ddf--datapoints--bm_gsr_nfsv_cd--by--geo--time.csv")
    nfsv = nfsv.assign(iso3=nfsv["geo"].str.upper(), year=nfsv["time"])
    panel = snaama
    for part in [*parts, dds[["iso3", "year", "dds"]], nfsv[["iso3", "year", "bm_gsr_nfsv_cd"]]]:
        panel = panel.merge(part, on=["iso3", "year"], how="inner")
    panel["pgdp"] = panel["pgdp"] / 1000
    panel["share"] = 100 * panel["dds"] * 1e6 / panel["bm_gsr_nfsv_cd"]
    return panel.dropna()


def test_panel_matches_truth(demo_truth: DemoTruth) -> None:
    panel = build_panel(demo_truth.out_dir).set_index(["iso3", "year"])
    true = demo_truth.panel.set_index(["iso3", "year"]).loc[panel.index]
    np.testing.assert_allclose(panel["share"], true["share"], rtol=1e-9)
    np.testing.assert_allclose(panel["mva"], true["mva"], rtol=1e-12)
    np.testing.assert_allclose(panel["urban"], true["urban"], rtol=1e-12)
    assert panel["share"].between(15, 90).all()
    within = np.log(panel["share"]).groupby(level="iso3").std()
    assert within.median() > 0.05


def test_two_way_fe_recovers_beta(demo_truth: DemoTruth) -> None:
    panel = build_panel(demo_truth.out_dir)
    panel = panel[panel["year"].isin(demo_truth.estimation_years)]
    assert panel["iso3"].nunique() >= 60 and len(panel) >= 600
    x = pd.DataFrame({"ln_share": np.log(panel["share"])})
    for col in ("pgdp", "fdi", "gfcf", "rd", "urban"):
        x[col] = panel[col]
    dummies = pd.get_dummies(panel[["iso3", "year"]].astype(str), drop_first=True, dtype=float)
    fit = sm.OLS(np.log(panel["mva"]), sm.add_constant(pd.concat([x, dummies], axis=1))).fit()
    b, se = fit.params["ln_share"], fit.bse["ln_share"]
    assert abs(b - demo_truth.beta) < 2 * se
    assert abs(b - demo_truth.beta) < 0.03
    assert abs(fit.params["urban"] - demo_truth.gamma["urban"]) < 4 * fit.bse["urban"]
