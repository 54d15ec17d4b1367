"""open-numbers DDF datapoint files ``ddf--datapoints--<code>--by--geo--time.csv``.

Layout as published: no BOM, LF, header ``geo,time,<code>``, lower-case geo (``kos`` for Kosovo,
``chanisl`` for the Channel Islands), keys sorted, values with at most 5 decimals, no aggregates.
Known source defects are reproduced: one negative and one >100 share in bm_gsr_cmcp_zs, and
placeholder zeros for DR Congo 2000-2002 in ne_gdi_ftot_zs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.demo.countries import COUNTRIES
from warehouse.demo.fmt import dec, write_text

CODES: tuple[str, ...] = (
    "bm_gsr_cmcp_zs",
    "bm_gsr_insf_zs",
    "bm_gsr_nfsv_cd",
    "bm_gsr_royl_cd",
    "it_cel_sets_p2",
    "it_net_user_zs",
    "ne_gdi_ftot_zs",
    "nv_ind_manf_cd",
    "nv_srv_totl_zs",
    "ny_gdp_pcap_kd",
)
_WITH_CHANNEL_ISLANDS = frozenset({"nv_ind_manf_cd", "nv_srv_totl_zs", "ny_gdp_pcap_kd"})


def file_name(code: str) -> str:
    """The open-numbers file name of one indicator."""
    return f"ddf--datapoints--{code}--by--geo--time.csv"


def _logistic(p: pd.DataFrame, rng: np.random.Generator, top: float, mid: float) -> pd.Series:
    speed = {iso: rng.uniform(0.25, 0.6) for iso in dict.fromkeys(p["iso3"])}
    lag = {iso: rng.uniform(-4.0, 4.0) for iso in dict.fromkeys(p["iso3"])}
    z = p["iso3"].map(speed) * (p["year"] - mid - p["iso3"].map(lag))
    return top / (1.0 + np.exp(-z))


def series(p: pd.DataFrame, rng: np.random.Generator) -> dict[str, pd.Series]:
    """Values of every DDF indicator, aligned with the panel rows (NaN = not published)."""
    n = len(p)
    cmcp = np.clip(0.45 * p["share"] + rng.normal(0, 2.0, n), 1.0, 95.0)
    cmcp = cmcp.mask((p["iso3"] == "NPL") & (p["year"] == 2011), -12.34567)
    cmcp = cmcp.mask((p["iso3"] == "KHM") & (p["year"] == 2012), 104.61234)
    gfcf = p["gfcf"] * (1 + rng.normal(0, 0.005, n))
    gfcf = gfcf.mask((p["iso3"] == "COD") & (p["year"] <= 2002), 0.0)
    no_ci = p["iso3"] != "CHI"
    return {
        "bm_gsr_cmcp_zs": cmcp.where(no_ci),
        "bm_gsr_insf_zs": np.clip(0.12 * p["share"] + rng.normal(0, 1.5, n), 0.3, 40.0).where(
            no_ci
        ),
        "bm_gsr_nfsv_cd": p["nfsv"].where(no_ci),
        "bm_gsr_royl_cd": (p["nfsv"] * rng.uniform(0.01, 0.1, n)).where(no_ci),
        "it_cel_sets_p2": _logistic(p, rng, 125.0, 2006.0).where(no_ci),
        "it_net_user_zs": _logistic(p, rng, 92.0, 2010.0).where(no_ci),
        "ne_gdi_ftot_zs": gfcf.where(no_ci),
        "nv_ind_manf_cd": p["mva"] * (1 + rng.normal(0, 0.01, n)),
        "nv_srv_totl_zs": np.clip(45 + 0.3 * p["urban"] + rng.normal(0, 2, n), 5, 95),
        "ny_gdp_pcap_kd": p["pgdp"] * 1e3 / 1.02 ** (p["year"] - 2015),
    }


def write_ddf_files(out: Path, panel: pd.DataFrame, rng: np.random.Generator) -> list[Path]:
    """Write the ten DDF files."""
    geo = {c.iso3: c.ddf_geo for c in COUNTRIES if c.in_wdi}
    p = panel[panel["iso3"].isin(geo)].reset_index(drop=True)
    values = series(p, rng)
    paths = []
    for code in CODES:
        frame = pd.DataFrame({"geo": p["iso3"].map(geo), "time": p["year"], "v": values[code]})
        if code not in _WITH_CHANNEL_ISLANDS:
            frame = frame[frame["geo"] != "chanisl"]
        frame = frame.dropna().sort_values(["geo", "time"], kind="stable")
        lines = [f"geo,time,{code}\n"]
        lines += [f"{g},{t},{dec(v, 5)}\n" for g, t, v in frame.itertuples(index=False)]
        path = out / "wdi_open_numbers" / file_name(code)
        write_text(path, "".join(lines))
        paths.append(path)
    return paths
