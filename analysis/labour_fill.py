"""Provincial labour input for years without provincial employment: the national-share rule.

Provincial urban-unit employment (城镇单位就业人员, 万人) is published on NBS fsnd for 2008-2019
(and for 12 provinces in 2004); 2005-2007 are missing for every province (data-notes: "still
missing", China Labour Statistical Yearbook). The national total N_t is published for every year.
The rule keeps each province's share of the national total and moves it only where observed::

    s_pt = L_pt / N_t                                   (observed years)
    ŝ_pt = s_pa + (s_pb − s_pa) · (t − a) / (b − a)     (a < t < b, a and b the nearest observed
                                                         years: linear in t)
    ŝ_pt = s_pa,  a = first observed year               (t < a: back-cast, share held)
    ŝ_pt = s_pb,  b = last observed year                (t > b: carried forward, share held)
    L̂_pt = ŝ_pt · N_t                                   (万人)

so the estimate follows the national path and, where the province is observed on both sides,
its own share path. A province never observed, or a year without N_t, stays missing. Every
estimated value is labelled in ``labour_source``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

OBSERVED = "observed"
INTERPOLATED = "interpolated_national_share"
BACKCAST = "backcast_national_share"
CARRIED_FORWARD = "carried_forward_national_share"
SOURCES = (OBSERVED, INTERPOLATED, BACKCAST, CARRIED_FORWARD)


def fill_labour_national_share(
    observed: pd.DataFrame,
    national: pd.Series,
    value: str = "emp_urban_total_10k",
) -> pd.DataFrame:
    """Labour by province × year with the national-share rule (module docstring).

    ``observed``: columns province_code, year, ``value`` (万人, NaN where not published), one
    row per province-year to fill. ``national``: N_t (万人) indexed by year. Returns
    province_code, year, labour_10k, labour_source (None where nothing is estimable), in the
    row order of ``observed``. Raises ValueError on duplicated province-years or N_t ≤ 0.
    """
    if observed.duplicated(["province_code", "year"]).any():
        dup = observed.loc[observed.duplicated(["province_code", "year"]), "province_code"]
        raise ValueError(f"duplicated province-years in the labour input: {sorted(set(dup))}")
    nat = pd.to_numeric(national, errors="coerce").dropna()
    nat.index = nat.index.astype(int)
    if (nat <= 0).any():
        raise ValueError(f"national employment must be positive: {nat[nat <= 0].to_dict()}")
    years = observed["year"].astype(int).to_numpy()
    n_t = pd.Series(years).map(nat).to_numpy(dtype=float)
    level = pd.to_numeric(observed[value], errors="coerce").to_numpy(dtype=float)
    share = level / n_t
    labour = np.full(len(observed), np.nan)
    source = np.full(len(observed), None, dtype=object)
    is_obs = ~np.isnan(level)
    labour[is_obs] = level[is_obs]
    source[is_obs] = OBSERVED
    for _, idx in observed.groupby("province_code", sort=False).indices.items():
        known = idx[~np.isnan(share[idx])]
        if known.size == 0:
            continue
        order = np.argsort(years[known])
        k_years, k_share = years[known][order], share[known][order]
        for i in idx:
            if is_obs[i] or np.isnan(n_t[i]):
                continue
            t = years[i]
            if t < k_years[0]:
                s, how = k_share[0], BACKCAST
            elif t > k_years[-1]:
                s, how = k_share[-1], CARRIED_FORWARD
            else:
                s, how = float(np.interp(t, k_years, k_share)), INTERPOLATED
            labour[i] = s * n_t[i]
            source[i] = how
    return pd.DataFrame(
        {
            "province_code": observed["province_code"].to_numpy(),
            "year": years,
            "labour_10k": labour,
            "labour_source": source,
        }
    )
