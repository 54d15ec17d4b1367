"""analysis.dea.malmquist: radial Malmquist against DEAP 2.1's published example, ML/GML on
identities and hand-computed cases.

Published reference: DEAP 2.1 example ``eg4-out.txt`` (Coelli 1996, CEPA WP 96/08; output file
stored at http://jthuang.nccu.edu.tw/filedownload/495:EG4-out.txt): output-oriented Malmquist,
5 firms × 3 years, 1 output, 1 input. DISTANCES SUMMARY (crs te of year-t data against the
year t−1, t, t+1 technologies; vrs te) and MALMQUIST INDEX SUMMARY (effch, techch, pech, sech,
tfpch) for years 2 and 3. Data: DEAP's ``eg4-dta.txt`` (not in the stored pages; pinned down by
all 30 printed distances, which these values reproduce). Tolerance 5e-4 (3 printed decimals).

No published Malmquist–Luenberger example was retrievable; ML and GML are tested on identities
(ML = MLEC·MLTC, GML = EC·BPC, chain product of GML = (1+D^G(first))/(1+D^G(t))) and on a
hand-computed one-DMU panel.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.dea import MalmquistPanelError, attached_table, malmquist, malmquist_luenberger

TOL = 5e-4
EG4 = pd.DataFrame(
    {
        "dmu": [1, 2, 3, 4, 5] * 3,
        "period": np.repeat([1, 2, 3], 5),
        "y": [1.0, 2, 3, 4, 5, 1, 3, 4, 3, 5, 1, 3, 4, 3, 5],
        "x": [2.0, 4, 3, 5, 6, 2, 4, 3, 5, 5, 2, 4, 3, 5, 5],
    }
)


def test_deap_eg4_malmquist_index_summary():
    res = malmquist(EG4, ["x"], ["y"], orientation="output")
    y2 = res[res["period_to"] == 2].set_index("dmu")
    printed = {
        "effch": [0.750, 1.125, 1.000, 0.562, 0.900],
        "techch": [1.333] * 5,
        "pech": [1.000, 1.222, 1.000, 0.650, 1.000],
        "sech": [0.750, 0.920, 1.000, 0.865, 0.900],
        "tfpch": [1.000, 1.500, 1.333, 0.750, 1.200],
    }
    for column, values in printed.items():
        assert y2[column].to_numpy() == pytest.approx(values, abs=TOL), column
    y3 = res[res["period_to"] == 3]
    for column in printed:
        assert y3[column].to_numpy() == pytest.approx([1.0] * 5, abs=TOL)
    # printed 'mean' row of year 2: geometric means 0.844 1.333 0.955 0.883 1.125
    means = {c: float(np.exp(np.log(y2[c]).mean())) for c in printed}
    printed_means = [0.844, 1.333, 0.955, 0.883, 1.125]
    assert [means[c] for c in printed] == pytest.approx(printed_means, abs=TOL)


def test_deap_eg4_distances_summary():
    res = malmquist(EG4, ["x"], ["y"], orientation="output")
    y2 = res[res["period_to"] == 2]
    # year 1 block: crs te rel. to year 1 (t) and year 2 (t+1) technology
    assert y2["crs_t_t"].to_numpy() == pytest.approx([0.5, 0.5, 1.0, 0.8, 0.833], abs=TOL)
    assert y2["crs_t1_t"].to_numpy() == pytest.approx([0.375, 0.375, 0.75, 0.6, 0.625], abs=TOL)
    # year 2 block: rel. to year 1 (t−1) and year 2 (t) technology
    assert y2["crs_t_t1"].to_numpy() == pytest.approx([0.5, 0.75, 1.333, 0.6, 1.0], abs=TOL)
    assert y2["crs_t1_t1"].to_numpy() == pytest.approx([0.375, 0.563, 1.0, 0.45, 0.75], abs=TOL)
    assert y2["vrs_t"].to_numpy() == pytest.approx([1.0, 0.545, 1.0, 0.923, 1.0], abs=TOL)
    assert y2["vrs_t1"].to_numpy() == pytest.approx([1.0, 0.667, 1.0, 0.6, 1.0], abs=TOL)
    # cumulative = chain product of tfpch
    firm2 = res[res["dmu"] == 2]["cumulative"].to_numpy()
    assert firm2 == pytest.approx([1.5, 1.5], abs=TOL)


def _panel_with_bad():
    data = EG4.copy()
    data["b"] = [1.0, 2, 1, 2, 1] * 3
    data.loc[data["period"] == 3, "b"] = [0.8, 1.5, 1.0, 1.5, 0.9]
    data.loc[data["period"] == 3, "y"] = [1.2, 3, 4.2, 3.5, 5]
    return data


def test_ml_identities_and_infeasible_links():
    res = malmquist_luenberger(_panel_with_bad(), ["x"], ["y"], ["b"])
    ok = res[res["status"] == "optimal"]
    assert len(ok) > 0
    assert ok["ml"].to_numpy() == pytest.approx((ok["mlec"] * ok["mltc"]).to_numpy(), rel=1e-12)
    a, d = 1 + ok["d_t_t"], 1 + ok["d_t1_t1"]
    b, c = 1 + ok["d_t_t1"], 1 + ok["d_t1_t"]
    assert ok["ml"].to_numpy() == pytest.approx(np.sqrt(a / b * c / d).to_numpy(), rel=1e-12)
    bad = res[res["status"] != "optimal"]
    # firm 3 (x 3, y 4, b 1 in year 2) cannot be reached by the year-1 technology
    assert ((bad["dmu"] == 3) & (bad["period_to"] == 2)).any()
    assert bad[["ml", "mlec", "mltc"]].isna().all().all()
    assert bad["flag"].str.contains("infeasible").all()
    # the chain is broken from an infeasible link on
    firm3 = res[res["dmu"] == 3]
    assert firm3["cumulative"].isna().all()


def test_global_ml_always_feasible_and_chain_identity():
    res = malmquist_luenberger(_panel_with_bad(), ["x"], ["y"], ["b"], kind="global")
    assert (res["status"] == "optimal").all()
    assert res["gml"].to_numpy() == pytest.approx((res["ec"] * res["bpc"]).to_numpy(), rel=1e-12)
    glob = attached_table(res, "global_distances")
    for unit, part in res.groupby("dmu"):
        d = glob[glob["dmu"] == unit].set_index("period")["beta"]
        first = d.loc[part["period_from"].iloc[0]]
        expected = (1 + first) / (1 + d.loc[part["period_to"]].to_numpy())
        assert part["cumulative"].to_numpy() == pytest.approx(expected, rel=1e-10)


def test_one_dmu_panel_by_hand():
    """One DMU: (x, y, b) = (1,1,1) in period 1 and (1,2,1) in period 2, CRS.
    D^1(2): λ = 1−β ≤ 1 → β ≥ 0, 2(1+β) ≤ 1−β → β ≤ −1/3: infeasible → ML NaN, flagged.
    Global frontier {(1,1,1), (1,2,1)}: D^G(1) = 1/3 (λ2 = 1−β, 2(1−β) ≥ 1+β), D^G(2) = 0 →
    GML = 4/3; EC = (1+0)/(1+0) = 1; BPC = 4/3."""
    panel = pd.DataFrame(
        {"dmu": ["u", "u"], "period": [1, 2], "x": [1.0, 1], "y": [1.0, 2], "b": [1.0, 1]}
    )
    ml = malmquist_luenberger(panel, ["x"], ["y"], ["b"])
    assert ml["status"].item() == "infeasible"
    assert np.isnan(ml["ml"].item())
    assert ml["d_t1_t"].item() == pytest.approx(1 / 3, abs=1e-9)
    gml = malmquist_luenberger(panel, ["x"], ["y"], ["b"], kind="global")
    assert gml["d_g_t"].item() == pytest.approx(1 / 3, abs=1e-9)
    assert gml["gml"].item() == pytest.approx(4 / 3, abs=1e-9)
    assert gml["ec"].item() == pytest.approx(1.0, abs=1e-9)
    assert gml["bpc"].item() == pytest.approx(4 / 3, abs=1e-9)


def test_scaled_dmu_has_unit_ml_under_crs():
    """(1,1,1) → (2,2,2): under CRS every distance is 0 → ML = MLEC = MLTC = 1."""
    panel = pd.DataFrame(
        {"dmu": ["u", "u"], "period": [1, 2], "x": [1.0, 2], "y": [1.0, 2], "b": [1.0, 2]}
    )
    ml = malmquist_luenberger(panel, ["x"], ["y"], ["b"])
    assert ml[["ml", "mlec", "mltc"]].to_numpy().ravel() == pytest.approx([1.0, 1.0, 1.0], abs=1e-9)


def test_panel_checks():
    with pytest.raises(MalmquistPanelError, match="two periods"):
        malmquist(EG4[EG4["period"] == 1], ["x"], ["y"])
    with pytest.raises(ValueError, match="kind"):
        malmquist_luenberger(_panel_with_bad(), ["x"], ["y"], ["b"], kind="sequential")
