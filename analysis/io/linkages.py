"""Rasmussen linkage indices restricted to active industries (methods.md §2).

With ``S`` the set of active industries (``x > 0``) and ``n* = |S|``:

* backward linkage (power of dispersion), Leontief columns:
  ``BL_j = n*·Σ_{i∈S} l_ij / Σ_{i,k∈S} l_ik``;
* forward linkage (sensitivity of dispersion), Ghosh rows (``forward_linkage_ghosh``):
  ``FL_i = n*·Σ_{j∈S} g_ij / Σ_{k,j∈S} g_kj``;
* forward linkage, Leontief rows (``forward_linkage_leontief``, the classical Rasmussen
  sensitivity): ``FL_i = n*·Σ_{j∈S} l_ij / Σ_{k,j∈S} l_kj``.

Indices average 1 over ``S``; inactive industries get NaN. Unit-free.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from analysis.io.coefficients import active_mask

Array = NDArray[np.float64]


def _mask(n: int, active: ArrayLike | None) -> NDArray[np.bool_]:
    if active is None:
        return np.ones(n, dtype=bool)
    mask = np.asarray(active)
    if mask.dtype != bool:
        mask = active_mask(mask)  # gross output passed instead of a mask
    if mask.shape != (n,):
        raise ValueError(f"active must have shape ({n},), got {mask.shape}")
    return mask


def _index(inverse: ArrayLike, active: ArrayLike | None, axis: int) -> Array:
    m = np.asarray(inverse, dtype=float)
    mask = _mask(m.shape[0], active)
    sub = m[np.ix_(mask, mask)]
    out = np.full(m.shape[0], np.nan)
    out[mask] = mask.sum() * sub.sum(axis=axis) / sub.sum()
    return out


def backward_linkage(leontief: ArrayLike, active: ArrayLike | None = None) -> Array:
    """``BL_j = n*·Σ_i l_ij / Σ_ij l_ij`` over active industries (column sums of ``L``).

    ``active``: boolean mask or gross output vector (active = ``x > 0``); None = all.
    """
    return _index(leontief, active, axis=0)


def forward_linkage_ghosh(ghosh: ArrayLike, active: ArrayLike | None = None) -> Array:
    """``FL_i = n*·Σ_j g_ij / Σ_ij g_ij`` over active industries (row sums of ``G``)."""
    return _index(ghosh, active, axis=1)


def forward_linkage_leontief(leontief: ArrayLike, active: ArrayLike | None = None) -> Array:
    """Rasmussen sensitivity ``FL_i = n*·Σ_j l_ij / Σ_ij l_ij`` (row sums of ``L``)."""
    return _index(leontief, active, axis=1)
