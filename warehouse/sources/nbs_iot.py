"""Official input-output tables of China (NBS), as R data.frames (ionet package).

``china_{year}_{n}.rda`` holds one data.frame: ``Code``, ``Description``,
``DescriptionInChinese``, the ``n`` sector columns (``001`` … or ``01`` …), then ``TIU`` and the
final uses (``FU101`` …, ``TC``, ``GCF``, ``EX``, ``TFU``, ``IM``, ``ERR``, ``GO``; the set varies
by edition). Rows: the ``n`` sectors, then ``TII``, ``VA001``-``VA004``, ``TVA``, ``TI``.
Producers' prices, 10,000 CNY; Chinese sector classification (GB/T 4754 based).

Most tables are competitive-import (imports only as the ``IM`` column; origin ``total``). The
2017/2018/2020 42-sector tables carry an ``Origin`` column (``Domestic``/``Imports``/``TOT``),
mapped to ``domestic``/``imports``/``tot``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.sources.base import Origin, ReadResult, Source, SourceFormatError
from warehouse.sources.io_registry import combine, wide_to_io

UNIT = "10,000 CNY"
VINTAGE = "ionet fa9d0423"
TOTAL_ROWS: tuple[str, ...] = ("TII", "VA001", "VA002", "VA003", "VA004", "TVA", "TI")
_FILE_RE = re.compile(r"^china_(?P<year>\d{4})_(?P<n>\d+)\.rda$", re.IGNORECASE)
_ORIGINS = {"Domestic": "domestic", "Imports": "imports", "TOT": "tot"}


def load_rda_frame(path: Path) -> pd.DataFrame:
    """The single data.frame stored in an .rda file (pyreadr); column names as ``str``."""
    import pyreadr

    try:
        objects = pyreadr.read_r(str(path))
    except Exception as exc:  # pyreadr raises its own error types on corrupt files
        raise SourceFormatError(path, f"not a readable R data file: {exc}") from exc
    frames = [df for df in objects.values() if isinstance(df, pd.DataFrame)]
    if len(frames) != 1:
        raise SourceFormatError(path, f"expected one data.frame, found {len(frames)}")
    return frames[0].rename(columns=str).reset_index(drop=True)


def read_file(path: Path) -> tuple[pd.DataFrame, pd.DataFrame, int, str]:
    """One ``china_{year}_{n}.rda`` -> ``(IO frame, rejected, data rows, vintage)``."""
    path = Path(path)
    m = _FILE_RE.match(path.name)
    if not m:
        raise SourceFormatError(path, "file name is not 'china_<year>_<sectors>.rda'")
    year, n = int(m.group("year")), int(m.group("n"))
    df = load_rda_frame(path)
    missing = [c for c in ("Code", "GO") if c not in df.columns]
    if missing:
        raise SourceFormatError(path, f"missing column(s) {', '.join(missing)}")
    sector_cols = [c for c in df.columns if c.isdigit()]
    if len(sector_cols) != n:
        raise SourceFormatError(path, f"{len(sector_cols)} sector columns, file name says {n}")
    codes = df["Code"].astype(str).str.strip()
    if "Origin" in df.columns:
        text = df["Origin"].astype(str).str.strip()
        unknown = ~text.isin(list(_ORIGINS))
        if unknown.any():
            i = int(np.argmax(unknown.to_numpy()))
            raise SourceFormatError(path, f"unknown Origin {text[i]!r}", row=i + 1)
        origins = text.map(_ORIGINS)
        blocks: tuple[str, ...] = ("domestic", "imports")
    else:
        origins = pd.Series("total", index=df.index)
        blocks = ("total",)
    keys = origins + "/" + codes
    dup = keys[keys.duplicated()]
    if not dup.empty:
        raise SourceFormatError(
            path, f"{year}: duplicated row code {dup.iloc[0]!r}", row=int(dup.index[0]) + 1
        )
    is_sector = codes.str.isdigit()
    for block in blocks:
        found = int((is_sector & (origins == block)).sum())
        if found != n:
            raise SourceFormatError(path, f"{year}: {found} {block} sector rows, not {n}")
    lacking = [c for c in TOTAL_ROWS if c not in set(codes)]
    if lacking:
        raise SourceFormatError(path, f"{year}: missing row(s) {', '.join(lacking)}")
    skip = {"Code", "Description", "DescriptionInChinese", "Origin"}
    value_cols = [c for c in df.columns if c not in skip]
    frame, rejected = wide_to_io(
        df,
        file_name=path.name,
        code_column="Code",
        value_columns=value_cols,
        origin=origins.to_numpy(dtype=object) if "Origin" in df.columns else "total",
        source="nbs_iot",
        country="CHN",
        year=year,
        unit=UNIT,
        vintage=VINTAGE,
    )
    return frame, rejected, len(df), VINTAGE


def read(paths: Sequence[Path]) -> ReadResult:
    """Read NBS IOT rda files into the ``nbs_iot`` IO long table."""
    return combine({Path(p).name: read_file(Path(p)) for p in paths})


NBS_IOT = Source(
    name="nbs_iot",
    kind="io",
    table="nbs_iot",
    patterns=("io/china_nbs_iot/china_*_*.rda",),
    origin=Origin(
        publisher="National Bureau of Statistics of China (republished in the R package ionet)",
        dataset="Input-output tables of China (benchmark 2002/2007/2012/2017/2020; extension "
        "2005/2010/2015/2018)",
        edition="github.com/Carol-seven/ionet data/china_*.rda @ fa9d0423 (2022-09-02)",
        url="https://github.com/Carol-seven/ionet",
        licence="package GPL (>= 3); NBS data are public",
        citation="National Bureau of Statistics of China, Input-Output Tables of China; "
        "via github.com/Carol-seven/ionet.",
    ),
    grain=("file_name", "origin", "row_code", "column_code"),
    read=read,
    description="NBS IO tables of China, 12 files (41-153 sectors), 10,000 CNY, producers' "
    "prices; year and sector count from the file name.",
    known_units=(UNIT,),
    min_rows=40 * 40,
    max_rows=300_000,
    known_defects=(
        "Competitive-import tables (imports only as the IM column) except the 2017/2018/2020 "
        "42-sector tables, which carry an Origin column (Domestic/Imports/TOT) — SOURCES.md "
        "describes all 12 as competitive-import.",
        "Values in 10,000 CNY (not US$), Chinese sector classification (GB/T 4754), not WIOD.",
        "Final-use columns vary by edition (no THC in 2005/2012; no ERR or IM in some).",
        "Missing cells (R NA) are not landed.",
    ),
)
