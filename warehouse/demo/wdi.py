"""WDI bulk-download CSVs: per-indicator ``API_*_DS2`` files and the 2021 topic files.

Layout as published: UTF-8 BOM; 4 preamble lines (``"Data Source"``, blank, ``"Last Updated
Date"``, blank); header ``Country Name, Country Code, Indicator Name, Indicator Code, 1960..``;
every field quoted; a trailing comma on every line; rows sorted by country code, countries and
aggregates (WLD, EAS, HIC …) mixed; CRLF except the two 2026-07-13 files, which are LF.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.demo.countries import COUNTRIES, Country
from warehouse.demo.fmt import g15, quoted_row, write_text

_EU_CODES = "DEU FRA ITA ESP NLD BEL AUT SWE DNK FIN IRL PRT GRC POL CZE HUN ROU BGR HRV SVK EST"
_EU = frozenset(_EU_CODES.split())
_OECD_CODES = "JPN KOR AUS NZL CHE NOR GBR TUR ISR MEX CHL COL CRI USA CAN"
_OECD = (_EU - {"ROU", "BGR", "HRV"}) | frozenset(_OECD_CODES.split())


@dataclass(frozen=True)
class Aggregate:
    """A WDI aggregate row and how members are chosen."""

    code: str
    name: str
    name_2021: str
    members: Callable[[Country], bool]


AGGREGATES: tuple[Aggregate, ...] = (
    Aggregate(
        "EAS",
        "East Asia & Pacific",
        "East Asia & Pacific",
        lambda c: c.wb_region == "East Asia & Pacific",
    ),
    Aggregate(
        "ECS",
        "Europe & Central Asia",
        "Europe & Central Asia",
        lambda c: c.wb_region == "Europe & Central Asia",
    ),
    Aggregate("EUU", "European Union", "European Union", lambda c: c.iso3 in _EU),
    Aggregate("HIC", "High income", "High income", lambda c: c.income == "High income"),
    Aggregate(
        "LCN",
        "Latin America & Caribbean",
        "Latin America & Caribbean",
        lambda c: c.wb_region == "Latin America & Caribbean",
    ),
    Aggregate("LIC", "Low income", "Low income", lambda c: c.income == "Low income"),
    Aggregate(
        "LMC",
        "Lower middle income",
        "Lower middle income",
        lambda c: c.income == "Lower middle income",
    ),
    Aggregate(
        "MEA",
        "Middle East, North Africa, Afghanistan & Pakistan",
        "Middle East & North Africa",
        lambda c: c.wb_region == "Middle East & North Africa",
    ),
    Aggregate("MIC", "Middle income", "Middle income", lambda c: "middle" in c.income),
    Aggregate("NAC", "North America", "North America", lambda c: c.wb_region == "North America"),
    Aggregate("OED", "OECD members", "OECD members", lambda c: c.iso3 in _OECD),
    Aggregate("SAS", "South Asia", "South Asia", lambda c: c.wb_region == "South Asia"),
    Aggregate(
        "SSF",
        "Sub-Saharan Africa",
        "Sub-Saharan Africa",
        lambda c: c.wb_region == "Sub-Saharan Africa",
    ),
    Aggregate(
        "UMC",
        "Upper middle income",
        "Upper middle income",
        lambda c: c.income == "Upper middle income",
    ),
    Aggregate("WLD", "World", "World", lambda c: True),
)


@dataclass(frozen=True)
class ApiFile:
    """One per-indicator WDI file as found in the real raw directory."""

    code: str
    name: str
    suffix: str  # the download id in the file name
    updated: str  # "Last Updated Date"
    last_year: int  # last year column in the header
    eol: str
    agg: str  # "mean" | "sum" | "ratio" (sum gdp / sum pop)

    @property
    def file_name(self) -> str:
        return f"API_{self.code}_DS2_en_csv_v2_{self.suffix}.csv"


API_FILES: tuple[ApiFile, ...] = (
    ApiFile(
        "BX.KLT.DINV.WD.GD.ZS",
        "Foreign direct investment, net inflows (% of GDP)",
        "13",
        "2026-04-08",
        2025,
        "\r\n",
        "mean",
    ),
    ApiFile(
        "GB.XPD.RSDV.GD.ZS",
        "Research and development expenditure (% of GDP)",
        "232",
        "2026-07-13",
        2025,
        "\n",
        "mean",
    ),
    ApiFile(
        "IP.PAT.RESD", "Patent applications, residents", "226", "2026-01-28", 2024, "\r\n", "sum"
    ),
    ApiFile(
        "NE.GDI.TOTL.ZS",
        "Gross capital formation (% of GDP)",
        "698",
        "2026-04-08",
        2025,
        "\r\n",
        "mean",
    ),
    ApiFile(
        "NY.GDP.PCAP.CD", "GDP per capita (current US$)", "33610", "2026-07-13", 2025, "\n", "ratio"
    ),
    ApiFile(
        "NY.GDP.PCAP.PP.KD",
        "GDP per capita, PPP (constant 2021 international $)",
        "4572",
        "2026-02-24",
        2025,
        "\r\n",
        "ratio",
    ),
    ApiFile("SP.POP.TOTL", "Population, total", "45183", "2024-05-30", 2023, "\r\n", "sum"),
)

TOPIC_UPDATED = "2021-09-15"
TOPIC_LAST_YEAR = 2020


def _wide(panel: pd.DataFrame, values: pd.Series, mask: pd.Series) -> pd.DataFrame:
    """iso3 × year table of ``values`` where ``mask``; NaN elsewhere."""
    v = values.where(mask)
    return pd.DataFrame({"iso3": panel["iso3"], "year": panel["year"], "v": v}).pivot(
        index="iso3", columns="year", values="v"
    )


def api_values(panel: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The country values of each API indicator (iso3 × year)."""
    p = panel
    everywhere = pd.Series(True, index=p.index)
    ppp = p["pgdp"] * 1e3 * (1.0 + 1.5 * np.exp(-p["pgdp"] / 10.0)) / 1.03 ** (p["year"] - 2021)
    patents = np.round(p["pop"] * p["rd"] * 6e-5 * (0.7 + 0.6 * p["draw"]))
    return {
        "BX.KLT.DINV.WD.GD.ZS": _wide(p, p["fdi"], p["has_fdi"]),
        "GB.XPD.RSDV.GD.ZS": _wide(p, p["rd"], p["has_rd"]),
        "IP.PAT.RESD": _wide(p, patents, p["has_rd"] & (p["pop"] > 3e6)),
        "NE.GDI.TOTL.ZS": _wide(p, p["gfcf"] + p["inv_pct"], p["iso3"] != "CHI"),
        "NY.GDP.PCAP.CD": _wide(p, p["pgdp"] * 1e3, p["has_pgdp"]),
        "NY.GDP.PCAP.PP.KD": _wide(p, ppp, p["has_pgdp"]),
        "SP.POP.TOTL": _wide(p, p["pop"], everywhere),
        "_gdp": _wide(p, p["gdp"], everywhere),
        "_pop": _wide(p, p["pop"], everywhere),
    }


def _aggregate(table: pd.DataFrame, agg: Aggregate, how: str, pop: pd.DataFrame) -> np.ndarray:
    """One aggregate row: mean, sum or population-weighted mean over the members with data."""
    members = [c.iso3 for c in COUNTRIES if c.in_wdi and agg.members(c) and c.iso3 in table.index]
    sub = table.loc[members].to_numpy(dtype=float)
    have = ~np.isnan(sub)
    count = have.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        if how == "sum":
            out = np.nansum(sub, axis=0)
        elif how == "ratio":
            w = np.where(have, pop.loc[members].to_numpy(dtype=float), 0.0)
            out = np.nansum(sub * w, axis=0) / w.sum(axis=0)
        else:
            out = np.nansum(sub, axis=0) / count
    return np.where(count > 0, out, np.nan)


def _rows(
    table: pd.DataFrame,
    names: dict[str, str],
    code: str,
    name: str,
    first: int,
    last: int,
    eol: str,
) -> dict[str, str]:
    """The line of every entity (``names`` order) for one indicator."""
    grid = table.reindex(index=list(names), columns=range(first, last + 1)).to_numpy(dtype=float)
    return {
        ent: quoted_row([ent_name, ent, name, code, *("" if v != v else g15(v) for v in row)], eol)
        for (ent, ent_name), row in zip(names.items(), grid.tolist(), strict=True)
    }


def _preamble(updated: str, first: int, last: int, eol: str) -> str:
    head = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
    return (
        quoted_row(["Data Source", "World Development Indicators"], eol)
        + eol
        + quoted_row(["Last Updated Date", updated], eol)
        + eol
        + quoted_row(head + [str(y) for y in range(first, last + 1)], eol)
    )


def _with_aggregates(
    table: pd.DataFrame, how: str, values: dict[str, pd.DataFrame]
) -> pd.DataFrame:
    rows = {a.code: _aggregate(table, a, how, values["_pop"]) for a in AGGREGATES}
    return pd.concat([table, pd.DataFrame(rows, index=table.columns).T])


def write_api_files(out: Path, panel: pd.DataFrame) -> list[Path]:
    """Write the seven per-indicator API files."""
    values = api_values(panel)
    names = {c.iso3: c.wdi_name for c in COUNTRIES if c.in_wdi}
    names.update({a.code: a.name for a in AGGREGATES})
    names = dict(sorted(names.items()))
    paths = []
    for f in API_FILES:
        table = _with_aggregates(values[f.code], f.agg, values)
        lines = _rows(table, names, f.code, f.name, 1960, f.last_year, f.eol)
        text = _preamble(f.updated, 1960, f.last_year, f.eol) + "".join(lines.values())
        path = out / "wdi" / f.file_name
        write_text(path, text, bom=True)
        paths.append(path)
    return paths


def write_topic_file(
    out: Path, file_name: str, tables: list[tuple[str, str, pd.DataFrame, str]], panel: pd.DataFrame
) -> Path:
    """A multi-indicator topic file: per country, one row per indicator in the given order."""
    values = api_values(panel)
    names = {c.iso3: c.wdi_name_2021 for c in COUNTRIES if c.in_wdi}
    names.update({a.code: a.name_2021 for a in AGGREGATES})
    names = dict(sorted(names.items()))
    per_indicator = []
    for code, name, table, how in tables:
        full = _with_aggregates(table, how, values)
        per_indicator.append(_rows(full, names, code, name, 1960, TOPIC_LAST_YEAR, "\r\n"))
    body = "".join(rows[ent] for ent in names for rows in per_indicator)
    path = out / "wdi" / file_name
    write_text(path, _preamble(TOPIC_UPDATED, 1960, TOPIC_LAST_YEAR, "\r\n") + body, bom=True)
    return path
