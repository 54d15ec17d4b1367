"""Group intensities, servitisation and producer-service ↔ manufacturing effects (methods.md §2).

Group intensity of a coefficient matrix ``C`` from row group ``R`` into column group ``S``,
weighted by gross output ``x`` (GO-weighted sum of coefficients):

* column coefficients (A, L, B, Am·Ld; "per unit of the buyer's output"), ``weight_by="columns"``:
  ``I(R→S) = Σ_{j∈S} x_j Σ_{i∈R} c_ij / Σ_{j∈S} x_j``;
  for ``C = A`` this is ``Σ_{i∈R, j∈S} z_ij / Σ_{j∈S} x_j`` (R-inputs per unit of S-output).
* row coefficients (H, G, Hm·Gd; "share of the seller's output"), ``weight_by="rows"``:
  ``I(R→S) = Σ_{i∈R} x_i Σ_{j∈S} c_ij / Σ_{i∈R} x_i``;
  for ``C = H`` this is ``Σ_{i∈R, j∈S} z_ij / Σ_{i∈R} x_i`` (share of R-output sold to S).

Rows/columns are given as labels when ``C`` is a DataFrame, or as integer positions / boolean
masks when it is an array. Zero total weight gives NaN. Values are unit-free.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from analysis.io.coefficients import (
    complete_imported_coefficients,
    complete_imported_distribution,
    ghosh_inverse,
    leontief_inverse,
)

Array = NDArray[np.float64]
Selector = Sequence[str] | Sequence[int] | NDArray[np.bool_] | NDArray[np.int_]


def _positions(sel: Selector, labels: pd.Index | None, n: int) -> NDArray[np.int_]:
    arr = np.asarray(sel)
    if arr.dtype == bool:
        if arr.shape != (n,):
            raise ValueError(f"boolean selector must have shape ({n},)")
        return np.flatnonzero(arr)
    if labels is not None and arr.dtype.kind in "OUS":
        missing = [s for s in arr if s not in labels]
        if missing:
            raise KeyError(f"codes not in table: {missing}")
        return labels.get_indexer(arr)
    if arr.dtype.kind in "OUS":
        raise TypeError("code labels need a labelled DataFrame; pass positions for arrays")
    return arr.astype(int)


def group_intensity(
    coef: ArrayLike | pd.DataFrame,
    weights: ArrayLike | pd.Series,
    rows: Selector,
    cols: Selector,
    weight_by: Literal["columns", "rows"] = "columns",
) -> float:
    """GO-weighted group intensity ``I(rows→cols)`` of ``coef`` (see module docstring)."""
    labels = coef.index if isinstance(coef, pd.DataFrame) else None
    if isinstance(coef, pd.DataFrame) and isinstance(weights, pd.Series):
        weights = weights.reindex(coef.index)
    c = np.asarray(coef, dtype=float)
    w = np.asarray(weights, dtype=float)
    r = _positions(rows, labels, c.shape[0])
    s = _positions(cols, labels, c.shape[1])
    block = c[np.ix_(r, s)]
    if weight_by == "columns":
        num, den = float(block.sum(axis=0) @ w[s]), float(w[s].sum())
    elif weight_by == "rows":
        num, den = float(w[r] @ block.sum(axis=1)), float(w[r].sum())
    else:
        raise ValueError("weight_by must be 'columns' or 'rows'")
    return num / den if den != 0 else float("nan")


def servitisation(
    ad: ArrayLike,
    am: ArrayLike,
    x: ArrayLike,
    services: Selector,
    manufacturing: Selector,
) -> dict[str, float]:
    """Servitisation of manufacturing: service inputs / total intermediate inputs of ``S``.

    With manufacturing ``S``, services ``R``, GO weights ``x_j`` (j ∈ S):

    * direct: ``s_d = Σ_{j∈S} x_j Σ_{i∈R} ad_ij / Σ_{j∈S} x_j Σ_i (ad_ij + am_ij)``
      ``= Σ_{R,S} zd / Σ_{all,S} (zd + zm)``; imported ``s_m`` likewise with ``am`` on top.
    * complete (non-competitive-import model, per unit of final demand for j):
      domestic complete inputs ``Bd = Ld − I`` with ``Ld = (I − Ad)^-1``, imported complete
      inputs ``Cm = Am·Ld``;
      ``s_d = Σ_{j∈S} x_j Σ_{i∈R} bd_ij / Σ_{j∈S} x_j Σ_i (bd_ij + cm_ij)``, ``s_m`` likewise
      with ``cm`` on top. The denominator is all complete (domestic + imported) intermediate
      inputs, so ``s_d + s_m`` is the total complete servitisation.

    Returns keys ``{direct,complete}_{domestic,imported,total}`` (shares in [0, 1]).
    """
    ad_, am_ = np.asarray(ad, dtype=float), np.asarray(am, dtype=float)
    n = ad_.shape[0]
    bd = leontief_inverse(ad_) - np.eye(n)
    cm = complete_imported_coefficients(am_, ad_)
    every = np.arange(n)
    out: dict[str, float] = {}
    for kind, dom, imp in (("direct", ad_, am_), ("complete", bd, cm)):
        den = group_intensity(dom + imp, x, every, manufacturing)
        sd = group_intensity(dom, x, services, manufacturing) / den
        sm = group_intensity(imp, x, services, manufacturing) / den
        out |= {f"{kind}_domestic": sd, f"{kind}_imported": sm, f"{kind}_total": sd + sm}
    return out


def backward_pulling(
    ad: ArrayLike,
    am: ArrayLike,
    x: ArrayLike,
    services: Selector,
    manufacturing: Selector,
) -> dict[str, float]:
    """Backward pulling of manufacturing on services: its consumption of service inputs.

    Column-weighted (``x_j``, j ∈ manufacturing) group intensities of services rows in
    ``Ad`` (direct domestic), ``Am`` (direct imported), ``Ld − I`` (complete domestic) and
    ``Am·Ld`` (complete imported). Unit: service inputs per unit of manufacturing output
    (direct) or per unit of manufacturing final demand (complete).
    """
    ad_, am_ = np.asarray(ad, dtype=float), np.asarray(am, dtype=float)
    mats = {
        "direct_domestic": ad_,
        "direct_imported": am_,
        "complete_domestic": leontief_inverse(ad_) - np.eye(ad_.shape[0]),
        "complete_imported": complete_imported_coefficients(am_, ad_),
    }
    return {k: group_intensity(m, x, services, manufacturing) for k, m in mats.items()}


def forward_driving(
    hd: ArrayLike,
    hm: ArrayLike,
    x: ArrayLike,
    m: ArrayLike,
    services: Selector,
    manufacturing: Selector,
) -> dict[str, float]:
    """Forward driving effect of services on manufacturing: services' distribution into it.

    Row-weighted group intensities from services rows into manufacturing columns of
    ``Hd = diag(x)^-1 Zd`` (direct domestic, weights ``x``), ``Hm = diag(m)^-1 Zm``
    (direct imported, weights total imports ``m``), ``Gd − I`` (complete domestic,
    ``Gd = (I − Hd)^-1``) and ``Hm·Gd`` (complete imported). Unit: share of services'
    (domestic output | imports) delivered to manufacturing; complete versions are
    manufacturing output supported per unit of service supply.
    """
    hd_, hm_ = np.asarray(hd, dtype=float), np.asarray(hm, dtype=float)
    parts = {
        "direct_domestic": (hd_, x),
        "direct_imported": (hm_, m),
        "complete_domestic": (ghosh_inverse(hd_) - np.eye(hd_.shape[0]), x),
        "complete_imported": (complete_imported_distribution(hm_, hd_), m),
    }
    return {
        k: group_intensity(c, w, services, manufacturing, weight_by="rows")
        for k, (c, w) in parts.items()
    }
