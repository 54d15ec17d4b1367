"""Moderation and group-split models: hand-computed delta method, centring algebra, recovery of
known coefficients on simulated panels, the chart file, and the split-sample slope difference.

No published reference exists for these particular numbers: the delta-method case is computed by
hand below (``V11 + dz² V33 + 2 dz V13``), and the estimator underneath (``fit_panel_fe``) is
checked against published Stata / R / gretl output in ``test_analysis_panel.py``.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.moderation import (
    ModerationSpecificationError,
    entity_split_flag,
    fit_moderation,
    group_slope_difference,
    marginal_effect_chart,
    marginal_effect_se,
    marginal_effects,
    split_interaction,
    split_name,
)
from analysis.panel import PanelSpecificationError, fit_panel_fe

B1, B2, B3 = 1.0, 0.5, 0.3


def simulate(
    n_entities: int = 80, n_periods: int = 15, seed: int = 7, sigma: float = 0.5
) -> pd.DataFrame:
    """y = B1 x + B2 z + B3 x z + 0.8 w + a_i + l_t + e, x and z varying within entities."""
    rng = np.random.default_rng(seed)
    ent = np.repeat([f"E{i:02d}" for i in range(n_entities)], n_periods)
    year = np.tile(np.arange(2000, 2000 + n_periods), n_entities)
    a = np.repeat(rng.normal(0, 2, n_entities), n_periods)
    lt = np.tile(rng.normal(0, 1, n_periods), n_entities)
    x = np.repeat(rng.normal(2, 1, n_entities), n_periods) + rng.normal(0, 1, len(ent))
    z = (
        np.repeat(rng.normal(1, 1, n_entities), n_periods)
        + 0.05 * (year - 2000)
        + rng.normal(0, 1, len(ent))
    )
    w = rng.normal(0, 1, len(ent)) + 0.3 * x
    y = B1 * x + B2 * z + B3 * x * z + 0.8 * w + a + lt + rng.normal(0, sigma, len(ent))
    return pd.DataFrame({"iso3": ent, "year": year, "y": y, "x": x, "z": z, "w": w})


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    return simulate()


@pytest.fixture(scope="module")
def fitted(panel: pd.DataFrame):
    return fit_moderation(panel, "y", "x", "z", ["w"], "iso3", "year")


# ----------------------------------------------------------------------------------------------
# Delta method, by hand


def test_delta_method_se_hand_computed() -> None:
    # V11 = 0.04, V33 = 0.01, V13 = -0.005
    # dz = 2:  0.04 + 4(0.01) + 2·2(-0.005) = 0.06  -> 0.2449489743
    # dz = 0:  0.04                          -> 0.2
    # dz = -1: 0.04 + 0.01 + 2(-1)(-0.005) = 0.06 -> 0.2449489743
    # dz = 3:  0.04 + 0.09 - 0.03 = 0.10     -> 0.3162277660
    se = marginal_effect_se(0.04, 0.01, -0.005, np.array([2.0, 0.0, -1.0, 3.0]))
    assert se == pytest.approx([0.2449489743, 0.2, 0.2449489743, 0.3162277660], abs=1e-10)
    assert float(marginal_effect_se(0.04, 0.01, -0.005, 2.0)) == pytest.approx(0.2449489743)


def test_marginal_effects_hand_computed(fitted) -> None:
    """Given b1 = 0.5, b3 = 0.2, V and z-centre 1, every column of the table by hand."""
    names = list(fitted.params.index)
    params = pd.Series(0.0, index=names)
    params["x"], params["x:z"] = 0.5, 0.2
    cov = pd.DataFrame(np.eye(len(names)) * 0.01, index=names, columns=names)
    cov.loc["x", "x"], cov.loc["x:z", "x:z"] = 0.04, 0.01
    cov.loc["x", "x:z"] = cov.loc["x:z", "x"] = -0.005
    fake = dataclasses.replace(
        fitted,
        panel=dataclasses.replace(fitted.panel, params=params, cov=cov, df_inference=20),
        z_center=1.0,
    )
    me = marginal_effects(fake, z_values=[3.0, 1.0, 0.0])
    # dz = 2, 0, -1 -> effect 0.5 + 0.2 dz = 0.9, 0.5, 0.3
    assert me["z_minus_center"].tolist() == [2.0, 0.0, -1.0]
    assert me["effect"].to_numpy() == pytest.approx([0.9, 0.5, 0.3], abs=1e-12)
    assert me["std_error"].to_numpy() == pytest.approx([0.2449489743, 0.2, 0.2449489743], abs=1e-10)
    assert me["statistic"].to_numpy() == pytest.approx([3.6742346142, 2.5, 1.2247448714], abs=1e-9)
    crit = 2.0859634473  # t(0.975, 20); printed tables give 2.086
    assert me["conf_low"].to_numpy() == pytest.approx(
        [0.9 - crit * 0.2449489743, 0.5 - crit * 0.2, 0.3 - crit * 0.2449489743], abs=1e-9
    )
    assert me["conf_high"][1] == pytest.approx(0.5 + crit * 0.2, abs=1e-9)
    # two-sided p of t = 2.5 with 20 dof: t tables put it between 0.02 (2.528) and 0.05 (2.086)
    assert 0.02 < me["p_value"][1] < 0.05
    assert me["p_value"][1] == pytest.approx(2 * stats.t.sf(2.5, 20), rel=1e-10)
    assert me["percentile"].isna().all()


def test_marginal_effects_at_percentiles_match_generic_delta_method(fitted) -> None:
    me = marginal_effects(fitted)  # 10th, 50th, 90th percentiles of z on the sample
    z = np.percentile(fitted.z_sample, [10, 50, 90])
    assert me["percentile"].tolist() == [10.0, 50.0, 90.0]
    assert me["z"].to_numpy() == pytest.approx(z)
    names = list(fitted.params.index)
    v = fitted.cov.to_numpy()
    for row, zv in zip(me.itertuples(), z, strict=True):
        g = np.zeros(len(names))
        g[names.index("x")] = 1.0
        g[names.index("x:z")] = zv - fitted.z_mean
        assert row.effect == pytest.approx(g @ fitted.params.to_numpy())
        assert row.std_error == pytest.approx(np.sqrt(g @ v @ g))
    assert (me["conf_low"] < me["effect"]).all() and (me["effect"] < me["conf_high"]).all()


# ----------------------------------------------------------------------------------------------
# Centring and recovery


def test_centring_keeps_b3_and_moves_b1_to_effect_at_mean(panel: pd.DataFrame, fitted) -> None:
    raw = fit_moderation(panel, "y", "x", "z", ["w"], "iso3", "year", center=False)
    zbar, xbar = fitted.z_mean, fitted.x_mean
    assert zbar == pytest.approx(panel["z"].mean()) and xbar == pytest.approx(panel["x"].mean())
    assert fitted.centered and not raw.centered and raw.z_center == 0.0
    b, br = fitted.params, raw.params
    assert b["x:z"] == pytest.approx(br["x:z"], rel=1e-10)
    assert fitted.std_errors["x:z"] == pytest.approx(raw.std_errors["x:z"], rel=1e-10)
    assert b["x"] == pytest.approx(br["x"] + br["x:z"] * zbar, rel=1e-10)
    assert b["z"] == pytest.approx(br["z"] + br["x:z"] * xbar, rel=1e-10)
    assert b["w"] == pytest.approx(br["w"], rel=1e-10)
    assert fitted.panel.ssr == pytest.approx(raw.panel.ssr, rel=1e-10)
    # b1 (centred) IS the marginal effect at z-bar of the raw model, SE included
    at_mean = marginal_effects(raw, z_values=[zbar]).iloc[0]
    assert b["x"] == pytest.approx(at_mean["effect"], rel=1e-10)
    assert fitted.std_errors["x"] == pytest.approx(at_mean["std_error"], rel=1e-8)
    # and marginal effects at any z agree between the two parametrisations
    grid = [-1.0, 0.5, 3.0]
    pd.testing.assert_frame_equal(
        marginal_effects(fitted, z_values=grid).drop(columns="z_minus_center"),
        marginal_effects(raw, z_values=grid).drop(columns="z_minus_center"),
        rtol=1e-8,
    )


def test_simulated_panel_recovers_b1_b3(panel: pd.DataFrame, fitted) -> None:
    raw = fit_moderation(panel, "y", "x", "z", ["w"], "iso3", "year", center=False)
    assert raw.params["x"] == pytest.approx(B1, abs=0.05)
    assert raw.params["z"] == pytest.approx(B2, abs=0.05)
    assert raw.params["x:z"] == pytest.approx(B3, abs=0.02)
    assert raw.params["w"] == pytest.approx(0.8, abs=0.05)
    ci = raw.panel.conf_int()
    for term, truth in {"x": B1, "z": B2, "x:z": B3}.items():
        assert ci.loc[term, "conf_low"] < truth < ci.loc[term, "conf_high"], term
    assert fitted.params["x"] == pytest.approx(B1 + B3 * fitted.z_mean, abs=0.03)
    test = fitted.interaction_test()
    assert test["estimate"] == pytest.approx(B3, abs=0.02) and test["p_value"] < 1e-6
    assert fitted.panel.vcov_type == "cluster" and fitted.panel.n_clusters == 80
    assert fitted.panel.fixed_effects == ["iso3", "year"]


def test_moderator_missing_for_whole_entity_dropped_and_counted(panel: pd.DataFrame) -> None:
    data = panel.copy()
    data.loc[data["iso3"] == "E03", "z"] = np.nan
    data.loc[data["iso3"] == "E05", "z"] = np.inf
    data.loc[7, "y"] = np.nan  # one more row, in E00
    res = fit_moderation(data, "y", "x", "z", ["w"], "iso3", "year")
    s = res.sample
    assert s.entities_without_moderator == ["E03", "E05"]
    assert s.n_rows_entities_without_moderator == 30
    assert s.n_dropped_missing == 31 and s.n_used == len(data) - 31
    assert s.n_dropped_missing_by_column["z"] == 30 and s.n_dropped_missing_by_column["y"] == 1
    assert res.panel.n_obs == s.n_used and res.panel.n_entities == 78
    kept = data.drop(index=7)
    kept = kept[~kept["iso3"].isin(["E03", "E05"])]
    assert res.z_mean == pytest.approx(kept["z"].mean())  # centred on the estimation sample
    assert res.z_sample.index.equals(kept.index)
    assert "E03" in res.describe() and any("whole entities" in n for n in res.notes)


def test_no_within_variation_errors_name_the_variable(panel: pd.DataFrame) -> None:
    data = panel.copy()
    data["z_fixed"] = data.groupby("iso3")["z"].transform("mean")  # a one-year score
    with pytest.raises(ModerationSpecificationError, match=r"'z_fixed'.*split_interaction"):
        fit_moderation(data, "y", "x", "z_fixed", ["w"], "iso3", "year")
    data["z_common"] = data["year"] * 0.1  # absorbed by the year effects
    with pytest.raises(ModerationSpecificationError, match=r"'z_common'.*entity and time"):
        fit_moderation(data, "y", "x", "z_common", [], "iso3", "year")
    data["x_fixed"] = data.groupby("iso3")["x"].transform("first")
    with pytest.raises(PanelSpecificationError, match="'x_fixed'"):
        fit_moderation(data, "y", "x_fixed", "z", [], "iso3", "year")
    with pytest.raises(ModerationSpecificationError, match="not in the data"):
        fit_moderation(data, "y", "x", "nope", [], "iso3", "year")
    with pytest.raises(ModerationSpecificationError, match="distinct"):
        fit_moderation(data, "y", "x", "z", ["x"], "iso3", "year")


def test_chart_written(fitted, tmp_path) -> None:
    out = marginal_effect_chart(fitted, tmp_path / "sub" / "me_x_by_z.png")
    assert out.exists() and out.stat().st_size > 5_000
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# ----------------------------------------------------------------------------------------------
# Group split


def simulate_groups(seed: int = 3, n_entities: int = 40, n_periods: int = 12) -> pd.DataFrame:
    """Slope 1.0 in group 0, 0.4 in group 1 (flag fixed per entity)."""
    rng = np.random.default_rng(seed)
    ent = np.repeat(np.arange(n_entities), n_periods)
    year = np.tile(np.arange(n_periods), n_entities)
    flag = (ent >= n_entities // 2).astype(int)
    x = rng.normal(0, 1, len(ent)) + np.repeat(rng.normal(0, 1, n_entities), n_periods)
    slope = np.where(flag == 1, 0.4, 1.0)
    y = (
        slope * x
        + np.repeat(rng.normal(0, 1, n_entities), n_periods)
        + np.tile(rng.normal(0, 1, n_periods), n_entities)
        + rng.normal(0, 0.5, len(ent))
    )
    return pd.DataFrame({"iso3": ent, "year": year, "y": y, "x": x, "dev": flag})


def test_split_interaction_builds_product_and_validates() -> None:
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "g": [0, 1, np.nan, 1]})
    out = split_interaction(df, "x", "g")
    assert split_name("x", "g") == "x:g"
    assert out["x:g"].tolist()[:2] == [0.0, 2.0] and np.isnan(out["x:g"][2])
    assert out["x:g"][3] == 4.0 and "x:g" not in df.columns
    bools = split_interaction(df.assign(g=[True, False, True, False]), "x", "g")
    assert bools["x:g"].tolist() == [1.0, 0.0, 3.0, 0.0]
    with pytest.raises(ModerationSpecificationError, match="0/1"):
        split_interaction(df.assign(g=[0, 1, 2, 1]), "x", "g")
    with pytest.raises(ModerationSpecificationError, match="already exists"):
        split_interaction(out, "x", "g")


def test_group_difference_equals_subgroup_regressions_without_common_terms() -> None:
    """Without time FE or controls nothing is pooled, so d = b(group 1) - b(group 0) exactly."""
    data = simulate_groups()
    res = group_slope_difference(data, "y", "x", "dev", [], "iso3", None)
    b0 = fit_panel_fe(data[data["dev"] == 0], "y", ["x"], "iso3", None).params["x"]
    b1 = fit_panel_fe(data[data["dev"] == 1], "y", ["x"], "iso3", None).params["x"]
    assert res.difference["estimate"] == pytest.approx(b1 - b0, rel=1e-10)
    table = res.table()
    assert table["estimate"].iloc[0] == pytest.approx(b0, rel=1e-10)
    assert table["estimate"].iloc[1] == pytest.approx(b1, rel=1e-10)


def test_group_difference_with_time_effects_matches_subgroups_roughly() -> None:
    data = simulate_groups()
    res = group_slope_difference(data, "y", "x", "dev", [], "iso3", "year")
    sub = {
        g: fit_panel_fe(data[data["dev"] == g], "y", ["x"], "iso3", "year").params["x"]
        for g in (0, 1)
    }
    diff_sub = sub[1] - sub[0]
    d = res.difference
    assert np.sign(d["estimate"]) == np.sign(diff_sub) == -1
    assert d["estimate"] == pytest.approx(diff_sub, abs=0.05)
    assert d["estimate"] == pytest.approx(-0.6, abs=0.1)
    assert d["statistic"] == pytest.approx(d["estimate"] / d["std_error"])
    assert d["p_value"] < 0.001 and d["conf_high"] < 0
    assert res.table()["estimate"].iloc[1] == pytest.approx(sub[1], abs=0.05)
    assert res.n_entities_by_group == {0: 20, 1: 20}
    assert res.n_obs_by_group == {0: 240, 1: 240}
    assert not res.flag_level_included and "level absorbed" in res.notes[0]


def test_group_flag_varying_within_entities_enters_as_level() -> None:
    data = simulate_groups()
    # staggered switch (entity-specific year): not absorbed by entity or year effects
    data["late"] = (data["year"] >= 3 + data["iso3"] % 6).astype(int)
    res = group_slope_difference(data, "y", "x", "late", [], "iso3", "year")
    assert res.flag_level_included and "late" in res.panel.params.index
    # a switch in the same year everywhere is absorbed by the year effects: level left out
    data["common"] = (data["year"] >= 6).astype(int)
    res = group_slope_difference(data, "y", "x", "common", [], "iso3", "year")
    assert not res.flag_level_included and "common" not in res.panel.params.index
    with pytest.raises(ModerationSpecificationError, match="both groups"):
        group_slope_difference(data.assign(one=1), "y", "x", "one", [], "iso3", "year")


def test_entity_split_flag_from_single_year_score() -> None:
    df = pd.DataFrame(
        {
            "iso3": ["A"] * 3 + ["B"] * 3 + ["C"] * 3 + ["D"] * 3,
            "year": [2018, 2019, 2020] * 4,
            "score": [np.nan, 1.0, np.nan, np.nan, 5.0, np.nan, 3.0, 3.0, 3.0] + [np.nan] * 3,
        }
    )
    flag = entity_split_flag(df, "score", "iso3")  # median of {1, 5, 3} = 3; 3 -> group 0
    assert flag.index.equals(df.index)
    assert flag.tolist()[:9] == [0.0] * 3 + [1.0] * 3 + [0.0] * 3
    assert flag[9:].isna().all()  # D has no score
    assert entity_split_flag(df, "score", "iso3", cutoff=2.0).tolist()[6] == 1.0
    bad = df.assign(score=[1.0, 2.0, 3.0] + [5.0] * 9)
    with pytest.raises(ModerationSpecificationError, match="not time-invariant"):
        entity_split_flag(bad, "score", "iso3")
