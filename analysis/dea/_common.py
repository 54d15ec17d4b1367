"""Shared pieces of the DEA models: the HiGHS call, the data blocks and the tidy result frame.

Status strings (column ``status``): ``optimal``, ``infeasible``, ``unbounded``, ``failed``
(iteration limit or numerical trouble), ``excluded`` (row dropped by :func:`~.data.prepare`),
``not_computed``. A score is a number only when the status is ``optimal``; otherwise it is NaN
and ``flag`` says why. Nothing is ever replaced by 1 or by another model's value.

Performance: each model builds its constraint matrix once with numpy (the reference-set block)
and per DMU only writes the DMU's own column / right-hand side; :func:`solve_many` then stacks
up to ``BATCH`` programs block-diagonally into one HiGHS call, falling back to one call per
program for a batch whose stacked program is not optimal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linprog

from analysis.dea.data import prepare

LAMBDA_TOL = 1e-9
BATCH = 40  # LPs stacked block-diagonally into one HiGHS call (see solve_many)
_STATUS = {0: "optimal", 1: "failed", 2: "infeasible", 3: "unbounded", 4: "failed"}


def solve_lp(c, a_ub=None, b_ub=None, a_eq=None, b_eq=None, bounds=(0, None)):
    """``(status, x, fun)`` of ``min c·z`` with HiGHS; ``x``/``fun`` are None unless optimal."""
    res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    status = _STATUS.get(res.status, "failed")
    if status != "optimal":
        return status, None, None
    return status, res.x, float(res.fun)


def _bounds_array(bounds, nv: int) -> np.ndarray:
    """``(nv, 2)`` float bounds (None → ∓inf) from a pair or a list of pairs."""
    pairs = [bounds] * nv if isinstance(bounds, tuple) else list(bounds)
    arr = np.array(pairs, dtype=object).reshape(nv, 2)
    lower = np.array([-np.inf if v is None else v for v in arr[:, 0]], dtype=float)
    upper = np.array([np.inf if v is None else v for v in arr[:, 1]], dtype=float)
    return np.column_stack([lower, upper])


def solve_many(problems: Sequence[tuple], batch: int = BATCH) -> list[tuple]:
    """Solve independent LPs ``(c, a_ub, b_ub, a_eq, b_eq, bounds)``; ``[(status, x, fun)]``.

    Up to ``batch`` programs are stacked block-diagonally (sparse) into one ``linprog`` call:
    the objective is separable, so a joint optimum is optimal block by block, and scipy's
    per-call overhead (most of the time for DEA-sized programs) is paid once. If the stacked
    program is not optimal (one block infeasible or unbounded), that batch is solved program
    by program, so each DMU gets its own status.
    """
    out: list[tuple] = [("not_computed", None, None)] * len(problems)
    for start in range(0, len(problems), batch):
        chunk = problems[start : start + batch]
        if len(chunk) == 1:
            out[start] = solve_lp(*chunk[0])
            continue
        sizes = [len(p[0]) for p in chunk]
        c = np.concatenate([p[0] for p in chunk])
        a_ub = sparse.block_diag(
            [
                p[1] if p[1] is not None else np.zeros((0, n))
                for p, n in zip(chunk, sizes, strict=True)
            ],
            format="csr",
        )
        b_ub = np.concatenate([p[2] if p[1] is not None else [] for p in chunk])
        a_eq = sparse.block_diag(
            [
                p[3] if p[3] is not None else np.zeros((0, n))
                for p, n in zip(chunk, sizes, strict=True)
            ],
            format="csr",
        )
        b_eq = np.concatenate([p[4] if p[3] is not None else [] for p in chunk])
        bounds = np.vstack([_bounds_array(p[5], n) for p, n in zip(chunk, sizes, strict=True)])
        st, x, _ = solve_lp(
            c,
            a_ub if a_ub.shape[0] else None,
            b_ub if a_ub.shape[0] else None,
            a_eq if a_eq.shape[0] else None,
            b_eq if a_eq.shape[0] else None,
            bounds,
        )
        if st == "optimal":
            offsets = np.cumsum([0, *sizes])
            for k, p in enumerate(chunk):
                xk = x[offsets[k] : offsets[k + 1]]
                out[start + k] = ("optimal", xk, float(p[0] @ xk))
        else:
            for k, p in enumerate(chunk):
                out[start + k] = solve_lp(*p)
    return out


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
    follow with status ``excluded``; ``attached_table(result, 'problems')`` is the problems frame.
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
    attach_table(out, "problems", fr.problems)
    out.attrs["keys"] = tuple(fr.keys)
    return out


def attach_table(frame: pd.DataFrame, name: str, table: pd.DataFrame) -> None:
    """Store ``table`` in ``frame.attrs[name]`` as plain records.

    Not as a DataFrame: pandas compares ``attrs`` with ``==`` in ``pd.concat`` and a DataFrame
    there raises. Read it back with :func:`attached_table`.
    """
    frame.attrs[name] = {
        "columns": tuple(table.columns),
        "records": tuple(tuple(r) for r in table.itertuples(index=False, name=None)),
    }


def attached_table(result: pd.DataFrame, name: str = "problems") -> pd.DataFrame:
    """A table stored by a model in ``result.attrs`` (``problems``; Malmquist: ``excluded``,
    ``distances``, ``global_distances``) as a DataFrame; empty if absent."""
    stored = result.attrs.get(name)
    if not stored:
        return pd.DataFrame()
    return pd.DataFrame(list(stored["records"]), columns=list(stored["columns"]))


def lambdas_long(result: pd.DataFrame) -> pd.DataFrame:
    """Long frame of the intensity weights: one row per (evaluated DMU, peer) with ``lambda``."""
    keys = list(result.attrs.get("keys") or [result.columns[0]])
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
