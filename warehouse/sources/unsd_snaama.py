"""UN SNAAMA "GDP/breakdown at current prices in US Dollars (all countries)" workbook.

Sheet 1: a title row, a blank row, then the header ``CountryID, Country, IndicatorName,
1970, …, 2024`` and one row per country × item; values in US dollars (not millions).
Sheet 2 holds footnotes and is ignored. ``CountryID`` is the UN M49 numeric code.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.sources.base import Origin, ReadResult, Source, SourceFormatError
from warehouse.sources.csv_records import describe_found
from warehouse.sources.long_frame import FileRead, cells_to_long, read_each

ID_COLUMNS = ("CountryID", "Country", "IndicatorName")
EXPECTED_HEADER = "CountryID, Country, IndicatorName, 1970, …"
UNIT = "current US$"
_HEADER_SEARCH_ROWS = 10
_YEAR = re.compile(r"^\d{4}(\.0)?$")


def _header_text(cell: object) -> str:
    """A header cell as text: ``1970.0`` -> ``1970``."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None or (isinstance(cell, float) and np.isnan(cell)) else str(cell).strip()


def _code_text(cell: object) -> str:
    """An M49 code cell as text without a float tail: ``156.0`` -> ``156``."""
    return _header_text(cell)


def read_first_sheet(path: Path) -> tuple[pd.DataFrame, str]:
    """The first sheet as an object frame whose index 0 is sheet row 1; plus the sheet name."""
    if path.stat().st_size == 0:
        raise SourceFormatError(path, "empty file (0 bytes)")
    if not zipfile.is_zipfile(path):
        raise SourceFormatError(path, "not an xlsx workbook (not a zip container)")
    try:
        with pd.ExcelFile(path, engine="calamine") as book:
            if not book.sheet_names:
                raise SourceFormatError(path, "workbook has no sheets")
            name = book.sheet_names[0]
            # keep_default_na=False: texts such as "n/a" must be rejected, not silently NaN
            frame = book.parse(
                sheet_name=0, header=None, dtype=object, keep_default_na=False, na_values=[]
            )
            frame = frame.replace("", None)
    except SourceFormatError:
        raise
    except Exception as exc:  # calamine raises its own error types for corrupt workbooks
        raise SourceFormatError(path, f"not a readable xlsx workbook: {exc}") from exc
    return frame, name


def read_snaama_file(path: Path) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Read one SNAAMA workbook: ``(long frame, rejected, data rows)``."""
    sheet, sheet_name = read_first_sheet(path)
    header_row = next(
        (
            i
            for i in range(min(_HEADER_SEARCH_ROWS, len(sheet)))
            if "CountryID" in {_header_text(c) for c in sheet.iloc[i]}
        ),
        None,
    )
    if header_row is None:
        raise SourceFormatError(
            path,
            f"first sheet {sheet_name!r} has no header row '{EXPECTED_HEADER}' "
            f"in its first {_HEADER_SEARCH_ROWS} rows",
        )
    names = [_header_text(c) for c in sheet.iloc[header_row]]
    missing = [c for c in ID_COLUMNS if c not in names]
    if missing:
        raise SourceFormatError(
            path,
            f"first sheet {sheet_name!r} is not the data sheet: missing required column(s) "
            f"{', '.join(repr(m) for m in missing)}; found {describe_found(names, missing)}",
            row=header_row + 1,
        )
    pos = {n: i for i, n in reversed(list(enumerate(names)))}
    years = [(i, int(float(n))) for i, n in enumerate(names) if _YEAR.match(n)]
    if not years:
        raise SourceFormatError(
            path, f"sheet {sheet_name!r}: no year columns (1970, …)", row=header_row + 1
        )
    data = sheet.iloc[header_row + 1 :]
    data = data[data.notna().any(axis=1)]
    if data.empty:
        raise SourceFormatError(path, f"sheet {sheet_name!r}: no data rows after the header")

    values = data.iloc[:, [i for i, _ in years]]
    long = values.set_axis([y for _, y in years], axis=1).stack(future_stack=True)
    long = long[long.notna() & (long.astype(str).str.strip() != "")]
    row_idx = long.index.get_level_values(0)
    ids = data.loc[row_idx]
    codes = ids.iloc[:, pos["CountryID"]].map(_code_text).to_numpy()
    cells = pd.DataFrame(
        {
            "indicator_code": ids.iloc[:, pos["IndicatorName"]].astype(str).to_numpy(),
            "indicator_name": ids.iloc[:, pos["IndicatorName"]].astype(str).to_numpy(),
            "unit": UNIT,
            "entity_code": codes,
            "entity_name": ids.iloc[:, pos["Country"]].astype(str).to_numpy(),
            "year": long.index.get_level_values(1).to_numpy(dtype=np.int64),
            "raw": long.to_numpy(dtype=object),
            "row_number": np.asarray(row_idx, dtype=np.int64) + 1,
            "column": long.index.get_level_values(1).astype(str).to_numpy(),
        }
    )
    frame, rejected = cells_to_long(
        cells, source="unsd_snaama", file_name=path.name, vintage=VINTAGES.get(path.name, "undated")
    )
    return frame, rejected, len(data)


#: release of each delivered workbook (SOURCES.md), used as vintage
VINTAGES: dict[str, str] = {"Download-GDPcurrent-USD-countries.xlsx": "2025-12"}


def read(paths: Sequence[Path]) -> ReadResult:
    """Read SNAAMA current-US$ workbooks into the ``unsd_snaama`` long table."""

    def one(path: Path) -> FileRead:
        frame, rejected, n_rows = read_snaama_file(path)
        return FileRead(frame, rejected, n_rows, VINTAGES.get(path.name, "undated"), None)

    return read_each(paths, one)


UNSD_SNAAMA = Source(
    name="unsd_snaama",
    table="unsd_snaama",
    patterns=("unsd_snaama/Download-GDPcurrent-USD-countries*.xlsx",),
    origin=Origin(
        publisher="United Nations Statistics Division",
        dataset="National Accounts Main Aggregates Database (SNAAMA): GDP and its breakdown at "
        "current prices in US dollars, all countries",
        edition="December 2025 release, data 1970-2024",
        url="https://unstats.un.org/unsd/snaama/Downloads",
        licence="UN data: free use with attribution",
        citation=(
            "UN Statistics Division, National Accounts Main Aggregates Database, Dec-2025; copied "
            "from Sparshcoder18/gdp-growth-analysis @19adf972, data/."
        ),
    ),
    grain=("indicator_code", "entity_code", "year"),
    read=read,
    description=(
        "17 national-accounts items (GDP, Manufacturing (ISIC D), GFCF, …) for 220 countries "
        "and former states, current US$ (units, not millions); entity_code = M49 CountryID."
    ),
    known_units=(UNIT,),
    min_rows=50,
    max_rows=1_000_000,
    known_defects=(
        "Former states (USSR, Yugoslavia, Czechoslovakia, …), Kosovo and Zanzibar have M49-like "
        "CountryIDs that do not map to ISO3.",
        "Substitute for WDI NV.IND.MANF.CD / NY.GDP.MKTP.CD / NE.GDI.FTOT.ZS (GFCF/GDP).",
        "Sheet 2 (footnotes, e.g. ISIC coverage differences by country) is not read.",
    ),
)
