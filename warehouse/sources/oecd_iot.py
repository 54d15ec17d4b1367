"""OECD Input-Output Tables (IOTs), 2021 edition, China 1995-2018, as an R list (ionet).

``OECD21ed_CHN_1995to2018.rda`` holds one R *list* object of 24 data.frames
``OECD21ed_CHN_{year}``, each 50 rows × 56 columns: ``Code``, ``Description``, 45 ISIC rev. 4
industries (``01`` … ``45``), final uses ``HFCE NPISH GGFC GFCF INVNT CONS_ABR CONS_NONRES``,
``EXPO`` and ``IMPO`` (imports, entered NEGATIVE). Rows: the 45 industries, then
``TXS_IMP_FNL TXS_INT_FNL TTL_INT_FNL VALU OUTPUT``. Total (competitive-import) tables, US$
million at current prices; origin ``total``. Read with ``rdata`` (pyreadr skips R lists).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from warehouse.sources.base import Origin, ReadResult, Source, SourceFormatError
from warehouse.sources.io_registry import combine, concat_io, wide_to_io
from warehouse.sources.long_frame import concat_rejected

UNIT = "US$ million"
VINTAGE = "2021 edition"
INDUSTRIES: tuple[str, ...] = tuple(f"{i:02d}" for i in range(1, 46))
FINAL_USES: tuple[str, ...] = (
    "HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "CONS_ABR", "CONS_NONRES", "EXPO", "IMPO",
)  # fmt: skip
TOTAL_ROWS: tuple[str, ...] = ("TXS_IMP_FNL", "TXS_INT_FNL", "TTL_INT_FNL", "VALU", "OUTPUT")
_NAME_RE = re.compile(r"OECD\d+ed_(?P<iso3>[A-Z]{3})_(?P<year>\d{4})$")


def load_rda_list(path: Path) -> dict[str, pd.DataFrame]:
    """The data.frames of an R list stored in ``path`` (name -> frame, names as ``str``)."""
    import rdata

    try:
        converted = rdata.conversion.convert(rdata.parser.parse_file(path))
    except Exception as exc:  # rdata raises assorted errors on corrupt files
        raise SourceFormatError(path, f"not a readable R data file: {exc}") from exc
    frames: dict[str, pd.DataFrame] = {}
    for obj in converted.values():
        items = obj.items() if isinstance(obj, dict) else []
        for name, df in items:
            if isinstance(df, pd.DataFrame):
                frames[str(name)] = df.rename(columns=str)
    if not frames:
        raise SourceFormatError(path, "no R list of data.frames found")
    return frames


def read_table(path: Path, name: str, df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One ``OECD21ed_CHN_{year}`` data.frame -> IO cells (origin ``total``)."""
    m = _NAME_RE.match(name)
    if not m:
        raise SourceFormatError(path, f"list element {name!r} is not 'OECD<nn>ed_<ISO3>_<year>'")
    missing = [c for c in ("Code", *INDUSTRIES, *FINAL_USES) if c not in df.columns]
    if missing:
        raise SourceFormatError(path, f"{name}: missing column(s) {', '.join(missing)}")
    df = df.reset_index(drop=True)
    codes = df["Code"].astype(str).str.strip()
    lacking = [c for c in (*INDUSTRIES, *TOTAL_ROWS) if c not in set(codes)]
    if lacking:
        raise SourceFormatError(path, f"{name}: missing row(s) {', '.join(lacking)}")
    dup = codes[codes.duplicated()]
    if not dup.empty:
        raise SourceFormatError(
            path, f"{name}: duplicated row code {dup.iloc[0]!r}", row=int(dup.index[0]) + 1
        )
    return wide_to_io(
        df,
        file_name=path.name,
        code_column="Code",
        value_columns=(*INDUSTRIES, *FINAL_USES),
        origin="total",
        source="oecd_iot",
        country=m.group("iso3"),
        year=int(m.group("year")),
        unit=UNIT,
        vintage=VINTAGE,
    )


def read_file(path: Path) -> tuple[pd.DataFrame, pd.DataFrame, int, str]:
    """One rda -> ``(IO frame, rejected, data rows, vintage)``; row_number = row in its table."""
    frames = load_rda_list(Path(path))
    parts = [read_table(Path(path), name, df) for name, df in sorted(frames.items())]
    rows = sum(len(df) for df in frames.values())
    return (
        concat_io([p[0] for p in parts]),
        concat_rejected([p[1] for p in parts]),
        rows,
        VINTAGE,
    )


def read(paths: Sequence[Path]) -> ReadResult:
    """Read OECD IOT rda files into the ``oecd_iot`` IO long table."""
    return combine({Path(p).name: read_file(Path(p)) for p in paths})


OECD_IOT = Source(
    name="oecd_iot",
    kind="io",
    table="oecd_iot",
    patterns=("io/oecd_iot2021_chn/OECD*ed_*.rda",),
    origin=Origin(
        publisher="OECD (republished in the R package ionet 0.2.2)",
        dataset="OECD Input-Output Tables (IOTs), China, current prices",
        edition="2021 edition, 1995-2018; github.com/Carol-seven/ionet "
        "data/OECD21ed_CHN_1995to2018.rda @ 4cd952a7",
        url="https://github.com/Carol-seven/ionet",
        licence="package GPL (>= 3); the underlying OECD data carry OECD terms",
        citation="OECD (2021), Input-Output Tables (IOTs), 2021 edition; "
        "via github.com/Carol-seven/ionet.",
    ),
    grain=("country", "year", "row_code", "column_code"),
    read=read,
    description="OECD IOT 2021 China: 24 years × 50 rows × 54 value columns, US$ million.",
    known_units=(UNIT,),
    min_rows=50 * 54,
    max_rows=30 * 50 * 54,
    known_defects=(
        "IMPO (imports) is entered as a negative column.",
        "Total tables only (competitive-import): no domestic/imported split of inputs.",
        "45 ISIC rev. 4 industries, many-to-one against WIOD's 56.",
    ),
)
