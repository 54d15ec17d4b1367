"""WDI as republished by open-numbers in DDF layout (``geo,time,<indicator>``).

One file per WDI series, ``ddf--datapoints--<code>--by--geo--time.csv``; ``<code>`` is the WDI
code lower-cased with dots replaced by underscores (``bm_gsr_nfsv_cd`` = ``BM.GSR.NFSV.CD``).
``geo`` is a lower-case ISO3 code or an open-numbers id (``kos``, ``nld_curacao``); values are
in the unit of the WDI series. The files carry no names or units, so they are declared here.
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

_FILE_RE = re.compile(r"^ddf--datapoints--(?P<concept>[a-z0-9_]+)--by--geo--time\.csv$")

#: WDI series in the delivered files: code -> (WDI name, unit of the value)
SERIES: dict[str, tuple[str, str]] = {
    "BM.GSR.NFSV.CD": ("Service imports (BoP, current US$)", "current US$"),
    "BM.GSR.CMCP.ZS": (
        "Communications, computer, etc. (% of service imports, BoP)",
        "% of service imports",
    ),
    "BM.GSR.INSF.ZS": (
        "Insurance and financial services (% of service imports, BoP)",
        "% of service imports",
    ),
    "BM.GSR.ROYL.CD": (
        "Charges for the use of intellectual property, payments (BoP, current US$)",
        "current US$",
    ),
    "IT.CEL.SETS.P2": ("Mobile cellular subscriptions (per 100 people)", "per 100 people"),
    "IT.NET.USER.ZS": ("Individuals using the Internet (% of population)", "% of population"),
    "NE.GDI.FTOT.ZS": ("Gross fixed capital formation (% of GDP)", "% of GDP"),
    "NV.IND.MANF.CD": ("Manufacturing, value added (current US$)", "current US$"),
    "NV.SRV.TOTL.ZS": ("Services, value added (% of GDP)", "% of GDP"),
    "NY.GDP.PCAP.KD": ("GDP per capita (constant 2015 US$)", "constant 2015 US$"),
}

#: open-numbers commit of each delivered file (SOURCES.md, "WDI via open-numbers mirror")
COMMITS: dict[str, str] = {
    **{
        f"ddf--datapoints--{c}--by--geo--time.csv": "01a34e8b54d76160a61b0325d74254e22db06b93"
        for c in (
            "bm_gsr_nfsv_cd",
            "bm_gsr_cmcp_zs",
            "bm_gsr_insf_zs",
            "it_cel_sets_p2",
            "it_net_user_zs",
            "ny_gdp_pcap_kd",
            "bm_gsr_royl_cd",
        )
    },
    "ddf--datapoints--nv_ind_manf_cd--by--geo--time.csv": (
        "00185452d20dc3f0c1cf7df9a95d417db6c69726"
    ),
    "ddf--datapoints--ne_gdi_ftot_zs--by--geo--time.csv": (
        "00185452d20dc3f0c1cf7df9a95d417db6c69726"
    ),
    "ddf--datapoints--nv_srv_totl_zs--by--geo--time.csv": (
        "0a0c5b5e59936efbd6e2f0b3ef33a74af1ed93f2"
    ),
}

_SUFFIX_UNITS = (
    (".CD", "current US$"),
    (".KD", "constant US$"),
    (".P2", "per 100 people"),
    (".ZS", "%"),
)


def wdi_code(concept: str) -> str:
    """``bm_gsr_nfsv_cd`` -> ``BM.GSR.NFSV.CD``."""
    return concept.strip().upper().replace("_", ".")


def series_name_and_unit(code: str) -> tuple[str, str]:
    """WDI name and unit of a series; unknown codes get their code and a suffix-based unit."""
    if code in SERIES:
        return SERIES[code]
    unit = next((u for suffix, u in _SUFFIX_UNITS if code.endswith(suffix)), "unknown")
    return code, unit


def read_ddf_file(path: Path) -> tuple[pd.DataFrame, pd.DataFrame, int, str]:
    """Read one DDF datapoints file: ``(long frame, rejected, data rows, vintage)``."""
    match = _FILE_RE.match(path.name)
    csv_text = read_records(path)
    if not csv_text.records:
        raise SourceFormatError(path, "no header and no data rows")
    header, data = csv_text.records[0], csv_text.records[1:]
    names = [f.strip() for f in header.fields]
    if match:
        concept = match.group("concept")
    else:
        others = [n for n in names if n not in ("geo", "time") and n]
        if len(others) != 1:
            raise SourceFormatError(
                path, f"cannot tell the indicator column; found {', '.join(names)}", row=1
            )
        concept = others[0]
    index = column_index(path, header, ("geo", "time", concept))
    require_data(path, data)
    check_widths(path, data, len(header.fields))
    code = wdi_code(concept)
    name, unit = series_name_and_unit(code)
    vintage = COMMITS.get(path.name, "undated")
    matrix = np.array([rec.fields for rec in data], dtype=object)
    geo = matrix[:, index["geo"]]
    cells = pd.DataFrame(
        {
            "indicator_code": code,
            "indicator_name": name,
            "unit": unit,
            "entity_code": geo,
            "entity_name": geo,
            "year": pd.array(matrix[:, index["time"]], dtype="string"),
            "raw": pd.array(matrix[:, index[concept]], dtype="string"),
            "row_number": np.array([rec.line for rec in data], dtype=np.int64),
            "column": concept,
        }
    )
    frame, rejected = cells_to_long(
        cells, source="wdi_ddf", file_name=path.name, vintage=vintage, year_column="time"
    )
    return frame, rejected, len(data), vintage


def read(paths: Sequence[Path]) -> ReadResult:
    """Read open-numbers DDF WDI datapoint files into the ``wdi_ddf`` long table."""
    return read_each(paths, lambda path: FileRead(*read_ddf_file(path)))


WDI_DDF = Source(
    name="wdi_ddf",
    table="wdi_ddf",
    patterns=("wdi_open_numbers/ddf--datapoints--*--by--geo--time.csv",),
    origin=Origin(
        publisher="World Bank (republished by Gapminder / open-numbers)",
        dataset="World Development Indicators in DDF layout "
        "(open-numbers/ddf--open_numbers--world_development_indicators)",
        edition="per file: open-numbers commits 01a34e8b (data to 2023/2024), "
        "00185452 and 0a0c5b5e (data to 2022)",
        url="https://github.com/open-numbers/ddf--open_numbers--world_development_indicators",
        licence="CC BY 4.0",
        citation=(
            "World Bank, World Development Indicators, CC BY 4.0, via open-numbers DDF "
            "repository, datapoints/<file>; transcribed from stored copies (SOURCES.md)."
        ),
    ),
    grain=("indicator_code", "entity_code", "year"),
    read=read,
    description=(
        "WDI series missing from the bulk CSVs (service imports and their composition, "
        "manufacturing VA, GFCF, ICT adoption, GDP per capita constant 2015 US$); countries "
        "only, no aggregates."
    ),
    known_units=tuple(sorted({u for _, u in SERIES.values()})),
    min_rows=50,
    max_rows=450_000,
    known_defects=(
        "Files come from different WDI releases: nv_ind_manf_cd, ne_gdi_ftot_zs and "
        "nv_srv_totl_zs end in 2022 (older commits).",
        "ne_gdi_ftot_zs: placeholder zeros for ury 1960-1969 (10 rows), ago (6 rows) and cod "
        "(1 row) mean missing; sle 1997 = -2.42 and ury 1973 = 6.74 are as published.",
        "nv_srv_totl_zs: npl 1960-1964 about 98.6 and per 1977 = 88.72 are implausible outliers.",
        "bm_gsr_cmcp_zs: ken 2000-2003 repeat the 1993-1996 values exactly; negative shares "
        "(aze 2006-2007 and 2014-2017, lao 2001-2005) and shares above 100 (afg 2009-2010).",
        "bm_gsr_insf_zs: negative shares, e.g. lao 2001-2005 (down to -22.3).",
        "bm_gsr_royl_cd: negative or near-zero payments (lso 1999, sdn 1998, wsm 1998, "
        "yem 2007-2009, zmb 1997, nam 2001 = 0.37); flat carried-forward values (nga "
        "2014-2024, jam 2015-2023).",
        "it_cel_sets_p2 / it_net_user_zs: explicit WDI zeros in pre-diffusion years.",
        "Files were transcribed from stored text copies: lengths verified, a mistyped digit "
        "cannot be fully excluded.",
    ),
)
