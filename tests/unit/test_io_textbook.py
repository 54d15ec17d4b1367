"""Miller & Blair two-sector example: A, L and the Ghosh counterpart to 4 decimals."""

from __future__ import annotations

import numpy as np

from analysis.io import (
    allocation_coefficients,
    ghosh_inverse,
    input_coefficients,
    leontief_inverse,
    leontief_output,
)

Z = np.array([[150.0, 500.0], [200.0, 100.0]])
X = np.array([1000.0, 2000.0])
F = np.array([350.0, 1700.0])


def test_miller_blair_ch2_a_and_l() -> None:
    """Miller & Blair, *Input-Output Analysis*, ch. 2 (§2.3 numerical example), two sectors.

    Z = [[150, 500], [200, 100]], x = [1000, 2000], f = [350, 1700]; A = [[.15, .25], [.2, .05]]
    and L = (I − A)^-1 = [[1.2541, .3300], [.2640, 1.1221]].
    Source check: we had no access to the printed book. The same numbers (A and L to 4 d.p.)
    are reproduced by a public tutorial that states it borrows this example from Miller & Blair
    ch. 2 ("Input-Output Tables & the Leontief Inverse in R - Part I", 2016). By hand:
    det(I − A) = .85·.95 − .25·.2 = .7575, L = [[.95, .25], [.2, .85]] / .7575.
    """
    a = input_coefficients(Z, X)
    np.testing.assert_allclose(a, [[0.15, 0.25], [0.2, 0.05]], atol=1e-12)
    lmat = leontief_inverse(a)
    np.testing.assert_allclose(lmat, [[1.2541, 0.3300], [0.2640, 1.1221]], atol=5e-5)
    np.testing.assert_allclose(lmat, np.array([[0.95, 0.25], [0.2, 0.85]]) / 0.7575, rtol=1e-12)
    np.testing.assert_allclose(leontief_output(a, F), X, rtol=1e-12)


def test_miller_blair_ch12_ghosh() -> None:
    """Ghosh counterpart of the same table (Miller & Blair ch. 12 use a 2-sector illustration).

    NOT verified against the printed ch. 12 numbers (no access); values are hand-computed:
    H = diag(x)^-1 Z = [[.15, .5], [.1, .05]]; G = diag(x)^-1 L diag(x) gives
    g12 = .330033·2000/1000 = .6601, g21 = .264026·1000/2000 = .1320, diagonals as in L.
    """
    h = allocation_coefficients(Z, X)
    np.testing.assert_allclose(h, [[0.15, 0.5], [0.1, 0.05]], atol=1e-12)
    g = ghosh_inverse(h)
    np.testing.assert_allclose(g, [[1.2541, 0.6601], [0.1320, 1.1221]], atol=5e-5)
    lmat = leontief_inverse(input_coefficients(Z, X))
    np.testing.assert_allclose(g, np.diag(1 / X) @ lmat @ np.diag(X), rtol=1e-12)
