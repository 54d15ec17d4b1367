"""Classification code lists (dimension tables): WB country metadata and UN M49.

* ``Metadata_Country_*.csv`` (World Bank, shipped with every WDI bulk download): columns
  ``Country Code, Region, IncomeGroup, SpecialNotes, TableName`` (trailing empty column;
  SpecialNotes may span several lines). Aggregates have an empty Region. Each file is its own
  vintage (income groups are revised every 1 July), declared by file name below.
* ``UNSD_M49*.csv`` (UN Statistics Division "Standard country or area codes", with BOM):
  region hierarchy, M49 and ISO-alpha3 codes, LDC/LLDC/SIDS flags (``x``) and
  Developed / Developing. Codes are kept as published text (``12``, not ``012``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from warehouse.sources.base import (
    PROVENANCE_COLUMNS,
    Origin,
    ReadResult,
    Source,
    SourceFormatError,
)
from warehouse.sources.csv_records import check_widths, column_index, read_records, require_data
from warehouse.sources.long_frame import concat_rejected, empty_rejected

WB_COLUMNS: dict[str, str] = {
    "Country Code": "country_code",
    "Region": "region",
    "IncomeGroup": "income_group",
    "SpecialNotes": "special_notes",
    "TableName": "table_name",
}
#: vintage of each delivered WB metadata file: the income-group fiscal year it carries
WB_VINTAGES: dict[str, str] = {
    "Metadata_Country_API_IP.PAT.RESD_DS2_en_csv_v2_226.csv": "2026-01",  # FY2026 groups
    "Metadata_Country_API_16_DS2_en_csv_v2_3064261.csv": "2021-09",  # FY2022 groups
}

M49_COLUMNS: dict[str, str] = {
    "Global Code": "global_code",
    "Global Name": "global_name",
    "Region Code": "region_code",
    "Region Name": "region_name",
    "Sub-region Code": "sub_region_code",
    "Sub-region Name": "sub_region_name",
    "Intermediate Region Code": "intermediate_region_code",
    "Intermediate Region Name": "intermediate_region_name",
    "Country or Area": "country_or_area",
    "M49 Code": "m49_code",
    "ISO-alpha3 Code": "iso_alpha3_code",
    "Least Developed Countries (LDC)": "is_ldc",
    "Land Locked Developing Countries (LLDC)": "is_lldc",
    "Small Island Developing States (SIDS)": "is_sids",
    "Developed / Developing Countries": "developed_developing",
}
M49_FLAGS = ("is_ldc", "is_lldc", "is_sids")
#: vintage of each delivered M49 file: date of the copied repository commit (the UN page is
#: updated in place and carries no edition)
M49_VINTAGES: dict[str, str] = {"UNSD_M49_Methodology.csv": "2025-12-05"}


def read_dimension_csv(
    path: Path, columns: dict[str, str], source: str, vintage: str
) -> tuple[pd.DataFrame, int]:
    """Read a code-list CSV selecting ``columns`` by name -> snake_case text columns.

    Values are stripped; empty cells become ``<NA>``. Adds the provenance columns.
    """
    csv_text = read_records(path)
    if not csv_text.records:
        raise SourceFormatError(path, "no header and no data rows")
    header, data = csv_text.records[0], csv_text.records[1:]
    index = column_index(path, header, columns)
    require_data(path, data)
    check_widths(path, data, len(header.fields))
    frame = pd.DataFrame(
        {
            snake: pd.array([rec.fields[index[name]].strip() for rec in data], dtype="string")
            for name, snake in columns.items()
        }
    ).replace("", pd.NA)
    frame["source"] = pd.array([source] * len(data), dtype="string")
    frame["vintage"] = pd.array([vintage] * len(data), dtype="string")
    frame["file_name"] = pd.array([path.name] * len(data), dtype="string")
    frame["row_number"] = pd.array([rec.line for rec in data], dtype="int64")
    return frame, len(data)


def read_wb_country_meta(paths: Sequence[Path]) -> ReadResult:
    """Read WB ``Metadata_Country_*.csv`` files into ``raw.wb_country_metadata``."""
    frames, rows_read, vintages = [], {}, {}
    for path in map(Path, paths):
        vintage = WB_VINTAGES.get(path.name, "undated")
        frame, n_rows = read_dimension_csv(path, WB_COLUMNS, "wb_country_meta", vintage)
        frames.append(frame)
        rows_read[path.name] = n_rows
        vintages[path.name] = vintage
    columns = [*WB_COLUMNS.values(), *PROVENANCE_COLUMNS]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    return ReadResult(
        frame=frame[columns],
        rows_read=rows_read,
        vintages=vintages,
        encodings=dict.fromkeys(rows_read, "utf-8"),
    )


def parse_flags(frame: pd.DataFrame, file_name: str) -> pd.DataFrame:
    """Turn the M49 ``x`` flags into booleans in place; returns rejected cells."""
    rejected = []
    for flag in M49_FLAGS:
        text = frame[flag].fillna("").str.lower()
        bad = ~text.isin(["", "x"])
        for _, row in frame.loc[bad].iterrows():
            rejected.append(
                {
                    "file_name": file_name,
                    "row_number": int(row["row_number"]),
                    "column": flag,
                    "raw_value": str(row[flag]),
                    "reason": "flag is neither 'x' nor blank",
                }
            )
        flags = pd.array(text == "x", dtype="boolean")
        flags[bad.to_numpy()] = pd.NA
        frame[flag] = flags
    if not rejected:
        return empty_rejected()
    return pd.DataFrame(rejected).astype(empty_rejected().dtypes.to_dict())


def read_un_m49(paths: Sequence[Path]) -> ReadResult:
    """Read UNSD M49 code-list CSVs into ``raw.un_m49``."""
    frames, rejected, rows_read, vintages = [], [], {}, {}
    for path in map(Path, paths):
        vintage = M49_VINTAGES.get(path.name, "undated")
        frame, n_rows = read_dimension_csv(path, M49_COLUMNS, "un_m49", vintage)
        rejected.append(parse_flags(frame, path.name))
        frames.append(frame)
        rows_read[path.name] = n_rows
        vintages[path.name] = vintage
    columns = [*M49_COLUMNS.values(), *PROVENANCE_COLUMNS]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    return ReadResult(
        frame=frame[columns],
        rejected=concat_rejected(rejected),
        rows_read=rows_read,
        vintages=vintages,
        encodings=dict.fromkeys(rows_read, "utf-8"),
    )


WB_COUNTRY_META = Source(
    name="wb_country_meta",
    table="wb_country_metadata",
    kind="dimension",
    patterns=("classification/Metadata_Country_*.csv",),
    origin=Origin(
        publisher="World Bank",
        dataset="WDI country metadata (region, income group, special notes)",
        edition="per file: 2026-01 (FY2026 income groups) and 2021-09 (FY2022 groups)",
        url="https://datahelpdesk.worldbank.org/knowledgebase/articles/906519",
        licence="CC BY 4.0",
        citation=(
            "World Bank, WDI country metadata shipped with the bulk CSVs; copied from "
            "Wei-Seng/group30_week4teamassignment (TASK1.4/) and "
            "light-and-salt/World-Bank-Data-by-Indicators (urban-development/)."
        ),
    ),
    grain=("file_name", "country_code"),
    read=read_wb_country_meta,
    description=(
        "One row per WDI code per file: 217 economies (with Region and IncomeGroup) plus "
        "aggregates (empty Region); each file lands with its own vintage."
    ),
    min_rows=50,
    max_rows=3_000,
    known_defects=(
        "Income groups are a snapshot per file (FY2026, FY2022); no historical OGHIST table.",
        "Aggregates (AFE, WLD, …) have empty Region and IncomeGroup.",
        "SpecialNotes may contain line breaks inside quotes: row_number is the record's "
        "first line.",
        "Region names differ between vintages (e.g. AFG: South Asia in 2021-09, Middle East & "
        "North Africa in 2026-01).",
    ),
)

UN_M49 = Source(
    name="un_m49",
    table="un_m49",
    kind="dimension",
    patterns=("classification/UNSD_M49*.csv",),
    origin=Origin(
        publisher="United Nations Statistics Division",
        dataset="Standard country or area codes for statistical use (M49)",
        edition="copy of 2025-12-05 (dfnd/countrycodes @49479a15)",
        url="https://unstats.un.org/unsd/methodology/m49/overview/",
        licence="UN terms of use (free with attribution); the copying repository is CC0",
        citation=(
            "UN Statistics Division, Standard country or area codes for statistical use (M49); "
            "file 'UNSD — Methodology.csv' from dfnd/countrycodes @49479a15, renamed."
        ),
    ),
    grain=("m49_code",),
    read=read_un_m49,
    description=(
        "248 countries or areas with region hierarchy, ISO-alpha3, LDC/LLDC/SIDS flags and "
        "the Developed / Developing grouping."
    ),
    min_rows=50,
    max_rows=2_000,
    known_defects=(
        "Antarctica has no region and no Developed/Developing value.",
        "Sark (680) has no ISO-alpha3 code.",
        "Codes are published without leading zeros (Algeria 12, not 012).",
    ),
)
