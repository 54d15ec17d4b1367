"""Shared pieces of the DEA models: the HiGHS call, the data blocks and the tidy result frame.

Status strings (column ``status``): ``optimal``, ``infeasible``, ``unbounded``, ``failed``
(iteration limit or numerical trouble), ``excluded`` (row dropped by :func:`~.data.prepare`),
``not_computed``. A score is a number only when the status is ``optimal``; otherwise it is NaN
and ``flag`` says why. Nothing is ever replaced by 1 or by another model's value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import linprog

from analysis.dea.data import prepare

LAMBDA_TOL = 1e-9
_STATUS = {0: "optimal", 1: "failed", 2: "infeasible", 3: "unbounded", 4: "failed"}


def solve_lp(c, a_ub=None, b_ub=None, a_eq=None, b_eq=None, bounds=(0, None)):
    """``(status, x, fun)`` of ``min c·z`` with HiGHS; ``x``/``fun`` are None unless optimal."""
    res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    status = _STATUS.get(res.status, "failed")
    if status != "optimal":
        return status, None, None
    return status, res.x, float(res.fun)


@dataclass
class Block:
    """Evaluated DMUs and their reference set as arrays (rows = DMUs).

    ``x`` (n × m), ``y`` (n × s), ``b`` (n × k) for the evaluated DMUs; ``xr``, ``yr``, ``br`` for
    the ``n_ref`` reference DMUs (the frontier); ``self_index[i]`` is the row of DMU ``i`` in the
    reference set (−1 if it is not in it), used to leave it out for super-efficiency.
    """

    x: np.ndarray
    y: np.ndarray
    b: np.ndarray
    xr: np.ndarray
    yr: np.ndarray
    br: np.ndarray
    self_index: np.ndarray

    @property
    def n(self) -> int:
        return self.x.shape[0]


def make_block(x, y, b=None, xr=None, yr=None, br=None, self_index=None) -> Block:
    """Block from arrays; the reference set defaults to the evaluated DMUs themselves."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    b = np.zeros((x.shape[0], 0)) if b is None else np.asarray(b, dtype=float)
    same = xr is None
    xr = x if xr is None else np.asarray(xr, dtype=float)
    yr = y if yr is None else np.asarray(yr, dtype=float)
    if br is None:
        br = b if same else np.zeros((xr.shape[0], b.shape[1]))
    br = np.asarray(br, dtype=float)
    if self_index is None:
        self_index = np.arange(x.shape[0]) if same else np.full(x.shape[0], -1)
    return Block(x, y, b, xr, yr, br, np.asarray(self_index, dtype=int))


@dataclass
class Frames:
    """A model call's data after :func:`prepare`: usable rows, exclusions, problems, reference."""

    usable: pd.DataFrame
    excluded: pd.DataFrame
    problems: pd.DataFrame
    reference: pd.DataFrame
    keys: list[str]
    block: Block
    ref_labels: list


def frames_for(
    data: pd.DataFrame,
    inputs: Sequence[str],
    outputs: Sequence[str],
    bad_outputs: Sequence[str],
    dmu: str,
    period: str | None,
    reference: pd.DataFrame | None,
) -> Frames:
    """Check and split ``data`` (and ``reference``), build the array block."""
    inputs, outputs, bad = list(inputs), list(outputs), list(bad_outputs)
    usable, excluded, problems = prepare(data, inputs, outputs, bad, dmu, period)
    keys = [dmu] + ([period] if period else [])
    if reference is None:
        ref = usable
        self_index = np.arange(len(usable))
    else:
        ref_period = period if period and period in reference.columns else None
        ref, _, ref_problems = prepare(reference, inputs, outputs, bad, dmu, ref_period)
        if len(ref_problems):
            problems = pd.concat(
                [
                    problems,
                    ref_problems.assign(problem="reference set: " + ref_problems["problem"]),
                ],
                ignore_index=True,
            )
        self_index = np.full(len(usable), -1)
    ref_keys = [k for k in keys if k in ref.columns]
    labels = (
        list(ref[dmu])
        if len(ref_keys) == 1
        else list(ref[ref_keys].itertuples(index=False, name=None))
    )
    block = make_block(
        usable[inputs].to_numpy(float),
        usable[outputs].to_numpy(float),
        usable[bad].to_numpy(float) if bad else None,
        ref[inputs].to_numpy(float),
        ref[outputs].to_numpy(float),
        ref[bad].to_numpy(float) if bad else np.zeros((len(ref), 0)),
        self_index,
    )
    return Frames(usable, excluded, problems, ref, keys, block, labels)


def result_frame(
    fr: Frames,
    columns: dict[str, np.ndarray],
    status: Sequence[str],
    flag: Sequence[str],
    lambdas: np.ndarray,
    slacks: dict[str, np.ndarray],
    variables: Sequence[str],
) -> pd.DataFrame:
    """Tidy result: keys, model columns, status, flag, slack_/target_ per variable, peers.

    ``targets`` are the reference combinations ``Σ_j λ_j v_j`` (the projection), ``peers`` the
    reference labels with ``λ > 1e-9`` and ``lambdas`` their weights (same order). Excluded rows
    follow with status ``excluded``. ``attrs['problems']`` holds the problems frame.
    """
    out = fr.usable[fr.keys].copy()
    for name, values in columns.items():
        out[name] = values
    out["status"] = list(status)
    out["flag"] = list(flag)
    ref_values = fr.reference[list(variables)].to_numpy(float) if len(fr.reference) else None
    for var in variables:
        values = np.asarray(slacks.get(var, np.full(len(out), np.nan)), dtype=float)
        out[f"slack_{var}"] = np.where(np.abs(values) < 1e-10, 0.0, values)  # no −0.0 from HiGHS
    if ref_values is not None and lambdas.size:
        targets = lambdas @ ref_values
    else:
        targets = np.full((len(out), len(variables)), np.nan)
    for j, var in enumerate(variables):
        out[f"target_{var}"] = targets[:, j]
    peers, weights = [], []
    for row in lambdas:
        idx = np.flatnonzero(np.nan_to_num(row) > LAMBDA_TOL)
        peers.append([fr.ref_labels[i] for i in idx])
        weights.append([float(row[i]) for i in idx])
    out["peers"] = peers
    out["lambdas"] = weights
    if len(fr.excluded):
        ex = fr.excluded[fr.keys].copy()
        for name in columns:
            ex[name] = np.nan
        ex["status"] = "excluded"
        ex["flag"] = fr.excluded["reason"].to_numpy()
        out = pd.concat([out, ex], ignore_index=True)
    out.attrs["problems"] = fr.problems
    out.attrs["keys"] = list(fr.keys)
    return out


def lambdas_long(result: pd.DataFrame) -> pd.DataFrame:
    """Long frame of the intensity weights: one row per (evaluated DMU, peer) with ``lambda``."""
    keys = result.attrs.get("keys") or [result.columns[0]]
    rows = []
    for _, r in result.iterrows():
        for peer, lam in zip(r["peers"] or [], r["lambdas"] or [], strict=True):
            rows.append({**{k: r[k] for k in keys}, "peer": peer, "lambda": lam})
    return pd.DataFrame(rows, columns=[*keys, "peer", "lambda"])


def check_rts(rts: str) -> str:
    rts = rts.lower()
    if rts not in ("crs", "vrs"):
        raise ValueError(f"rts must be 'crs' or 'vrs', not {rts!r}")
    return rts
