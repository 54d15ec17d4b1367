"""Radial DEA: CCR (Charnes, Cooper & Rhodes 1978) and BCC (Banker, Charnes & Cooper 1984).

Envelopment form for DMU o against the reference set (X_r, Y_r; λ ≥ 0, one λ per reference DMU):

* input oriented: ``θ* = min θ`` s.t. ``X_r'λ ≤ θ x_o``, ``Y_r'λ ≥ y_o``; score = θ*;
* output oriented: ``φ* = max φ`` s.t. ``X_r'λ ≤ x_o``, ``Y_r'λ ≥ φ y_o``; score = 1/φ* (the
  Farrell output efficiency = Shephard output distance, as printed by DEAP);
* VRS (BCC) adds ``Σλ = 1``; CRS (CCR) does not.

Phase 2 (Cooper, Seiford & Tone 2007, two-phase procedure): at the optimal θ* (φ*),
``max Σs⁻ + Σs⁺`` s.t. ``X_r'λ + s⁻ = θ* x_o`` (``= x_o``), ``Y_r'λ − s⁺ = y_o`` (``= φ* y_o``),
same convexity row. Slacks are in the units of the variable; targets are ``Σ_j λ_j v_j``.

Scale efficiency ``SE = score_CRS/score_VRS`` (same orientation). Against a reference set that
does not contain the DMU (mixed-period Malmquist programs) θ* may exceed 1 and, under VRS, the
program may be infeasible: status ``infeasible``, score NaN, flagged — never replaced.
Units: scores are unit-free; all variables must be non-negative (see :mod:`.data`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.dea._common import Block, check_rts, frames_for, result_frame, solve_many


def radial_arrays(
    block: Block, orientation: str = "input", rts: str = "crs", two_phase: bool = True
) -> dict[str, np.ndarray]:
    """Radial scores of every evaluated DMU of ``block`` (bad outputs are ignored).

    Returns arrays ``score``, ``radial`` (θ* or φ*), ``status``, ``flag``, ``lambdas``
    (n × n_ref), ``slack_x`` (n × m), ``slack_y`` (n × s).
    """
    rts = check_rts(rts)
    if orientation not in ("input", "output"):
        raise ValueError(f"orientation must be 'input' or 'output', not {orientation!r}")
    n, m = block.x.shape
    s = block.y.shape[1]
    nr = block.xr.shape[0]
    xr_t, yr_t = block.xr.T, block.yr.T
    score = np.full(n, np.nan)
    radial = np.full(n, np.nan)
    lambdas = np.full((n, nr), np.nan)
    slack_x = np.full((n, m), np.nan)
    slack_y = np.full((n, s), np.nan)
    status = ["not_computed"] * n
    flag = [""] * n
    # fixed parts of the phase-1 and phase-2 matrices (only one column / the rhs change per DMU)
    a1 = np.zeros((m + s, 1 + nr))
    a1[:m, 1:] = xr_t
    a1[m:, 1:] = -yr_t
    c1 = np.zeros(1 + nr)
    c1[0] = 1.0 if orientation == "input" else -1.0
    bounds1 = [(None, None)] + [(0, None)] * nr
    eq1 = (np.r_[0.0, np.ones(nr)][None, :], np.array([1.0])) if rts == "vrs" else (None, None)
    a2 = np.zeros((m + s + (rts == "vrs"), nr + m + s))
    a2[:m, :nr] = xr_t
    a2[:m, nr : nr + m] = np.eye(m)
    a2[m : m + s, :nr] = yr_t
    a2[m : m + s, nr + m :] = -np.eye(s)
    if rts == "vrs":
        a2[-1, :nr] = 1.0
    c2 = np.r_[np.zeros(nr), -np.ones(m + s)]
    phase1 = []
    for o in range(n):
        x0, y0 = block.x[o], block.y[o]
        a = a1.copy()
        if orientation == "input":
            a[:m, 0] = -x0
            b_ub = np.r_[np.zeros(m), -y0]
        else:
            a[m:, 0] = y0
            b_ub = np.r_[x0, np.zeros(s)]
        phase1.append((c1, a, b_ub, eq1[0], eq1[1], bounds1))
    solved = solve_many(phase1)
    phase2, second = [], []
    for o, (st, z, _fun) in enumerate(solved):
        status[o] = st
        if st != "optimal":
            flag[o] = f"radial {orientation}-oriented {rts.upper()} program {st}"
            continue
        r = z[0]
        radial[o] = r
        score[o] = r if orientation == "input" else (1.0 / r if r > 0 else np.nan)
        lambdas[o] = z[1:]
        if two_phase:
            x0, y0 = block.x[o], block.y[o]
            rhs_x, rhs_y = (r * x0, y0) if orientation == "input" else (x0, r * y0)
            b_eq = np.r_[rhs_x, rhs_y, [1.0] if rts == "vrs" else []]
            phase2.append((c2, None, None, a2, b_eq, (0, None)))
            second.append(o)
    for o, (st2, z2, _) in zip(second, solve_many(phase2), strict=True):
        if st2 == "optimal":
            lambdas[o] = z2[:nr]
            slack_x[o] = z2[nr : nr + m]
            slack_y[o] = z2[nr + m :]
        else:
            flag[o] = f"phase-2 slack program {st2}; phase-1 slacks reported"
    for o in range(n):
        if status[o] == "optimal" and np.isnan(slack_x[o]).any():
            r, x0, y0, lam = radial[o], block.x[o], block.y[o], lambdas[o]
            rx, ry = (r * x0, y0) if orientation == "input" else (x0, r * y0)
            slack_x[o] = np.maximum(rx - lam @ block.xr, 0.0)
            slack_y[o] = np.maximum(lam @ block.yr - ry, 0.0)
    return {
        "score": score,
        "radial": radial,
        "status": np.array(status, dtype=object),
        "flag": np.array(flag, dtype=object),
        "lambdas": lambdas,
        "slack_x": slack_x,
        "slack_y": slack_y,
    }


def radial(
    data: pd.DataFrame,
    inputs: Sequence[str],
    outputs: Sequence[str],
    dmu: str = "dmu",
    orientation: str = "input",
    rts: str = "crs",
    reference: pd.DataFrame | None = None,
    period: str | None = None,
    two_phase: bool = True,
) -> pd.DataFrame:
    """CCR (``rts='crs'``) or BCC (``'vrs'``) scores of every row of ``data``.

    ``reference`` (same columns) is the frontier; default: ``data`` itself. ``period`` is only
    carried into the output and used for duplicate checks (run one period at a time).
    Columns: ``dmu[, period], score, radial (θ* or φ*), status, flag, slack_<v>, target_<v>,
    peers, lambdas``; ``attached_table(result, 'problems')`` lists the data problems.
    """
    fr = frames_for(data, inputs, outputs, (), dmu, period, reference)
    res = radial_arrays(fr.block, orientation, rts, two_phase)
    slacks = {v: res["slack_x"][:, j] for j, v in enumerate(inputs)}
    slacks |= {v: res["slack_y"][:, j] for j, v in enumerate(outputs)}
    out = result_frame(
        fr,
        {"score": res["score"], "radial": res["radial"]},
        res["status"],
        res["flag"],
        res["lambdas"],
        slacks,
        [*inputs, *outputs],
    )
    out.insert(
        len(fr.keys), "model", f"{'CCR' if rts == 'crs' else 'BCC'}-{orientation[0].upper()}"
    )
    return out


def ccr(data, inputs, outputs, dmu="dmu", orientation="input", **kwargs) -> pd.DataFrame:
    """CCR (constant returns to scale) radial scores: :func:`radial` with ``rts='crs'``."""
    return radial(data, inputs, outputs, dmu, orientation, "crs", **kwargs)


def bcc(data, inputs, outputs, dmu="dmu", orientation="input", **kwargs) -> pd.DataFrame:
    """BCC (variable returns to scale) radial scores: :func:`radial` with ``rts='vrs'``."""
    return radial(data, inputs, outputs, dmu, orientation, "vrs", **kwargs)


def scale_efficiency(
    data: pd.DataFrame,
    inputs: Sequence[str],
    outputs: Sequence[str],
    dmu: str = "dmu",
    orientation: str = "input",
    period: str | None = None,
) -> pd.DataFrame:
    """``dmu[, period], crs, vrs, scale (= crs/vrs), status, flag`` (DEAP's efficiency summary)."""
    crs = radial(data, inputs, outputs, dmu, orientation, "crs", period=period, two_phase=False)
    vrs = radial(data, inputs, outputs, dmu, orientation, "vrs", period=period, two_phase=False)
    keys = [dmu] + ([period] if period else [])
    out = crs[keys].copy()
    out["crs"] = crs["score"].to_numpy()
    out["vrs"] = vrs["score"].to_numpy()
    out["scale"] = out["crs"] / out["vrs"]
    ok = (crs["status"] == "optimal") & (vrs["status"] == "optimal")
    out["status"] = np.where(
        ok, "optimal", np.where(crs["status"] != "optimal", crs["status"], vrs["status"])
    )
    out["flag"] = [
        "; ".join(f for f in (a, b) if f) for a, b in zip(crs["flag"], vrs["flag"], strict=True)
    ]
    out.attrs["problems"] = crs.attrs.get("problems")  # records, see attached_table
    return out
