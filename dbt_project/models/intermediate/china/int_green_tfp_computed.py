"""Green total factor productivity of Chinese provinces (dbt Python model; analysis.dea; issue 6).

DMU = province × year with every DEA variable present: inputs labour (``labour_10k``, 万人),
capital (``capital_stock_cny_100m``, 2000 prices) and energy (``energy_10k_tce``); good output
real GRP (``grp_real_cny_100m``); bad output CO2 (``co2_mt``, CEADs). A province-year lacking a
variable is a row with NULL scores and ``missing_inputs`` naming the missing columns (Tibet:
energy and CO2).

Labour is urban-unit employment (province_panel ``emp_urban_total_10k``). NBS publishes it by
province for 2008-2019 (and 12 provinces in 2004) but not for 2005-2007; with config
``labour_fill: national_share`` (default) the gaps are estimated by
:func:`analysis.labour_fill.fill_labour_national_share` (the province's share of the national
total 城镇单位就业人员 interpolated linearly between observed years, held before the first and
after the last) and labelled in ``labour_source``; ``labour_fill: none`` scores observed labour
only. Capital, energy, GRP and CO2 are never filled.

Defaults (model yml ``config``; seed 004, Zheng et al.: super-efficiency DEA, inputs labour,
capital, energy, good output value added, bad output carbon emissions, constant returns to
scale, global production technology set, base year 2004):

* ``super_sbm_score``: super-efficiency SBM with undesirable outputs (Tone 2002/2003;
  :func:`analysis.dea.sbm` with ``super_efficiency=True``; config ``dea_model:
  super_sbm_undesirable``, or ``sbm_undesirable`` for the plain SBM-U score ≤ 1), non-oriented
  (config ``orientation``: none | input | output), one frontier per year (config
  ``score_frontier: contemporaneous``, or ``global``: one frontier of every province-year of
  the range), returns to scale ``rts`` (config, default ``crs``; also used by the indices);
* ``gml_*``: global Malmquist–Luenberger index (Oh 2010; :func:`analysis.dea.
  malmquist_luenberger` ``kind='global'``; DDF with direction (y, −b) against the pooled
  frontier, always feasible) of year t relative to t−1, ``gml = gml_ec × gml_bpc``;
* ``ml_*``: contemporaneous ML (Chung, Färe & Grosskopf 1997), ``ml = ml_ec × ml_tc``; NULL
  with the library's flag where a mixed-period program is infeasible;
* ``*_cumulative``: chain product of the link indices per province, 1 in the province's first
  scored year; NULL from a missing or NULL link on (the chain is broken, never bridged).

Grain: one row per province_code × year of province_panel in [first_year, last_year] (wide;
config from env DBT_GREEN_TFP_FIRST_YEAR / _LAST_YEAR, else vars green_tfp_first_year /
green_tfp_last_year, else 2004-2019: rendered when dbt parses the project). marts.green_tfp
takes its year range from this model.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.dea import MalmquistPanelError, malmquist_luenberger, sbm
from analysis.labour_fill import fill_labour_national_share

INPUTS = ["labour_10k", "capital_stock_cny_100m", "energy_10k_tce"]
GOOD = ["grp_real_cny_100m"]
BAD = ["co2_mt"]
VARIABLES = INPUTS + GOOD + BAD
MODELS = ("super_sbm_undesirable", "sbm_undesirable")
ORIENTATIONS = ("none", "input", "output")
FRONTIERS = ("contemporaneous", "global")
LABOUR_FILLS = ("national_share", "none")
#: national urban-unit employment total (万人) in stg_china__nbs_national_observations
NATIONAL_EMPLOYMENT = "城镇单位就业人员"
#: kind -> (column prefix, library columns, output columns)
LINK_COLUMNS = {
    "global": ("gml", ("gml", "ec", "bpc"), ("gml_index", "gml_ec", "gml_bpc")),
    "contemporaneous": ("ml", ("ml", "mlec", "mltc"), ("ml_index", "ml_ec", "ml_tc")),
}

COLUMNS = {
    "province_code": "object",
    "year": "int64",
    "emp_urban_total_10k": "float64",
    **{v: "float64" for v in VARIABLES},
    "labour_source": "object",
    "missing_inputs": "object",
    "is_scored": "bool",
    "n_dmus": "int64",
    "dea_model": "object",
    "rts": "object",
    "super_sbm_score": "float64",
    "sbm_score": "float64",
    "is_super_efficient": "object",
    "score_status": "object",
    "score_flag": "object",
    "gml_index": "float64",
    "gml_ec": "float64",
    "gml_bpc": "float64",
    "gml_cumulative": "float64",
    "gml_status": "object",
    "gml_flag": "object",
    "ml_index": "float64",
    "ml_ec": "float64",
    "ml_tc": "float64",
    "ml_cumulative": "float64",
    "ml_status": "object",
    "ml_flag": "object",
}


def _as_bool(value, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


class ScoreSpec:
    """How the efficiency scores are computed (model config; module docstring). A plain class:
    dbt runs this file without registering it in ``sys.modules``, which dataclasses need."""

    def __init__(
        self,
        model: str = "super_sbm_undesirable",
        rts: str = "crs",
        orientation: str = "none",
        frontier: str = "contemporaneous",
    ) -> None:
        for name, value, allowed in (
            ("dea_model", model, MODELS),
            ("orientation", orientation, ORIENTATIONS),
            ("score_frontier", frontier, FRONTIERS),
        ):
            if value not in allowed:
                raise ValueError(f"{name} must be one of {allowed}, not {value!r}")
        self.model, self.rts, self.orientation, self.frontier = model, rts, orientation, frontier


def _score_rows(res: pd.DataFrame, n_dmus: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "province_code": res["province_code"].to_numpy(),
            "year": res["year"].astype("int64").to_numpy(),
            "dea_model": res["model"].to_numpy(),
            "super_sbm_score": res["score"].to_numpy(dtype=float),
            "sbm_score": res["sbm_score"].to_numpy(dtype=float),
            "is_super_efficient": res["super"].to_numpy(dtype=bool),
            "score_status": res["status"].to_numpy(),
            "score_flag": res["flag"].to_numpy(),
            "n_dmus": n_dmus,
        }
    )


def scores(dmus: pd.DataFrame, spec: ScoreSpec) -> pd.DataFrame:
    """SBM-U or super-SBM-U scores: province_code, year, scores, n_dmus of the frontier.

    ``contemporaneous``: one frontier per year (each year's DMUs); ``global``: one frontier of
    every province-year of the range (a DMU = province × year)."""
    kwargs = {
        "dmu": "province_code",
        "period": "year",
        "rts": spec.rts,
        "orientation": spec.orientation,
        "super_efficiency": spec.model == "super_sbm_undesirable",
    }
    data = dmus[["province_code", "year", *VARIABLES]].reset_index(drop=True)
    if data.empty:
        return pd.DataFrame()
    if spec.frontier == "global":
        return _score_rows(sbm(data, INPUTS, GOOD, BAD, **kwargs), len(data))
    parts = [
        _score_rows(sbm(part.reset_index(drop=True), INPUTS, GOOD, BAD, **kwargs), len(part))
        for _, part in data.groupby("year", sort=True)
    ]
    return pd.concat(parts, ignore_index=True)


def ml_links(dmus: pd.DataFrame, rts: str, kind: str) -> tuple[pd.DataFrame, str]:
    """Link rows (province_code, year = period_to, index, components, status, flag)."""
    prefix, cols, names = LINK_COLUMNS[kind]
    try:
        res = malmquist_luenberger(
            dmus[["province_code", "year", *VARIABLES]].reset_index(drop=True),
            INPUTS,
            GOOD,
            BAD,
            dmu="province_code",
            period="year",
            rts=rts,
            kind=kind,
        )
    except MalmquistPanelError as exc:
        return pd.DataFrame(columns=["province_code", "year"]), str(exc)
    if res.empty:
        return pd.DataFrame(columns=["province_code", "year"]), ""
    out = pd.DataFrame(
        {
            "province_code": res["province_code"].to_numpy(),
            "year": res["period_to"].astype("int64").to_numpy(),
            "link_from": res["period_from"].astype("int64").to_numpy(),
        }
    )
    for col, name in zip(cols, names, strict=True):
        out[name] = res[col].to_numpy(dtype=float)
    out[f"{prefix}_status"] = res["status"].to_numpy()
    out[f"{prefix}_flag"] = res["flag"].to_numpy()
    return out, ""


def chain(frame: pd.DataFrame, prefix: str, index_col: str) -> pd.DataFrame:
    """Per province in year order: cumulative = 1 in the first scored year, then × the link
    index of t−1 → t; NULL from a missing / NULL link on. Statuses of non-link rows."""
    frame = frame.sort_values(["province_code", "year"]).copy()
    cumulative = np.full(len(frame), np.nan)
    status = frame[f"{prefix}_status"].to_numpy(dtype=object).copy()
    flag = frame[f"{prefix}_flag"].to_numpy(dtype=object).copy()
    scored = frame["is_scored"].to_numpy(dtype=bool)
    values = frame[index_col].to_numpy(dtype=float)
    links = frame["link_from"].to_numpy(dtype=float)
    years = frame["year"].to_numpy(dtype=int)
    for _, idx in frame.groupby("province_code", sort=False).indices.items():
        current, started = np.nan, False
        prev_year = None
        for k in idx:
            if not scored[k]:
                status[k], flag[k] = "not_scored", "province-year not scored"
                prev_year = None
                continue
            if not started:
                current, started = 1.0, True
                status[k], flag[k] = "base_year", "first scored year: cumulative index = 1"
            elif prev_year is None or np.isnan(links[k]) or links[k] != prev_year:
                current = np.nan
                if pd.isna(status[k]):
                    status[k] = "no_previous_year"
                    flag[k] = f"year {years[k] - 1} not scored: no link, chain broken"
            else:
                current = current * values[k]  # NaN link → NaN from here on
            cumulative[k] = current
            prev_year = years[k]
    frame[f"{prefix}_cumulative"] = cumulative
    frame[f"{prefix}_status"] = status
    frame[f"{prefix}_flag"] = flag
    return frame.drop(columns="link_from")


def labour_input(panel: pd.DataFrame, national: pd.Series | None, labour_fill: str) -> pd.DataFrame:
    """province_code, year, labour_10k, labour_source for the panel rows (module docstring)."""
    rows = panel[["province_code", "year", "emp_urban_total_10k"]].copy()
    rows["year"] = rows["year"].astype("int64")
    if labour_fill == "national_share" and national is not None and not national.empty:
        return fill_labour_national_share(rows, national)
    observed = rows["emp_urban_total_10k"].astype("float64")
    return rows.assign(
        labour_10k=observed,
        labour_source=np.where(observed.notna(), "observed", None),
    ).drop(columns="emp_urban_total_10k")


def green_tfp(
    panel: pd.DataFrame,
    spec: ScoreSpec | None = None,
    contemporaneous_ml: bool = True,
    national_employment: pd.Series | None = None,
    labour_fill: str = "national_share",
) -> pd.DataFrame:
    """The model's output frame from province_panel rows and the national employment total
    N_t (万人 by year; used only by ``labour_fill='national_share'``). ``spec``: the score
    model (default: super-SBM-U, CRS, non-oriented, one frontier per year); the ML indices
    use ``spec.rts``."""
    spec = spec or ScoreSpec()
    rts = spec.rts
    if labour_fill not in LABOUR_FILLS:
        raise ValueError(f"labour_fill must be one of {LABOUR_FILLS}, not {labour_fill!r}")
    base = panel[["province_code", "year", "emp_urban_total_10k", *VARIABLES[1:]]].copy()
    base["year"] = base["year"].astype("int64")
    labour = labour_input(base, national_employment, labour_fill)
    frame = base.merge(labour, on=["province_code", "year"], how="left", validate="1:1")
    frame = frame[["province_code", "year", "emp_urban_total_10k", "labour_source", *VARIABLES]]
    frame[[*VARIABLES, "emp_urban_total_10k"]] = frame[[*VARIABLES, "emp_urban_total_10k"]].astype(
        "float64"
    )
    missing = frame[VARIABLES].isna()
    frame["missing_inputs"] = [
        "; ".join(v for v in VARIABLES if row[v]) or None for row in missing.to_dict("records")
    ]
    complete = frame[~missing.any(axis=1)].copy()
    n_dmus = complete.groupby("year").size() if spec.frontier == "contemporaneous" else None
    frame["n_dmus"] = (
        frame["year"].map(n_dmus).fillna(0).astype("int64")
        if n_dmus is not None
        else np.int64(len(complete))
    )
    score_rows = scores(complete, spec)
    if not score_rows.empty:
        frame = frame.merge(
            score_rows.drop(columns="n_dmus"), on=["province_code", "year"], how="left"
        )
    else:
        for col in ("dea_model", "score_status", "score_flag", "is_super_efficient"):
            frame[col] = None
        for col in ("super_sbm_score", "sbm_score"):
            frame[col] = np.nan
    frame["is_scored"] = frame["score_status"].eq("optimal") & frame["super_sbm_score"].notna()
    no_dmu = frame["missing_inputs"].notna()
    frame.loc[no_dmu, "score_status"] = "missing_inputs"
    frame.loc[no_dmu, "score_flag"] = [
        f"not a DMU: missing {text}" for text in frame.loc[no_dmu, "missing_inputs"]
    ]
    frame["rts"] = rts
    scored = complete.merge(
        frame.loc[frame["is_scored"], ["province_code", "year"]], on=["province_code", "year"]
    )
    for kind, (prefix, _, names) in LINK_COLUMNS.items():
        index_col = names[0]
        if kind == "global" or contemporaneous_ml:
            links, error = ml_links(scored, rts, kind)
        else:
            links = pd.DataFrame(columns=["province_code", "year"])
            error = "contemporaneous ML switched off (config contemporaneous_ml)"
        merged = frame.merge(links, on=["province_code", "year"], how="left")
        for col in [*names, "link_from"]:
            merged[col] = merged[col].astype(float) if col in merged else np.nan
        for col in (f"{prefix}_status", f"{prefix}_flag"):
            if col not in merged:
                merged[col] = None
        frame = chain(merged, prefix, index_col)
        if error:
            rows = frame["is_scored"].to_numpy(dtype=bool)
            frame.loc[rows, f"{prefix}_status"] = "not_computed"
            frame.loc[rows, f"{prefix}_flag"] = error
            frame.loc[rows, f"{prefix}_cumulative"] = np.nan
    out = frame.reindex(columns=list(COLUMNS))
    return out.sort_values(["province_code", "year"]).reset_index(drop=True).astype(COLUMNS)


def model(dbt, session):
    dbt.config(materialized="table")
    # plain dbt.config.get(key, default) calls: dbt only ships the keys its parser sees in calls
    # of this form (config inside `x or y` expressions is silently dropped)
    dea_model = dbt.config.get("dea_model", "super_sbm_undesirable")
    frontier = dbt.config.get("score_frontier", "contemporaneous")
    rts = dbt.config.get("rts", "crs")
    ml_kind = dbt.config.get("ml_kind", "global")
    contemporaneous_ml = dbt.config.get("contemporaneous_ml", True)
    first_year = dbt.config.get("first_year", 2004)
    last_year = dbt.config.get("last_year", 2019)
    labour_fill = dbt.config.get("labour_fill", "national_share")
    orientation = dbt.config.get("orientation", "none")
    spec = ScoreSpec(
        model=str(dea_model).lower(),
        rts=str(rts).lower(),
        orientation=str(orientation).lower(),
        frontier=str(frontier).lower(),
    )
    # both ML kinds are built; the global one (always feasible) is the default index (gml_*)
    if ml_kind != "global":
        raise ValueError("ml_kind: only 'global' as default index (ml_* holds the other)")
    panel = dbt.ref("province_panel").df()
    panel = panel[(panel["year"] >= int(first_year)) & (panel["year"] <= int(last_year))]
    national = dbt.ref("stg_china__nbs_national_observations").df()
    national = national[national["publisher_indicator_code"] == NATIONAL_EMPLOYMENT]
    if national["year"].duplicated().any():
        raise ValueError(f"{NATIONAL_EMPLOYMENT}: more than one national value for a year")
    national = national.set_index("year")["value"]
    return green_tfp(
        panel,
        spec,
        contemporaneous_ml=_as_bool(contemporaneous_ml, True),
        national_employment=national,
        labour_fill=str(labour_fill).lower(),
    )
