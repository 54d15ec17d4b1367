"""analysis.scenarios against hand-computed cases (methods.md §5; seed 004)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.scenarios import (
    DEFAULT_CONFIG_PATH,
    ScenarioConfig,
    ScenarioConfigError,
    Trends,
    base_year_values,
    baseline_growth,
    compound,
    config_from_dict,
    derived_ratios,
    estimate_trends,
    load_scenario_config,
    project,
    project_shares,
    run_scenarios,
    unit_panel,
)

GROWTH = [0.10, 0.08, 0.07, 0.09, 0.06, 0.05]  # 2011..2016 real growth of province A


def toy_panel() -> pd.DataFrame:
    """Two provinces 2010-2016 (B without energy/CO2, like Tibet); exact growth and trends."""
    rows = []
    years = list(range(2010, 2017))
    y_a = [100.0]
    for g in GROWTH:
        y_a.append(y_a[-1] * (1 + g))
    for i, year in enumerate(years):
        n = i
        # A: nominal GRP 2×real; industry share 0.40 − 0.01 n, ps share 0.20 + 0.02 n;
        # energy intensity 2·0.95^n; CO2 per energy 0.03·0.98^n
        nominal = 2 * y_a[i]
        energy = y_a[i] * 2 * 0.95**n
        rows.append(
            {
                "province_code": "CN-A",
                "year": year,
                "grp_real_cny_100m": y_a[i],
                "grp_cny_100m": nominal,
                "va_industry_cny_100m": nominal * (0.40 - 0.01 * n),
                "va_producer_services_cny_100m": nominal * (0.20 + 0.02 * n),
                "energy_10k_tce": energy,
                "co2_mt": energy * 0.03 * 0.98**n,
            }
        )
        rows.append(
            {
                "province_code": "CN-B",
                "year": year,
                "grp_real_cny_100m": 10.0 * 1.05**n,
                "grp_cny_100m": 10.0 * 1.05**n,
                "va_industry_cny_100m": 3.0 * 1.05**n,
                "va_producer_services_cny_100m": 2.0 * 1.05**n,
                "energy_10k_tce": np.nan,
                "co2_mt": np.nan,
            }
        )
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- formulas


def test_compound_growth_hand_computed() -> None:
    # 100 × 1.06³ = 119.1016
    assert compound(100.0, 0.06, np.array([3.0]))[0] == pytest.approx(119.1016, abs=1e-9)
    assert compound(100.0, 0.06, np.array([1.0, 2.0])).tolist() == pytest.approx([106.0, 112.36])


def test_share_trend_clipping_and_renormalisation() -> None:
    n = np.array([1.0, 5.0, 10.0])
    shares = project_shares(
        {"industry": 0.5, "producer_services": 0.3},
        {"industry": 0.05, "producer_services": -0.05},
        n,
    )
    # industry 0.55, 0.75, 1.0 (clipped from 1.0); ps 0.25, 0.05, 0 (clipped from −0.2);
    # sums 0.8, 0.8, 1.0 -> no renormalisation
    assert shares["industry"].tolist() == pytest.approx([0.55, 0.75, 1.0])
    assert shares["producer_services"].tolist() == pytest.approx([0.25, 0.05, 0.0])
    over = project_shares(
        {"industry": 0.6, "producer_services": 0.35},
        {"industry": 0.05, "producer_services": 0.05},
        np.array([1.0, 3.0]),
    )
    # n=1: 0.65 + 0.40 = 1.05 -> 0.65/1.05, 0.40/1.05; n=3: 0.75 + 0.50 = 1.25
    assert over["industry"].tolist() == pytest.approx([0.65 / 1.05, 0.75 / 1.25])
    assert over["producer_services"].tolist() == pytest.approx([0.40 / 1.05, 0.50 / 1.25])
    total = over["industry"] + over["producer_services"]
    assert total.tolist() == pytest.approx([1.0, 1.0])


def test_baseline_growth_is_mean_of_last_five_rates() -> None:
    trends = estimate_trends(toy_panel(), 10, levels=("province",))
    g = trends.table.loc[("province", "CN-A"), "baseline_growth"]
    assert g == pytest.approx(np.mean(GROWTH[-5:]))  # (0.08+0.07+0.09+0.06+0.05)/5 = 0.07
    assert g == pytest.approx(0.07)
    s = pd.Series([100.0, 110.0, 121.0], index=[2000, 2001, 2002])
    assert baseline_growth(s, 2002, 5) == pytest.approx(0.10)
    # a gap year breaks the pair: only 2003/2004 counts
    s = pd.Series([100.0, 150.0, 165.0], index=[2001, 2003, 2004])
    assert baseline_growth(s, 2004, 5) == pytest.approx(0.10)


def test_trend_estimates_recover_the_toy_parameters() -> None:
    trends = estimate_trends(toy_panel(), 10, levels=("province",))
    a = trends.table.loc[("province", "CN-A")]
    assert a["base_year"] == 2016
    assert a["share_industry_slope"] == pytest.approx(-0.01)
    assert a["share_producer_services_slope"] == pytest.approx(0.02)
    assert a["energy_intensity_decline"] == pytest.approx(0.05)
    assert a["carbon_intensity_decline"] == pytest.approx(0.02)
    # B has no energy: no base year, no trends
    assert ("province", "CN-B") not in trends.table.index
    # window: 3 years 2014-2016 only
    short = estimate_trends(toy_panel(), 3, levels=("province",))
    assert short.table.loc[("province", "CN-A"), "n_trend_years"] == 3
    assert short.table.loc[("province", "CN-A"), "energy_intensity_decline"] == pytest.approx(0.05)


def test_national_is_sum_of_provinces_energy_without_missing_province() -> None:
    units = unit_panel(toy_panel(), ("national",))
    nat = units.set_index("year")
    panel = toy_panel()
    a = panel[panel["province_code"] == "CN-A"].set_index("year")
    b = panel[panel["province_code"] == "CN-B"].set_index("year")
    assert nat.loc[2012, "grp_real"] == pytest.approx(
        a.loc[2012, "grp_real_cny_100m"] + b.loc[2012, "grp_real_cny_100m"]
    )
    # B never reports energy: national energy = A's
    assert nat.loc[2012, "energy"] == pytest.approx(a.loc[2012, "energy_10k_tce"])


# ----------------------------------------------------------------------------- projection


def _single_unit(g: float = 0.06, target: int = 2019, **kw) -> pd.DataFrame:
    base = pd.DataFrame(
        {
            "base_year": [2016],
            "grp_real": [100.0],
            "share_industry": [0.4],
            "share_producer_services": [0.2],
            "energy_intensity": [2.0],
            "carbon_intensity_of_energy": [0.03],
        },
        index=pd.MultiIndex.from_tuples([("national", "CN")], names=["unit_type", "unit_id"]),
    )
    trends = Trends(
        table=pd.DataFrame(
            {
                "base_year": [2016],
                "share_industry_slope": [-0.01],
                "share_producer_services_slope": [0.02],
                "energy_intensity_decline": [0.05],
                "carbon_intensity_decline": [0.02],
                "baseline_growth": [0.07],
                "n_trend_years": [10],
            },
            index=base.index,
        ),
        window=10,
        baseline_window=5,
    )
    config = ScenarioConfig(scenarios={"s": g, "baseline": None}, target_year=target, **kw)
    return project(trends, base, config)


def _value(out: pd.DataFrame, scenario: str, year: int, variable: str) -> float:
    row = out[(out["scenario"] == scenario) & (out["year"] == year) & (out["variable"] == variable)]
    assert len(row) == 1
    return float(row["value"].iloc[0])


def test_projection_compound_growth_and_intensity_decline() -> None:
    out = _single_unit()
    assert sorted(out["year"].unique()) == [2017, 2018, 2019]
    assert _value(out, "s", 2019, "grp_real") == pytest.approx(119.1016, abs=1e-9)
    assert _value(out, "baseline", 2019, "grp_real") == pytest.approx(100 * 1.07**3)
    assert _value(out, "baseline", 2019, "gdp_growth_rate") == pytest.approx(0.07)
    # intensity decline applied as (1 − r)^t
    assert _value(out, "s", 2019, "energy_intensity") == pytest.approx(2.0 * 0.95**3)
    assert _value(out, "s", 2018, "carbon_intensity_of_energy") == pytest.approx(0.03 * 0.98**2)
    assert _value(out, "s", 2019, "energy") == pytest.approx(119.1016 * 2.0 * 0.95**3)
    # shares from the base-year share along the slope; VA = share × real GRP
    assert _value(out, "s", 2019, "share_industry") == pytest.approx(0.37)
    assert _value(out, "s", 2019, "va_producer_services_real") == pytest.approx(0.26 * 119.1016)
    assert set(out["unit"][out["variable"] == "co2"]) == {"Mt CO2"}


def test_kaya_identity_holds_exactly() -> None:
    out = _single_unit(target=2030)
    wide = out.pivot_table(
        index=["scenario", "year", "unit_id"], columns="variable", values="value"
    )
    kaya = wide["grp_real"] * wide["energy_intensity"] * wide["carbon_intensity_of_energy"]
    assert np.allclose(wide["co2"], kaya, rtol=1e-12, atol=0)
    assert np.allclose(wide["energy"], wide["grp_real"] * wide["energy_intensity"], rtol=1e-12)


def test_plan_and_constant_intensity_rules() -> None:
    out = _single_unit(energy_intensity=0.03, carbon_intensity="constant")
    assert _value(out, "s", 2019, "energy_intensity") == pytest.approx(2.0 * 0.97**3)
    assert _value(out, "s", 2019, "carbon_intensity_of_energy") == pytest.approx(0.03)


def test_target_year_extension_to_2035() -> None:
    out = _single_unit(target=2035)
    assert out["year"].min() == 2017
    assert out["year"].max() == 2035
    assert _value(out, "s", 2035, "grp_real") == pytest.approx(100 * 1.06**19)
    with pytest.raises(ScenarioConfigError, match="target_year"):
        _single_unit(target=2016)


def test_run_scenarios_observed_and_projected_rows() -> None:
    config = ScenarioConfig(
        scenarios={"baseline": None, "g7_0": 0.07}, target_year=2020, levels=("national",)
    )
    out = run_scenarios(toy_panel(), config)
    assert set(out.columns) == {
        "scenario",
        "year",
        "unit_type",
        "unit_id",
        "variable",
        "value",
        "unit",
        "is_projection",
    }
    key = ["scenario", "year", "unit_type", "unit_id", "variable"]
    assert not out.duplicated(key).any()
    assert out.loc[out["is_projection"], "year"].min() == 2017
    assert out.loc[~out["is_projection"], "year"].max() == 2016
    assert out["value"].notna().all()
    nat = toy_panel().groupby("year")["grp_real_cny_100m"].sum()
    obs = out[(out["scenario"] == "g7_0") & (out["variable"] == "grp_real") & ~out["is_projection"]]
    assert obs.set_index("year")["value"].to_dict() == pytest.approx(nat.to_dict())
    assert _value(out, "g7_0", 2020, "grp_real") == pytest.approx(nat[2016] * 1.07**4)
    # observed national energy = A's only (B reports none), and the identity still holds
    e = out[(out["variable"] == "energy") & (out["year"] == 2016) & (out["scenario"] == "g7_0")]
    a = toy_panel().query("province_code == 'CN-A' and year == 2016")["energy_10k_tce"]
    assert float(e["value"].iloc[0]) == pytest.approx(float(a.iloc[0]))


def test_base_year_is_latest_complete_year() -> None:
    panel = toy_panel()
    panel.loc[(panel["province_code"] == "CN-A") & (panel["year"] == 2016), "co2_mt"] = np.nan
    base = base_year_values(derived_ratios(unit_panel(panel, ("province",))))
    assert base.loc[("province", "CN-A"), "base_year"] == 2015


# ----------------------------------------------------------------------------- config


def test_default_yaml_loads() -> None:
    config = load_scenario_config(DEFAULT_CONFIG_PATH)
    assert config.scenarios["baseline"] is None
    assert config.scenarios["g7_5"] == pytest.approx(0.075)
    assert config.target_year == 2025
    assert config.trend_window == 10


def test_yaml_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "s.yml"
    path.write_text(
        "target_year: 2035\nenergy_intensity: 0.035\nlevels: province\n"
        "scenarios:\n  baseline: estimated\n  fast: 0.075\n",
        encoding="utf-8",
    )
    config = load_scenario_config(path)
    assert config.target_year == 2035
    assert config.energy_intensity == pytest.approx(0.035)
    assert config.levels == ("province",)
    assert config.scenarios == {"baseline": None, "fast": 0.075}


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ({"scenarios": {"fast": 7.5}}, "scenarios.fast"),
        ({"scenarios": {"fast": "high"}}, "scenarios.fast"),
        ({"scenarios": {}}, "scenarios"),
        ({"target_year": 1999}, "target_year"),
        ({"target_year": "2025"}, "target_year"),
        ({"trend_window": 1}, "trend_window"),
        ({"baseline_window": 0}, "baseline_window"),
        ({"energy_intensity": "plan"}, "energy_intensity"),
        ({"energy_intensity": 1.2}, "energy_intensity"),
        ({"carbon_intensity": -0.1}, "carbon_intensity"),
        ({"levels": ["world"]}, "levels"),
        ({"levels": []}, "levels"),
        ({"horizon": 2030}, "horizon"),
    ],
)
def test_config_validation_names_the_parameter(raw: dict, name: str) -> None:
    with pytest.raises(ScenarioConfigError, match=name.replace(".", r"\.")):
        config_from_dict(raw)


def test_estimate_trends_rejects_bad_window() -> None:
    with pytest.raises(ScenarioConfigError, match="trend_window"):
        estimate_trends(toy_panel(), 1)
    assert math.isfinite(estimate_trends(toy_panel(), 2).table["baseline_growth"].iloc[0])


def test_national_total_ignores_occasional_reporter_and_gaps() -> None:
    panel = toy_panel()
    # B reports energy in one year only (like Tibet 2002-03): left out of every total
    panel.loc[(panel["province_code"] == "CN-B") & (panel["year"] == 2011), "energy_10k_tce"] = 5.0
    # A misses 2013 GRP: national real GRP 2013 is NaN, not a drop
    panel.loc[(panel["province_code"] == "CN-A") & (panel["year"] == 2013), "grp_real_cny_100m"] = (
        np.nan
    )
    nat = unit_panel(panel, ("national",)).set_index("year")
    a = toy_panel().query("province_code == 'CN-A'").set_index("year")
    assert nat.loc[2011, "energy"] == pytest.approx(a.loc[2011, "energy_10k_tce"])
    assert math.isnan(nat.loc[2013, "grp_real"])
    assert nat.loc[2014, "grp_real"] > 0
