"""Group intensity, servitisation, driving/pulling effects and CountryYearIO on a labelled table.

Table (codes WIOD; manufacturing M = {C10-C12, C26}, services S = {G46, K64}), x = [100, 200,
50, 50], total imports m = [40, 60, 0, 30]:
  Zd: G46→C10-C12 10, G46→C26 20, K64→C10-C12 5, K64→C26 10 (all else 0)
  Zm: C10-C12→C10-C12 20, C26→C26 40, K64→C26 10, K64→G46 5
Ad = S rows into M only and M rows are 0, so Ad² = 0: Ld = I + Ad, Bd = Ad, and
Am·Ld = Am + Am·Ad, whose only new entries are (K64, j) = am[K64,G46]·ad[G46,j] = .1·.1 = .01.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.io import (
    MANUFACTURING,
    PRODUCER_SERVICES,
    WIOD56,
    CountryYearIO,
    group_intensity,
)

CODES = ["C10-C12", "C26", "G46", "K64"]
M, S = ["C10-C12", "C26"], ["G46", "K64"]


def _table() -> CountryYearIO:
    zd = pd.DataFrame(0.0, index=CODES, columns=CODES)
    zd.loc["G46", "C10-C12"], zd.loc["G46", "C26"] = 10, 20
    zd.loc["K64", "C10-C12"], zd.loc["K64", "C26"] = 5, 10
    zm = pd.DataFrame(0.0, index=CODES, columns=CODES)
    zm.loc["C10-C12", "C10-C12"], zm.loc["C26", "C26"] = 20, 40
    zm.loc["K64", "C26"], zm.loc["K64", "G46"] = 10, 5
    x = pd.Series([100.0, 200.0, 50.0, 50.0], index=CODES)
    m = pd.Series([40.0, 60.0, 0.0, 30.0], index=CODES)
    # shuffled frames: the object must align on codes
    return CountryYearIO(zd.iloc[::-1, ::-1], zm, x, m=m, country="XXX", year=2014)


def test_group_definitions() -> None:
    assert len(WIOD56) == 56 and WIOD56[0] == "A01" and WIOD56[-1] == "U"
    assert len(MANUFACTURING) == 19 and MANUFACTURING[0] == "C10-C12"
    assert MANUFACTURING[-1] == "C33"
    assert len(PRODUCER_SERVICES) == 22 and "I" not in PRODUCER_SERVICES


def test_group_intensity_labelled() -> None:
    """Ad, S→M, column-weighted: Σ zd[S,M]/Σ x[M] = 45/300 = .15.
    Hd, S→M, row-weighted: Σ zd[S,M]/Σ x[S] = 45/100 = .45."""
    io = _table()
    x = pd.Series(io.x, index=io.codes)
    assert group_intensity(io.frame("Ad"), x, S, M) == pytest.approx(0.15)
    assert group_intensity(io.frame("Hd"), x, S, M, weight_by="rows") == pytest.approx(0.45)
    # positional selectors on arrays give the same answer
    assert group_intensity(io.matrices["Ad"], io.x, [2, 3], [0, 1]) == pytest.approx(0.15)
    with pytest.raises(KeyError):
        group_intensity(io.frame("Ad"), x, ["ZZZ"], M)


def test_servitisation() -> None:
    """Direct: manufacturing intermediate inputs = (15 + 20) + (30 + 50) = 115;
    domestic services 45 → 45/115, imported services 10 → 10/115.
    Complete (x-weighted, Bd = Ad, Am·Ld above): numerators 100·.15 + 200·.15 = 45 (domestic),
    100·.01 + 200·.06 = 13 (imported); denominator 100·(.15 + .21) + 200·(.15 + .26) = 118."""
    s = _table().servitisation(S, M)
    assert s["direct_domestic"] == pytest.approx(45 / 115)
    assert s["direct_imported"] == pytest.approx(10 / 115)
    assert s["direct_total"] == pytest.approx(55 / 115)
    assert s["complete_domestic"] == pytest.approx(45 / 118)
    assert s["complete_imported"] == pytest.approx(13 / 118)
    assert s["complete_total"] == pytest.approx(58 / 118)
    # default WIOD groups: the codes present are the same
    assert _table().servitisation() == pytest.approx(s)


def test_effects() -> None:
    """Backward pulling (x_M weights): Ad 45/300, Am 10/300, Ld − I 45/300, Am·Ld 13/300.
    Forward driving (row weights): Hd 45/100 = .45; Hm = Zm/m, K64 → C26 = 10/30 (G46 has m = 0,
    zero weight) → 1/3; Gd − I = Hd (Hd² = 0) → .45; Hm·Gd: K64 → M = 1/3 + hm[K64,G46]·
    (hd[G46,C10-C12] + hd[G46,C26]) = 1/3 + (5/30)·(.2 + .4) = 1/3 + .1."""
    eff = _table().tidy_effects({"ps": S}, {"mfg": M})
    got = eff.set_index(["effect", "measure"])["value"]
    assert got["backward_pulling", "direct_domestic"] == pytest.approx(0.15)
    assert got["backward_pulling", "direct_imported"] == pytest.approx(10 / 300)
    assert got["backward_pulling", "complete_domestic"] == pytest.approx(0.15)
    assert got["backward_pulling", "complete_imported"] == pytest.approx(13 / 300)
    assert got["forward_driving", "direct_domestic"] == pytest.approx(0.45)
    assert got["forward_driving", "direct_imported"] == pytest.approx(1 / 3)
    assert got["forward_driving", "complete_domestic"] == pytest.approx(0.45)
    assert got["forward_driving", "complete_imported"] == pytest.approx(1 / 3 + 0.1)
    assert set(eff["country"]) == {"XXX"} and set(eff["year"]) == {2014}


def test_tidy_outputs() -> None:
    io = _table()
    ad = io.tidy_matrix("Ad")
    assert list(ad.columns) == ["country", "year", "row", "col", "measure", "value"]
    assert len(ad) == 16
    row = ad[(ad["row"] == "G46") & (ad["col"] == "C26")]
    assert row["value"].item() == pytest.approx(0.1)
    assert len(io.tidy_coefficients(["A", "L"])) == 32
    lk = io.tidy_linkages()
    assert list(lk.columns) == ["country", "year", "industry", "measure", "value"]
    assert len(lk) == 4 * 6
    bl = lk[lk["measure"] == "bl_total"]["value"].to_numpy()
    assert bl.mean() == pytest.approx(1.0)
    sv = io.tidy_servitisation(S, M)
    assert sv.set_index("measure").loc["direct_total", "value"] == pytest.approx(55 / 115)
    gi = io.tidy_group_intensity("Ad", {"ps": S}, {"mfg": M})
    assert gi["value"].item() == pytest.approx(0.15)
    default = io.tidy_effects()  # producer services + 7 sub-groups → manufacturing
    assert len(default) == 8 * 8
    with pytest.raises(KeyError):
        io.frame("nope")


def test_zero_output_in_labelled_table() -> None:
    """A China-style structural zero (G45: x = 0, imports only) keeps coefficients 0 and NaN
    linkages; identities still hold."""
    codes = ["C26", "G45", "K64"]
    zd = pd.DataFrame([[10.0, 0, 5], [0, 0, 0], [20, 0, 5]], index=codes, columns=codes)
    zm = pd.DataFrame([[5.0, 0, 0], [3, 0, 1], [0, 0, 0]], index=codes, columns=codes)
    x = pd.Series([100.0, 0.0, 50.0], index=codes)
    io = CountryYearIO(zd, zm, x)
    assert io.frame("A")["G45"].eq(0).all()
    assert io.frame("Hm").loc["G45", "C26"] == pytest.approx(3 / 4)
    lk = io.linkages
    assert np.isnan(lk.loc["G45"]).all()
    assert lk.loc[["C26", "K64"], "bl_total"].mean() == pytest.approx(1.0)
    lmat, a = io.matrices["L"], io.matrices["A"]
    np.testing.assert_allclose(lmat, np.eye(3) + a @ lmat, atol=1e-12)


def test_from_arrays_equals_the_labelled_table() -> None:
    labelled = _table()
    fast = CountryYearIO.from_arrays(
        list(labelled.codes), labelled.zd, labelled.zm, labelled.x, m=labelled.m,
        country="XXX", year=2014,
    )  # fmt: skip
    for name, matrix in labelled.matrices.items():
        np.testing.assert_allclose(fast.matrices[name], matrix, rtol=0, atol=1e-15, err_msg=name)
    pd.testing.assert_frame_equal(fast.linkages, labelled.linkages)
    assert fast.servitisation() == labelled.servitisation()
