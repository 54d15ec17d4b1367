"""Series of the two WDI 2021 topic files (science-and-technology, urban-development).

Only SP.URB.TOTL.IN.ZS (the model's ``urban``) and the R&D, patent and IP-payment series are tied to
the panel; the other indicators are plausible filler with the real files' sparse coverage.
Values end in 2020 (the 2021-09-15 vintage); IP.PAT.NRES ends in 2019, R&D in 2018.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.demo.wdi import _wide, write_topic_file

SCIENCE = (
    ("TX.VAL.TECH.MF.ZS", "High-technology exports (% of manufactured exports)", "mean"),
    ("TX.VAL.TECH.CD", "High-technology exports (current US$)", "sum"),
    ("SP.POP.TECH.RD.P6", "Technicians in R&D (per million people)", "mean"),
    ("SP.POP.SCIE.RD.P6", "Researchers in R&D (per million people)", "mean"),
    ("IP.TMK.TOTL", "Trademark applications, total", "sum"),
    ("IP.TMK.RESD", "Trademark applications, direct resident", "sum"),
    ("IP.TMK.NRES", "Trademark applications, direct nonresident", "sum"),
    ("IP.PAT.RESD", "Patent applications, residents", "sum"),
    ("IP.PAT.NRES", "Patent applications, nonresidents", "sum"),
    ("IP.JRN.ARTC.SC", "Scientific and technical journal articles", "sum"),
    ("GB.XPD.RSDV.GD.ZS", "Research and development expenditure (% of GDP)", "mean"),
    (
        "BX.GSR.ROYL.CD",
        "Charges for the use of intellectual property, receipts (BoP, current US$)",
        "sum",
    ),
    (
        "BM.GSR.ROYL.CD",
        "Charges for the use of intellectual property, payments (BoP, current US$)",
        "sum",
    ),
)
URBAN = (
    ("SP.URB.TOTL.IN.ZS", "Urban population (% of total population)", "mean"),
    ("SP.URB.TOTL", "Urban population", "sum"),
    ("SP.URB.GROW", "Urban population growth (annual %)", "mean"),
    ("SH.STA.TRAF.P5", "Mortality caused by road traffic injury (per 100,000 population)", "mean"),
    ("EP.PMP.SGAS.CD", "Pump price for gasoline (US$ per liter)", "mean"),
    ("EP.PMP.DESL.CD", "Pump price for diesel fuel (US$ per liter)", "mean"),
    (
        "EN.URB.MCTY.TL.ZS",
        "Population in urban agglomerations of more than 1 million (% of total population)",
        "mean",
    ),
    ("EN.URB.MCTY", "Population in urban agglomerations of more than 1 million", "sum"),
    ("EN.URB.LCTY.UR.ZS", "Population in the largest city (% of urban population)", "mean"),
    ("EN.URB.LCTY", "Population in largest city", "sum"),
    ("EN.POP.SLUM.UR.ZS", "Population living in slums (% of urban population)", "mean"),
    (
        "EN.POP.EL5M.UR.ZS",
        "Urban population living in areas where elevation is below 5 meters"
        " (% of total population)",
        "mean",
    ),
    ("EN.POP.DNST", "Population density (people per sq. km of land area)", "mean"),
    (
        "EN.ATM.PM25.MC.ZS",
        "PM2.5 air pollution, population exposed to levels exceeding WHO guideline value"
        " (% of total)",
        "mean",
    ),
    (
        "EN.ATM.PM25.MC.M3",
        "PM2.5 air pollution, mean annual exposure (micrograms per cubic meter)",
        "mean",
    ),
    ("EG.ELC.ACCS.UR.ZS", "Access to electricity, urban (% of urban population)", "mean"),
    ("AG.LND.TOTL.UR.K2", "Urban land area (sq. km)", "sum"),
    (
        "AG.LND.EL5M.UR.ZS",
        "Urban land area where elevation is below 5 meters (% of total land area)",
        "mean",
    ),
    ("AG.LND.EL5M.UR.K2", "Urban land area where elevation is below 5 meters (sq. km)", "sum"),
)


def _level(
    p: pd.DataFrame, rng: np.random.Generator, lo: float, hi: float, trend: float = 0.02
) -> pd.Series:
    """Filler: a per-country level in [lo, hi] with a common trend and 3 % noise."""
    base = {iso: rng.uniform(lo, hi) for iso in dict.fromkeys(p["iso3"])}
    k = p["year"] - 2010
    return p["iso3"].map(base) * np.exp(trend * k + rng.normal(0.0, 0.03, len(p)))


def science_tables(p: pd.DataFrame, rng: np.random.Generator) -> list[tuple]:
    """(code, name, iso3×year table, aggregation) for the science-and-technology file."""
    y, has_rd = p["year"], p["has_rd"]
    big = p["pop"] > 3e6
    hitech = _level(p, rng, 3.0, 35.0, 0.0)
    researchers = p["rd"] * _level(p, rng, 900.0, 1600.0, 0.0)
    tmk = np.round(p["pop"] * _level(p, rng, 2e-4, 2e-3))
    pat_res = np.round(p["pop"] * p["rd"] * 6e-5 * (0.7 + 0.6 * p["draw"]) * 1.01)
    royl_pay = p["nfsv"] * _level(p, rng, 0.02, 0.1, 0.0)
    series = {
        "TX.VAL.TECH.MF.ZS": (hitech, y <= 2019),
        "TX.VAL.TECH.CD": (hitech / 100 * p["gdp"] * 0.05, y <= 2020),
        "SP.POP.TECH.RD.P6": (researchers * 0.3, has_rd & (y % 2 == 0) & (y <= 2017)),
        "SP.POP.SCIE.RD.P6": (researchers, has_rd & (y <= 2018)),
        "IP.TMK.TOTL": (tmk, big & (y <= 2014)),
        "IP.TMK.RESD": (np.round(tmk * 0.8), big & (y <= 2014)),
        "IP.TMK.NRES": (tmk - np.round(tmk * 0.8), big & (y <= 2014)),
        "IP.PAT.RESD": (pat_res, has_rd & big & (y <= 2019)),
        "IP.PAT.NRES": (np.round(pat_res * _level(p, rng, 0.1, 1.5, 0.0)), big & (y <= 2019)),
        "IP.JRN.ARTC.SC": (researchers * p["pop"] * 1e-4, has_rd & (y <= 2018)),
        "GB.XPD.RSDV.GD.ZS": (p["rd"] * (1 + rng.normal(0, 0.01, len(p))), has_rd & (y <= 2018)),
        "BX.GSR.ROYL.CD": (royl_pay * _level(p, rng, 0.05, 1.2, 0.0), y <= 2020),
        "BM.GSR.ROYL.CD": (royl_pay, y <= 2020),
    }
    return [(c, n, _wide(p, *series[c]), how) for c, n, how in SCIENCE]


def urban_tables(p: pd.DataFrame, rng: np.random.Generator) -> list[tuple]:
    """(code, name, iso3×year table, aggregation) for the urban-development file."""
    y, has_u = p["year"], p["has_urban"]
    urban_pop = np.round(p["urban"] / 100 * p["pop"])
    growth = 100 * np.log(urban_pop / urban_pop.groupby(p["iso3"]).shift(1))
    area = p["pop"] / _level(p, rng, 20.0, 500.0, 0.0).groupby(p["iso3"]).transform("first")
    big_city = _level(p, rng, 5.0, 40.0, 0.0)
    sample = (y == 2000) | (y == 2010) | (y == 2015)
    series = {
        "SP.URB.TOTL.IN.ZS": (p["urban"], has_u),
        "SP.URB.TOTL": (urban_pop, has_u),
        "SP.URB.GROW": (growth, has_u & (y > 2000)),
        "SH.STA.TRAF.P5": (_level(p, rng, 3.0, 30.0, -0.02), y >= 2015),
        "EP.PMP.SGAS.CD": (_level(p, rng, 0.4, 2.0, 0.0), (y == 2014) | (y == 2016)),
        "EP.PMP.DESL.CD": (_level(p, rng, 0.4, 1.8, 0.0), (y == 2014) | (y == 2016)),
        "EN.URB.MCTY.TL.ZS": (big_city, p["pop"] > 2e7),
        "EN.URB.MCTY": (np.round(big_city / 100 * p["pop"]), p["pop"] > 2e7),
        "EN.URB.LCTY.UR.ZS": (big_city * 1.2, has_u),
        "EN.URB.LCTY": (np.round(big_city * 1.2 / 100 * urban_pop), has_u),
        "EN.POP.SLUM.UR.ZS": (_level(p, rng, 5.0, 60.0, -0.02), sample & (p["pgdp"] < 12)),
        "EN.POP.EL5M.UR.ZS": (_level(p, rng, 0.0, 8.0, 0.0), (y == 2000) | (y == 2010)),
        "EN.POP.DNST": (p["pop"] / area, y <= 2020),
        "EN.ATM.PM25.MC.ZS": (np.minimum(100.0, _level(p, rng, 60.0, 100.0, 0.0)), y <= 2017),
        "EN.ATM.PM25.MC.M3": (_level(p, rng, 6.0, 70.0, -0.01), y <= 2017),
        "EG.ELC.ACCS.UR.ZS": (np.minimum(100.0, _level(p, rng, 70.0, 100.0, 0.01)), y <= 2019),
        "AG.LND.TOTL.UR.K2": (area * 0.02, (y == 2000) | (y == 2010)),
        "AG.LND.EL5M.UR.ZS": (_level(p, rng, 0.0, 2.0, 0.0), (y == 2000) | (y == 2010)),
        "AG.LND.EL5M.UR.K2": (area * 0.001, (y == 2000) | (y == 2010)),
    }
    return [(c, n, _wide(p, *series[c]), how) for c, n, how in URBAN]


def write_topic_files(out: Path, panel: pd.DataFrame, rng: np.random.Generator) -> list[Path]:
    """Write science-and-technology-raw-2021.csv and urban-development-raw-2021.csv."""
    return [
        write_topic_file(
            out, "science-and-technology-raw-2021.csv", science_tables(panel, rng), panel
        ),
        write_topic_file(out, "urban-development-raw-2021.csv", urban_tables(panel, rng), panel),
    ]
