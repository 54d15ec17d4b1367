"""Directional distance function with weakly disposable bad outputs (Chung, Färe & Grosskopf
1997), direction ``g = (y_o, −b_o)``:

    D(x_o, y_o, b_o) = β* = max β
    s.t. X_r'λ ≤ x_o,  Y_r'λ ≥ (1 + β) y_o,  B_r'λ = (1 − β) b_o,  λ ≥ 0   (VRS: Σλ = 1).

The equality on the bad outputs is weak disposability with null-jointness through the data.
``(X_r, Y_r, B_r)`` is the reference set (the frontier): any DMUs/periods, so mixed-period
programs (``D^t(x^{t+1}, …)``) are possible. β is free in sign: against a frontier that does not
contain the DMU, β < 0 is possible, and the program may be infeasible (status ``infeasible``,
β NaN, flagged). β* is unit-free (a proportion of y_o and b_o); 0 = on the frontier.
VRS adds ``Σλ = 1`` to the same program (no correction for the weak-disposability/VRS
interaction discussed by Kuosmanen 2005).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.dea._common import Block, check_rts, frames_for, result_frame, solve_many


def ddf_arrays(block: Block, rts: str = "crs") -> dict[str, np.ndarray]:
    """β* of every evaluated DMU of ``block``: ``beta``, ``status``, ``flag``, ``lambdas``."""
    rts = check_rts(rts)
    n, m = block.x.shape
    s, k = block.y.shape[1], block.b.shape[1]
    nr = block.xr.shape[0]
    a_ub = np.zeros((m + s, 1 + nr))
    a_ub[:m, 1:] = block.xr.T
    a_ub[m:, 1:] = -block.yr.T
    a_eq = np.zeros((k + (rts == "vrs"), 1 + nr))
    a_eq[:k, 1:] = block.br.T
    if rts == "vrs":
        a_eq[-1, 1:] = 1.0
    c = np.zeros(1 + nr)
    c[0] = -1.0
    bounds = [(None, None)] + [(0, None)] * nr
    beta = np.full(n, np.nan)
    lambdas = np.full((n, nr), np.nan)
    status = np.array(["not_computed"] * n, dtype=object)
    flag = np.array([""] * n, dtype=object)
    problems = []
    for o in range(n):
        x0, y0, b0 = block.x[o], block.y[o], block.b[o]
        au = a_ub.copy()
        au[m:, 0] = y0
        ae = a_eq.copy()
        ae[:k, 0] = b0
        b_eq = np.r_[b0, [1.0] if rts == "vrs" else []]
        has_eq = ae.shape[0] > 0
        problems.append(
            (c, au, np.r_[x0, -y0], ae if has_eq else None, b_eq if has_eq else None, bounds)
        )
    for o, (st, z, _fun) in enumerate(solve_many(problems)):
        status[o] = st
        if st != "optimal":
            flag[o] = f"DDF {rts.upper()} program {st}"
            continue
        beta[o] = z[0] if abs(z[0]) > 1e-12 else 0.0
        lambdas[o] = z[1:]
    return {"beta": beta, "status": status, "flag": flag, "lambdas": lambdas}


def ddf(
    data: pd.DataFrame,
    inputs: Sequence[str],
    outputs: Sequence[str],
    bad_outputs: Sequence[str],
    dmu: str = "dmu",
    rts: str = "crs",
    reference: pd.DataFrame | None = None,
    period: str | None = None,
) -> pd.DataFrame:
    """DDF β* of every row of ``data`` against ``reference`` (default ``data``).

    Columns: ``dmu[, period], beta, status, flag, slack_<v> (NaN: not a slack model),
    target_<v> (= Σλv), peers, lambdas``.
    """
    inputs, outputs, bad = list(inputs), list(outputs), list(bad_outputs)
    fr = frames_for(data, inputs, outputs, bad, dmu, period, reference)
    res = ddf_arrays(fr.block, rts)
    out = result_frame(
        fr,
        {"beta": res["beta"]},
        res["status"],
        res["flag"],
        res["lambdas"],
        {},
        [*inputs, *outputs, *bad],
    )
    out = out.drop(columns=[c for c in out.columns if c.startswith("slack_")])
    out.insert(len(fr.keys), "model", f"DDF-{rts.upper()}")
    return out
