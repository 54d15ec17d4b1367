"""Hand-computed 3-sector case, zero-output industry, and accounting identities."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from analysis.io import (
    allocation_coefficients,
    backward_linkage,
    complete_consumption,
    complete_imported_coefficients,
    forward_linkage_ghosh,
    forward_linkage_leontief,
    ghosh_inverse,
    ghosh_output,
    input_coefficients,
    leontief_inverse,
    leontief_output,
)

# 3 sectors, x = [100, 200, 100].
Z3 = np.array([[20.0, 20.0, 0.0], [20.0, 40.0, 40.0], [0.0, 40.0, 20.0]])
X3 = np.array([100.0, 200.0, 100.0])
ADJ = np.array([[56.0, 8.0, 4.0], [16.0, 64.0, 32.0], [4.0, 16.0, 62.0]])


def test_three_sector_by_hand() -> None:
    """A = [[.2, .1, 0], [.2, .2, .4], [0, .2, .2]]; 10(I − A) = M = [[8,-1,0],[-2,8,-4],[0,-2,8]].

    det M = 8·(64 − 8) − (−1)·(−16) = 432; adj M = [[56,8,4],[16,64,32],[4,16,62]], so
    L = 10·adj/432 = adj/43.2. H = diag(x)^-1 Z = [[.2,.2,0],[.1,.2,.2],[0,.4,.2]] and
    G = diag(x)^-1 L diag(x) = [[56,16,4],[8,64,16],[4,32,62]]/43.2.
    L column sums ·43.2 = [76, 88, 98], row sums = [68, 112, 82], total 262, so
    BL = 3·[76, 88, 98]/262, FL(Leontief rows) = 3·[68, 112, 82]/262;
    G row sums ·43.2 = [76, 88, 98], total 262, so FL(Ghosh) = 3·[76, 88, 98]/262.
    """
    a = input_coefficients(Z3, X3)
    np.testing.assert_allclose(a, [[0.2, 0.1, 0], [0.2, 0.2, 0.4], [0, 0.2, 0.2]], atol=1e-15)
    lmat = leontief_inverse(a)
    np.testing.assert_allclose(lmat, ADJ / 43.2, rtol=1e-12)
    np.testing.assert_allclose(complete_consumption(a), ADJ / 43.2 - np.eye(3), atol=1e-12)
    h = allocation_coefficients(Z3, X3)
    np.testing.assert_allclose(h, [[0.2, 0.2, 0], [0.1, 0.2, 0.2], [0, 0.4, 0.2]], atol=1e-15)
    g = ghosh_inverse(h)
    g_hand = np.array([[56.0, 16, 4], [8, 64, 16], [4, 32, 62]]) / 43.2
    np.testing.assert_allclose(g, g_hand, rtol=1e-12)
    np.testing.assert_allclose(backward_linkage(lmat), 3 * np.array([76, 88, 98]) / 262)
    np.testing.assert_allclose(forward_linkage_leontief(lmat), 3 * np.array([68, 112, 82]) / 262)
    np.testing.assert_allclose(forward_linkage_ghosh(g), 3 * np.array([76, 88, 98]) / 262)
    assert backward_linkage(lmat)[0] == pytest.approx(0.870229, abs=1e-6)
    assert forward_linkage_leontief(lmat)[1] == pytest.approx(1.282443, abs=1e-6)


def test_zero_output_industry() -> None:
    """Insert an inactive industry (x = 0) at position 1, with imports of it used by sector 0.

    Its column and domestic row are 0; imported row = [10, 0, 0, 0] so a_{1,0} = 10/100 = .1.
    Ordering [active; inactive]: A = [[A11, 0], [a', 0]] ⇒ L = [[L11, 0], [a'L11, 1]], so the
    active block of L equals the 3-sector L above and the linkages over active industries
    (n* = 3) equal the 3-sector values; the inactive industry gets NaN.
    """
    idx = [0, 2, 3]
    zd = np.zeros((4, 4))
    zd[np.ix_(idx, idx)] = Z3
    zm = np.zeros((4, 4))
    zm[1, 0] = 10.0
    x = np.array([100.0, 0.0, 200.0, 100.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no division-by-zero warnings
        a = input_coefficients(zd + zm, x)
        h = allocation_coefficients(zd + zm, x)
    assert a[1, 0] == pytest.approx(0.1)
    assert np.all(a[:, 1] == 0) and np.all(h[1, :] == 0)
    lmat, g = leontief_inverse(a), ghosh_inverse(h)
    np.testing.assert_allclose(lmat[np.ix_(idx, idx)], ADJ / 43.2, rtol=1e-12)
    np.testing.assert_allclose(lmat[1, idx], 0.1 * ADJ[0] / 43.2, rtol=1e-12)
    assert lmat[1, 1] == pytest.approx(1.0)
    bl = backward_linkage(lmat, active=x)
    assert np.isnan(bl[1])
    np.testing.assert_allclose(bl[idx], 3 * np.array([76, 88, 98]) / 262)
    fl = forward_linkage_ghosh(g, active=x > 0)
    assert np.isnan(fl[1])
    np.testing.assert_allclose(fl[idx], 3 * np.array([76, 88, 98]) / 262)
    assert np.nanmean(bl) == pytest.approx(1.0)
    # without the restriction the average would run over 4 industries and differ
    assert backward_linkage(lmat)[0] != pytest.approx(bl[0])


def test_identities() -> None:
    """L = I + A·L; Ld·(I − Ad) = I; x = L·f for f = x − A·x; x' = v'·G for v' = x' − 1'Z;
    Am·Ld from solve equals Am @ inv(I − Ad); G = diag(x)^-1 L diag(x)."""
    rng = np.random.default_rng(0)
    n = 6
    zd, zm = rng.uniform(0, 10, (n, n)), rng.uniform(0, 3, (n, n))
    x = (zd + zm).sum(axis=1) + rng.uniform(20, 60, n)
    a, ad, am = (input_coefficients(z, x) for z in (zd + zm, zd, zm))
    lmat, ld = leontief_inverse(a), leontief_inverse(ad)
    np.testing.assert_allclose(lmat, np.eye(n) + a @ lmat, atol=1e-12)
    np.testing.assert_allclose(ld @ (np.eye(n) - ad), np.eye(n), atol=1e-12)
    f = x - a @ x
    np.testing.assert_allclose(lmat @ f, x, rtol=1e-12)
    np.testing.assert_allclose(leontief_output(a, f), x, rtol=1e-12)
    h = allocation_coefficients(zd + zm, x)
    v = x - (zd + zm).sum(axis=0)
    np.testing.assert_allclose(v @ ghosh_inverse(h), x, rtol=1e-12)
    np.testing.assert_allclose(ghosh_output(h, v), x, rtol=1e-12)
    np.testing.assert_allclose(
        complete_imported_coefficients(am, ad), am @ np.linalg.inv(np.eye(n) - ad), atol=1e-12
    )
    np.testing.assert_allclose(ghosh_inverse(h), np.diag(1 / x) @ lmat @ np.diag(x), rtol=1e-10)


def test_rejects_non_square() -> None:
    with pytest.raises(ValueError, match="square"):
        input_coefficients(np.ones((2, 3)), [1.0, 1.0, 1.0])
