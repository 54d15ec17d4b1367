"""Heritage Foundation Index of Economic Freedom, one edition per file (Kaggle-style CSV).

One row per country: ``Country Name``, ``<edition> Score`` (0-100), the 12 component scores
(0-100), ranks and macro fields (``Tariff Rate (%)``, ``GDP (Billions, PPP)`` as ``$69.6 ``,
``GDP per Capita (PPP)`` as ``"$1,958"``, …). ``N/A`` and blanks mean "not published".

Only the index itself is read: the score, its 12 components and the two ranks. The macro fields
(:data:`MACRO_COLUMNS_NOT_READ`) restate other publishers' figures (IMF, World Bank) with
free-text annotations in some cells (North Korea ``$40.0 (2015 est.)``, Liechtenstein
``38,000 ppl.``); the warehouse takes those variables from their primary publishers instead.
A non-numeric cell in a column that *is* read is a rejected cell.
The file is UTF-8 although often described as latin-1; the decoding used is recorded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.sources.base import Origin, ReadResult, Source, SourceFormatError
from warehouse.sources.csv_records import (
    check_widths,
    column_index,
    describe_found,
    read_records,
    require_data,
)
from warehouse.sources.long_frame import FileRead, cells_to_long, read_each

ENCODINGS = ("utf-8", "cp1252", "latin-1")
MISSING = ("", "N/A")
SCORE_UNIT = "score 0-100"
COMPONENTS = (
    "Property Rights",
    "Judical Effectiveness",  # sic: the publisher's header
    "Government Integrity",
    "Tax Burden",
    "Gov't Spending",
    "Fiscal Health",
    "Business Freedom",
    "Labor Freedom",
    "Monetary Freedom",
    "Trade Freedom",
    "Investment Freedom",
    "Financial Freedom",
)
#: accepted alternative spellings of component headers -> the name used here
ALIASES = {"Judicial Effectiveness": "Judical Effectiveness"}
#: other published numeric columns that are read, and their units
OTHER_UNITS: dict[str, str] = {
    "World Rank": "rank",
    "Region Rank": "rank",
}
#: macro fields restating other publishers' data: deliberately not read (see module docstring)
MACRO_COLUMNS_NOT_READ: dict[str, str] = {
    "Tariff Rate (%)": "%",
    "Income Tax Rate (%)": "%",
    "Corporate Tax Rate (%)": "%",
    "Tax Burden % of GDP": "% of GDP",
    "Gov't Expenditure % of GDP": "% of GDP",
    "Population (Millions)": "millions of people",
    "GDP (Billions, PPP)": "US$ billions (PPP)",
    "GDP Growth Rate (%)": "%",
    "5 Year GDP Growth Rate (%)": "%",
    "GDP per Capita (PPP)": "US$ (PPP)",
    "Unemployment (%)": "%",
    "Inflation (%)": "%",
    "FDI Inflow (Millions)": "US$ millions",
    "Public Debt (% of GDP)": "% of GDP",
}
_SCORE = re.compile(r"^(\d{4}) Score$")
_MONEY = re.compile(r"^\$\s*(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)$")
_GROUPED = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def normalise_number(text: str) -> str:
    """Publisher money/grouped text to plain numeric text: ``$1,958`` -> ``1958``.

    Anything else (including annotated values such as ``$40.0 (2015 est.)``) is returned
    stripped and unchanged, so that it is rejected as "not a number".
    """
    text = text.strip()
    money = _MONEY.match(text)
    if money:
        text = money.group(1)
    if _GROUPED.match(text):
        text = text.replace(",", "")
    return text


def read_heritage_file(path: Path) -> tuple[pd.DataFrame, pd.DataFrame, int, str, str]:
    """Read one edition: ``(long frame, rejected, data rows, vintage, encoding)``."""
    csv_text = read_records(path, ENCODINGS)
    if not csv_text.records:
        raise SourceFormatError(path, "no header and no data rows")
    header, data = csv_text.records[0], csv_text.records[1:]
    names = [ALIASES.get(f.strip(), f.strip()) for f in header.fields]
    header = type(header)(header.line, names)
    score = next((n for n in names if _SCORE.match(n)), None)
    if score is None:
        raise SourceFormatError(
            path,
            f"missing required column '<edition year> Score' (e.g. '2019 Score'); "
            f"found {describe_found(names, ['2019 Score'])}",
            row=header.line,
        )
    edition = int(_SCORE.match(score).group(1))
    index = column_index(path, header, ("Country Name", score, *COMPONENTS))
    require_data(path, data)
    check_widths(path, data, len(header.fields))

    units = {score: SCORE_UNIT, **dict.fromkeys(COMPONENTS, SCORE_UNIT)}
    units.update({c: u for c, u in OTHER_UNITS.items() if c in index})
    matrix = np.array([rec.fields[: len(names)] for rec in data], dtype=object)
    lines = np.array([rec.line for rec in data], dtype=np.int64)
    country = np.array([c.strip() for c in matrix[:, index["Country Name"]]], dtype=object)
    parts = [
        pd.DataFrame(
            {
                "indicator_code": column,
                "indicator_name": column,
                "unit": unit,
                "entity_code": country,
                "entity_name": country,
                "year": edition,
                "raw": pd.array(
                    [normalise_number(v) for v in matrix[:, index[column]]], dtype="string"
                ),
                "row_number": lines,
                "column": column,
            }
        )
        for column, unit in units.items()
    ]
    vintage = str(edition)
    frame, rejected = cells_to_long(
        pd.concat(parts, ignore_index=True),
        source="heritage",
        file_name=path.name,
        vintage=vintage,
        missing=MISSING,
    )
    if not rejected.empty:  # report the published text, not the normalised one
        published = {
            (int(line), col): matrix[i, index[col]].strip()
            for i, line in enumerate(lines)
            for col in units
        }
        rejected["raw_value"] = [
            published[(int(r), c)]
            for r, c in zip(rejected.row_number, rejected.column, strict=True)
        ]
        rejected["raw_value"] = rejected["raw_value"].astype("string")
    return frame, rejected, len(data), vintage, csv_text.encoding


def read(paths: Sequence[Path]) -> ReadResult:
    """Read Heritage Index editions into the ``heritage`` long table."""
    return read_each(paths, lambda path: FileRead(*read_heritage_file(path)))


HERITAGE = Source(
    name="heritage",
    table="heritage",
    patterns=("heritage/economic_freedom_index*_data.csv",),
    origin=Origin(
        publisher="The Heritage Foundation",
        dataset="Index of Economic Freedom",
        edition="2019 Index (single cross-section)",
        url="https://www.heritage.org/index/",
        licence="Heritage Foundation terms of use (free for non-commercial research with "
        "attribution); the Kaggle extract states no licence",
        citation=(
            "Miller, T., A. Kim and J. Roberts, 2019 Index of Economic Freedom, The Heritage "
            "Foundation; copied from kjclarkson624/EconomicFreedomIndex @9cd3baf6."
        ),
    ),
    grain=("indicator_code", "entity_code", "year"),
    read=read,
    description=(
        "2019 economic-freedom score and its 12 components (0-100) plus world and region "
        "ranks for 186 countries; entity_code = Country Name stripped; year = edition."
    ),
    known_units=(SCORE_UNIT, *sorted(set(OTHER_UNITS.values()))),
    min_rows=50,
    max_rows=30_000,
    known_defects=(
        "Single 2019 cross-section, not a panel (the all-years file was not obtained).",
        "Encoding is UTF-8 although SOURCES.md says latin-1 (latin-1 gives 'CÃ´te d'Ivoire').",
        "Country names carry trailing spaces ('Taiwan ', 'Korea, North '): stripped.",
        "Header typo 'Judical Effectiveness' kept as the indicator code.",
        "'N/A' marks unpublished values (Iraq, Libya, Liechtenstein have no 2019 Score).",
        "Macro fields restate IMF/World Bank data and some cells are annotated text "
        "(North Korea '$40.0 (2015 est.)', Liechtenstein '38,000 ppl.'): not read.",
        "Entities are names, not codes: map to ISO3 in dbt (e.g. 'Korea, North', 'Macau').",
    ),
)
