"""analysis.dea.sbm: SBM (Tone 2001), SBM with undesirable outputs (Tone 2003), super-SBM (Tone
2002) against hand-computed cases.

No published SBM / super-SBM table could be retrieved from the stored corpora (Tone 2001's data
are quoted in DJL's ``dm.sbm`` documentation, but not its printed ρ values; deaR's datasets are
binary). Every number below is therefore derived by hand in the docstring of its test; none is
copied from a paper. Radial links (SBM = CCR with 1 input / 1 output under CRS, input-oriented
VRS SBM = BCC-I with one input) tie the SBM code to the DEAP-verified radial code.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.dea import attached_table, bcc, ccr, sbm, super_sbm

EG1 = pd.DataFrame(
    {
        "dmu": [1, 2, 3, 4, 5],
        "y": [1.0, 2, 3, 1, 2],
        "x1": [2.0, 2, 6, 3, 6],
        "x2": [5.0, 4, 6, 2, 2],
    }
)
YEAR1 = pd.DataFrame({"dmu": [1, 2, 3, 4, 5], "y": [1.0, 2, 3, 4, 5], "x": [2.0, 4, 3, 5, 6]})
# one input, one good and one bad output
UND = pd.DataFrame({"dmu": ["A", "D", "E"], "x": [1.0, 1, 2], "y": [1.0, 1, 1], "b": [1.0, 0.5, 2]})


def test_sbm_firm1_of_deap_eg1_by_hand():
    """Firm 1 (y=1, x=(2,5)). Per unit of output the others use (1,2) [firm 2], (2,2), (3,2),
    (3,1); the best input-SBM projection is λ2 = 0.5 → s⁻ = (1, 3), ρ_I = 1 − ½(1/2 + 3/5) = 0.45.
    Non-oriented: with λ2 ∈ [0.5, 1], ρ(λ) = (0.9λ)/(2λ) = 0.45 too."""
    for orientation in ("none", "input"):
        res = sbm(EG1, ["x1", "x2"], ["y"], orientation=orientation).set_index("dmu")
        assert res.loc[1, "score"] == pytest.approx(0.45, abs=1e-9)
    # SBM never exceeds CCR (Tone 2001, Theorem 4)
    s = sbm(EG1, ["x1", "x2"], ["y"])["score"].to_numpy()
    c = ccr(EG1, ["x1", "x2"], ["y"])["score"].to_numpy()
    assert np.all(s <= c + 1e-9)
    # slacks: ρ recomputed from the reported slacks equals the score (non-oriented)
    res = sbm(EG1, ["x1", "x2"], ["y"])
    rho = (1 - 0.5 * (res["slack_x1"] / EG1["x1"] + res["slack_x2"] / EG1["x2"])) / (
        1 + res["slack_y"] / EG1["y"]
    )
    assert rho.to_numpy() == pytest.approx(res["score"].to_numpy(), abs=1e-9)


def test_sbm_equals_ccr_with_one_input_one_output_crs():
    """Hand: on the ray y = r*·x the non-oriented ρ = (1−a)/(1+b) = y/(r* x) = CCR score."""
    for orientation in ("none", "input", "output"):
        res = sbm(YEAR1, ["x"], ["y"], orientation=orientation)
        radial = ccr(YEAR1, ["x"], ["y"])
        assert res["score"].to_numpy() == pytest.approx(radial["score"].to_numpy(), abs=1e-9)


def test_input_oriented_vrs_sbm_equals_bcc_with_one_input():
    """With a single input, ρ_I = 1 − s⁻/x = θ_BCC (no output terms in ρ_I)."""
    res = sbm(YEAR1, ["x"], ["y"], rts="vrs", orientation="input")
    radial = bcc(YEAR1, ["x"], ["y"], orientation="input")
    assert res["score"].to_numpy() == pytest.approx(radial["score"].to_numpy(), abs=1e-9)
    assert res.loc[1, "score"] == pytest.approx(0.625, abs=1e-9)  # firm (4, 2): x* = 2.5


def test_super_sbm_of_efficient_eg1_firms_by_hand():
    """Firm 2 (x=(2,4), y=2) without itself: firm 3 per unit of y is (2,2) → x̄ = (4,4) at ȳ = 2,
    s⁻ = (2,0), δ = 1 + ½(2/2) = 1.5; shrinking ȳ ∈ [1,2] gives (1+ȳ)/ȳ ≥ 1.5. Firm 5
    (x=(6,2), y=2): every other firm needs x2 ≥ 2 per unit of y → x̄2 = 4, δ = 1 + ½(2/2) = 1.5.
    Inefficient firms keep their SBM score (convention) and are marked super = False."""
    res = super_sbm(EG1, ["x1", "x2"], ["y"]).set_index("dmu")
    assert res.loc[2, "score"] == pytest.approx(1.5, abs=1e-9)
    assert res.loc[5, "score"] == pytest.approx(1.5, abs=1e-9)
    assert res["super"].to_dict() == {1: False, 2: True, 3: False, 4: False, 5: True}
    plain = sbm(EG1, ["x1", "x2"], ["y"]).set_index("dmu")
    for unit in (1, 3, 4):
        assert res.loc[unit, "score"] == pytest.approx(plain.loc[unit, "score"], abs=1e-12)
    assert (res["sbm_score"] <= 1 + 1e-9).all()
    assert res.loc[2, "sbm_score"] == pytest.approx(1.0, abs=1e-9)


def test_sbm_undesirable_by_hand():
    """A (1,1,1), D (1,1,0.5), E (2,1,2) as (x, y, b), CRS, Tone (2003) ρ.

    A: reference D, λ = 1, s^b = 0.5 → ρ = 1/(1 + ½(0 + 0.5/1)) = 0.8.
    E: reference D, λ ∈ [1,2], s⁻ = 2−λ, s^g = λ−1, s^b = 2−0.5λ →
       ρ(λ) = (λ/2)/(1 + 3λ/8), minimal at λ = 1: 4/11.
    D: efficient (ρ = 1)."""
    res = sbm(UND, ["x"], ["y"], ["b"]).set_index("dmu")
    assert res.loc["A", "score"] == pytest.approx(0.8, abs=1e-9)
    assert res.loc["E", "score"] == pytest.approx(4 / 11, abs=1e-9)
    assert res.loc["D", "score"] == pytest.approx(1.0, abs=1e-9)
    assert res.loc["A", "slack_b"] == pytest.approx(0.5, abs=1e-9)
    assert res.loc["E", "slack_x"] == pytest.approx(1.0, abs=1e-9)
    assert res.loc["E", "slack_b"] == pytest.approx(1.5, abs=1e-9)
    assert res.loc["E", "peers"] == ["D"]


def test_super_sbm_undesirable_by_hand():
    """D (1,1,0.5) without itself (A, E): with λ_A, s^g = 1−λ, s^b = max(λ−0.5, 0); the
    denominator 1 − ½(s^g/1 + s^b/0.5) is maximal at λ = 0.5 → δ = 1/(1 − ¼) = 4/3 (E is worse)."""
    res = super_sbm(UND, ["x"], ["y"], ["b"]).set_index("dmu")
    assert res.loc["D", "score"] == pytest.approx(4 / 3, abs=1e-9)
    assert bool(res.loc["D", "super"])
    assert res.loc["A", "score"] == pytest.approx(0.8, abs=1e-9)


def test_zero_bad_output_rule():
    """C (1,1,0) emits nothing: the term s^b/b is dropped (weight 0); B'λ + s^b = 0 forces
    s^b = 0 and references with b = 0 only → ρ_C = 1; A (1,1,1) against C: s^b = 1,
    ρ_A = 1/(1 + ½·1) = 2/3. Reported in the problems frame with the DMU named."""
    data = pd.DataFrame({"dmu": ["A", "C"], "x": [1.0, 1], "y": [1.0, 1], "b": [1.0, 0.0]})
    res = sbm(data, ["x"], ["y"], ["b"]).set_index("dmu")
    assert res.loc["C", "score"] == pytest.approx(1.0, abs=1e-9)
    assert res.loc["A", "score"] == pytest.approx(2 / 3, abs=1e-9)
    assert res["status"].eq("optimal").all()
    problems = attached_table(res, "problems")
    row = problems[problems["problem"] == "zero bad output"]
    assert row["dmu"].tolist() == ["C"]
    assert "drops the term s^b/b" in row["action"].item()


def test_vrs_super_sbm_infeasible_is_flagged_not_replaced():
    """Input-oriented VRS super-SBM of firm 5 (x=6, y=5, the largest output): without it no
    convex combination reaches y ≥ 5 → infeasible → NaN + flag; sbm_score stays 1."""
    res = super_sbm(YEAR1, ["x"], ["y"], rts="vrs", orientation="input").set_index("dmu")
    assert res.loc[5, "status"] == "infeasible"
    assert np.isnan(res.loc[5, "score"])
    assert "super-efficiency" in res.loc[5, "flag"]
    assert res.loc[5, "sbm_score"] == pytest.approx(1.0, abs=1e-9)
    # non-oriented VRS super-SBM is feasible (outputs may shrink): firm 5 → x̄ = 6 (firm 4 has
    # x = 5, y = 4): s^g = 1, δ = 1/(1 − 1/5) = 1.25
    non = super_sbm(YEAR1, ["x"], ["y"], rts="vrs").set_index("dmu")
    assert non.loc[5, "status"] == "optimal"
    assert non.loc[5, "score"] == pytest.approx(1.25, abs=1e-9)


def test_super_with_reference_is_rejected():
    with pytest.raises(ValueError, match="reference=None"):
        sbm(YEAR1, ["x"], ["y"], super_efficiency=True, reference=YEAR1)
