"""Coefficient matrices and inverses of one national input-output table (methods.md §2).

Conventions: ``Z[i, j]`` is the flow from product/industry i (row, seller) to industry j (column,
buyer), in the table's money unit (WIOD: million US$, current basic prices); ``x`` is gross output
in the same unit. All coefficients are unit-free (money per money). Industries with ``x = 0``
(China's structural zeros) get zero coefficients, so ``I − A`` and ``I − H`` stay invertible.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]


def _square(z: ArrayLike, name: str = "Z") -> Array:
    arr = np.asarray(z, dtype=float)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1]:
        raise ValueError(f"{name} must be a square matrix, got shape {arr.shape}")
    return arr


def safe_reciprocal(x: ArrayLike) -> Array:
    """``1/x`` elementwise with ``1/0 := 0`` (no division warnings)."""
    x = np.asarray(x, dtype=float)
    out = np.zeros_like(x)
    np.divide(1.0, x, out=out, where=x != 0)
    return out


def active_mask(x: ArrayLike) -> NDArray[np.bool_]:
    """Active industries: gross output ``x_j > 0``."""
    return np.asarray(x, dtype=float) > 0


def input_coefficients(z: ArrayLike, x: ArrayLike) -> Array:
    """Direct (technical) coefficients ``A = Z·diag(x)^-1``: ``a_ij = z_ij / x_j``.

    Columns with ``x_j = 0`` are 0. Use with ``Zd`` / ``Zm`` for ``Ad`` / ``Am``.
    """
    z = _square(z)
    return z * safe_reciprocal(x)[np.newaxis, :]


def allocation_coefficients(z: ArrayLike, totals: ArrayLike) -> Array:
    """Allocation (output, Ghosh) coefficients ``H = diag(x)^-1·Z``: ``h_ij = z_ij / x_i``.

    Rows with ``x_i = 0`` are 0. ``totals`` is gross output for domestic rows; for imported rows
    pass total imports by product so that rows sum to the intermediate share of imports.
    """
    z = _square(z)
    return z * safe_reciprocal(totals)[:, np.newaxis]


def leontief_inverse(a: ArrayLike) -> Array:
    """Leontief inverse ``L = (I − A)^-1`` (total requirements per unit of final demand)."""
    a = _square(a, "A")
    return np.linalg.solve(np.eye(a.shape[0]) - a, np.eye(a.shape[0]))


def ghosh_inverse(h: ArrayLike) -> Array:
    """Ghosh inverse ``G = (I − H)^-1`` (total output per unit of primary input)."""
    return leontief_inverse(h)


def complete_consumption(a: ArrayLike) -> Array:
    """Complete consumption coefficients ``B = L − I = (I − A)^-1 − I`` (direct + indirect)."""
    lmat = leontief_inverse(a)
    return lmat - np.eye(lmat.shape[0])


def complete_imported_coefficients(am: ArrayLike, ad: ArrayLike) -> Array:
    """Complete imported-input coefficients ``Am·Ld = Am·(I − Ad)^-1`` (non-competitive model).

    Entry ``(i, j)``: imports of product i embodied, directly and indirectly through domestic
    supply chains, in one unit of final demand for domestic product j. Computed by solving
    ``(I − Ad)ᵀ Xᵀ = Amᵀ``; no explicit inverse.
    """
    am, ad = _square(am, "Am"), _square(ad, "Ad")
    return np.linalg.solve((np.eye(ad.shape[0]) - ad).T, am.T).T


def complete_imported_distribution(hm: ArrayLike, hd: ArrayLike) -> Array:
    """Complete imported distribution ``Hm·Gd = Hm·(I − Hd)^-1`` (supply-side analogue of Am·Ld).

    Entry ``(i, j)``: output of domestic industry j supported, directly and through domestic
    forward linkages, per unit of imports of product i.
    """
    return complete_imported_coefficients(hm, hd)


def leontief_output(a: ArrayLike, f: ArrayLike) -> Array:
    """Output required by final demand, ``x = (I − A)^-1 f`` (solved, not inverted)."""
    a = _square(a, "A")
    return np.linalg.solve(np.eye(a.shape[0]) - a, np.asarray(f, dtype=float))


def ghosh_output(h: ArrayLike, v: ArrayLike) -> Array:
    """Output supported by primary inputs, ``x' = v'(I − H)^-1`` (solved, not inverted)."""
    h = _square(h, "H")
    return np.linalg.solve((np.eye(h.shape[0]) - h).T, np.asarray(v, dtype=float))
