"""Convergence-indices study (seeds 001, 004) and its report section on a synthetic warehouse
with hand-known values."""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from analysis.convergence import TEST_COLUMNS, coordination_band
from analysis.report_convergence import narrative, write_convergence_section
from analysis.studies.convergence_indices import (
    SECTION_TITLE,
    ConvergenceOptions,
    run_convergence_study,
    write_charts,
)
from tests.fixtures.marts_db import build_marts_db

PROVINCES = {
    # code: (name_en, name_zh, region)
    "CN-BJ": ("Beijing", "北京", "east"),
    "CN-GD": ("Guangdong", "广东", "east"),
    "CN-HB": ("Hubei", "湖北", "central"),
    "CN-SC": ("Sichuan", "四川", "west"),
    "CN-XZ": ("Tibet", "西藏", "west"),
    "CN-LN": ("Liaoning", "辽宁", "north-east"),
}
# D of province_va: 2012 ranking BJ > GD > HB > LN > SC > XZ
D_VA = {
    "CN-BJ": (0.70, 0.72, 0.80),
    "CN-GD": (0.60, 0.64, 0.70),
    "CN-HB": (0.50, 0.52, 0.56),
    "CN-SC": (0.40, 0.44, 0.48),
    "CN-XZ": (0.20, 0.22, 0.24),
    "CN-LN": (0.45, 0.46, 0.50),
}
D_EMP = {"CN-BJ": (0.66, 0.68), "CN-GD": (0.62, 0.65), "CN-HB": (0.42, 0.43), "CN-LN": (0.35, 0.36)}
# real GRP per capita (CNY): population 1,000 × 10k persons, GRP (CNY 100m) = pc / 10
GRP_PC = {
    "CN-BJ": (80000, 84000, 88000, 92000),
    "CN-GD": (50000, 54000, 58000, 62000),
    "CN-HB": (30000, 33000, 36000, 39000),
    "CN-SC": (20000, 22500, 25000, 27500),
    "CN-XZ": (18000, 20000, 22000, 24000),
    "CN-LN": (40000, 42000, 44000, 46000),
}
COUPLING_COLUMNS = [
    "unit_type",
    "unit_id",
    "year",
    "variant",
    "u1",
    "u2",
    "c",
    "t",
    "d",
    "band_rank",
    "band",
    "band_lower",
    "band_upper",
    "relative_development",
    "relative_development_label",
    "formula",
]


def _coupling_row(unit_type, unit_id, year, variant, d, u1=None, u2=None):
    rank, band, lower, upper = coordination_band(d)
    u1 = d if u1 is None else u1
    u2 = d if u2 is None else u2
    ratio = u1 / u2
    label = (
        "producer_services_lagging"
        if ratio > 1.1
        else "manufacturing_lagging"
        if ratio < 0.9
        else "synchronous"
    )
    return [
        *(unit_type, unit_id, year, variant, u1, u2, 1.0, d, d),
        *(rank, band, lower, upper, ratio, label, "standard"),
    ]


def coupling_frame(provinces: bool = True) -> pd.DataFrame:
    rows = []
    if provinces:
        for code, ds in D_VA.items():
            for year, d in zip((2010, 2011, 2012), ds, strict=True):
                u1 = 2 * d if code == "CN-BJ" and year == 2012 else None  # BJ: PS lagging
                rows.append(_coupling_row("province", code, year, "province_va", d, u1=u1))
        for code, ds in D_EMP.items():
            for year, d in zip((2012, 2013), ds, strict=True):
                rows.append(_coupling_row("province", code, year, "province_employment", d))
    for iso, (d0, d1) in {"CHN": (0.40, 0.60), "USA": (0.85, 0.80)}.items():
        rows.append(_coupling_row("country", iso, 2000, "wiod", d0))
        rows.append(_coupling_row("country", iso, 2014, "wiod", d1))
    rows.append(_coupling_row("country", "CHN", 2015, "country_panel", 0.55))
    rows.append(_coupling_row("country", "USA", 2015, "country_panel", 0.65))
    return pd.DataFrame(rows, columns=COUPLING_COLUMNS)


def weights_frame() -> pd.DataFrame:
    rows = [
        ("province_va", "manufacturing", "ln_industry_va", "positive", 0.9, 0.5, 18, 20, 1.0, 9.0),
        (
            "province_va",
            "manufacturing",
            "industry_va_pct_gdp",
            "positive",
            0.95,
            0.25,
            18,
            20,
            20.0,
            45.0,
        ),
        (
            "province_va",
            "manufacturing",
            "industry_va_per_capita",
            "positive",
            0.95,
            0.25,
            18,
            20,
            1e3,
            3e4,
        ),
        ("province_va", "producer_services", "ln_ps_va", "positive", 0.8, 1.0, 18, 20, 1.0, 8.0),
        ("wiod", "manufacturing", "ln_go", "positive", 0.7, 1.0, 4, 4, 5.0, 12.0),
    ]
    cols = ["variant", "subsystem", "indicator", "direction", "e_j", "w_j", "n", "n_input"]
    return pd.DataFrame(rows, columns=[*cols, "min_value", "max_value"])


CA_2012 = {"CN-BJ": 2.0, "CN-GD": 3.0, "CN-HB": 2.2, "CN-SC": 1.8, "CN-LN": 2.4}


def coag_frame() -> pd.DataFrame:
    rows = []
    for year in (2012, 2013):
        for code, v in CA_2012.items():
            value = v + (0.1 if year == 2013 else 0.0)
            rows.append(
                (
                    "province",
                    code,
                    year,
                    "province_employment",
                    "ca_lq",
                    "manufacturing:producer_services",
                    "producer_services",
                    value,
                    1.0,
                    1.0,
                    1,
                )
            )
            rows.append(
                (
                    "province",
                    code,
                    year,
                    "province_employment",
                    "ca_lq",
                    "manufacturing:finance",
                    "finance",
                    9.9,
                    1.0,
                    1.0,
                    1,
                )
            )
        egk = 0.01 if year == 2012 else 0.02
        rows.append(
            (
                "province",
                "china_provinces",
                year,
                "province_employment",
                "egk",
                "manufacturing:producer_services",
                "producer_services",
                egk,
                None,
                None,
                5,
            )
        )
    rows.append(
        (
            "country",
            "wiod_countries",
            2012,
            "wiod_va",
            "egk",
            "manufacturing:producer_services",
            "producer_services",
            0.005,
            None,
            None,
            43,
        )
    )
    cols = [
        "unit_type",
        "unit_id",
        "year",
        "variant",
        "measure",
        "industry_pair",
        "service_group",
        "value",
        "lq_manufacturing",
        "lq_service",
        "n_units",
    ]
    return pd.DataFrame(rows, columns=cols)


def mart_tests_frame() -> pd.DataFrame:
    nan = float("nan")
    base = dict.fromkeys(TEST_COLUMNS, nan)
    rows = []
    series = "coupling_d:province_va"
    for year, sigma in ((2010, 0.40), (2011, 0.38), (2012, 0.35)):
        rows.append(
            {
                **base,
                "unit_type": "province",
                "series": series,
                "test": "sigma",
                "year": year,
                "n_units": 6,
                "sigma": sigma,
                "status": "ok",
                "note": "ddof=1",
            }
        )
    rows.append(
        {
            **base,
            "unit_type": "province",
            "series": series,
            "test": "sigma_trend",
            "n_obs": 3,
            "coefficient": -0.025,
            "std_error": 0.003,
            "p_value": 0.07,
            "se_type": "ols",
            "first_year": 2010,
            "last_year": 2012,
            "status": "ok",
            "note": "OLS of sigma on year",
        }
    )
    rows.append(
        {
            **base,
            "unit_type": "province",
            "series": series,
            "test": "beta_absolute",
            "n_units": 6,
            "coefficient": -0.02,
            "std_error": 0.005,
            "p_value": 0.004,
            "se_type": "hc1",
            "first_year": 2010,
            "last_year": 2012,
            "horizon_years": 2,
            "speed": 0.0204,
            "half_life_years": 34.0,
            "status": "ok",
            "note": "",
        }
    )
    rows.append(
        {
            **base,
            "unit_type": "province",
            "series": series,
            "test": "beta_conditional",
            "status": "not_estimated",
            "note": "too few units per region",
        }
    )
    rows.append(
        {
            **base,
            "unit_type": "country",
            "series": "gdp_pc_usd",
            "test": "beta_absolute",
            "n_units": 2,
            "coefficient": 0.01,
            "std_error": 0.02,
            "p_value": 0.6,
            "se_type": "hc1",
            "first_year": 2000,
            "last_year": 2014,
            "status": "ok",
            "note": "",
        }
    )
    frame = pd.DataFrame(rows, columns=TEST_COLUMNS)
    return frame.astype({"year": "Int64", "n_units": "Int64", "n_obs": "Int64"})


def panel_frame() -> pd.DataFrame:
    rows = []
    for code, (en, zh, region) in PROVINCES.items():
        for year, pc in zip((2010, 2011, 2012, 2013), GRP_PC[code], strict=True):
            reasons = []
            if code == "CN-XZ":
                reasons.append("energy and CO2 not published for Tibet")
            if year == 2013:
                reasons.append("employment coverage break 2013")
            rows.append(
                {
                    "province_code": code,
                    "province_name_zh": zh,
                    "province_name_en": en,
                    "region": region,
                    "year": year,
                    "grp_cny_100m": pc / 10,
                    "population_10k_persons": 1000.0,
                    "energy_10k_tce": None if code == "CN-XZ" else 100.0,
                    "co2_mt": None if code == "CN-XZ" else 50.0,
                    "grp_vintage": "NBS yearbook 2021",
                    "is_flagged": bool(reasons),
                    "flag_reason": "; ".join(reasons) if reasons else None,
                }
            )
    frame = pd.DataFrame(rows)
    return frame.astype({"energy_10k_tce": "float64", "co2_mt": "float64"})


def full_frames() -> dict[str, pd.DataFrame]:
    return {
        "coupling_coordination": coupling_frame(),
        "coupling_entropy_weights": weights_frame(),
        "coagglomeration": coag_frame(),
        "convergence_tests": mart_tests_frame(),
        "province_panel": panel_frame(),
    }


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build_marts_db(tmp_path / "wh.duckdb", full_frames())


@pytest.fixture
def result(db: Path):
    return run_convergence_study(db)


def _row(table, first_cell: str) -> list[str]:
    return next(r for r in table.rows if r[0] == first_cell)


# ----------------------------------------------------------------------------------- tables


def test_c1_ranking_bands_and_unweighted_means(result) -> None:
    table = result.tables["conv_c1_d_province_va"]
    assert result.selected_years["province_va"] == (2010, 2011, 2012)
    assert table.header[:4] == ["Province", "Region", "Rank 2012", "D 2010"]
    names = [r[0] for r in table.rows[:6]]
    assert names == [
        "Beijing (CN-BJ)",
        "Guangdong (CN-GD)",
        "Hubei (CN-HB)",
        "Liaoning (CN-LN)",
        "Sichuan (CN-SC)",
        "Tibet (CN-XZ)",
    ]
    assert [r[2] for r in table.rows[:6]] == ["1", "2", "3", "4", "5", "6"]
    bj = table.rows[0]
    assert bj[1] == "East"
    assert bj[table.header.index("D 2012")] == "0.800"
    assert bj[table.header.index("Band 2012")] == "intermediate coordination"
    assert bj[table.header.index("Band 2010")] == "primary coordination"  # 0.70 is in (0.6, 0.7]
    assert bj[-1] == "2.00 PS lagging"  # U1 = 2·U2 in 2012
    col = table.header.index("D 2012")
    # unweighted: east (0.80 + 0.70)/2, west (0.48 + 0.24)/2, all 3.28/6
    assert _row(table, "East (unweighted mean)")[col] == "0.750"
    assert _row(table, "West (unweighted mean)")[col] == "0.360"
    assert _row(table, "Central (unweighted mean)")[col] == "0.560"
    assert _row(table, "North-east (unweighted mean)")[col] == "0.500"
    national = _row(table, "All provinces (unweighted mean)")
    assert national[col] == f"{3.28 / 6:.3f}" == "0.547"
    assert national[col + 1] == "barely coordinated"
    assert "unweighted" in table.note
    means = result.frames["regional_means"]
    east = means[(means.variant == "province_va") & (means.group == "east") & (means.year == 2010)]
    assert east["mean_d"].iloc[0] == pytest.approx(0.65)
    emp = result.tables["conv_c1_d_province_employment"]
    assert result.selected_years["province_employment"] == (2012, 2013)
    assert [r[0] for r in emp.rows[:4]] == [
        "Beijing (CN-BJ)",
        "Guangdong (CN-GD)",
        "Hubei (CN-HB)",
        "Liaoning (CN-LN)",
    ]


def test_selected_years_are_configurable(db: Path) -> None:
    res = run_convergence_study(db, ConvergenceOptions(selected_years=(2010, 2012, 1999)))
    assert res.selected_years["province_va"] == (2010, 2012)
    assert res.selected_years["province_employment"] == (2012,)
    res = run_convergence_study(
        db, ConvergenceOptions(selected_years={"province_va": [2011], "province_employment": [1]})
    )
    assert res.selected_years["province_va"] == (2011,)
    assert "conv_c1_d_province_employment" not in res.tables
    assert "requested years" in res.unavailable["Table C-1 (province_employment)"]


def test_c2_band_counts_and_full_band_table(result) -> None:
    table = result.tables["conv_c2_bands_summary"]
    assert table.header == ["Band (D interval)", "2010", "2011", "2012", "2013"]
    va_start = next(i for i, r in enumerate(table.rows) if r[0].endswith("(province_va)"))
    emp_start = next(i for i, r in enumerate(table.rows) if r[0].endswith("(province_employment)"))
    va = {r[0]: r[1:] for r in table.rows[va_start + 1 : emp_start]}
    # 2012: 0.48 and 0.50 are both in (0.4, 0.5]; 0.80 in (0.7, 0.8]; 0.24 in (0.2, 0.3]
    assert va["5 verge of imbalance (0.4, 0.5]"] == ["2", "2", "2", ""]
    assert va["8 intermediate coordination (0.7, 0.8]"][2] == "1"
    assert va["3 moderate imbalance (0.2, 0.3]"] == ["0", "1", "1", ""]
    assert va["2 severe imbalance (0.1, 0.2]"] == ["1", "0", "0", ""]  # Tibet 0.20 in 2010
    assert va["Provinces"] == ["6", "6", "6", ""]
    emp = {r[0]: r[1:] for r in table.rows[emp_start + 1 :]}
    assert emp["Provinces"] == ["", "", "4", "4"]
    full = result.csv_tables["conv_c2_bands_full"]
    assert len(full.rows) == 6 + 4
    bj = next(r for r in full.rows if r[0] == "province_va" and r[1] == "CN-BJ")
    assert bj[full.header.index("2012")] == "8 intermediate coordination (D = 0.800)"
    assert bj[full.header.index("2013")] == ""


def test_c3_entropy_weights(result) -> None:
    table = result.tables["conv_c3_entropy_weights"]
    assert len(table.rows) == 5
    first = table.rows[0]
    assert first[:3] == ["province_va", "Manufacturing (U1)", "ln_industry_va"]
    assert first[4:8] == ["0.9000", "0.5000", "18", "2"]
    assert table.rows[-1][0] == "wiod"
    assert 4 in table.section_breaks


def test_c4_ca_by_region_and_egk(result) -> None:
    ca = result.tables["conv_c4_ca_regions"]
    assert ca.header == ["Provinces", "2012", "2013"]
    assert _row(ca, "East") == ["East", "2.500 (2)", "2.600 (2)"]  # finance pair (9.9) excluded
    assert _row(ca, "All provinces")[1] == f"{sum(CA_2012.values()) / 5:.3f} (5)"
    assert _row(ca, "West")[1] == "1.800 (1)"
    egk = result.tables["conv_c4_egk"]
    assert egk.header == ["Year", "China provinces (employment)", "WIOD countries (value added)"]
    assert egk.rows == [["2012", "0.0100", "0.0050"], ["2013", "0.0200", ""]]


def test_c5_sigma_beta_rows(result) -> None:
    table = result.tables["conv_c5_sigma_beta"]
    va = [r for r in table.rows if r[0] == "D, provinces (value added)"]
    assert va[0][4] == "0.4000 → 0.3500" and va[0][2] == "2010–2012"
    trend = next(r for r in va if r[1].startswith("σ trend"))
    assert trend[4] == "-0.0250*" and trend[6] == "0.070"
    beta = next(r for r in va if r[1].startswith("β absolute"))
    assert beta[4:9] == ["-0.0200***", "0.0050 (hc1)", "0.004", "0.0204", "34.0"]
    cond = next(r for r in va if r[1].startswith("β conditional"))
    assert cond[9] == "not estimated: too few units per region" and cond[4] == ""
    # GRP per capita computed here: σ of ln pc in 2010 by hand
    grp = [r for r in table.rows if r[0].startswith("GRP per capita")]
    sigma_2010 = np.std(np.log([v[0] for v in GRP_PC.values()]), ddof=1)
    sigma_2013 = np.std(np.log([v[3] for v in GRP_PC.values()]), ddof=1)
    assert grp[0][4] == f"{sigma_2010:.4f} → {sigma_2013:.4f}"
    assert any(r[1].startswith("β absolute") and r[9].startswith("ok") for r in grp)
    sig = result.frames["sigma"]
    got = sig[(sig.series == "grp_per_capita") & (sig.year == 2010)]["sigma"].iloc[0]
    assert got == pytest.approx(sigma_2010)


def test_c6_countries_ranks(result) -> None:
    table = result.tables["conv_c6_countries"]
    chn = next(r for r in table.rows if r[:2] == ["CHN", "wiod"])
    assert chn[2:8] == ["2000", "0.400", "2 of 2", "2014", "0.600", "2 of 2"]
    assert chn[8] == "barely coordinated"
    usa = next(r for r in table.rows if r[:2] == ["USA", "country_panel"])
    assert usa[6:8] == ["0.650", "1 of 2"]
    assert not any(r[0] in {"DEU", "JPN", "IND"} for r in table.rows)


# ----------------------------------------------------------------------------- charts, caveats


def test_charts_written(result, tmp_path: Path) -> None:
    paths = write_charts(result, tmp_path / "report")
    assert set(paths) == {"conv_chart_ranked", "conv_chart_paths", "conv_chart_sigma"}
    for path in paths.values():
        assert path.exists() and path.stat().st_size > 1000
        assert path.parent.name == "figures"


def test_caveats_come_from_the_data(result) -> None:
    text = "\n".join(result.caveats)
    assert "employment coverage break 2013': 6 province-years" in text
    assert "energy and CO2 not published for Tibet': 4 province-years (Tibet (CN-XZ)" in text
    assert "province_panel.energy_10k_tce has no value for Tibet (CN-XZ)" in text
    assert "province_panel.co2_mt has no value for Tibet (CN-XZ)" in text
    assert "grp_vintage: NBS yearbook 2021 (24 province-years)" in text
    assert "province_va: 2 of 20 unit-years" in text
    assert "transport + trade + finance + real estate" in text
    assert "Coupling coordination province_va: 6 provinces, years 2010–2012" in text
    assert "Coupling coordination wiod: 2 countries, years 2000, 2014, 4 unit-years." in text
    assert "Not estimated: beta_conditional of coupling_d:province_va" in text
    assert "grp_cny_100m / province_panel.population_10k_persons × 10,000" in text
    assert "unweighted" in result.caveats[0]
    assert result.unavailable == {}


# ------------------------------------------------------------------------- missing inputs


def test_missing_database_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        run_convergence_study(tmp_path / "absent.duckdb")


def test_absent_marts_are_reported_not_raised(tmp_path: Path) -> None:
    path = build_marts_db(tmp_path / "only_panel.duckdb", {"province_panel": panel_frame()})
    res = run_convergence_study(path)
    assert set(res.tables) == {"conv_c5_sigma_beta"}  # σ/β of GRP per capita from the panel
    assert {r[0] for r in res.tables["conv_c5_sigma_beta"].rows} == {
        "GRP per capita, provinces (computed here from province_panel)"
    }
    assert (
        "marts.coupling_coordination does not exist" in res.unavailable["Table C-1 (D by province)"]
    )
    assert "does not exist" in res.unavailable["Table C-3 (entropy weights)"]
    assert "does not exist" in res.unavailable["Table C-4 (co-agglomeration)"]
    assert "does not exist" in res.unavailable["Table C-6 (countries)"]
    assert "GRP per capita" in "\n".join(res.caveats)  # computed from the panel alone
    assert res.frames["sigma"]["series"].eq("grp_per_capita").any()
    md, _page, written = write_convergence_section(tmp_path / "r", res)
    assert md[0] == f"## {SECTION_TITLE}"
    assert "### Not available" in md
    assert "conv_chart_sigma" in written and "conv_chart_ranked" not in written
    assert "conv_chart_paths" not in written


def test_empty_marts_and_no_province_rows(tmp_path: Path) -> None:
    frames = full_frames()
    frames["coupling_coordination"] = coupling_frame(provinces=False)
    frames["coupling_entropy_weights"] = weights_frame().iloc[0:0]
    frames["coagglomeration"] = coag_frame().iloc[0:0]
    frames["convergence_tests"] = mart_tests_frame().iloc[0:0]
    del frames["province_panel"]
    path = build_marts_db(tmp_path / "empty.duckdb", frames)
    res = run_convergence_study(path)
    assert res.unavailable["Table C-1 (D by province)"] == (
        "marts.coupling_coordination has no province rows yet"
    )
    assert "is empty" in res.unavailable["Table C-3 (entropy weights)"]
    assert "is empty" in res.unavailable["Table C-4 (co-agglomeration)"]
    assert "is empty" in res.unavailable["Table C-5 (σ/β from marts.convergence_tests)"]
    assert "does not exist" in res.unavailable["marts.province_panel"]
    assert set(res.tables) == {"conv_c6_countries"}  # the country part still works
    # σ of D falls back to coupling_coordination when the tests mart is empty
    assert set(res.frames["sigma"]["series"]) == {"coupling_d:wiod", "coupling_d:country_panel"}
    _md, page, written = write_convergence_section(tmp_path / "r", res)
    assert "conv_c6_countries.md" in written and "Not available" in page
    assert "conv_chart_sigma" in written  # countries' σ of ln D when no province series


def test_missing_column_is_unavailable(tmp_path: Path) -> None:
    frames = full_frames()
    frames["coupling_entropy_weights"] = weights_frame().drop(columns=["e_j"])
    res = run_convergence_study(build_marts_db(tmp_path / "bad.duckdb", frames))
    assert res.unavailable["Table C-3 (entropy weights)"].endswith("lacks column(s) e_j")
    assert "conv_c1_d_province_va" in res.tables


def test_open_connection_is_accepted(db: Path) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        res = run_convergence_study(con)
    assert "conv_c1_d_province_va" in res.tables and res.source == "the given connection"


def test_region_without_panel_only_national_mean(tmp_path: Path) -> None:
    frames = full_frames()
    del frames["province_panel"]
    res = run_convergence_study(build_marts_db(tmp_path / "np.duckdb", frames))
    table = res.tables["conv_c1_d_province_va"]
    labels = [r[0] for r in table.rows]
    assert "All provinces (unweighted mean)" in labels
    assert "East (unweighted mean)" not in labels
    assert "CN-BJ (CN-BJ)" in labels
    assert "only the national mean" in res.unavailable["Regional means of D"]


# ------------------------------------------------------------------------------- section


def test_section_writer(result, tmp_path: Path) -> None:
    root = tmp_path / "report"
    md, page, written = write_convergence_section(root, result)
    assert md[0] == "## Convergence of manufacturing and producer services (seeds 001, 004)"
    text = "\n".join(md)
    for key in (
        "conv_c1_d_province_va",
        "conv_c2_bands_summary",
        "conv_c3_entropy_weights",
        "conv_c4_ca_regions",
        "conv_c4_egk",
        "conv_c5_sigma_beta",
        "conv_c6_countries",
    ):
        for ext in ("md", "csv", "tex", "html"):
            assert (root / "tables" / f"{key}.{ext}").exists()
            assert f"(tables/{key}.{ext})" in text
            assert f'href="tables/{key}.{ext}"' in page
    assert (root / "tables" / "conv_c2_bands_full.csv").exists()
    assert not (root / "tables" / "conv_c2_bands_full.md").exists()
    assert "(tables/conv_c2_bands_full.csv)" in text
    for rel in (
        "figures/conv_d_ranked_provinces.png",
        "figures/conv_d_regional_paths.png",
        "figures/conv_sigma.png",
    ):
        assert (root / rel).exists()
        assert f"]({rel})" in text and f'src="{rel}"' in page
    assert "Table C-1. Coupling coordination D by province" in page
    assert "### Caveats" in md
    story = narrative(result)
    assert story[0].startswith("Provinces (province_va, 2012): highest D in Beijing (0.800)")
    assert "lowest in Tibet (0.240), Sichuan (0.480), Liaoning (0.500)" in story[0]
    assert any("rose from 0.475 in 2010 to 0.547 in 2012" in s for s in story)
    assert any(
        "Regional means in 2012: East 0.750 > Central 0.560 > North-east 0.500" in s for s in story
    )
    va = next(s for s in story if s.startswith("D, provinces (value added)"))
    assert "σ 0.400 (2010) → 0.350 (2012), trend -0.0250 a year (p = 0.070)" in va
    assert "σ falls (σ-convergence at 10 %)" in va
    assert "absolute β -0.0200" in va and "half-life 34.0 years" in va
    gdp = next(s for s in story if s.startswith("GDP per capita"))
    assert "no β-convergence" in gdp
    assert any(s.startswith("China (wiod, 2014): D = 0.600, rank 2 of 2") for s in story)
    assert all(math.isfinite(float(p.stat().st_size)) for p in written.values())
