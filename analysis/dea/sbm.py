"""Slacks-based measures: SBM (Tone 2001), SBM with undesirable outputs (Tone 2003; Cooper,
Seiford & Tone 2007 ch. 13) and super-efficiency SBM (Tone 2002), CRS or VRS.

SBM with m inputs x, s1 good outputs y and s2 bad outputs b (s2 = 0 gives Tone 2001):

    ρ = [1 − (1/m) Σ_i s⁻_i/x_io] / [1 + (1/(s1+s2)) (Σ_r s^g_r/y_ro + Σ_k s^b_k/b_ko)]
    s.t. x_o = X'λ + s⁻,  y_o = Y'λ − s^g,  b_o = B'λ + s^b,  λ, s ≥ 0  (VRS: Σλ = 1),

solved as one LP by the Charnes–Cooper transformation (t = 1/denominator; Λ = tλ, S = ts):
``min t − (1/m) Σ S⁻/x_o`` s.t. ``t + (1/(s1+s2))(Σ S^g/y_o + Σ S^b/b_o) = 1``,
``X'Λ + S⁻ = t x_o``, ``Y'Λ − S^g = t y_o``, ``B'Λ + S^b = t b_o`` (VRS ``ΣΛ = t``); then
``λ = Λ/t``, ``s = S/t``. Input orientation: ``ρ_I = 1 − (1/m)Σ s⁻/x`` (the denominator fixed
at 1); output orientation: ``ρ_O = 1/[1 + (1/(s1+s2))(Σ s^g/y + Σ s^b/b)]``.

Super-efficiency SBM (Tone 2002) for an SBM-efficient DMU o, reference set without o; the slack
form used in the green-TFP literature for undesirable outputs:

    δ = [1 + (1/m) Σ s⁻_i/x_io] / [1 − (1/(s1+s2)) (Σ s^g_r/y_ro + Σ s^b_k/b_ko)]
    s.t. Σ_{j≠o} λ_j x_j − s⁻ ≤ x_o,  Σ_{j≠o} λ_j y_j + s^g ≥ y_o,  Σ_{j≠o} λ_j b_j − s^b ≤ b_o,
         s^g ≤ y_o (ȳ ≥ 0),  λ, s ≥ 0  (VRS: Σλ = 1),

linearised the same way (``min t + (1/m)ΣS⁻/x_o`` s.t. ``t − (1/(s1+s2))(ΣS^g/y_o + ΣS^b/b_o)
= 1``). δ ≥ 1. Input orientation keeps outputs (s^g = s^b = 0), output orientation inputs
(s⁻ = 0).

Conventions. Super-efficiency is computed **only for DMUs with ρ ≥ 1 − tol** (tol = 1e-6); the
others keep their SBM score (column ``super`` says which). An infeasible or unbounded
super-efficiency program (possible under VRS and in the oriented variants) gives status
``infeasible``/``unbounded``, score NaN and a flag — it is never replaced by 1 or by ρ.
Zero values: the weight 1/v of a zero input, good or bad output is 0, i.e. the term is dropped
(:mod:`.data` documents why this is exact for inputs and bad outputs). Scores are unit-free.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.dea._common import Block, check_rts, frames_for, result_frame, solve_many
from analysis.dea.data import inverse_weights

ORIENTATIONS = ("none", "input", "output")
EFFICIENT_TOL = 1e-6


def _check_orientation(orientation: str) -> str:
    if orientation not in ORIENTATIONS:
        raise ValueError(f"orientation must be one of {ORIENTATIONS}, not {orientation!r}")
    return orientation


def sbm_arrays(block: Block, rts: str = "crs", orientation: str = "none") -> dict[str, np.ndarray]:
    """SBM (undesirable outputs in ``block.b``) of every evaluated DMU of ``block``.

    Returns ``score``, ``status``, ``flag``, ``lambdas`` (n × n_ref), ``slack_x``, ``slack_y``,
    ``slack_b``.
    """
    rts, orientation = check_rts(rts), _check_orientation(orientation)
    n, m = block.x.shape
    s1, s2 = block.y.shape[1], block.b.shape[1]
    nr = block.xr.shape[0]
    nv = 1 + nr + m + s1 + s2
    ix, iy, ib = 1 + nr, 1 + nr + m, 1 + nr + m + s1
    # equality rows: [normalisation; X rows; Y rows; B rows; (VRS)]
    a = np.zeros((1 + m + s1 + s2 + (rts == "vrs"), nv))
    a[1 : 1 + m, 1 : 1 + nr] = block.xr.T
    a[1 : 1 + m, ix:iy] = np.eye(m)
    a[1 + m : 1 + m + s1, 1 : 1 + nr] = block.yr.T
    a[1 + m : 1 + m + s1, iy:ib] = -np.eye(s1)
    a[1 + m + s1 : 1 + m + s1 + s2, 1 : 1 + nr] = block.br.T
    a[1 + m + s1 : 1 + m + s1 + s2, ib:] = np.eye(s2)
    if rts == "vrs":
        a[-1, 0] = -1.0
        a[-1, 1 : 1 + nr] = 1.0
    b_eq = np.zeros(a.shape[0])
    b_eq[0] = 1.0
    out = _empty(n, nr, m, s1, s2)
    problems = []
    for o in range(n):
        x0, y0, b0 = block.x[o], block.y[o], block.b[o]
        c = np.zeros(nv)
        c[0] = 1.0
        if orientation != "output":
            c[ix:iy] = -inverse_weights(x0) / m
        ao = a.copy()
        ao[0, 0] = 1.0
        if orientation != "input" and s1 + s2:
            ao[0, iy:ib] = inverse_weights(y0) / (s1 + s2)
            ao[0, ib:] = inverse_weights(b0) / (s1 + s2)
        ao[1:, 0] = 0.0
        ao[1 : 1 + m, 0] = -x0
        ao[1 + m : 1 + m + s1, 0] = -y0
        ao[1 + m + s1 : 1 + m + s1 + s2, 0] = -b0
        if rts == "vrs":
            ao[-1, 0] = -1.0
        problems.append((c, None, None, ao, b_eq, (0, None)))
    for o, (st, z, fun) in enumerate(solve_many(problems)):
        _store(out, o, st, z, fun, nr, m, s1, f"SBM {rts.upper()} program {st}")
    return out


def super_sbm_arrays(
    block: Block, rts: str = "crs", orientation: str = "none", which: Sequence[int] | None = None
) -> dict[str, np.ndarray]:
    """Super-efficiency SBM δ of the evaluated DMUs ``which`` (default all), each DMU left out of
    the reference set (``block.self_index``). Others get status ``not_computed``."""
    rts, orientation = check_rts(rts), _check_orientation(orientation)
    n, m = block.x.shape
    s1, s2 = block.y.shape[1], block.b.shape[1]
    nr = block.xr.shape[0]
    nv = 1 + nr + m + s1 + s2
    ix, iy, ib = 1 + nr, 1 + nr + m, 1 + nr + m + s1
    # inequality rows: X (m), Y (s1), B (s2), ȳ ≥ 0 (s1)
    a = np.zeros((m + 2 * s1 + s2, nv))
    a[:m, 1 : 1 + nr] = block.xr.T
    a[:m, ix:iy] = -np.eye(m)
    a[m : m + s1, 1 : 1 + nr] = -block.yr.T
    a[m : m + s1, iy:ib] = -np.eye(s1)
    a[m + s1 : m + s1 + s2, 1 : 1 + nr] = block.br.T
    a[m + s1 : m + s1 + s2, ib:] = -np.eye(s2)
    a[m + s1 + s2 :, iy:ib] = np.eye(s1)
    b_ub = np.zeros(a.shape[0])
    out = _empty(n, nr, m, s1, s2)
    which = list(range(n)) if which is None else list(which)
    problems = []
    for o in which:
        x0, y0, b0 = block.x[o], block.y[o], block.b[o]
        ao = a.copy()
        ao[:m, 0] = -x0
        ao[m : m + s1, 0] = y0
        ao[m + s1 : m + s1 + s2, 0] = -b0
        ao[m + s1 + s2 :, 0] = -y0
        c = np.zeros(nv)
        c[0] = 1.0
        if orientation != "output":
            c[ix:iy] = inverse_weights(x0) / m
        a_eq = np.zeros((1 + (rts == "vrs"), nv))
        a_eq[0, 0] = 1.0
        if orientation != "input" and s1 + s2:
            a_eq[0, iy:ib] = -inverse_weights(y0) / (s1 + s2)
            a_eq[0, ib:] = -inverse_weights(b0) / (s1 + s2)
        b_eq = np.r_[1.0, [0.0] if rts == "vrs" else []]
        if rts == "vrs":
            a_eq[1, 0] = -1.0
            a_eq[1, 1 : 1 + nr] = 1.0
        bounds = [(0, None)] * nv
        k = block.self_index[o]
        if k >= 0:
            bounds[1 + k] = (0, 0)  # leave DMU o out of its own reference set
        if orientation == "output":
            bounds[ix:iy] = [(0, 0)] * m
        if orientation == "input":
            bounds[iy:] = [(0, 0)] * (s1 + s2)
        problems.append((c, ao, b_ub, a_eq, b_eq, bounds))
    for o, (st, z, fun) in zip(which, solve_many(problems), strict=True):
        _store(out, o, st, z, fun, nr, m, s1, f"super-efficiency SBM {rts.upper()} program {st}")
    return out


def _empty(n, nr, m, s1, s2) -> dict:
    return {
        "score": np.full(n, np.nan),
        "status": np.array(["not_computed"] * n, dtype=object),
        "flag": np.array([""] * n, dtype=object),
        "lambdas": np.full((n, nr), np.nan),
        "slack_x": np.full((n, m), np.nan),
        "slack_y": np.full((n, s1), np.nan),
        "slack_b": np.full((n, s2), np.nan),
    }


def _store(out, o, st, z, fun, nr, m, s1, message) -> None:
    out["status"][o] = st
    if st != "optimal":
        out["flag"][o] = message
        return
    t = z[0]
    out["score"][o] = fun
    out["lambdas"][o] = z[1 : 1 + nr] / t
    out["slack_x"][o] = z[1 + nr : 1 + nr + m] / t
    out["slack_y"][o] = z[1 + nr + m : 1 + nr + m + s1] / t
    out["slack_b"][o] = z[1 + nr + m + s1 :] / t


def sbm(
    data: pd.DataFrame,
    inputs: Sequence[str],
    outputs: Sequence[str],
    bad_outputs: Sequence[str] = (),
    dmu: str = "dmu",
    rts: str = "crs",
    orientation: str = "none",
    super_efficiency: bool = False,
    reference: pd.DataFrame | None = None,
    period: str | None = None,
) -> pd.DataFrame:
    """SBM / SBM-undesirable scores; with ``super_efficiency=True`` Tone's (2002) super-SBM for
    the efficient DMUs (needs ``reference=None``: the DMU is left out of ``data``).

    Columns: ``dmu[, period], score, sbm_score, super, status, flag, slack_<v>, target_<v>,
    peers, lambdas`` (slacks/targets/peers of the program that produced ``score``; super-SBM
    slacks are the excess over the DMU: ``x̄ = x + s⁻``, ``ȳ = y − s^g``, ``b̄ = b + s^b``).
    """
    if super_efficiency and reference is not None:
        raise ValueError("super-efficiency needs reference=None (each DMU is left out of data)")
    inputs, outputs, bad = list(inputs), list(outputs), list(bad_outputs)
    fr = frames_for(data, inputs, outputs, bad, dmu, period, reference)
    res = sbm_arrays(fr.block, rts, orientation)
    sbm_score = res["score"].copy()
    is_super = np.zeros(fr.block.n, dtype=bool)
    if super_efficiency:
        efficient = np.flatnonzero(
            (res["status"] == "optimal") & (np.nan_to_num(sbm_score) >= 1 - EFFICIENT_TOL)
        )
        sup = super_sbm_arrays(fr.block, rts, orientation, efficient)
        for key in res:
            res[key][efficient] = sup[key][efficient]
        is_super[efficient] = True
    slacks = {v: res["slack_x"][:, j] for j, v in enumerate(inputs)}
    slacks |= {v: res["slack_y"][:, j] for j, v in enumerate(outputs)}
    slacks |= {v: res["slack_b"][:, j] for j, v in enumerate(bad)}
    out = result_frame(
        fr,
        {"score": res["score"], "sbm_score": sbm_score, "super": is_super},
        res["status"],
        res["flag"],
        res["lambdas"],
        slacks,
        [*inputs, *outputs, *bad],
    )
    name = "SuperSBM" if super_efficiency else "SBM"
    name += "-U" if bad else ""
    out.insert(len(fr.keys), "model", f"{name}-{rts.upper()}-{orientation}")
    out["super"] = out["super"].fillna(False).astype(bool)
    return out


def super_sbm(data, inputs, outputs, bad_outputs=(), dmu="dmu", **kwargs) -> pd.DataFrame:
    """:func:`sbm` with ``super_efficiency=True`` (super-SBM for efficient DMUs only)."""
    return sbm(data, inputs, outputs, bad_outputs, dmu, super_efficiency=True, **kwargs)
