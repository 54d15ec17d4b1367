"""Sectoral employment in China 1990-2018 (Wang, Jia and Wang 2021), R data.frame (ionet).

``china_employment.rda``: 115 rows (``TOT``, then sections A…T and their divisions, GB/T 4754
codes) × ``Code``, ``Description``, ``DescriptionInChinese``, ``1990`` … ``2018``. Number
employed, 10,000 persons. A stand-in for the WIOD Socio-Economic Accounts (not in hand).
Landed as IO cells: row_code = sector code, column_code ``EMP``, origin ``total``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from warehouse.sources.base import Origin, ReadResult, Source, SourceFormatError
from warehouse.sources.io_registry import combine, concat_io, wide_to_io
from warehouse.sources.nbs_iot import load_rda_frame

UNIT = "10,000 persons"
VINTAGE = "ionet fa9d0423"


def read_file(path: Path) -> tuple[pd.DataFrame, pd.DataFrame, int, str]:
    """The employment rda -> ``(IO frame, rejected, data rows, vintage)``."""
    path = Path(path)
    df = load_rda_frame(path)
    if "Code" not in df.columns:
        raise SourceFormatError(path, "missing column 'Code'")
    years = [c for c in df.columns if c.isdigit() and len(c) == 4]
    if not years:
        raise SourceFormatError(path, "no year columns (1990 …)")
    codes = df["Code"].astype(str).str.strip()
    if "TOT" not in set(codes):
        raise SourceFormatError(path, "missing row 'TOT'")
    dup = codes[codes.duplicated()]
    if not dup.empty:
        raise SourceFormatError(path, f"duplicated code {dup.iloc[0]!r}", row=int(dup.index[0]) + 1)
    frames, rejected = [], []
    for year in years:
        f, r = wide_to_io(
            df.rename(columns={year: "EMP"}),
            file_name=path.name,
            code_column="Code",
            value_columns=("EMP",),
            origin="total",
            source="china_employment",
            country="CHN",
            year=int(year),
            unit=UNIT,
            vintage=VINTAGE,
        )
        frames.append(f)
        rejected.append(r.assign(column=year))
    return concat_io(frames), pd.concat(rejected, ignore_index=True), len(df), VINTAGE


def read(paths: Sequence[Path]) -> ReadResult:
    """Read the employment rda into the ``china_employment`` IO long table."""
    return combine({Path(p).name: read_file(Path(p)) for p in paths})


CHINA_EMPLOYMENT = Source(
    name="china_employment",
    kind="io",
    table="china_employment",
    patterns=("sea/china_employment_nbs/china_employment*.rda",),
    origin=Origin(
        publisher="Wang, Jia and Wang (2021), from NBS data (republished in the R package ionet)",
        dataset="Sectoral employment in China, 1990-2018",
        edition="github.com/Carol-seven/ionet data/china_employment.rda @ fa9d0423",
        url="https://github.com/Carol-seven/ionet",
        licence="package GPL (>= 3)",
        citation="Wang, Y., Jia, X. and Wang, C. (2021), 'Research on Sectoral Employment "
        "Accounting of China', Statistical Research 38(12): 3-18.",
    ),
    grain=("year", "row_code"),
    read=read,
    description="China employment by GB/T 4754 section/division, 1990-2018, 10,000 persons.",
    known_units=(UNIT,),
    min_rows=100,
    max_rows=115 * 40,
    known_defects=(
        "Not the WIOD SEA: Chinese classification (GB/T 4754), must be mapped to WIOD's 56.",
        "Employment only: no value added, capital stock or compensation.",
    ),
)
