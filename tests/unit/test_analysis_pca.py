"""first_component against R's published ``prcomp(USArrests, scale. = TRUE)`` and invariants.

Data: R's ``datasets::USArrests`` (McNeil 1977, *Interactive Data Analysis*; 50 states x Murder,
Assault, UrbanPop, Rape; 1973), typed in below from the CSV exports found by code search:
``selva86/datasets`` USArrests.csv (commit eb8718e55478364d40e05ebe4802fe3428f13755) and
``PratheepaJ/datasets`` USArrests.csv (commit 674af15f86cba23d709cbaca388c7943f3ce8362), which
agree value for value. R's help page notes a transcription error for Maryland's UrbanPop in
McNeil (67 should be 76) but ships the data as in McNeil; so does this test (67). The data are
checked against the published column means and variances below before any PCA number.

Published R output (R's prcomp uses the SVD of the centred, ddof=1-scaled data):
- ISLR lab (James et al. 2013, §10.4) reproduced at sandbox.dodona.be (activity 683591967):
  ``apply(USArrests, 2, mean)`` = 7.788 170.760 65.540 21.232.
- RPubs 511726 (rstudio-pubs-static.s3.amazonaws.com/511726_e3316a84fa794393900f05fecf9e0f90):
  ``apply(USArrests, 2, var)`` = 18.97047 6945.16571 209.51878 87.72916;
  ``pr.out$scale`` = 4.355510 83.337661 14.474763 9.366385;
  ``pr.out$sdev`` = 1.5748783 0.9948694 0.5971291 0.4164494 (summary: 1.5749 0.9949 0.59713
  0.41645); ``pve`` = 0.62006039 0.24744129 0.08914080 0.04335752; ``pr.out$rotation``
  (same matrix in the ISLR lab at sandbox.dodona.be, activity 133269069):
      PC1        PC2        PC3         PC4
  -0.5358995  0.4181809 -0.3412327  0.64922780   Murder
  -0.5831836  0.1879856 -0.2681484 -0.74340748   Assault
  -0.2781909 -0.8728062 -0.3780158  0.13387773   UrbanPop
  -0.5434321 -0.1673186  0.8177779  0.08902432   Rape
- RPubs 918509 (rstudio-pubs-static.s3.amazonaws.com/918509_d71043fdcf454cc09650d4e2709c8caa):
  rotation and scores multiplied by -1, first six scores, e.g. Alabama PC1 0.9756604,
  PC2 -1.1220012.
Eigenvectors are defined up to sign: our default rule makes PC1's loadings sum > 0, i.e. the
negative of R's printed PC1; other components are compared up to sign.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from analysis.pca import PCAInputError, first_component

USARRESTS_CSV = """state,Murder,Assault,UrbanPop,Rape
Alabama,13.2,236,58,21.2
Alaska,10,263,48,44.5
Arizona,8.1,294,80,31
Arkansas,8.8,190,50,19.5
California,9,276,91,40.6
Colorado,7.9,204,78,38.7
Connecticut,3.3,110,77,11.1
Delaware,5.9,238,72,15.8
Florida,15.4,335,80,31.9
Georgia,17.4,211,60,25.8
Hawaii,5.3,46,83,20.2
Idaho,2.6,120,54,14.2
Illinois,10.4,249,83,24
Indiana,7.2,113,65,21
Iowa,2.2,56,57,11.3
Kansas,6,115,66,18
Kentucky,9.7,109,52,16.3
Louisiana,15.4,249,66,22.2
Maine,2.1,83,51,7.8
Maryland,11.3,300,67,27.8
Massachusetts,4.4,149,85,16.3
Michigan,12.1,255,74,35.1
Minnesota,2.7,72,66,14.9
Mississippi,16.1,259,44,17.1
Missouri,9,178,70,28.2
Montana,6,109,53,16.4
Nebraska,4.3,102,62,16.5
Nevada,12.2,252,81,46
New Hampshire,2.1,57,56,9.5
New Jersey,7.4,159,89,18.8
New Mexico,11.4,285,70,32.1
New York,11.1,254,86,26.1
North Carolina,13,337,45,16.1
North Dakota,0.8,45,44,7.3
Ohio,7.3,120,75,21.4
Oklahoma,6.6,151,68,20
Oregon,4.9,159,67,29.3
Pennsylvania,6.3,106,72,14.9
Rhode Island,3.4,174,87,8.3
South Carolina,14.4,279,48,22.5
South Dakota,3.8,86,45,12.8
Tennessee,13.2,188,59,26.9
Texas,12.7,201,80,25.5
Utah,3.2,120,80,22.9
Vermont,2.2,48,32,11.2
Virginia,8.5,156,63,20.7
Washington,4,145,73,26.2
West Virginia,5.7,81,39,9.3
Wisconsin,2.6,53,66,10.8
Wyoming,6.8,161,60,15.6
"""
COLS = ["Murder", "Assault", "UrbanPop", "Rape"]

# R's printed prcomp(USArrests, scale. = TRUE) (RPubs 511726; ISLR lab)
R_SDEV = [1.5748783, 0.9948694, 0.5971291, 0.4164494]
R_SDEV_SUMMARY = [1.5749, 0.9949, 0.5971, 0.4164]  # the brief's 4-decimal figures
R_PVE = [0.62006039, 0.24744129, 0.08914080, 0.04335752]
R_ROTATION = np.array(
    [
        [-0.5358995, 0.4181809, -0.3412327, 0.64922780],
        [-0.5831836, 0.1879856, -0.2681484, -0.74340748],
        [-0.2781909, -0.8728062, -0.3780158, 0.13387773],
        [-0.5434321, -0.1673186, 0.8177779, 0.08902432],
    ]
)
# RPubs 918509: head(results$x) after multiplying by -1 (PC1, PC2)
R_SCORES_FLIPPED = {
    "Alabama": (0.9756604, -1.1220012),
    "Alaska": (1.9305379, -1.0624269),
    "Arizona": (1.7454429, 0.7384595),
    "Arkansas": (-0.1399989, -1.1085423),
    "California": (2.4986128, 1.5274267),
    "Colorado": (1.4993407, 0.9776297),
}


@pytest.fixture(scope="module")
def usarrests() -> pd.DataFrame:
    data = pd.read_csv(io.StringIO(USARRESTS_CSV)).set_index("state")
    assert data.shape == (50, 4)
    return data


def test_usarrests_data_match_published_moments(usarrests: pd.DataFrame) -> None:
    """The typed-in data reproduce R's printed means, variances and prcomp scale."""
    assert usarrests.mean().to_numpy() == pytest.approx([7.788, 170.760, 65.540, 21.232], abs=5e-4)
    assert usarrests.var(ddof=1).to_numpy() == pytest.approx(
        [18.97047, 6945.16571, 209.51878, 87.72916], abs=5e-6
    )
    res = first_component(usarrests, COLS)
    assert res.std_devs_input.to_numpy() == pytest.approx(
        [4.355510, 83.337661, 14.474763, 9.366385], abs=5e-7
    )


def test_prcomp_usarrests_standard_deviations(usarrests: pd.DataFrame) -> None:
    res = first_component(usarrests, COLS)
    assert res.std_devs.to_numpy() == pytest.approx(R_SDEV_SUMMARY, abs=5e-5)  # 4 decimals
    assert res.std_devs.to_numpy() == pytest.approx(R_SDEV, abs=5e-8)  # all printed digits
    assert res.eigenvalues.to_numpy() == pytest.approx(np.square(R_SDEV), abs=2e-7)
    assert res.explained_variance_ratio.to_numpy() == pytest.approx(R_PVE, abs=5e-9)
    assert res.eigenvalues.sum() == pytest.approx(4.0)  # trace of a 4x4 correlation matrix


def test_prcomp_usarrests_pc1_loadings(usarrests: pd.DataFrame) -> None:
    res = first_component(usarrests, COLS)
    # the brief's 4-decimal figures: Murder -0.5359, Assault -0.5832, UrbanPop -0.2782,
    # Rape -0.5434, up to sign; our rule makes them all positive.
    published = pd.Series([0.5359, 0.5832, 0.2782, 0.5434], index=COLS)
    assert res.pc1_loadings.round(4).to_numpy() == pytest.approx(published.to_numpy(), abs=1e-12)
    assert res.pc1_loadings.to_numpy() == pytest.approx(-R_ROTATION[:, 0], abs=5e-8)
    raw = first_component(usarrests, COLS, sign_rule="none")
    assert bool(res.flipped["PC1"]) is bool(raw.pc1_loadings.sum() < 0)
    assert res.sign_rule == "sum_positive"
    assert "sum to > 0" in res.sign_rule_description
    assert res.notes == []  # all PC1 loadings share a sign


def test_prcomp_usarrests_all_loadings_up_to_sign(usarrests: pd.DataFrame) -> None:
    res = first_component(usarrests, COLS)
    ours = res.loadings.to_numpy()
    for k in range(4):
        sign = np.sign(ours[:, k] @ R_ROTATION[:, k])
        assert sign * ours[:, k] == pytest.approx(R_ROTATION[:, k], abs=5e-8), k
    # orthonormal
    assert ours.T @ ours == pytest.approx(np.eye(4), abs=1e-12)


def test_prcomp_usarrests_scores(usarrests: pd.DataFrame) -> None:
    res = first_component(usarrests, COLS)
    for state, (pc1, pc2) in R_SCORES_FLIPPED.items():
        assert res.scores[state] == pytest.approx(pc1, abs=5e-8), state
        sign = np.sign(res.loadings["PC2"].to_numpy() @ -R_ROTATION[:, 1])
        assert sign * res.component_scores.loc[state, "PC2"] == pytest.approx(pc2, abs=5e-8)
    # score variance = eigenvalue (ddof=1), scores uncorrelated
    assert res.scores.var(ddof=1) == pytest.approx(res.eigenvalues["PC1"])
    corr = np.corrcoef(res.component_scores.to_numpy().T)
    assert corr == pytest.approx(np.eye(4), abs=1e-10)
    assert res.n_used == 50 and res.n_dropped_missing == 0


def test_sign_rule_equivalences(usarrests: pd.DataFrame) -> None:
    res = first_component(usarrests, COLS)
    assert res.pc1_loadings.sum() > 0
    z = (usarrests - usarrests.mean()) / usarrests.std(ddof=1)
    assert np.corrcoef(res.scores, z.mean(axis=1))[0, 1] > 0
    for k in res.loadings.columns:
        assert res.loadings[k].sum() > 0

    anchored = first_component(usarrests, COLS, sign_rule="anchor", anchor="UrbanPop")
    assert (anchored.loadings.loc["UrbanPop"] > 0).all()
    assert anchored.sign_rule == "anchor"
    raw = first_component(usarrests, COLS, sign_rule="none")
    assert not raw.flipped.any()
    assert raw.std_devs.to_numpy() == pytest.approx(res.std_devs.to_numpy())
    assert np.abs(raw.loadings.to_numpy()) == pytest.approx(np.abs(res.loadings.to_numpy()))

    # reversing all inputs flips the solver's vector, never the rule's answer
    neg = first_component(-usarrests, COLS)
    assert neg.scores.to_numpy() == pytest.approx(-res.scores.to_numpy())
    assert neg.pc1_loadings.sum() > 0


def test_missing_rows_scored_nan_and_counted(usarrests: pd.DataFrame) -> None:
    data = usarrests.copy()
    data.loc["Alaska", "Rape"] = np.nan
    data.loc["Iowa", "Murder"] = np.inf
    data.loc["Ohio", ["Murder", "Assault"]] = np.nan
    res = first_component(data, COLS)
    assert res.n_input == 50 and res.n_used == 47 and res.n_dropped_missing == 3
    assert res.n_dropped_missing_by_column == {
        "Murder": 2,
        "Assault": 1,
        "UrbanPop": 0,
        "Rape": 1,
    }
    assert res.scores.index.equals(data.index)
    assert res.scores[["Alaska", "Iowa", "Ohio"]].isna().all()
    complete = first_component(usarrests.drop(index=["Alaska", "Iowa", "Ohio"]), COLS)
    assert res.scores.dropna().to_numpy() == pytest.approx(complete.scores.to_numpy())
    assert "3 rows missing an input" in res.describe()


def test_pooled_panel_index_and_mixed_signs_note() -> None:
    rng = np.random.default_rng(1)
    idx = pd.MultiIndex.from_product([["A", "B", "C"], range(2000, 2010)], names=["c", "y"])
    common = rng.normal(size=len(idx))
    data = pd.DataFrame(
        {
            "a": common + 0.3 * rng.normal(size=len(idx)),
            "b": common + 0.3 * rng.normal(size=len(idx)),
            "c": -common + 0.3 * rng.normal(size=len(idx)),
        },
        index=idx,
    )
    res = first_component(data, ["a", "b", "c"])
    assert res.scores.index.equals(idx)
    assert res.loadings.loc["c", "PC1"] < 0 < res.loadings.loc["a", "PC1"]
    assert any("mixed signs" in note for note in res.notes)


def test_bad_input_errors(usarrests: pd.DataFrame) -> None:
    with pytest.raises(PCAInputError, match="not in the data"):
        first_component(usarrests, ["Murder", "Nope"])
    flat = usarrests.assign(Const=1.0)
    with pytest.raises(PCAInputError, match=r"without variation.*Const"):
        first_component(flat, ["Murder", "Const"])
    with pytest.raises(PCAInputError, match="anchor"):
        first_component(usarrests, COLS, sign_rule="anchor")
    with pytest.raises(PCAInputError, match="sign_rule"):
        first_component(usarrests, COLS, sign_rule="largest")  # type: ignore[arg-type]
    with pytest.raises(PCAInputError, match="not numeric"):
        first_component(usarrests.assign(s="x"), ["Murder", "s"])
    with pytest.raises(PCAInputError, match="at least 2 complete rows"):
        first_component(usarrests.iloc[:1], COLS)
