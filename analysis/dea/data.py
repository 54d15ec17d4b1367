"""Input checking and preparation for the DEA models (methods.md §4).

Every model in :mod:`analysis.dea` calls :func:`prepare` first. It returns the rows the model can
use and a ``problems`` frame (one row per detected problem: ``period``, ``dmu``, ``variable``,
``problem``, ``action``) that names the DMU. Rows are excluded **only** when no model can handle
them; otherwise they are kept and the problem is reported.

Rules (``action`` column):

* missing or non-finite value → ``excluded`` (the row cannot enter any linear program);
* negative value → ``excluded`` (DEA technologies here assume non-negative data);
* duplicate DMU id within a period → ``excluded`` (all rows of that id: which one is right is
  unknowable);
* zero input → ``kept``. Radial/DDF: harmless. SBM: the term ``s⁻_i/x_io`` is dropped (its weight
  is set to 0; the slack is forced to 0 anyway by ``Σλx + s⁻ = x_o = 0``): the zero-input rule
  of Cooper, Seiford & Tone (2007, SBM chapter), also what R's ``nonparaeff::sbm.tone`` does
  (``x0[x0 == 0] <- Inf``, i.e. weight 1/x = 0);
* zero bad output → ``kept``. SBM-undesirable: the term ``s^b/b_o`` is dropped, by the same
  zero-input rule (bad outputs enter like inputs: ``Σλb + s^b = b_o = 0`` forces ``s^b = 0``, so
  dropping the term is exact, not an approximation; the reference set is then restricted to
  DMUs with ``b = 0``). DDF: ``Σλb = (1 − β)·0`` likewise restricts the reference set;
* zero good output → ``kept``. SBM: the term ``s^g/y_o`` is dropped (our choice, recorded here;
  Cooper–Seiford–Tone instead suggest a small positive number, which makes the score depend on
  it). Output-oriented radial models and DDF can become unbounded → status ``unbounded``, NaN;
* all-zero column → ``kept`` and reported (the variable carries no information);
* a DMU that weakly dominates every other DMU of its period (inputs ≤ and good outputs ≥ and bad
  outputs ≤ all others, strictly somewhere) → ``kept`` and reported (it alone spans the CRS
  frontier; super-efficiency scores are then driven by it).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

PROBLEM_COLUMNS = ["period", "dmu", "variable", "problem", "action"]


class DEADataError(ValueError):
    """The DEA data cannot be used as specified (named cause in the message)."""


def from_arrays(
    x: np.ndarray,
    y: np.ndarray,
    b: np.ndarray | None = None,
    dmu_ids: Sequence | None = None,
) -> tuple[pd.DataFrame, list[str], list[str], list[str]]:
    """Frame with columns ``dmu, x1.., y1.., b1..`` from arrays (n × m, n × s, n × k).

    Returns ``(frame, inputs, outputs, bad_outputs)`` ready for any model of :mod:`analysis.dea`.
    """
    x = np.atleast_2d(np.asarray(x, dtype=float))
    y = np.atleast_2d(np.asarray(y, dtype=float))
    if x.shape[0] != y.shape[0]:
        x, y = x.T, y.T
    n = x.shape[0]
    b = np.zeros((n, 0)) if b is None else np.asarray(b, dtype=float).reshape(n, -1)
    ids = list(range(1, n + 1)) if dmu_ids is None else list(dmu_ids)
    inputs = [f"x{i + 1}" for i in range(x.shape[1])]
    outputs = [f"y{i + 1}" for i in range(y.shape[1])]
    bad = [f"b{i + 1}" for i in range(b.shape[1])]
    frame = pd.DataFrame({"dmu": ids})
    for names, block in ((inputs, x), (outputs, y), (bad, b)):
        for j, name in enumerate(names):
            frame[name] = block[:, j]
    return frame, inputs, outputs, bad


def _validate_columns(data: pd.DataFrame, columns: Sequence[str]) -> None:
    absent = [c for c in columns if c not in data.columns]
    if absent:
        raise DEADataError(f"columns not in the data: {absent}")


def check_inputs(
    data: pd.DataFrame,
    inputs: Sequence[str],
    outputs: Sequence[str],
    bad_outputs: Sequence[str] = (),
    dmu: str = "dmu",
    period: str | None = None,
) -> pd.DataFrame:
    """The ``problems`` frame of ``data`` (see the module docstring for the rules)."""
    inputs, outputs, bad = list(inputs), list(outputs), list(bad_outputs)
    if not inputs or not outputs:
        raise DEADataError("at least one input and one (good) output are required")
    keys = [dmu] + ([period] if period else [])
    _validate_columns(data, keys + inputs + outputs + bad)
    rows: list[dict] = []

    def add(per, unit, variable, problem, action):
        rows.append(
            {"period": per, "dmu": unit, "variable": variable, "problem": problem, "action": action}
        )

    groups = data.groupby(period, sort=True) if period else [(None, data)]
    for per, part in groups:
        dup = part[dmu][part[dmu].duplicated(keep=False)]
        for unit in pd.unique(dup):
            add(per, unit, dmu, "duplicate DMU id within the period", "excluded")
        values = part[inputs + outputs + bad].apply(pd.to_numeric, errors="coerce")
        arr = values.to_numpy(dtype=float)
        units = part[dmu].to_numpy()
        for j, var in enumerate(values.columns):
            col = arr[:, j]
            kind = "input" if var in inputs else ("good output" if var in outputs else "bad")
            for i in np.flatnonzero(~np.isfinite(col)):
                add(per, units[i], var, "missing or non-finite value", "excluded")
            for i in np.flatnonzero(np.isfinite(col) & (col < 0)):
                add(per, units[i], var, "negative value", "excluded")
            finite = np.isfinite(col)
            if finite.any() and np.all(col[finite] == 0):
                add(per, None, var, "all-zero column", "kept (variable carries no information)")
                continue
            for i in np.flatnonzero(finite & (col == 0)):
                if kind == "input":
                    action = "kept; SBM drops the term s-/x (slack forced to 0)"
                elif kind == "good output":
                    action = (
                        "kept; SBM drops the term s+/y; output-oriented radial/DDF may be unbounded"
                    )
                else:
                    action = "kept; SBM drops the term s^b/b (exact); reference restricted to b = 0"
                add(per, units[i], var, f"zero {'bad output' if kind == 'bad' else kind}", action)
        ok = np.isfinite(arr).all(axis=1) & (arr >= 0).all(axis=1)
        if ok.sum() >= 2:
            sub = arr[ok]
            # orient columns so that smaller is better (inputs, bad outputs as is; goods negated)
            sign = np.array([1.0 if (v in inputs or v in bad) else -1.0 for v in values.columns])
            oriented = sub * sign
            for i in range(sub.shape[0]):
                others = np.delete(oriented, i, axis=0)
                if np.all(oriented[i] <= others) and np.all(np.any(oriented[i] < others, axis=1)):
                    add(
                        per,
                        units[ok][i],
                        None,
                        "dominates every other DMU of the period",
                        "kept (it alone spans the CRS frontier)",
                    )
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


def prepare(
    data: pd.DataFrame,
    inputs: Sequence[str],
    outputs: Sequence[str],
    bad_outputs: Sequence[str] = (),
    dmu: str = "dmu",
    period: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``(usable, excluded, problems)``: rows the models use, rows dropped, the problems frame.

    ``excluded`` carries a ``reason`` column (the problems of that row joined by '; ').
    """
    problems = check_inputs(data, inputs, outputs, bad_outputs, dmu, period)
    data = data.reset_index(drop=True)
    bad_rows = problems[problems["action"] == "excluded"]
    reasons = pd.Series("", index=data.index, dtype=object)
    if len(bad_rows):
        for _, prob in bad_rows.iterrows():
            mask = data[dmu] == prob["dmu"]
            if period:
                mask &= data[period] == prob["period"]
            text = prob["problem"] + (f" ({prob['variable']})" if prob["variable"] else "")
            for idx in data.index[mask]:
                reasons[idx] = f"{reasons[idx]}; {text}" if reasons[idx] else text
    excluded_mask = reasons != ""
    excluded = data.loc[excluded_mask].assign(reason=reasons[excluded_mask])
    usable = data.loc[~excluded_mask].copy()
    cols = list(inputs) + list(outputs) + list(bad_outputs)
    usable[cols] = usable[cols].astype(float)
    return usable.reset_index(drop=True), excluded.reset_index(drop=True), problems


def inverse_weights(values: np.ndarray) -> np.ndarray:
    """``1/v`` with 0 where ``v = 0`` (the SBM zero-value rule: the term is dropped)."""
    values = np.asarray(values, dtype=float)
    out = np.zeros_like(values)
    np.divide(1.0, values, out=out, where=values > 0)
    return out
