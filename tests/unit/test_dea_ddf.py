"""analysis.dea.ddf: directional distance function with weakly disposable bad outputs (Chung,
Färe & Grosskopf 1997) on hand-computed cases (no published DDF table was retrievable; every
value is derived in the test docstring)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.dea import attached_table, ddf

R = pd.DataFrame({"dmu": ["R"], "x": [1.0], "y": [1.0], "b": [1.0]})


def test_single_reference_dmu_by_hand():
    """Frontier = one DMU R (1,1,1), CRS: λ ≤ x_o, λ ≥ (1+β)y_o, λ = (1−β)b_o.
    o = (x 1, y 0.5, b 1): β ≤ (b−y)/(b+y) = 1/3 and (1−β)·1 ≤ 1 → β* = 1/3, λ = 2/3."""
    o = pd.DataFrame({"dmu": ["o"], "x": [1.0], "y": [0.5], "b": [1.0]})
    res = ddf(o, ["x"], ["y"], ["b"], reference=R)
    assert res["beta"].item() == pytest.approx(1 / 3, abs=1e-9)
    assert res["lambdas"].item() == pytest.approx([2 / 3], abs=1e-9)
    assert res["target_y"].item() == pytest.approx((1 + 1 / 3) * 0.5, abs=1e-9)
    assert res["target_b"].item() == pytest.approx((1 - 1 / 3) * 1.0, abs=1e-9)


def test_mixed_reference_infeasible_is_flagged():
    """o = (x 0.5, y 0.5, b 1) against R: λ = 1−β ≤ 0.5 needs β ≥ 0.5 but β ≤ 1/3 → infeasible."""
    o = pd.DataFrame({"dmu": ["o"], "x": [0.5], "y": [0.5], "b": [1.0]})
    res = ddf(o, ["x"], ["y"], ["b"], reference=R)
    assert res["status"].item() == "infeasible"
    assert np.isnan(res["beta"].item())
    assert "infeasible" in res["flag"].item()


def test_beta_can_be_negative_against_a_foreign_frontier():
    """o = (x 2, y 2, b 1) vs R: (1+β)·2 ≤ λ = 1−β ≤ 2 → β* = −1/3 (o beyond the frontier)."""
    o = pd.DataFrame({"dmu": ["o"], "x": [2.0], "y": [2.0], "b": [1.0]})
    assert ddf(o, ["x"], ["y"], ["b"], reference=R)["beta"].item() == pytest.approx(-1 / 3)


def test_in_sample_frontier_dmus_have_zero_beta_crs_and_vrs():
    """Every DMU is in its own reference set → β* ≥ 0; the DMU with the best y/b mix is on it."""
    data = pd.DataFrame({"dmu": [1, 2, 3], "x": [1.0, 2, 3], "y": [1.0, 1.5, 3], "b": [1.0, 2, 2]})
    for rts in ("crs", "vrs"):
        res = ddf(data, ["x"], ["y"], ["b"], rts=rts).set_index("dmu")
        assert (res["beta"] >= -1e-9).all()
        assert res.loc[3, "beta"] == pytest.approx(0.0, abs=1e-9)
    # DMU 2 under CRS, reference DMU 3 (λ ≤ 2/3 from x): 3λ ≥ 1.5(1+β), 2λ = 2(1−β) →
    # β ≤ 1/3 and λ = 1 − β ≤ 2/3 → β ≥ 1/3 → β* = 1/3 (or DMU 1: β ≤ (2−1.5)/(2+1.5) = 1/7)
    crs = ddf(data, ["x"], ["y"], ["b"]).set_index("dmu")
    assert crs.loc[2, "beta"] == pytest.approx(1 / 3, abs=1e-9)


def test_zero_bad_output_restricts_reference_and_unbounded_is_flagged():
    """b_o = 0 forces B'λ = 0 (only zero emitters in the reference); with y_o = b_o = 0 the
    direction is zero and β is unbounded → status 'unbounded', NaN."""
    data = pd.DataFrame(
        {"dmu": ["P", "Z", "N"], "x": [1.0, 1, 1], "y": [1.0, 0.5, 0.0], "b": [1.0, 0.0, 0.0]}
    )
    res = ddf(data, ["x"], ["y"], ["b"]).set_index("dmu")
    assert res.loc["Z", "beta"] == pytest.approx(0.0, abs=1e-9)  # only Z itself can be used
    assert res.loc["N", "status"] == "unbounded"
    assert np.isnan(res.loc["N", "beta"])
    problems = attached_table(res, "problems")
    assert set(problems.loc[problems["problem"] == "zero bad output", "dmu"]) == {"Z", "N"}
