"""The data-generating process of the demo panel (see the package docstring for the model).

:func:`simulate` returns one row per economy × year (2000–2022) with every latent series the
writers need, in publisher units: ``pgdp`` (thousand US$), ``pop`` (persons), ``gdp``, ``mva``,
``gfcf_usd``, ``nfsv`` (US$), ``dds_imp_m``/``dds_exp_m`` (US$ millions, whole numbers as UNCTAD
publishes them), ``share``/``fdi``/``gfcf``/``rd``/``urban`` (%), and masks of what is published.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from warehouse.demo.countries import COUNTRIES, Country

YEARS: tuple[int, ...] = tuple(range(2000, 2023))
DDS_YEARS: tuple[int, ...] = tuple(range(2010, 2023))
BETA = 0.15
#: Control coefficients of the true model (per unit of each regressor as the warehouse builds it).
GAMMA: dict[str, float] = {
    "pgdp": 0.02,
    "fdi": 0.0002,
    "gfcf": 0.005,
    "rd": 0.04,
    "urban": 0.018,
}
SIGMA = 0.03

_RD_MEAN = {
    "High income": (1.0, 3.5),
    "Upper middle income": (0.3, 1.5),
    "Lower middle income": (0.1, 0.7),
    "Low income": (0.05, 0.3),
    "": (0.1, 0.6),
}
_URBAN_2010 = {
    "High income": (70.0, 92.0),
    "Upper middle income": (50.0, 80.0),
    "Lower middle income": (25.0, 55.0),
    "Low income": (15.0, 35.0),
    "": (50.0, 85.0),
}
_CITY_STATES = frozenset({"HKG", "SGP", "MAC"})
_FDI_HUBS = frozenset({"HKG", "SGP", "IRL", "MAC", "NLD"})


def _ar1(rng: np.random.Generator, n: int, rho: float, sd: float) -> np.ndarray:
    """A stationary AR(1) path of length ``n``."""
    out = np.empty(n)
    out[0] = rng.normal(0.0, sd / np.sqrt(1 - rho**2))
    for k in range(1, n):
        out[k] = rho * out[k - 1] + rng.normal(0.0, sd)
    return out


def _country_paths(c: Country, rng: np.random.Generator, year_fx: np.ndarray) -> pd.DataFrame:
    """All latent series of one economy (draw order fixed, so the seed fixes every number)."""
    t = np.arange(len(YEARS), dtype=float)
    k = t - 10.0  # 0 in 2010
    pop = c.pop_2010 * 1e6 * np.exp(rng.uniform(-0.005, 0.025) * k)
    shock = np.where(np.array(YEARS) == 2009, -0.05, 0.0) + np.where(
        np.array(YEARS) == 2020, -0.06, 0.0
    )
    pgdp = c.pgdp_2010 * np.exp(rng.uniform(0.01, 0.06) * k + _ar1(rng, t.size, 0.7, 0.04) + shock)
    hub = c.iso3 in _FDI_HUBS
    fdi_mu = rng.uniform(12.0, 25.0) if hub else rng.uniform(0.5, 6.0)
    fdi = fdi_mu + rng.normal(0.0, 1.5 + 0.2 * fdi_mu, t.size)
    gfcf = rng.uniform(17.0, 32.0) + rng.uniform(-0.2, 0.2) * k + _ar1(rng, t.size, 0.6, 1.5)
    if c.iso3 == "CHN":
        gfcf = gfcf + 14.0
    lo, hi = _RD_MEAN[c.income]
    rd = rng.uniform(lo, hi) * np.exp(rng.uniform(-0.01, 0.04) * k + _ar1(rng, t.size, 0.5, 0.05))
    ulo, uhi = _URBAN_2010[c.income]
    u0 = 100.0 if c.iso3 in _CITY_STATES else rng.uniform(ulo, uhi)
    urban = np.minimum(
        100.0, u0 + rng.uniform(0.1, 0.6) * k + np.cumsum(rng.normal(0, 0.05, t.size))
    )
    share = rng.uniform(30.0, 65.0) + rng.uniform(-0.3, 1.8) * k + _ar1(rng, t.size, 0.5, 3.5)
    share = np.clip(share, 18.0, 88.0)
    eps = rng.normal(0.0, SIGMA, t.size)

    gdp = pgdp * 1e3 * pop
    xb = (
        BETA * np.log(share)
        + GAMMA["pgdp"] * pgdp
        + GAMMA["fdi"] * fdi
        + GAMMA["gfcf"] * gfcf
        + GAMMA["rd"] * rd
        + GAMMA["urban"] * urban
    )
    alpha = np.log(c.mva_share * gdp[10]) - xb[10] - year_fx[10]
    mva = np.exp(alpha + year_fx + xb + eps)

    # services imports and digitally-deliverable services (DDS) trade
    simp_ratio = rng.uniform(0.05, 0.14) * np.exp(_ar1(rng, t.size, 0.6, 0.05))
    nfsv_true = gdp * simp_ratio
    dds_imp_m = np.maximum(1.0, np.round(nfsv_true * share / 100.0 / 1e6))
    in_dds = np.array(YEARS) >= DDS_YEARS[0]
    # published service imports are set so that 100·DDS/services equals `share` exactly
    nfsv = np.where(in_dds, dds_imp_m * 1e6 * 100.0 / share, nfsv_true)
    exp_share = np.clip(share + rng.normal(0.0, 8.0), 10.0, 90.0)
    dds_exp_m = np.maximum(
        1.0, np.round(gdp * rng.uniform(0.04, 0.2) * exp_share / 100.0 / 1e6 * (1 + 0.03 * k))
    )
    return pd.DataFrame(
        {
            "iso3": c.iso3,
            "year": YEARS,
            "pop": np.round(pop),
            "pgdp": pgdp,
            "gdp": gdp,
            "mva": mva,
            "fdi": fdi,
            "gfcf": gfcf,
            "gfcf_usd": gfcf / 100.0 * gdp,
            "rd": rd,
            "urban": urban,
            "share": share,
            "ln_share": np.log(share),
            "eps": eps,
            "alpha": alpha,
            "year_fx": year_fx,
            "nfsv": nfsv,
            "dds_imp_m": dds_imp_m,
            "dds_exp_m": dds_exp_m,
            "inv_pct": rng.uniform(-0.5, 1.5, t.size),  # changes in inventories, % of GDP
            "draw": rng.uniform(0.0, 1.0, t.size),  # for missing-cell patterns
        }
    )


def _masks(panel: pd.DataFrame, countries: dict[str, Country]) -> pd.DataFrame:
    """Publication masks (True = the publisher has the cell), mimicking real coverage gaps."""
    iso, year, draw = panel["iso3"], panel["year"], panel["draw"]
    small = iso.map(lambda s: countries[s].small)
    out = pd.DataFrame(index=panel.index)
    out["has_pgdp"] = ~((iso == "VEN") & (year >= 2015))
    out["has_fdi"] = ~(((iso == "VEN") & (year >= 2016)) | (iso == "CHI"))
    out["has_rd"] = ~((small & (draw < 0.7)) | (draw < 0.04) | (iso == "CHI"))
    out["has_urban"] = iso != "XKX"
    out["has_dds"] = ~(small & (year <= 2011))
    return out


def simulate(seed: int) -> pd.DataFrame:
    """Simulate the panel for every economy in :data:`COUNTRIES` (Taiwan included)."""
    rng = np.random.default_rng(seed)
    year_fx = 0.015 * np.arange(len(YEARS)) + rng.normal(0.0, 0.02, len(YEARS))
    frames = [_country_paths(c, rng, year_fx) for c in COUNTRIES]
    panel = pd.concat(frames, ignore_index=True)
    masks = _masks(panel, {c.iso3: c for c in COUNTRIES})
    return pd.concat([panel, masks], axis=1)
