"""Productivity indices over a panel (columns ``dmu``, ``period``, variables): the
Malmquist–Luenberger index (Chung, Färe & Grosskopf 1997), its global version (Oh 2010) and the
radial Malmquist index (Färe, Grosskopf, Norris & Zhang 1994, as computed by DEAP 2.1).

With ``D^a(b)`` the DDF (:mod:`.ddf`, direction (y, −b)) of the period-b observation of a DMU
against the period-a frontier (all usable DMUs of period a):

* ``ML = sqrt{[(1 + D^t(t))/(1 + D^t(t+1))] · [(1 + D^{t+1}(t))/(1 + D^{t+1}(t+1))]}``,
  ``MLEC = (1 + D^t(t))/(1 + D^{t+1}(t+1))``, ``MLTC = ML/MLEC`` (so ML = MLEC·MLTC exactly).
  The mixed-period programs ``D^t(t+1)``, ``D^{t+1}(t)`` can be infeasible: the link is then
  status ``infeasible``, the indices NaN and ``flag`` names the program — never imputed.
* global (Oh 2010): ``D^G`` against the pooled frontier of all periods (always feasible: the
  observation itself is in the reference set), ``GML = (1 + D^G(t))/(1 + D^G(t+1))``,
  ``EC = (1 + D^t(t))/(1 + D^{t+1}(t+1))``, ``BPC = GML/EC``.
* cumulative index: chain product of the link indices per DMU, first period = 1; after a NaN
  link the cumulative index is NaN (the chain is broken). For GML the chain telescopes:
  ``Π GML = (1 + D^G(first))/(1 + D^G(t))``.

Radial Malmquist (output or input oriented, CRS distances = Farrell efficiencies ``te``, VRS
within-period ``te`` for the decomposition): ``effch = te^{t+1}(t+1)/te^t(t)``,
``techch = sqrt{[te^t(t+1)/te^{t+1}(t+1)] · [te^t(t)/te^{t+1}(t)]}``, ``tfpch = effch·techch``,
``pech = vrs^{t+1}(t+1)/vrs^t(t)``, ``sech = effch/pech``. All indices are unit-free; > 1 means
growth. Only DMUs observed (usable) in both periods of a link get a row.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.dea._common import attach_table, make_block
from analysis.dea.data import prepare
from analysis.dea.ddf import ddf_arrays
from analysis.dea.radial import radial_arrays

KINDS = ("contemporaneous", "global")


class MalmquistPanelError(ValueError):
    """The panel cannot be used for a productivity index (named cause in the message)."""


def _periods(usable: pd.DataFrame, period: str) -> list:
    periods = sorted(pd.unique(usable[period]))
    if len(periods) < 2:
        raise MalmquistPanelError(f"at least two periods are needed, found {periods}")
    return periods


def _arrays(part: pd.DataFrame, inputs, outputs, bad):
    return (
        part[list(inputs)].to_numpy(float),
        part[list(outputs)].to_numpy(float),
        part[list(bad)].to_numpy(float) if bad else np.zeros((len(part), 0)),
    )


def _links(usable, dmu, period, periods):
    """Rows (dmu, t, t+1, row index in t, row index in t+1) for DMUs present in both."""
    pos = {p: {u: i for i, u in enumerate(usable.loc[usable[period] == p, dmu])} for p in periods}
    links = []
    for p, q in itertools.pairwise(periods):
        for u, i in pos[p].items():
            if u in pos[q]:
                links.append((u, p, q, i, pos[q][u]))
    return links


def _chain(frame: pd.DataFrame, dmu: str, column: str) -> pd.Series:
    """Cumulative product per DMU in period order; NaN from the first NaN link on."""
    out = pd.Series(np.nan, index=frame.index)
    for _, idx in frame.groupby(dmu, sort=False).groups.items():
        vals = frame.loc[idx, column].to_numpy(float)
        prod = np.cumprod(vals)
        broken = np.cumsum(np.isnan(vals)) > 0
        prod[broken] = np.nan
        out.loc[idx] = prod
    return out


def malmquist_luenberger(
    panel: pd.DataFrame,
    inputs: Sequence[str],
    outputs: Sequence[str],
    bad_outputs: Sequence[str],
    dmu: str = "dmu",
    period: str = "period",
    rts: str = "crs",
    kind: str = "contemporaneous",
) -> pd.DataFrame:
    """ML (``kind='contemporaneous'``) or global ML (``'global'``) per DMU and pair of periods.

    Columns: ``dmu, period_from, period_to, d_t_t, d_t1_t1`` and, contemporaneous,
    ``d_t_t1, d_t1_t, ml, mlec, mltc, cumulative``; global, ``d_g_t, d_g_t1, gml, ec, bpc,
    cumulative``; then ``status, flag``. :func:`~._common.attached_table` gives ``problems``,
    ``excluded``, ``distances`` (every DDF solved) and, global, ``global_distances``.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    inputs, outputs, bad = list(inputs), list(outputs), list(bad_outputs)
    usable, excluded, problems = prepare(panel, inputs, outputs, bad, dmu, period)
    periods = _periods(usable, period)
    parts = {p: usable[usable[period] == p].reset_index(drop=True) for p in periods}
    arrays = {p: _arrays(parts[p], inputs, outputs, bad) for p in periods}
    dist: dict[tuple, dict] = {}

    def solve(frontier, evaluated):
        x, y, b = arrays[evaluated]
        xr, yr, br = arrays[frontier]
        dist[(frontier, evaluated)] = ddf_arrays(make_block(x, y, b, xr, yr, br), rts)

    for p in periods:
        solve(p, p)
    if kind == "contemporaneous":
        for p, q in itertools.pairwise(periods):
            solve(p, q)
            solve(q, p)
    else:
        x, y, b = _arrays(usable, inputs, outputs, bad)
        glob = ddf_arrays(make_block(x, y, b), rts)
        # map (period, row within the period) → row of the pooled frontier (usable's order)
        pooled_index = {p: np.flatnonzero((usable[period] == p).to_numpy()) for p in periods}

    rows = []
    for u, p, q, i, j in _links(usable, dmu, period, periods):
        d = {
            "d_t_t": dist[(p, p)]["beta"][i],
            "d_t1_t1": dist[(q, q)]["beta"][j],
        }
        why = []
        for key, (f, e, r) in {"d_t_t": (p, p, i), "d_t1_t1": (q, q, j)}.items():
            if dist[(f, e)]["status"][r] != "optimal":
                why.append(f"{key} {dist[(f, e)]['status'][r]}")
        if kind == "contemporaneous":
            d["d_t_t1"] = dist[(p, q)]["beta"][j]
            d["d_t1_t"] = dist[(q, p)]["beta"][i]
            for key, (f, e, r) in {"d_t_t1": (p, q, j), "d_t1_t": (q, p, i)}.items():
                if dist[(f, e)]["status"][r] != "optimal":
                    why.append(
                        f"{key} (period-{f} frontier, period-{e} data) {dist[(f, e)]['status'][r]}"
                    )
            a, bb = 1 + d["d_t_t"], 1 + d["d_t_t1"]
            c, dd = 1 + d["d_t1_t"], 1 + d["d_t1_t1"]
            with np.errstate(invalid="ignore", divide="ignore"):
                prod = (a / bb) * (c / dd)
                ml = float(np.sqrt(prod)) if prod > 0 else np.nan
                mlec = a / dd if dd > 0 else np.nan
            if not why and not (min(a, bb, c, dd) > 0):
                why.append("1 + D ≤ 0: index undefined")
            d |= {"ml": ml, "mlec": mlec, "mltc": ml / mlec if mlec else np.nan}
        else:
            gi = pooled_index[p][i]
            gj = pooled_index[q][j]
            d["d_g_t"] = glob["beta"][gi]
            d["d_g_t1"] = glob["beta"][gj]
            for key, r in {"d_g_t": gi, "d_g_t1": gj}.items():
                if glob["status"][r] != "optimal":
                    why.append(f"{key} {glob['status'][r]}")
            gml = (1 + d["d_g_t"]) / (1 + d["d_g_t1"])
            ec = (1 + d["d_t_t"]) / (1 + d["d_t1_t1"])
            d |= {"gml": gml, "ec": ec, "bpc": gml / ec}
        if why:
            for key in ("ml", "mlec", "mltc", "gml", "ec", "bpc"):
                if key in d:
                    d[key] = np.nan
        rows.append(
            {
                dmu: u,
                "period_from": p,
                "period_to": q,
                **d,
                "status": "infeasible" if why else "optimal",
                "flag": "; ".join(why),
            }
        )
    out = pd.DataFrame(rows)
    index_col = "ml" if kind == "contemporaneous" else "gml"
    if len(out):
        out["cumulative"] = _chain(out, dmu, index_col)
        status = out.pop("status")
        flag = out.pop("flag")
        out["status"], out["flag"] = status, flag
    attach_table(out, "problems", problems)
    attach_table(out, "excluded", excluded)
    attach_table(out, "distances", _distance_frame(dist, parts, dmu, period))
    if kind == "global":
        gl = usable[[dmu, period]].copy()
        gl["beta"] = glob["beta"]
        gl["status"] = glob["status"]
        attach_table(out, "global_distances", gl)
    return out


def _distance_frame(dist, parts, dmu, period) -> pd.DataFrame:
    frames = []
    for (f, e), res in dist.items():
        part = parts[e][[dmu]].copy()
        part["frontier_period"] = f
        part[period] = e
        part["beta"] = res["beta"]
        part["status"] = res["status"]
        frames.append(part)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def malmquist(
    panel: pd.DataFrame,
    inputs: Sequence[str],
    outputs: Sequence[str],
    dmu: str = "dmu",
    period: str = "period",
    orientation: str = "output",
) -> pd.DataFrame:
    """Radial (FGNZ 1994 / DEAP 2.1) Malmquist index per DMU and pair of consecutive periods.

    Columns: ``dmu, period_from, period_to, crs_t_t, crs_t_t1, crs_t1_t, crs_t1_t1, vrs_t,
    vrs_t1, effch, techch, pech, sech, tfpch, cumulative, status, flag`` where ``crs_a_b`` is
    the CRS Farrell efficiency of the period-b data against the period-a frontier.
    """
    inputs, outputs = list(inputs), list(outputs)
    usable, excluded, problems = prepare(panel, inputs, outputs, (), dmu, period)
    periods = _periods(usable, period)
    parts = {p: usable[usable[period] == p].reset_index(drop=True) for p in periods}
    arrays = {p: _arrays(parts[p], inputs, outputs, ()) for p in periods}

    def te(frontier, evaluated, rts):
        x, y, _ = arrays[evaluated]
        xr, yr, _ = arrays[frontier]
        res = radial_arrays(make_block(x, y, None, xr, yr), orientation, rts, two_phase=False)
        return res["score"], res["status"]

    crs = {(p, p): te(p, p, "crs") for p in periods}
    vrs = {p: te(p, p, "vrs") for p in periods}
    for p, q in itertools.pairwise(periods):
        crs[(p, q)] = te(p, q, "crs")
        crs[(q, p)] = te(q, p, "crs")
    rows = []
    for u, p, q, i, j in _links(usable, dmu, period, periods):
        vals = {
            "crs_t_t": crs[(p, p)][0][i],
            "crs_t_t1": crs[(p, q)][0][j],
            "crs_t1_t": crs[(q, p)][0][i],
            "crs_t1_t1": crs[(q, q)][0][j],
            "vrs_t": vrs[p][0][i],
            "vrs_t1": vrs[q][0][j],
        }
        sts = {
            "crs_t_t": crs[(p, p)][1][i],
            "crs_t_t1": crs[(p, q)][1][j],
            "crs_t1_t": crs[(q, p)][1][i],
            "crs_t1_t1": crs[(q, q)][1][j],
            "vrs_t": vrs[p][1][i],
            "vrs_t1": vrs[q][1][j],
        }
        why = [f"{k} {s}" for k, s in sts.items() if s != "optimal"]
        effch = vals["crs_t1_t1"] / vals["crs_t_t"]
        techch = np.sqrt(
            (vals["crs_t_t1"] / vals["crs_t1_t1"]) * (vals["crs_t_t"] / vals["crs_t1_t"])
        )
        pech = vals["vrs_t1"] / vals["vrs_t"]
        rows.append(
            {
                dmu: u,
                "period_from": p,
                "period_to": q,
                **vals,
                "effch": effch,
                "techch": techch,
                "pech": pech,
                "sech": effch / pech,
                "tfpch": effch * techch,
                "status": "infeasible" if why else "optimal",
                "flag": "; ".join(why),
            }
        )
    out = pd.DataFrame(rows)
    if len(out):
        out["cumulative"] = _chain(out, dmu, "tfpch")
        status, flag = out.pop("status"), out.pop("flag")
        out["status"], out["flag"] = status, flag
    attach_table(out, "problems", problems)
    attach_table(out, "excluded", excluded)
    return out
