"""UNCTAD Digital Economy database as exported by the World Bank Data360 API (SDMX-style CSV).

One row per observation with columns ``REF_AREA, REF_AREA_LABEL, INDICATOR, INDICATOR_LABEL,
UNIT_MEASURE, UNIT_MULT, TIME_PERIOD, OBS_VALUE`` (plus SDMX attributes that are not used).
Values are kept as published: US$ millions when ``UNIT_MEASURE=USD`` and ``UNIT_MULT=6``;
ICT-core shares are percentages (``PT_BS`` of businesses, ``PT_SAL`` of employees).
Rows with an empty ``OBS_VALUE`` (``OBS_STATUS=O``, "missing value") are not published.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.sources.base import Origin, ReadResult, Source, SourceFormatError
from warehouse.sources.csv_records import check_widths, column_index, read_records, require_data
from warehouse.sources.long_frame import FileRead, cells_to_long, read_each

REQUIRED = (
    "REF_AREA",
    "REF_AREA_LABEL",
    "INDICATOR",
    "INDICATOR_LABEL",
    "UNIT_MEASURE",
    "UNIT_MULT",
    "TIME_PERIOD",
    "OBS_VALUE",
)
_USD_MULT = {"0": "US$", "3": "US$ thousands", "6": "US$ millions", "9": "US$ billions"}


def unit_of(measure: str, mult: str) -> str:
    """``USD``/``6`` -> ``US$ millions``; any other measure is kept as coded (``PT_BS``)."""
    measure, mult = measure.strip(), mult.strip()
    if measure == "USD":
        return _USD_MULT.get(mult, f"US$ × 10^{mult}")
    return measure


def read_unctad_file(path: Path) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Read one Data360 UNCTAD export: ``(long frame, rejected, data rows)``."""
    csv_text = read_records(path)
    if not csv_text.records:
        raise SourceFormatError(path, "no header and no data rows")
    header, data = csv_text.records[0], csv_text.records[1:]
    index = column_index(path, header, REQUIRED)
    require_data(path, data)
    check_widths(path, data, len(header.fields))
    matrix = np.array([rec.fields for rec in data], dtype=object)

    def col(name: str) -> np.ndarray:
        return matrix[:, index[name]]

    units = [unit_of(m, u) for m, u in zip(col("UNIT_MEASURE"), col("UNIT_MULT"), strict=True)]
    cells = pd.DataFrame(
        {
            "indicator_code": col("INDICATOR"),
            "indicator_name": col("INDICATOR_LABEL"),
            "unit": units,
            "entity_code": col("REF_AREA"),
            "entity_name": col("REF_AREA_LABEL"),
            "year": pd.array(col("TIME_PERIOD"), dtype="string"),
            "raw": pd.array(col("OBS_VALUE"), dtype="string"),
            "row_number": np.array([rec.line for rec in data], dtype=np.int64),
            "column": "OBS_VALUE",
        }
    )
    frame, rejected = cells_to_long(
        cells,
        source="unctad_de",
        file_name=path.name,
        vintage=VINTAGES.get(path.name, "undated"),
        year_column="TIME_PERIOD",
    )
    return frame, rejected, len(data)


#: access date of each delivered export (SOURCES.md), used as vintage
VINTAGES: dict[str, str] = {"UNCTAD_DE.csv": "2025-12-18"}


def read(paths: Sequence[Path]) -> ReadResult:
    """Read UNCTAD Data360 exports into the ``unctad_de`` long table."""

    def one(path: Path) -> FileRead:
        frame, rejected, n_rows = read_unctad_file(path)
        return FileRead(frame, rejected, n_rows, VINTAGES.get(path.name, "undated"))

    return read_each(paths, one)


UNCTAD_DE = Source(
    name="unctad_de",
    table="unctad_de",
    patterns=("unctad/UNCTAD_DE*.csv",),
    origin=Origin(
        publisher="UNCTAD (via World Bank Data360)",
        dataset="Digital Economy and Technology (UNCTAD_DE): digitally-deliverable services "
        "trade and ICT core indicators",
        edition="Data360 API export accessed 2025-12-18 (DDS 2010-2023)",
        url="https://data360.worldbank.org/en/dataset/UNCTAD_DE",
        licence="CC BY 4.0",
        citation=(
            "UNCTAD, UNCTADstat US.DigitallyDeliverableServices, via World Bank Data360; copied "
            "from jeancecilia/unctad-digital-services-trade-regional-aggregates @037edfc3 "
            "(DevStackPH, Zenodo doi:10.5281/zenodo.17971356)."
        ),
    ),
    grain=("indicator_code", "entity_code", "year"),
    read=read,
    description=(
        "Imports and exports of digitally-deliverable services (US$ millions, 2010-2023) for "
        "about 200 economies plus aggregates (WLD, SSF, …), and sparse ICT business shares."
    ),
    known_units=("US$ millions", "PT_BS", "PT_SAL"),
    min_rows=50,
    max_rows=40_000,
    known_defects=(
        "Totals only: no DDS breakdown by category and no total services imports.",
        "No 2005-2009 although UNCTADstat publishes DDS from 2005.",
        "465 rows have OBS_STATUS=O (missing value) and an empty OBS_VALUE: not published.",
        "Aggregates (WLD, SSF, …) are rows like countries; they are removed in dbt.",
    ),
)
