"""UN SNAAMA "GDP/breakdown at current prices in US Dollars (all countries)" workbook.

Sheet 1 ``Download-GDPcurrent-USD-countri``: title in A1, blank row 2, header on row 3
(``CountryID, Country, IndicatorName, 1970..2024``), 17 items per country (16 when there are no
changes in inventories), values in US$ as full-precision floats, countries ordered by name.
Sheet 2 ``Download-Footnotes-current``: header on row 1 (``CountryID, Country, Item, Footnote,
1970..2024``) with ``X`` markers. Core-properties timestamps and zip entry times are fixed so the
file is byte-identical for a given seed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from warehouse.demo.countries import COUNTRIES

SHEET = "Download-GDPcurrent-USD-countri"
FOOTNOTE_SHEET = "Download-Footnotes-current"
TITLE = "GDP/breakdown at current prices in US Dollars (all countries)"
YEARS = tuple(range(1970, 2025))
MANUFACTURING = "Manufacturing (ISIC D)"
GDP = "Gross Domestic Product (GDP)"
GFCF = "Gross fixed capital formation (including Acquisitions less disposals of valuables)"
TVA = "Total Value Added"
ITEMS: tuple[str, ...] = (
    "Final consumption expenditure",
    "Household consumption expenditure (including Non-profit institutions serving households)",
    "General government final consumption expenditure",
    "Gross capital formation",
    GFCF,
    "Changes in inventories",
    "Exports of goods and services",
    "Imports of goods and services",
    GDP,
    "Agriculture, hunting, forestry, fishing (ISIC A-B)",
    "Mining, Manufacturing, Utilities (ISIC C-E)",
    MANUFACTURING,
    "Construction (ISIC F)",
    "Wholesale, retail trade, restaurants and hotels (ISIC G-H)",
    "Transport, storage and communication (ISIC I)",
    "Other Activities (ISIC J-P)",
    TVA,
)
_FIXED_TIME = dt.datetime(2025, 12, 15, 9, 0, 0)


def _items(g: pd.DataFrame, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """All 17 items for one country (arrays over its years), accounting identities kept."""
    gdp, n = g["gdp"].to_numpy(), len(g)
    fc = gdp * rng.uniform(0.6, 0.8) * np.exp(rng.normal(0, 0.01, n))
    gfcf = g["gfcf_usd"].to_numpy()
    inv = g["inv_pct"].to_numpy() / 100 * gdp
    exports = gdp * rng.uniform(0.2, 0.6) * np.exp(rng.normal(0, 0.02, n))
    imports = fc + gfcf + inv + exports - gdp
    tva = gdp * rng.uniform(0.88, 0.95)
    mva = g["mva"].to_numpy()
    agri = gdp * rng.uniform(0.01, 0.08)
    cte = mva * rng.uniform(1.1, 1.3)
    constr, trade, transport = (
        gdp * rng.uniform(a, b) for a, b in ((0.04, 0.07), (0.08, 0.12), (0.04, 0.07))
    )
    other = tva - agri - cte - constr - trade - transport
    return dict(
        zip(
            ITEMS,
            (
                fc,
                fc * 0.78,
                fc * 0.22,
                gfcf + inv,
                gfcf,
                inv,
                exports,
                imports,
                gdp,
                agri,
                cte,
                mva,
                constr,
                trade,
                transport,
                other,
                tva,
            ),
            strict=True,
        )
    )


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite the xlsx zip with fixed entry and "modified" timestamps (openpyxl uses now())."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 12, 15, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl sets "modified" to now()
                stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            dst.writestr(fixed, content)
    return buf.getvalue()


def write_snaama(out: Path, panel: pd.DataFrame, rng: np.random.Generator) -> Path:
    """Write Download-GDPcurrent-USD-countries.xlsx."""
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    ws.freeze_panes = "D4"
    title = WriteOnlyCell(ws, value=TITLE)
    title.font = Font(bold=True)
    ws.append([title])
    ws.append([])
    ws.append(["CountryID", "Country", "IndicatorName", *YEARS])
    econ = sorted((c for c in COUNTRIES if c.snaama_id), key=lambda c: c.snaama_name)
    groups = dict(tuple(panel.groupby("iso3", sort=False)))
    for c in econ:
        g = groups[c.iso3]
        years = g["year"].tolist()
        for item, vals in _items(g, rng).items():
            if item == "Changes in inventories" and c.small:
                continue  # small economies publish 16 items, as in the real file
            by_year = dict(zip(years, vals.tolist(), strict=True))
            ws.append([c.snaama_id, c.snaama_name, item, *(by_year.get(y) for y in YEARS)])
    former = [float(v) for v in 2e11 * np.exp(0.05 * np.arange(21) + rng.normal(0, 0.02, 21))]
    for item in (GDP, MANUFACTURING):
        share = 1.0 if item == GDP else 0.3
        ws.append([810, "USSR (Former)", item, *(v * share for v in former)])
    notes = wb.create_sheet(FOOTNOTE_SHEET)
    notes.append(["CountryID", "Country", "Item", "Footnote", *YEARS])
    for c in econ[::9]:
        marks = ["X" if y >= 2016 else None for y in YEARS]
        notes.append(
            [
                c.snaama_id,
                c.snaama_name,
                MANUFACTURING,
                "Excludes recycling and publishing activities",
                *marks,
            ]
        )
    wb.properties.creator = "UNSD"
    wb.properties.created = _FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    path = out / "unsd_snaama" / "Download-GDPcurrent-USD-countries.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_deterministic_zip(buf.getvalue()))
    return path
