"""Stepwise FE mediation, Sobel test and entity-cluster bootstrap (analysis.mediation).

Published Sobel example (reference values, printed digits):
- EasyCalculation, "Learn How to do Sobel Test - Formula, Example"
  (https://www.easycalculation.com/other/learn-sobel-test.php): path a = 2, path b = 3,
  s_a = 0.3, s_b = 0.4, "Sobel Test statistic value = 4.983" with
  ``z = A*B / sqrt(B² Sa² + A² Sb²)``. A web tutorial page, not a textbook: no textbook or
  package test with printed a, s_a, b, s_b and z (MacKinnon 2008, Sobel 1982, Preacher &
  Leonardelli's calculator) could be opened through the search tools, so this is the one printed
  worked example used. Its SE is also checked by hand: sqrt(9·0.09 + 4·0.16) = sqrt(1.45).
- The z -> p conversion is checked against the Statology Sobel calculator page
  (http://www.statology.org/sobel-test-calculator-for-significance-of-mediation/), which prints
  "Sobel test statistic: 2.306820, One-tailed probability: 0.010532, Two-tailed probability:
  0.021065" (its inputs are not shown in the stored page, so only the z -> p mapping is used).

Everything else is checked on simulated panels with known parameters (a = 0.5, b = 0.4), against
fit_panel_fe (the lean bootstrap estimator) and against explicit resampled frames.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.mediation import (
    MediationInputError,
    _lean_draw,
    _lean_stats,
    bootstrap_indirect,
    cluster_resample,
    fit_mediation,
    prepare_common_sample,
    sobel_p_value,
    sobel_test,
)

CONTROLS = [f"w{j}" for j in range(6)]
A_TRUE, B_TRUE, CP_TRUE = 0.5, 0.4, 0.3


def simulate(
    n_ent: int = 100,
    n_years: int = 11,
    k_controls: int = 6,
    seed: int = 1,
    keep: float = 0.82,
) -> pd.DataFrame:
    """Unbalanced panel, entity and year effects correlated with x; m = a·x + .., y = c'x + b·m."""
    rng = np.random.default_rng(seed)
    ent = np.repeat(np.arange(n_ent), n_years)
    yr = np.tile(np.arange(n_years), n_ent)
    n = ent.size
    fe_x, fe_m, fe_y = rng.normal(0, 1, (3, n_ent))
    lt_x, lt_m, lt_y = rng.normal(0, 0.5, (3, n_years))
    w = rng.normal(size=(n, k_controls))
    x = fe_x[ent] + lt_x[yr] + 0.3 * w[:, 0] + rng.normal(size=n)
    m = A_TRUE * x + 2 * fe_m[ent] + lt_m[yr] + w @ np.linspace(0.1, 0.3, k_controls)
    m = m + rng.normal(size=n)
    y = CP_TRUE * x + B_TRUE * m + 2 * fe_y[ent] + lt_y[yr] + w @ np.linspace(-0.2, 0.2, k_controls)
    y = y + rng.normal(size=n)
    df = pd.DataFrame({"country": [f"C{i:03d}" for i in ent], "year": 2010 + yr, "x": x, "m": m})
    df["y"] = y
    for j in range(k_controls):
        df[f"w{j}"] = w[:, j]
    return df[rng.random(n) < keep].reset_index(drop=True)


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    df = simulate()
    assert 850 < len(df) < 950 and df["country"].nunique() == 100
    assert df.groupby("country").size().nunique() > 1  # unbalanced
    return df


@pytest.fixture(scope="module")
def med(panel: pd.DataFrame):
    return fit_mediation(panel, "y", "x", "m", CONTROLS, "country", "year")


# ---------------------------------------------------------------------------------------- Sobel


def test_sobel_published_easycalculation_example() -> None:
    res = sobel_test(a=2.0, se_a=0.3, b=3.0, se_b=0.4)
    assert res.indirect == 6.0
    assert res.std_error == pytest.approx(math.sqrt(1.45), rel=1e-15)
    assert round(res.z, 3) == 4.983  # printed value
    assert res.z == pytest.approx(6 / math.sqrt(1.45), rel=1e-15)
    assert res.p_value == pytest.approx(2 * 0.5 * math.erfc(res.z / math.sqrt(2)), rel=1e-12)


def test_sobel_p_value_matches_statology_printout() -> None:
    assert sobel_p_value(2.306820) == pytest.approx(0.021065, abs=5e-7)
    assert sobel_p_value(-2.306820) / 2 == pytest.approx(0.010532, abs=5e-7)
    assert sobel_p_value(float("nan")) != sobel_p_value(float("nan"))  # NaN propagates


def test_sobel_zero_se_and_bad_input() -> None:
    assert math.isnan(sobel_test(0.0, 0.1, 0.0, 0.1).z)
    with pytest.raises(ValueError):
        sobel_test(1.0, -0.1, 1.0, 0.1)


# ----------------------------------------------------------------------------- stepwise equations


def test_identity_c_equals_c_prime_plus_ab(med) -> None:
    assert abs(med.c - med.c_prime - med.a * med.b) < 1e-10
    assert abs(med.identity_gap) < 1e-10
    assert med.total.n_obs == med.a_path.n_obs == med.direct.n_obs == med.sample.n_used
    assert med.total.n_periods == 11 and med.total.n_clusters == 100


def test_known_dgp_recovered(med) -> None:
    # The DGP: a = 0.5, b = 0.4, c' = 0.3, hence c = 0.5 and a·b = 0.2.
    assert med.a == pytest.approx(A_TRUE, abs=4 * med.se_a)
    assert med.b == pytest.approx(B_TRUE, abs=4 * med.se_b)
    assert med.c_prime == pytest.approx(CP_TRUE, abs=4 * float(med.direct.std_errors["x"]))
    assert med.indirect == pytest.approx(A_TRUE * B_TRUE, abs=4 * med.sobel.std_error)
    assert med.proportion_mediated == pytest.approx(med.indirect / med.c)
    assert med.sobel.z > 5 and med.sobel.p_value < 1e-6


def test_paths_are_fit_panel_fe_and_tidy(med, panel: pd.DataFrame) -> None:
    from analysis.panel import fit_panel_fe

    ref = fit_panel_fe(panel, "m", ["x", *CONTROLS], "country", "year", vcov="cluster")
    assert med.a == pytest.approx(float(ref.params["x"]), abs=1e-12)
    assert med.se_a == pytest.approx(float(ref.std_errors["x"]), abs=1e-12)
    tidy = med.tidy().set_index("effect")
    assert tidy.loc["b-path (b)", "estimate"] == pytest.approx(med.b)
    assert tidy.loc["indirect (a·b)", "statistic"] == pytest.approx(med.sobel.z)
    assert tidy.loc["indirect (a·b)", "reference"] == "N(0,1)"
    assert tidy.loc["a-path (a)", "reference"] == "t(99)"
    glance = med.glance()
    assert glance["identity_gap"] == med.identity_gap and glance["n_obs"] == med.sample.n_used


def test_dropped_row_accounting(panel: pd.DataFrame) -> None:
    df = panel.copy()
    df.loc[[0, 1, 2], "y"] = np.nan  # three rows missing y
    whole = df["country"] == "C005"
    df.loc[whole, "m"] = np.nan  # mediator missing for a whole country
    df.loc[df.index[df["country"] == "C007"][1:], "w3"] = np.inf  # C007 left with one row
    df.loc[df.index[df["country"] == "C009"][0], "m"] = np.nan  # overlaps nothing else
    n_c007 = int((df["country"] == "C007").sum())
    res = fit_mediation(df, "y", "x", "m", CONTROLS, "country", "year")
    s = res.sample
    assert df.loc[[0, 1, 2], "country"].eq("C000").all()
    expected_missing = 3 + int(whole.sum()) + (n_c007 - 1) + 1
    assert s.n_dropped_missing == expected_missing
    assert s.n_dropped_missing_by_column["y"] == 3
    assert s.n_dropped_missing_by_column["m"] == int(whole.sum()) + 1
    assert s.n_dropped_missing_by_column["w3"] == n_c007 - 1
    assert s.entities_all_missing["m"] == ["C005"]
    assert s.n_rows_entities_all_missing["m"] == int(whole.sum())
    assert s.entities_all_missing["y"] == []
    assert s.singleton_entities == ["C007"] and s.n_dropped_singletons == 1
    assert s.n_used == len(df) - expected_missing - 1 == res.total.n_obs
    assert s.n_entities == 98  # C005 (all missing) and C007 (singleton) gone
    assert "C005" in s.describe() and "singleton" in s.describe()
    kept = fit_mediation(df, "y", "x", "m", CONTROLS, "country", "year", drop_singletons=False)
    assert kept.sample.n_used == s.n_used + 1 and kept.sample.n_singleton_entities == 1
    # A singleton's residual is zero: slopes are unchanged.
    assert kept.a == pytest.approx(res.a, abs=1e-12) and kept.b == pytest.approx(res.b, abs=1e-12)


def test_bad_input_errors(panel: pd.DataFrame) -> None:
    small = panel[panel["country"].isin(["C000", "C001", "C002"])]
    with pytest.raises(MediationInputError, match=r"too few clusters.* 3 "):
        fit_mediation(small, "y", "x", "m", CONTROLS, "country", "year", min_clusters=10)
    one = panel[panel["country"] == "C000"]
    with pytest.raises(MediationInputError, match="too few clusters"):
        fit_mediation(one, "y", "x", "m", [], "country", "year")
    flat = panel.copy()
    flat["x"] = flat.groupby("country")["x"].transform("mean")  # no within variation
    with pytest.raises(MediationInputError, match=r"direct equation.*'x' has no within variation"):
        fit_mediation(flat, "y", "x", "m", CONTROLS, "country", "year")
    flat_m = panel.copy()
    flat_m["m"] = flat_m.groupby("country")["m"].transform("mean")
    with pytest.raises(MediationInputError, match="'m' has no within variation"):
        fit_mediation(flat_m, "y", "x", "m", CONTROLS, "country", "year")
    with pytest.raises(MediationInputError, match="not in the data"):
        fit_mediation(panel, "y", "x", "innov", CONTROLS, "country", "year")
    with pytest.raises(MediationInputError, match="distinct"):
        fit_mediation(panel, "y", "x", "x", CONTROLS, "country", "year")
    allnan = panel.assign(m=np.nan)
    with pytest.raises(MediationInputError, match="empty common sample"):
        fit_mediation(allnan, "y", "x", "m", CONTROLS, "country", "year")


# ------------------------------------------------------------------------------------- bootstrap


def test_lean_estimator_equals_fit_panel_fe_on_unbalanced_panel(med, panel: pd.DataFrame) -> None:
    data, _ = prepare_common_sample(panel, "y", "x", "m", CONTROLS, "country", "year", "country")
    stats, levels = _lean_stats(data, "y", "x", "m", CONTROLS, "country", "year", 2)
    a, b, c, cp = _lean_draw(stats, np.arange(len(levels)))
    assert max(abs(a - med.a), abs(b - med.b), abs(c - med.c), abs(cp - med.c_prime)) < 1e-8
    # One resampled draw (duplicates included) against fit_mediation on the explicit frame.
    picks = np.random.default_rng(3).integers(0, len(levels), len(levels))
    assert np.unique(picks).size < picks.size  # some entities are duplicated
    frame = cluster_resample(data, "country", picks)
    assert frame["country"].nunique() == len(levels)  # duplicates got distinct ids
    ref = fit_mediation(frame, "y", "x", "m", CONTROLS, "country", "year")
    a, b, c, cp = _lean_draw(stats, picks)
    assert max(abs(a - ref.a), abs(b - ref.b), abs(c - ref.c), abs(cp - ref.c_prime)) < 1e-8


def test_bootstrap_b1000_covers_truth(panel: pd.DataFrame, med) -> None:
    bs = bootstrap_indirect(
        panel, "y", "x", "m", CONTROLS, "country", "year", B=1000, seed=11, n_jobs=1
    )
    assert bs.n_boot == 1000 and bs.n_failed == 0 and bs.failures_by_reason == {}
    assert bs.estimate == pytest.approx(med.indirect, abs=1e-14)
    assert bs.lean_max_abs_diff < 1e-8
    assert bs.ci_low < A_TRUE * B_TRUE < bs.ci_high
    assert bs.ci_low < bs.estimate < bs.ci_high
    ok = bs.draws["indirect"].to_numpy()
    assert bs.ci_low == pytest.approx(np.percentile(ok, 2.5))
    assert bs.ci_high == pytest.approx(np.percentile(ok, 97.5))
    # The identity also holds draw by draw.
    gap = bs.draws["c"] - bs.draws["c_prime"] - bs.draws["indirect"]
    assert float(gap.abs().max()) < 1e-10
    # The cluster bootstrap SE is of the order of the Sobel SE (cluster-robust paths).
    assert 0.5 < bs.std_error / med.sobel.std_error < 2.0
    assert bs.elapsed_seconds > 0 and bs.n_workers_used == 1  # timings: bench/, not tests


def test_bootstrap_same_seed_same_draws_for_one_and_two_jobs(panel: pd.DataFrame) -> None:
    kw = dict(B=200, seed=5, chunk_size=50)
    one = bootstrap_indirect(panel, "y", "x", "m", CONTROLS, "country", "year", n_jobs=1, **kw)
    two = bootstrap_indirect(
        panel, "y", "x", "m", CONTROLS, "country", "year", n_jobs=2, parallel="always", **kw
    )
    expected = np.random.default_rng(5).integers(0, 100, size=(200, 100))
    np.testing.assert_array_equal(one.indices, expected)
    np.testing.assert_array_equal(two.indices, expected)
    assert two.n_workers_used == 2 and one.n_workers_used == 1
    pd.testing.assert_frame_equal(one.draws, two.draws, check_exact=True)
    assert (one.ci_low, one.ci_high) == (two.ci_low, two.ci_high)
    other = bootstrap_indirect(panel, "y", "x", "m", CONTROLS, "country", "year", n_jobs=1, B=200)
    assert not np.array_equal(other.indices, one.indices)


def test_failed_draws_counted_when_regressor_varies_in_one_entity() -> None:
    rng = np.random.default_rng(8)
    n_ent, n_years = 10, 8
    ent = np.repeat(np.arange(n_ent), n_years)
    yr = np.tile(np.arange(n_years), n_ent)
    x = np.where(ent == 0, rng.normal(size=ent.size), ent * 0.1)  # x varies only in E00
    m = A_TRUE * x + rng.normal(size=ent.size) + ent
    y = B_TRUE * m + 0.2 * x + rng.normal(size=ent.size)
    df = pd.DataFrame({"e": [f"E{i:02d}" for i in ent], "t": yr, "x": x, "m": m, "y": y})
    fit_mediation(df, "y", "x", "m", [], "e", "t")  # identified on the full sample
    bs = bootstrap_indirect(df, "y", "x", "m", [], "e", "t", B=400, seed=2, n_jobs=1)
    without_e00 = int((~(bs.indices == 0).any(axis=1)).sum())
    single = int((np.array([np.unique(r).size for r in bs.indices]) < 2).sum())
    assert without_e00 > 50 and single == 0
    assert bs.failures_by_reason == {"no within variation: x": without_e00}
    assert bs.n_failed == without_e00 and bs.n_success == 400 - without_e00
    failed = bs.draws["failure"].notna().to_numpy()
    np.testing.assert_array_equal(failed, ~(bs.indices == 0).any(axis=1))
    assert bs.draws.loc[failed, "indirect"].isna().all()
    assert np.isfinite(bs.ci_low) and any("failed" in n for n in bs.notes)


def test_too_few_clusters_draws_counted() -> None:
    rng = np.random.default_rng(4)
    ent = np.repeat(np.arange(3), 8)
    yr = np.tile(np.arange(8), 3)
    x = rng.normal(size=ent.size)
    m = A_TRUE * x + rng.normal(size=ent.size)
    y = B_TRUE * m + rng.normal(size=ent.size)
    df = pd.DataFrame({"e": ent, "t": yr, "x": x, "m": m, "y": y})
    bs = bootstrap_indirect(df, "y", "x", "m", [], "e", "t", B=300, seed=9, n_jobs=1)
    single = int(sum(np.unique(r).size < 2 for r in bs.indices))
    assert single > 0
    assert bs.failures_by_reason == {"too few clusters": single}
    assert bs.n_success == 300 - single


def test_singular_design_draws_counted_and_one_way_fe() -> None:
    rng = np.random.default_rng(12)
    ent = np.repeat(np.arange(10), 6)
    x = rng.normal(size=ent.size)
    w = np.where(ent == 0, rng.normal(size=ent.size), 2 * x)  # w = 2x except in E00
    m = A_TRUE * x + rng.normal(size=ent.size)
    y = B_TRUE * m + rng.normal(size=ent.size)
    df = pd.DataFrame({"e": ent, "t": np.tile(np.arange(6), 10), "x": x, "w": w, "m": m, "y": y})
    bs = bootstrap_indirect(df, "y", "x", "m", ["w"], "e", "t", B=300, seed=1, n_jobs=1)
    without_e00 = int((~(bs.indices == 0).any(axis=1)).sum())
    assert without_e00 > 0 and bs.failures_by_reason == {"singular design": without_e00}
    # Entity FE only (time=None): lean bootstrap estimator still equals fit_panel_fe.
    one_way = bootstrap_indirect(df, "y", "x", "m", ["w"], "e", None, B=20, seed=1, n_jobs=1)
    assert one_way.lean_max_abs_diff < 1e-8
    res = fit_mediation(df, "y", "x", "m", ["w"], "e", None)
    assert res.total.time_effects.empty and abs(res.identity_gap) < 1e-10
