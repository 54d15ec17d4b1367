"""Green-TFP study (seed 004) and its report section on a synthetic warehouse with
hand-known values."""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from analysis.panel import fit_panel_fe
from analysis.report_green_tfp import (
    green_tfp_failure_section,
    narrative,
    write_green_tfp_section,
)
from analysis.studies.green_tfp import (
    SECTION_TITLE,
    GreenTfpOptions,
    country_input_status,
    run_green_tfp_study,
)
from analysis.tables import format_number
from tests.fixtures.marts_db import build_marts_db

PROVINCES = {
    # code: (name_en, region)
    "CN-BJ": ("Beijing", "east"),
    "CN-SH": ("Shanghai", "east"),
    "CN-HB": ("Hubei", "central"),
    "CN-SC": ("Sichuan", "west"),
    "CN-XZ": ("Tibet", "west"),
}
YEARS = range(2005, 2012)
FULL_YEARS = (2008, 2009, 2010, 2011)
# super-SBM scores; 2005 is a partial frontier (BJ and SH only), 2006-2007 unscored
SCORES = {
    "CN-BJ": {2005: 1.2, 2008: 1.1, 2009: 1.2, 2010: 1.0, 2011: 1.3},
    "CN-SH": {2005: 0.9, 2008: 0.8, 2009: 0.9, 2010: 1.05, 2011: 0.95},
    "CN-HB": {2008: 0.5, 2009: 0.6, 2010: 0.55, 2011: 0.65},
    "CN-SC": {2008: 0.3, 2009: 0.35, 2010: 0.4, 2011: 0.45},
}
# GML links; 2008 of BJ/SH spans 2005 -> 2008 (a gap link, excluded); SC 2011 missing
GML = {
    "CN-BJ": {2008: 1.5, 2009: 1.02, 2010: 1.04, 2011: 0.98},
    "CN-SH": {2008: 1.5, 2009: 1.01, 2010: 0.99, 2011: 1.03},
    "CN-HB": {2009: 1.05, 2010: 1.00, 2011: 1.02},
    "CN-SC": {2009: 0.97, 2010: 1.01},
}
# producer-services / industry VA; HB: 0.4 in 2008, 0.6 after (5.0 in unscored 2005-2007)
RATIO = {"CN-BJ": 2.0, "CN-SH": 1.0, "CN-SC": 0.4, "CN-XZ": 3.0}
CA = {
    "CN-BJ": (1.10, 1.30, 1.20, 1.50),
    "CN-SH": (1.40, 1.35, 1.60, 1.55),
    "CN-HB": (2.00, 1.80, 2.10, 2.40),
    "CN-SC": (2.50, 2.20, 2.60, 2.30),
}
D = {
    "CN-BJ": (0.60, 0.62, 0.61, 0.66),
    "CN-SH": (0.58, 0.63, 0.59, 0.64),
    "CN-HB": (0.40, 0.45, 0.41, 0.47),
    "CN-SC": (0.35, 0.33, 0.39, 0.36),
}
POP = {"CN-BJ": 2000.0, "CN-SH": 2400.0, "CN-HB": 5800.0, "CN-SC": 8300.0, "CN-XZ": 350.0}
GRP_GROWTH = {"CN-BJ": 0.08, "CN-SH": 0.07, "CN-HB": 0.11, "CN-SC": 0.095, "CN-XZ": 0.12}


def green_frame(labour: bool = False) -> pd.DataFrame:
    rows = []
    for code, (name, region) in PROVINCES.items():
        for year in YEARS:
            score = SCORES.get(code, {}).get(year)
            scored = score is not None
            link = GML.get(code, {}).get(year)
            first = scored and min(SCORES[code]) == year
            missing = None
            if code == "CN-XZ":
                missing = "energy_10k_tce; co2_mt"
            elif not scored:
                missing = "emp_urban_total_10k"
            row = {
                "province_code": code,
                "province_name_en": name,
                "region": region,
                "year": year,
                "missing_inputs": missing,
                "dea_model": "SuperSBM-U-CRS-none" if scored else None,
                "rts": "crs",
                "super_sbm_score": score,
                "is_super_efficient": scored and score >= 1,
                "score_status": "optimal" if scored else "missing_inputs",
                "gml_index": link,
                "gml_cumulative": 1.0 if first else None,
                "gml_status": (
                    "base_year"
                    if first
                    else "optimal"
                    if link
                    else "infeasible"
                    if scored
                    else "not_scored"
                ),
                "ml_status": "infeasible" if scored and year == 2010 else "optimal",
                "panel_flag_reason": (
                    "employment and energy: 2013 coverage revision (level break vs 2012)"
                    if year == 2010
                    else ""
                ),
                "is_scored": scored,
                "n_dmus": 2 if year == 2005 else 4 if year >= 2008 else 0,
                "is_partial_frontier": year < 2008,
            }
            if labour:
                row["labour_10k"] = 100.0
                row["labour_source"] = (
                    "interpolated_national_share"
                    if (code, year) in {("CN-BJ", 2008), ("CN-HB", 2009)}
                    else "backcast_national_share"
                    if (code, year) == ("CN-SH", 2005)
                    else "observed"
                )
            rows.append(row)
    frame = pd.DataFrame(rows)
    return frame.astype(
        {"super_sbm_score": "float64", "gml_index": "float64", "gml_cumulative": "float64"}
    )


def ratio_of(code: str, year: int) -> float:
    if code == "CN-HB":
        return 5.0 if year < 2008 else 0.4 if year == 2008 else 0.6
    return RATIO[code]


def panel_frame() -> pd.DataFrame:
    rows = []
    for code, (name, region) in PROVINCES.items():
        for year in YEARS:
            industry = 1000.0 + 10 * (year - 2005)
            grp_real = 2000.0 * (1 + GRP_GROWTH[code]) ** (year - 2005)
            rows.append(
                {
                    "province_code": code,
                    "province_name_en": name,
                    "region": region,
                    "year": year,
                    "va_industry_cny_100m": industry,
                    "va_producer_services_cny_100m": ratio_of(code, year) * industry,
                    "grp_real_cny_100m": grp_real,
                    "population_10k": POP[code] * (1 + 0.004 * (year - 2005)),
                }
            )
    return pd.DataFrame(rows)


def coag_frame() -> pd.DataFrame:
    rows = []
    for code, values in CA.items():
        for year, value in zip(FULL_YEARS, values, strict=True):
            rows.append(
                {
                    "unit_type": "province",
                    "unit_id": code,
                    "year": year,
                    "variant": "province_employment",
                    "measure": "ca_lq",
                    "industry_pair": "manufacturing:producer_services",
                    "value": value,
                }
            )
            rows.append({**rows[-1], "industry_pair": "manufacturing:finance", "value": 9.0})
    return pd.DataFrame(rows)


def coupling_frame() -> pd.DataFrame:
    rows = []
    for code, values in D.items():
        for year, value in zip(FULL_YEARS, values, strict=True):
            rows.append(
                {
                    "unit_type": "province",
                    "unit_id": code,
                    "year": year,
                    "variant": "province_va",
                    "d": value,
                }
            )
    return pd.DataFrame(rows)


def scenarios_frame() -> pd.DataFrame:
    rows = []
    base = {"va_industry_real": 100.0, "va_producer_services_real": 80.0, "energy": 50.0,
            "co2": 10.0, "energy_intensity": 0.5}  # fmt: skip
    target = {
        "baseline": {
            "va_industry_real": 120.0,
            "va_producer_services_real": 100.0,
            "energy": 55.0,
            "co2": 11.0,
            "gdp_growth_rate": 0.07,
            "energy_intensity": 0.5 * 0.95**2,
        },
        "g6_0": {
            "va_industry_real": 108.0,
            "va_producer_services_real": 90.0,
            "energy": 49.5,
            "co2": 9.9,
            "gdp_growth_rate": 0.06,
            "energy_intensity": 0.5 * 0.95**2,
        },
    }
    for scenario, values in target.items():
        for var, value in base.items():
            rows.append((scenario, 2019, var, value, False))
        for var, value in values.items():
            rows.append((scenario, 2021, var, value, True))
    frame = pd.DataFrame(rows, columns=["scenario", "year", "variable", "value", "is_projection"])
    frame["unit_type"] = "national"
    frame["unit_id"] = "CN"
    frame["unit"] = "x"
    return frame


def country_frame(extra: dict[str, float] | None = None) -> pd.DataFrame:
    row = {"iso3": "CHN", "year": 2015, "gdp_usd": 1e13, "gfcf_pct_gdp": 40.0,
           "population": 1.4e9, "mva_usd_source": "wdi_api"}  # fmt: skip
    row.update(extra or {})
    return pd.DataFrame([row])


def full_frames(labour: bool = False) -> dict[str, pd.DataFrame]:
    return {
        "green_tfp": green_frame(labour),
        "province_panel": panel_frame(),
        "coagglomeration": coag_frame(),
        "coupling_coordination": coupling_frame(),
        "scenarios": scenarios_frame(),
        "country_panel": country_frame(),
    }


OPTIONS = GreenTfpOptions(periods=((2005, 2007), (2008, 2009), (2010, 2011)))


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_marts_db(tmp_path_factory.mktemp("gtfp") / "wh.duckdb", full_frames())


@pytest.fixture(scope="module")
def result(db: Path):
    return run_green_tfp_study(db, OPTIONS)


def _summary(result, period: str, group: str) -> pd.Series:
    s = result.frames["group_summary"]
    return s[(s["period"] == period) & (s["group"] == group)].iloc[0]


def _geo(values) -> float:
    return float(np.exp(np.mean(np.log(values))))


# ---------------------------------------------------------------------------------- groups


def test_structure_groups_by_median_ratio(result) -> None:
    groups = result.frames["structure"].set_index("province_code")
    assert set(groups.index) == {"CN-BJ", "CN-SH", "CN-HB", "CN-SC"}  # Tibet never scored
    assert groups.loc["CN-HB", "r_p"] == pytest.approx((0.4 + 3 * 0.6) / 4)  # scored years
    assert groups.loc["CN-BJ", "r_p"] == pytest.approx(2.0)
    # median of (2.0, 1.0, 0.55, 0.4) = 0.775
    assert groups["group"].to_dict() == {
        "CN-BJ": "service_heavy",
        "CN-SH": "service_heavy",
        "CN-HB": "manufacturing_heavy",
        "CN-SC": "manufacturing_heavy",
    }
    assert "cutoff = 0.775" in result.tables["gtfp_g1_groups"].note


def test_structure_cutoff_option(db: Path) -> None:
    res = run_green_tfp_study(db, GreenTfpOptions(structure_cutoff=0.5))
    groups = res.frames["structure"].set_index("province_code")["group"]
    assert groups["CN-HB"] == "service_heavy" and groups["CN-SC"] == "manufacturing_heavy"
    assert "R_p ≥ 0.5" in res.tables["gtfp_g1_groups"].note


def test_group_and_region_means_by_hand(result) -> None:
    # 2008-2009: scores of every province-year, links of 2009 only (2008 links are gap links)
    nat = _summary(result, "2008–2009", "national")
    scores = [SCORES[c][y] for c in SCORES for y in (2008, 2009)]
    assert nat["mean_score"] == pytest.approx(np.mean(scores))
    assert nat["n_scores"] == 8 and nat["n_provinces"] == 4
    links = [GML[c][2009] for c in GML]
    assert nat["geo_gml"] == pytest.approx(_geo(links))
    assert nat["n_links"] == 4
    assert nat["cumulative"] == pytest.approx(_geo(links))  # one link year
    assert (nat["base_year"], nat["last_year"]) == (2008, 2009)

    service = _summary(result, "2008–2009", "service_heavy")
    assert service["mean_score"] == pytest.approx(np.mean([1.1, 1.2, 0.8, 0.9]))
    east = _summary(result, "2008–2009", "east")
    assert east["geo_gml"] == pytest.approx(_geo([1.02, 1.01]))

    # whole period 2008-2011: partial 2005 out of the score means; SC lacks the 2011 link
    whole = result.frames["group_summary"]["period"].iloc[-1]
    assert whole == "2008–2011 (whole)"
    nat = _summary(result, whole, "national")
    assert nat["mean_score"] == pytest.approx(
        np.mean([SCORES[c][y] for c in SCORES for y in FULL_YEARS])
    )
    all_links = [v for c in GML for y, v in GML[c].items() if y >= 2009]
    assert nat["geo_gml"] == pytest.approx(_geo(all_links)) and nat["n_links"] == 11
    cums = [np.prod([GML[c][y] for y in (2009, 2010, 2011)]) for c in ("CN-BJ", "CN-SH", "CN-HB")]
    assert nat["cumulative"] == pytest.approx(_geo(cums))
    assert nat["n_cumulative"] == 3
    west = _summary(result, whole, "west")
    assert math.isnan(west["cumulative"]) and west["n_cumulative"] == 0
    manuf = _summary(result, whole, "manufacturing_heavy")
    assert manuf["cumulative"] == pytest.approx(1.05 * 1.00 * 1.02)


def test_empty_subperiod_is_listed(result) -> None:
    periods = list(dict.fromkeys(result.frames["group_summary"]["period"]))
    assert periods == ["2008–2009", "2010–2011", "2008–2011 (whole)"]
    assert "2005–2007" in result.unavailable["Table G-1 sub-periods"]
    table = result.tables["gtfp_g1_groups"]
    assert table.rows[0][0] == "2008–2009 (cumulative 2008→2009)"
    assert "Years with a partial frontier (2005)" in table.note


def test_province_ranking(result) -> None:
    prov = result.frames["provinces"].set_index("province_code")
    assert list(prov.index) == ["CN-BJ", "CN-SH", "CN-HB", "CN-SC"]
    assert prov.loc["CN-BJ", "mean_score"] == pytest.approx(np.mean([1.1, 1.2, 1.0, 1.3]))
    assert prov.loc["CN-BJ", "n_super_efficient"] == 4
    assert prov.loc["CN-SH", "geo_gml"] == pytest.approx(_geo([1.01, 0.99, 1.03]))
    assert math.isnan(prov.loc["CN-SC", "cumulative"])
    row = result.tables["gtfp_g2_provinces"].rows[0]
    assert row[:4] == ["1", "Beijing (CN-BJ)", "East", "Service-heavy"]
    assert row[6] == "4 (4)"


# ------------------------------------------------------------------------------ regression


def test_regression_equals_direct_fit(result) -> None:
    frame = result.frames["regression_frame"]
    bj = frame[(frame["province_code"] == "CN-BJ") & (frame["year"] == 2010)].iloc[0]
    assert bj["gtfp_growth"] == pytest.approx(100 * math.log(1.04))
    assert bj["ca"] == pytest.approx(1.20) and bj["ca_lag1"] == pytest.approx(1.30)
    assert bj["ca_sq"] == pytest.approx(1.44) and bj["coupling_d"] == pytest.approx(0.61)
    assert len(frame) == 11  # annual links only
    direct = fit_panel_fe(
        frame, "gtfp_growth", ["ca", "ln_grp_pc"], "province_code", "year", vcov="cluster"
    )
    model = result.models["(1) CA"]
    assert model.params["ca"] == pytest.approx(direct.params["ca"], rel=1e-10)
    assert model.std_errors["ca"] == pytest.approx(direct.std_errors["ca"], rel=1e-10)
    assert model.n_obs == 11 and model.n_entities == 4
    assert set(result.models) == {"(1) CA", "(2) CA lagged", "(3) CA + CA²", "(4) D"}
    table = result.tables["gtfp_g3_regression"]
    assert table.rows[0][1].startswith(format_number(direct.params["ca"], 4))
    years = next(r for r in table.rows if r[0] == "Years")
    assert years[1:] == ["2009–2011"] * 4
    assert "100 × ln gml_index" in table.note and "ln real GRP per capita" in table.note


def test_regression_columns_unavailable_without_marts(tmp_path: Path) -> None:
    frames = full_frames()
    del frames["coupling_coordination"]
    del frames["coagglomeration"]
    res = run_green_tfp_study(build_marts_db(tmp_path / "wh.duckdb", frames), OPTIONS)
    assert "gtfp_g3_regression" not in res.tables
    assert "does not exist" in res.unavailable["Table G-3 column (4)"]
    assert "Table G-3 column (1) CA" in res.unavailable
    assert "Table G-3 (regression)" in res.unavailable


# -------------------------------------------------------------------------- country, scenarios


def test_country_inputs_status(result) -> None:
    status = result.frames["country_inputs"].set_index("input")
    assert not status["present"].any()
    assert "gfcf_pct_gdp" in status.loc["capital", "related"]
    assert "gdp_usd" in status.loc["real_output", "related"]
    assert "capital stock" in result.unavailable["Country green TFP"]
    assert "EN.ATM.CO2E.KT" in result.tables["gtfp_g4_country_inputs"].rows[3][5]
    present = country_input_status(["iso3", "co2_kt", "emp_persons", "gdp_usd"]).set_index("input")
    assert present.loc["co2", "present"] and present.loc["labour", "present"]
    assert present.loc["co2", "columns"] == "co2_kt"
    assert not present.loc["energy", "present"]


def test_scenario_table(result) -> None:
    s = result.frames["scenario_summary"].set_index(["scenario", "variable"])
    assert s.loc[("g6_0", "va_industry_real"), "change_pct"] == pytest.approx(-10.0)
    assert s.loc[("g6_0", "co2"), "value"] == pytest.approx(9.9)
    table = result.tables["gtfp_g5_scenarios"]
    assert table.rows[0][0] == "Observed 2019"
    g6 = next(r for r in table.rows if r[0] == "g6_0")
    assert g6[1] == "6.00" and g6[3] == "-10.00"
    assert "-5.00 % a year" in table.note  # energy intensity 0.95 a year over 2019-2021
    assert "target year 2021" in table.note


# -------------------------------------------------------------------------------- caveats


def test_caveats_from_data(result) -> None:
    text = "\n".join(result.caveats)
    assert "2005: 2 DMUs, against 4" in text
    assert "Never scored: Tibet (CN-XZ)" in text
    assert "missing input(s) energy_10k_tce; co2_mt" in text
    assert "2005→2008: 2 provinces" in text
    assert "Contemporaneous ML links of scored rows not computed: infeasible 4" in text
    assert "no labour_source column" in text
    assert "2013 coverage revision" in text
    assert result.defaults["dea_model"] == "SuperSBM-U-CRS-none"
    assert result.defaults["rts"] == "crs"


def test_estimated_labour_rows_reported(tmp_path: Path) -> None:
    db = build_marts_db(tmp_path / "wh.duckdb", full_frames(labour=True))
    res = run_green_tfp_study(db, OPTIONS)
    line = next(c for c in res.caveats if c.startswith("Labour input"))
    assert "labour_10k; 3 of 18 scored rows use an ESTIMATED labour input" in line
    assert "interpolated_national_share: 2 rows (2 provinces, 2008–2009)" in line
    assert "backcast_national_share: 1 rows (1 provinces, 2005)" in line
    assert "labour_10k" in res.defaults["inputs"]


# ---------------------------------------------------------------------------- robustness


def test_missing_database_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        run_green_tfp_study(tmp_path / "absent.duckdb")


def test_absent_marts_are_reported_not_raised(tmp_path: Path) -> None:
    res = run_green_tfp_study(build_marts_db(tmp_path / "wh.duckdb", {}))
    assert not res.tables
    for part in ("Table G-1 (groups)", "Table G-3 (regression)", "Table G-5 (scenarios)"):
        assert "does not exist" in res.unavailable[part]
    assert "marts.country_panel" in res.unavailable["Table G-4 (country inputs)"]
    md, _page, written = write_green_tfp_section(tmp_path / "report", res)
    assert "### Not available" in md and not written


def test_only_green_tfp(tmp_path: Path) -> None:
    res = run_green_tfp_study(build_marts_db(tmp_path / "wh.duckdb", {"green_tfp": green_frame()}))
    assert "gtfp_g1_groups" in res.tables and "gtfp_g2_provinces" in res.tables
    assert "Structure groups" in res.unavailable
    assert "marts.province_panel does not exist" in res.unavailable["marts.province_panel"]


def test_empty_and_malformed_marts(tmp_path: Path) -> None:
    frames = {
        "green_tfp": green_frame().iloc[0:0],
        "scenarios": scenarios_frame().drop(columns=["is_projection"]),
    }
    with duckdb.connect(str(tmp_path / "wh.duckdb")) as con:
        con.execute("create schema marts")
    res = run_green_tfp_study(build_marts_db(tmp_path / "wh.duckdb", frames))
    assert "is empty" in res.unavailable["marts.green_tfp"]
    assert "lacks column(s) is_projection" in res.unavailable["Table G-5 (scenarios)"]


def test_open_connection_is_accepted(db: Path) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        res = run_green_tfp_study(con, OPTIONS)
    assert res.source == "the given connection" and "gtfp_g1_groups" in res.tables


# ------------------------------------------------------------------------------- section


def test_section_writer(result, tmp_path: Path) -> None:
    root = tmp_path / "report"
    md, page, _written = write_green_tfp_section(root, result)
    assert md[0] == f"## {SECTION_TITLE}"
    text = "\n".join(md)
    for key in result.tables:
        for ext in ("md", "csv", "tex", "html"):
            assert (root / "tables" / f"{key}.{ext}").exists()
            assert f"(tables/{key}.{ext})" in text
    for rel in (
        "figures/gtfp_ranked_provinces.png",
        "figures/gtfp_regional_cumulative_gml.png",
        "figures/gtfp_scenarios.png",
    ):
        assert (root / rel).exists() and f'src="{rel}"' in page
    assert "### Defaults" in text and "SuperSBM-U-CRS-none" in text
    story = narrative(result)
    assert story[0].startswith("Mean super-SBM score 2008–2011: highest in Beijing (1.150)")
    assert any("Green TFP growth on CA (Table G-3 (1) CA)" in s for s in story)
    assert any(s.startswith("CO2 in 2021 (China): baseline 11") for s in story)
    md_fail, html_fail = green_tfp_failure_section("no database")
    assert md_fail[0] == f"## {SECTION_TITLE}" and "no database" in html_fail


def test_write_report_places_the_section_after_convergence(result, tmp_path: Path) -> None:
    from analysis.report import write_report
    from analysis.studies.digital_imports import run_baseline
    from tests.unit.test_analysis_digital_imports import synthetic_panel

    base = run_baseline(synthetic_panel())
    write_report(tmp_path / "ok", base, run_id="r1", green_tfp=result)
    index = (tmp_path / "ok" / "index.md").read_text(encoding="utf-8")
    assert f"## {SECTION_TITLE}" in index
    assert index.index(f"## {SECTION_TITLE}") < index.index("## Files")
    assert SECTION_TITLE in (tmp_path / "ok" / "index.html").read_text(encoding="utf-8")
    assert (tmp_path / "ok" / "tables" / "gtfp_g1_groups.tex").exists()
    write_report(tmp_path / "bad", base, run_id="r2", green_tfp_failure="no database")
    assert "Green TFP study not available: no database" in (
        tmp_path / "bad" / "index.md"
    ).read_text(encoding="utf-8")
    write_report(tmp_path / "none", base, run_id="r3")
    assert SECTION_TITLE not in (tmp_path / "none" / "index.md").read_text(encoding="utf-8")


def test_frontier_caveat_counts_returns_of_the_chain_to_one() -> None:
    from analysis.studies.green_tfp.caveats import frontier_gml_caveats

    # A: 0.8 · 1.25 = 1 (2007), · 1 = 1 (2008), · 1 = 1 (2009) -> back at 1 in 3 years
    # B: back at 1 once only -> not listed
    links = pd.DataFrame(
        {
            "province_code": ["A"] * 5 + ["B"] * 3,
            "year": [2005, 2006, 2007, 2008, 2009, 2005, 2006, 2007],
            "gml_index": [0.8, 1.25, 1.0, 1.0, 1.1, 0.5, 2.0, 1.2],
            "is_annual": [True] * 8,
        }
    )
    [text] = frontier_gml_caveats(links, {"A": "Anhui"})
    assert text.startswith("Chained GML back at exactly 1 in 3+ years: Anhui (3 years).")
    assert frontier_gml_caveats(links, {}, min_years=4) == []
    assert frontier_gml_caveats(links.assign(is_annual=False), {}) == []


def test_g3_models_are_stored_in_the_analysis_schema(result, tmp_path: Path) -> None:
    from analysis.store import store_green_tfp_result

    assert result.models
    with duckdb.connect(str(tmp_path / "store.duckdb")) as con:
        store_green_tfp_result(con, result, "run-1")
        store_green_tfp_result(con, result, "run-1")  # a re-run replaces, never duplicates
        coefs = con.execute(
            "select model_id, term, estimate, std_error from analysis.regression_coefficients "
            "where study = 'green_tfp' and table_id = 'G-3'"
        ).df()
        fits = con.execute(
            "select model_id, n_obs from analysis.regression_fits where study = 'green_tfp'"
        ).df()
    assert sorted(fits["model_id"]) == sorted(result.models)
    for model_id, model in result.models.items():
        tidy = model.tidy().set_index("term")
        stored = coefs[coefs["model_id"] == model_id].set_index("term")
        assert sorted(stored.index) == sorted(tidy.index)
        assert np.allclose(stored.loc[tidy.index, "estimate"], tidy["estimate"])
        assert fits.set_index("model_id").loc[model_id, "n_obs"] == model.n_obs


def test_score_frontier_is_read_from_the_mart() -> None:
    from analysis.studies.green_tfp.study import score_frontier_text

    rows = pd.DataFrame(
        {"year": [2010, 2010, 2011, 2011, 2011], "missing_inputs": [None] * 4 + ["co2_mt"]}
    )
    assert score_frontier_text(rows.assign(n_dmus=[2, 2, 2, 2, 2])).startswith("per year")
    assert score_frontier_text(rows.assign(n_dmus=[4, 4, 4, 4, 4])).startswith(
        "global: one frontier of all 4 province-years"
    )
