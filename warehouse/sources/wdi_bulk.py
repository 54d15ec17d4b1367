"""World Bank WDI bulk CSV ("API_<code>_DS2_…csv" and the topic "*-raw-*.csv" files).

Layout: preamble lines ``"Data Source","World Development Indicators",`` and
``"Last Updated Date","2026-07-13",`` (blank lines between), then the header
``Country Name,Country Code,Indicator Name,Indicator Code,1960,…,<last year>,`` with a trailing
empty column, then one row per country × indicator. Values are in the unit named in the
indicator's parenthesis (``GDP per capita (current US$)``); blank cells are not published.
Used by two sources: ``wdi_api`` (one indicator per file) and ``wdi_topic`` (several).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.sources.base import Origin, ReadResult, Source, SourceFormatError
from warehouse.sources.csv_records import check_widths, column_index, read_records, require_data
from warehouse.sources.long_frame import FileRead, cells_to_long, read_each

ID_COLUMNS = ("Country Name", "Country Code", "Indicator Name", "Indicator Code")
#: WDI placeholders for "no data" (API files use blanks; DataBank exports use "..")
MISSING = ("", "..")
_YEAR = re.compile(r"^\d{4}$")
_UNIT = re.compile(r"\(([^()]*)\)\s*$")
_HEADER_SEARCH_LINES = 10


def unit_from_indicator_name(name: str) -> str:
    """Unit of a WDI series from its name's final parenthesis.

    ``GDP per capita (current US$)`` -> ``current US$``; the balance-of-payments prefix is
    dropped (``(BoP, current US$)`` -> ``current US$``); no parenthesis -> ``count``
    (``Population, total``, ``Patent applications, residents``).
    """
    match = _UNIT.search(name.strip())
    if not match:
        return "count"
    return match.group(1).strip().removeprefix("BoP, ")


def read_wdi_bulk_file(path: Path, source: str) -> tuple[pd.DataFrame, pd.DataFrame, int, str]:
    """Read one WDI bulk CSV: ``(long frame, rejected, data rows, vintage)``."""
    csv_text = read_records(path)
    records = csv_text.records
    header_pos = next(
        (
            i
            for i, rec in enumerate(records[:_HEADER_SEARCH_LINES])
            if sum(1 for f in rec.fields if f.strip()) >= 5
        ),
        None,
    )
    if header_pos is None:
        raise SourceFormatError(
            path,
            "header row 'Country Name,Country Code,Indicator Name,Indicator Code,<years>' "
            f"not found in the first {_HEADER_SEARCH_LINES} records",
        )
    header = records[header_pos]
    vintage = "undated"
    for rec in records[:header_pos]:
        if rec.fields and rec.fields[0].strip() == "Last Updated Date" and len(rec.fields) > 1:
            vintage = rec.fields[1].strip() or "undated"
    index = column_index(path, header, ID_COLUMNS)
    years = [
        (i, int(name.strip())) for i, name in enumerate(header.fields) if _YEAR.match(name.strip())
    ]
    if not years:
        raise SourceFormatError(
            path, "no year columns (1960, 1961, …) in the header", row=header.line
        )
    data = records[header_pos + 1 :]
    require_data(path, data)
    width = len(header.fields)
    check_widths(path, data, width)

    matrix = np.array([rec.fields[:width] for rec in data], dtype=object)
    lines = np.array([rec.line for rec in data], dtype=np.int64)
    year_idx = np.array([i for i, _ in years])
    raw = matrix[:, year_idx]
    row_i, col_i = np.nonzero(raw != "")
    names = matrix[row_i, index["Indicator Name"]]
    unit_of = {n: unit_from_indicator_name(n) for n in set(names.tolist())}
    cells = pd.DataFrame(
        {
            "indicator_code": matrix[row_i, index["Indicator Code"]],
            "indicator_name": names,
            "unit": [unit_of[n] for n in names],
            "entity_code": matrix[row_i, index["Country Code"]],
            "entity_name": matrix[row_i, index["Country Name"]],
            "year": np.array([y for _, y in years], dtype=np.int64)[col_i],
            "raw": pd.array(raw[row_i, col_i], dtype="string"),
            "row_number": lines[row_i],
            "column": np.array([header.fields[i].strip() for i in year_idx], dtype=object)[col_i],
        }
    )
    frame, rejected = cells_to_long(
        cells, source=source, file_name=path.name, vintage=vintage, missing=MISSING
    )
    return frame, rejected, len(data), vintage


def make_reader(source: str):
    """A ``read(paths)`` function for a source backed by WDI bulk CSVs."""

    def read(paths: Sequence[Path]) -> ReadResult:
        return read_each(paths, lambda path: FileRead(*read_wdi_bulk_file(path, source)))

    read.__doc__ = f"Read WDI bulk CSVs into the long table of source {source!r}."
    return read


_WDI_CITATION = (
    "World Bank, World Development Indicators (data.worldbank.org), CC BY 4.0; bulk CSVs copied "
    "byte for byte from public GitHub repositories (see shared/data/raw/SOURCES.md, section wdi/)."
)

WDI_API = Source(
    name="wdi_api",
    table="wdi_api",
    patterns=("wdi/API_*_DS2_*.csv",),
    origin=Origin(
        publisher="World Bank",
        dataset="World Development Indicators, per-indicator bulk download (API_<code>_DS2 CSV)",
        edition="per file 'Last Updated Date': 2024-05-30 (SP.POP.TOTL) to 2026-07-13",
        url="https://data.worldbank.org/indicator",
        licence="CC BY 4.0",
        citation=_WDI_CITATION,
    ),
    grain=("indicator_code", "entity_code", "year"),
    read=make_reader("wdi_api"),
    description=(
        "WDI series, one indicator per file, 217 economies plus about 49 aggregates "
        "(WLD, EAS, …); value in the unit of the indicator name's parenthesis."
    ),
    known_units=(
        "current US$",
        "% of GDP",
        "constant 2021 international $",
        "count",
    ),
    min_rows=50,
    max_rows=500_000,
    known_defects=(
        "Files are different WDI releases (Last Updated 2024-05-30 to 2026-07-13): do not "
        "mix vintages of one series silently.",
        "Aggregates (WLD, EAS, HIC, …) are rows like countries; they are removed in dbt.",
        "SP.POP.TOTL is the 2024-05-30 vintage (data to 2023 only).",
        "World Bank codes that are not ISO3: XKX (Kosovo), CHI (Channel Islands).",
    ),
)

WDI_TOPIC = Source(
    name="wdi_topic",
    table="wdi_topic",
    patterns=("wdi/*-raw-*.csv",),
    origin=Origin(
        publisher="World Bank",
        dataset="World Development Indicators, topic bulk download (several series per file)",
        edition="2021-09-15 (topics 14 science-and-technology and 16 urban-development)",
        url="https://data.worldbank.org/topic",
        licence="CC BY 4.0",
        citation=(
            "World Bank, World Development Indicators, 2021-09-15 release, CC BY 4.0; copied from "
            "light-and-salt/World-Bank-Data-by-Indicators @f6bc0432."
        ),
    ),
    grain=("indicator_code", "entity_code", "year"),
    read=make_reader("wdi_topic"),
    description=(
        "WDI topic files (2021 vintage), one row per country × indicator, CRLF line ends; "
        "holds IP.PAT.NRES, BM.GSR.ROYL.CD and SP.URB.TOTL.IN.ZS among others."
    ),
    known_units=(
        "current US$",
        "% of GDP",
        "% of manufactured exports",
        "per million people",
        "count",
        "% of urban population",
        "per 100,000 population",
        "micrograms per cubic meter",
        "% of total",
        "people per sq. km of land area",
        "% of total population",
        "US$ per liter",
        "sq. km",
        "% of total land area",
        "annual %",
    ),
    min_rows=50,
    max_rows=1_000_000,
    known_defects=(
        "2021-09-15 vintage: data end in 2020 (IP.PAT.NRES in 2019); newer values of the same "
        "series are in wdi_api / wdi_ddf.",
        "Aggregates (WLD, EAS, …) are rows like countries; they are removed in dbt.",
    ),
)
