"""Provincial capital-stock inputs (CHNCapitalStock, Zhang Jun et al.) and the perpetual inventory.

**asset.rda** (``china/capital_stock/asset.rda``, R package CHNCapitalStock 0.1.1): one
data.frame ``asset``, 2,157 rows, columns ``prv`` (pinyin, lower case: ``shanxi`` = 山西,
``shaanxi`` = 陕西, ``neimenggu``, ``xizang``), ``yr`` (1952-2022; Chongqing from 1996),
``invest`` (gross fixed capital formation, current prices, 亿元), ``InvestIndex`` (GFCF volume
index, 1952 = 100, to 1995), ``InvestPrice`` (investment price index, 1952 = 1) and ``depr``
(depreciation of fixed assets, 亿元, to 2017). Each non-missing cell lands as one long row
(``indicator_code`` = the column name). The capital stock itself is not stored: compute it
with :func:`perpetual_inventory` / :func:`zhang_capital_stock`.

**Source spreadsheets** (the package's ``data-raw/src_data``), Wind exports in two layouts:

* *by date* (``固定资本形成总额2018.xlsx``, ``固定资产投资价格指数2018.xlsx``,
  ``固定资产折旧.xlsx``): A1 ``指标名称``, row 1 one column per series named
  ``<province>:<indicator>`` or ``<indicator>:<province>``, column A the dates ``YYYY-12-31``;
  no unit in the file (units from :data:`WIND_UNITS`);
* *by series* (``固定资产投资价格指数2019.xlsx``, ``2022RPI.xlsx``,
  ``2023分省固定资产投资完成额同比.xlsx``): header ``国家, 指标名称, 频率, 单位, 指标ID, 时间区间,
  来源, 更新时间, <dates…>``, one row per province series, a ``数据来源：Wind`` note at the end;

plus the long table ``各地区固定资本生产总额及指数.xlsx`` (Sheet1: ``省份, 年份,
固定资本形成总额（亿元）, 固定资产形成总额指数（%）``, 1952-1995, 30 provinces; Guangdong only
18 years). Not read: the NBS-export RPI files (``RPI.xlsx``, ``分省年度数据 (1).xls`` — the
same RPI as ``2022RPI.xlsx``), Tibet's total FAI and the basic-construction investment of
Jiangxi/Guangdong/Hainan (used by the package to patch early years, already inside ``asset``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.sources.base import Origin, ReadResult, Source, SourceFormatError
from warehouse.sources.china_ceads import open_workbook, sheet_rows
from warehouse.sources.china_provinces import province_code, require_province
from warehouse.sources.long_frame import FileRead, cells_to_long, read_each

VINTAGE = "CHNCapitalStock 0.1.1 (common2016/CapitalStock 35640d38)"
#: unit of each asset.rda column
ASSET_UNITS: dict[str, str] = {
    "invest": "亿元",
    "InvestIndex": "1952=100",
    "InvestPrice": "1952=1",
    "depr": "亿元",
}
#: units of the Wind by-date exports, which carry none (by indicator label)
WIND_UNITS: dict[str, str] = {
    "资本形成总额:固定资本形成总额": "亿元",
    "固定资产投资价格指数": "上年=100",
    "地区生产总值:固定资产折旧": "亿元",
}
#: Zhang Jun et al. (2004) parameters, as in CHNCapitalStock::CompK_ZJ
DEPRECIATION = 0.096
INITIAL_RATIO = 0.1
#: Chongqing's 1996 stock in CompK_ZJ: Sichuan's 1995 stock share (1090 × 313/850)
CHONGQING_K1996 = 1090 * 313 / 850
_LABEL_UNIT = re.compile(r"^(?P<name>.+?)\s*[（(](?P<unit>[^()（）]+)[)）]\s*$")
_DATE_TEXT = re.compile(r"^'?(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")


# --------------------------------------------------------------------------- perpetual inventory
def perpetual_inventory(
    invest: pd.Series,
    price_index: pd.Series,
    *,
    depreciation: float = DEPRECIATION,
    initial_ratio: float = INITIAL_RATIO,
    base_year: int = 1952,
    initial_stock: float | None = None,
) -> pd.Series:
    """Capital stock by the perpetual inventory method (Zhang, Wu and Zhang 2004).

    With years ``t0 < t0+1 < … `` (the index of ``invest``, consecutive, no gaps):

    * real investment ``I_t = invest_t / (P_t / P_base)``, ``P_base`` = ``price_index`` in
      ``base_year`` (if ``base_year`` is not in the index, ``price_index`` is used as given and
      must already be 1 in ``base_year`` — e.g. Chongqing's asset.rda index, 1952 = 1 via
      Sichuan);
    * initial stock ``K_t0 = invest_t0 / initial_ratio`` (current prices of t0, exactly as
      ``CompK_ZJ`` does; equal to the real value when ``t0 == base_year``), or
      ``initial_stock`` if given;
    * ``K_t = K_{t-1} · (1 − depreciation) + I_t`` for t > t0.

    Units: ``invest`` in current-price money (亿元 in asset.rda) → ``K`` in the same money at
    ``base_year`` prices. Defaults are Zhang's δ = 9.6 % and K_1952 = I_1952 / 10 %.

    Raises ``ValueError`` on missing values, gaps in the years, or a price index that does not
    cover the investment years.
    """
    invest = invest.sort_index().astype("float64")
    years = invest.index.to_numpy()
    if len(years) == 0:
        return pd.Series(dtype="float64", name="K")
    if np.any(np.diff(years) != 1):
        raise ValueError("investment years are not consecutive")
    if invest.isna().any():
        raise ValueError(f"missing investment in {list(invest.index[invest.isna()])}")
    prices = price_index.astype("float64").reindex(invest.index)
    if prices.isna().any():
        raise ValueError(f"no price index for {list(prices.index[prices.isna()])}")
    if base_year in price_index.index:
        prices = prices / float(price_index.loc[base_year])
    real = (invest / prices).to_numpy()
    stock = np.empty(len(years))
    stock[0] = invest.iloc[0] / initial_ratio if initial_stock is None else initial_stock
    for i in range(1, len(years)):
        stock[i] = stock[i - 1] * (1 - depreciation) + real[i]
    return pd.Series(stock, index=invest.index, name="K")


def zhang_capital_stock(
    asset: pd.DataFrame, prv: str, *, base_year: int = 1952, depreciation: float = DEPRECIATION
) -> pd.Series:
    """``CompK_ZJ(prv, bt=base_year, delta=depreciation)`` on the ``asset`` data.frame.

    ``asset`` has the asset.rda columns (``prv``, ``yr``, ``invest``, ``InvestPrice``).
    Chongqing (from 1996): the price index is rebased by Sichuan's ``InvestPrice`` in
    ``base_year`` when ``base_year`` < 1996 (else by its own), and ``K_1996`` =
    :data:`CHONGQING_K1996`; other provinces start at ``K_1952 = invest_1952 / 0.1``.
    Returns K (亿元 at ``base_year`` prices) indexed by year.
    """
    rows = asset[asset["prv"] == prv].sort_values("yr")
    if rows.empty:
        raise KeyError(f"province {prv!r} not in asset")
    years = rows["yr"].astype("int64").to_numpy()
    invest = pd.Series(rows["invest"].to_numpy(), index=years)
    price = pd.Series(rows["InvestPrice"].to_numpy(), index=years)
    if prv == "chongqing":
        if base_year < 1996:
            sichuan = asset[(asset["prv"] == "sichuan") & (asset["yr"] == base_year)]
            price = price / float(sichuan["InvestPrice"].iloc[0])
        else:
            price = price / float(price.loc[base_year])
        return perpetual_inventory(
            invest,
            price,
            depreciation=depreciation,
            base_year=-1,  # already rebased above
            initial_stock=CHONGQING_K1996,
        )
    return perpetual_inventory(invest, price, depreciation=depreciation, base_year=base_year)


# --------------------------------------------------------------------------- asset.rda
def load_asset(path: Path) -> pd.DataFrame:
    """The ``asset`` data.frame of asset.rda (``rdata``); :class:`SourceFormatError` if absent."""
    import rdata

    path = Path(path)
    try:
        converted = rdata.conversion.convert(rdata.parser.parse_file(path))
    except Exception as exc:  # rdata raises assorted errors on corrupt files
        raise SourceFormatError(path, f"not a readable R data file: {exc}") from exc
    frame = converted.get("asset")
    if not isinstance(frame, pd.DataFrame):
        raise SourceFormatError(path, f"no data.frame 'asset' (found {', '.join(converted)})")
    missing = [c for c in ("prv", "yr", *ASSET_UNITS) if c not in frame.columns]
    if missing:
        raise SourceFormatError(path, f"data.frame 'asset' lacks column(s) {', '.join(missing)}")
    return frame.reset_index(drop=True)


def read_asset_file(path: Path) -> FileRead:
    """asset.rda -> long rows (one per non-missing cell of the four value columns)."""
    path = Path(path)
    df = load_asset(path)
    names = df["prv"].astype("string").fillna("").str.strip()
    lookup = {n: require_province(path, n, row=i + 1, column="prv") for i, n in
              reversed(list(enumerate(names.tolist())))}  # fmt: skip
    codes = names.map(lookup)
    parts = []
    for column, unit in ASSET_UNITS.items():
        parts.append(
            pd.DataFrame(
                {
                    "indicator_code": column,
                    "indicator_name": column,
                    "unit": unit,
                    "entity_code": codes.to_numpy(),
                    "entity_name": names.to_numpy(),
                    "year": df["yr"].to_numpy(dtype=object),
                    "raw": df[column].to_numpy(dtype=object),
                    "row_number": np.arange(1, len(df) + 1),
                    "column": column,
                }
            )
        )
    frame, rejected = cells_to_long(
        pd.concat(parts, ignore_index=True),
        source="china_capital_asset",
        file_name=path.name,
        vintage=VINTAGE,
        year_column="yr",
    )
    dup = frame.duplicated(["indicator_code", "entity_code", "year"])
    if dup.any():
        r = frame[dup].iloc[0]
        raise SourceFormatError(
            path, f"second row for {r['entity_name']} {r['year']}", row=int(r["row_number"])
        )
    return FileRead(frame, rejected, len(df), VINTAGE, None)


def read_asset(paths: Sequence[Path]) -> ReadResult:
    """Read asset.rda into the ``china_capital_asset`` long table."""
    return read_each(paths, read_asset_file)


# --------------------------------------------------------------------------- xlsx inputs
def _text(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell).strip()


def _year_of(path: Path, cell: object, row: int, column: str) -> int:
    """The year of a Wind date cell (``2019-12-31`` text or a date); annual (Dec 31) only."""
    if isinstance(cell, (dt.date, dt.datetime)):
        y, m, d = cell.year, cell.month, cell.day
    else:
        m_ = _DATE_TEXT.match(_text(cell))
        if not m_:
            raise SourceFormatError(path, f"{_text(cell)!r} is not a date", row=row, column=column)
        y, m, d = (int(m_.group(k)) for k in ("y", "m", "d"))
    if (m, d) != (12, 31):
        raise SourceFormatError(
            path, f"date {y}-{m:02d}-{d:02d} is not a year end (annual series)", row, column
        )
    return y


def _split_series(path: Path, label: str, row: int, column: str) -> tuple[str, str, str]:
    """``北京:固定资产投资价格指数`` -> ``(code, province as written, indicator)``."""
    parts = [p.strip() for p in label.split(":")]
    found = [(i, province_code(p)) for i, p in enumerate(parts)]
    hits = [(i, c) for i, c in found if c]
    if len(parts) < 2 or len(hits) != 1:
        require_province(path, parts[0], row=row, column=column)  # raises, naming the cell
        raise SourceFormatError(
            path, f"series {label!r} is not '<province>:<indicator>'", row, column
        )
    i, code = hits[0]
    return code, parts[i], ":".join(p for k, p in enumerate(parts) if k != i)


def _wind_by_date(path: Path, rows: list[list[object]]) -> tuple[pd.DataFrame, int]:
    header = [_text(c) for c in rows[0]]
    cells, n_rows = [], 0
    series = []
    for j in range(1, len(header)):
        if not header[j]:
            continue
        code, prov, indicator = _split_series(path, header[j], 1, f"column {j + 1}")
        if indicator not in WIND_UNITS:
            raise SourceFormatError(
                path, f"no known unit for indicator {indicator!r}", row=1, column=header[j]
            )
        series.append((j, code, prov, indicator))
    for i in range(1, len(rows)):
        row = rows[i]
        if not _text(row[0]):
            if any(_text(c) for c in row):
                raise SourceFormatError(path, "values without a date", row=i + 1, column="A")
            continue
        if _text(row[0]).startswith("数据来源"):
            continue
        year = _year_of(path, row[0], i + 1, "A")
        n_rows += 1
        cells.append(
            pd.DataFrame(
                {
                    "indicator_code": [s[3] for s in series],
                    "indicator_name": [header[s[0]] for s in series],
                    "unit": [WIND_UNITS[s[3]] for s in series],
                    "entity_code": [s[1] for s in series],
                    "entity_name": [s[2] for s in series],
                    "year": year,
                    "raw": pd.Series([row[s[0]] for s in series], dtype=object),
                    "row_number": i + 1,
                    "column": [header[s[0]] for s in series],
                }
            )
        )
    return pd.concat(cells, ignore_index=True) if cells else pd.DataFrame(), n_rows


def _wind_by_series(path: Path, rows: list[list[object]]) -> tuple[pd.DataFrame, int]:
    header = rows[0]
    names = [_text(c) for c in header]
    for want in ("指标名称", "单位"):
        if want not in names:
            raise SourceFormatError(path, f"no {want!r} column in row 1", row=1, column=want)
    at_name, at_unit = names.index("指标名称"), names.index("单位")
    first = names.index("更新时间") + 1 if "更新时间" in names else at_unit + 1
    dates = [(j, _year_of(path, header[j], 1, f"column {j + 1}"))
             for j in range(first, len(header)) if _text(header[j])]  # fmt: skip
    cells, n_rows = [], 0
    for i in range(1, len(rows)):
        row = rows[i]
        label = _text(row[at_name])
        if not label:
            lead = _text(row[0])
            if lead.startswith("数据来源") or not any(_text(c) for c in row):
                continue
            raise SourceFormatError(path, "row without 指标名称", row=i + 1, column="指标名称")
        code, prov, indicator = _split_series(path, label, i + 1, "指标名称")
        unit = _text(row[at_unit])
        if not unit:
            raise SourceFormatError(path, f"{label}: no unit", row=i + 1, column="单位")
        n_rows += 1
        cells.append(
            pd.DataFrame(
                {
                    "indicator_code": indicator,
                    "indicator_name": label,
                    "unit": unit,
                    "entity_code": code,
                    "entity_name": prov,
                    "year": [y for _, y in dates],
                    "raw": pd.Series([row[j] for j, _ in dates], dtype=object),
                    "row_number": i + 1,
                    "column": [_text(header[j]) for j, _ in dates],
                }
            )
        )
    return pd.concat(cells, ignore_index=True) if cells else pd.DataFrame(), n_rows


def _history_table(path: Path, rows: list[list[object]]) -> tuple[pd.DataFrame, int]:
    names = [_text(c) for c in rows[0]]
    if names[:2] != ["省份", "年份"]:
        raise SourceFormatError(path, "header does not start with 省份, 年份", row=1)
    values = []
    for j in range(2, len(names)):
        if not names[j]:
            continue
        m = _LABEL_UNIT.match(names[j])
        if not m:
            raise SourceFormatError(path, f"column {names[j]!r} has no unit", row=1)
        unit = m.group("unit")
        values.append((j, m.group("name"), "1952=100" if unit == "%" else unit))
    cells, n_rows = [], 0
    for i in range(1, len(rows)):
        row = rows[i]
        if not any(_text(c) for c in row):
            continue
        prov = _text(row[0])
        code = require_province(path, prov, row=i + 1, column="省份")
        n_rows += 1
        cells.append(
            pd.DataFrame(
                {
                    "indicator_code": [v[1] for v in values],
                    "indicator_name": [names[v[0]] for v in values],
                    "unit": [v[2] for v in values],
                    "entity_code": code,
                    "entity_name": prov,
                    "year": _text(row[1]),
                    "raw": pd.Series([row[v[0]] for v in values], dtype=object),
                    "row_number": i + 1,
                    "column": [names[v[0]] for v in values],
                }
            )
        )
    return pd.concat(cells, ignore_index=True) if cells else pd.DataFrame(), n_rows


def read_input_file(path: Path) -> FileRead:
    """One of the package's source spreadsheets (layout recognised from row 1 of sheet 1)."""
    path = Path(path)
    book = open_workbook(path)
    if not book.sheet_names:
        raise SourceFormatError(path, "workbook has no sheets")
    rows = sheet_rows(path, book, book.sheet_names[0])
    if not rows:
        raise SourceFormatError(path, f"sheet {book.sheet_names[0]!r} is empty")
    first = _text(rows[0][0])
    if first == "指标名称":
        cells, n_rows = _wind_by_date(path, rows)
    elif first == "国家":
        cells, n_rows = _wind_by_series(path, rows)
    elif first == "省份":
        cells, n_rows = _history_table(path, rows)
    else:
        raise SourceFormatError(
            path, f"A1 is {first!r}: not a Wind export (指标名称/国家) nor 省份, 年份", row=1
        )
    if cells.empty:
        raise SourceFormatError(path, "no data rows")
    dup = cells.duplicated(["indicator_code", "entity_code", "year"])
    if dup.any():
        r = cells[dup].iloc[0]
        raise SourceFormatError(
            path, f"second series for {r['entity_name']} / {r['indicator_code']} {r['year']}",
            row=int(r["row_number"]),
        )  # fmt: skip
    frame, rejected = cells_to_long(
        cells, source="china_capital_inputs", file_name=path.name, vintage=VINTAGE
    )
    return FileRead(frame, rejected, n_rows, VINTAGE, None)


def read_inputs(paths: Sequence[Path]) -> ReadResult:
    """Read the CHNCapitalStock source spreadsheets into ``china_capital_inputs``."""
    return read_each(paths, read_input_file)


# --------------------------------------------------------------------------- sources
_ORIGIN = Origin(
    publisher="Pu Chen, R package CHNCapitalStock (from NBS: 中国国内生产总值核算历史资料 "
    "1952-2004, China Statistical Yearbooks; Wind)",
    dataset="Provincial investment, investment price index and depreciation for the Zhang "
    "Jun perpetual-inventory capital stock",
    edition="CHNCapitalStock 0.1.1; github.com/common2016/CapitalStock @ 35640d38 "
    "(asset.rda identical to cran/CHNCapitalStock d4e02c3d)",
    url="https://github.com/common2016/CapitalStock",
    licence="GPL-2 (package); NBS data are public",
    citation="Zhang J., Wu G., Zhang J. (2004) 经济研究 (10): 35-44; Zhang J. (2008) JCEBS "
    "6(2): 177-196; Chen P., Wan K. (2021) 统计与决策 37(9): 37-40.",
)

CHINA_CAPITAL_ASSET = Source(
    name="china_capital_asset",
    table="china_capital_asset",
    patterns=("china/capital_stock/asset.rda",),
    origin=_ORIGIN,
    grain=("indicator_code", "entity_code", "year"),
    read=read_asset,
    description="CHNCapitalStock asset: GFCF (亿元, current prices), GFCF index (1952=100, "
    "to 1995), investment price index (1952=1) and depreciation (亿元, to 2017); 31 "
    "provinces x 1952-2022 (Chongqing from 1996).",
    known_units=tuple(sorted(set(ASSET_UNITS.values()))),
    min_rows=2_157 * 2,
    max_rows=2_157 * 4,
    known_defects=(
        "2018+ 'GFCF' is extrapolated with FAI growth (NBS stopped provincial GFCF); 2020+ "
        "price index is the RPI (FAI price index discontinued); Tibet uses the RPI.",
        "Sum of provincial GFCF exceeds national GFCF (43.9 vs ~35.6 trillion yuan, 2017).",
        "The capital stock is not stored: compute it with perpetual_inventory().",
    ),
)

CHINA_CAPITAL_INPUTS = Source(
    name="china_capital_inputs",
    table="china_capital_inputs",
    patterns=(
        "china/capital_stock/固定资本形成总额*.xlsx",
        "china/capital_stock/固定资产投资价格指数*.xlsx",
        "china/capital_stock/固定资产折旧.xlsx",
        "china/capital_stock/20*RPI.xlsx",
        "china/capital_stock/20*分省固定资产投资完成额同比.xlsx",
        "china/capital_stock/各地区固定资本生产总额及指数.xlsx",
    ),
    origin=_ORIGIN,
    grain=("file_name", "indicator_code", "entity_code", "year"),
    read=read_inputs,
    description="The package's source spreadsheets: GFCF (亿元) 1952-2018, GFCF index "
    "1952-1995, FAI price index (上年=100) 1982-2019, depreciation (亿元) 1978-2017, RPI "
    "(上年=100) to 2022, FAI growth (%) 1992-2022.",
    known_units=("亿元", "上年=100", "1952=100", "%"),
    min_rows=1_000,
    max_rows=50_000,
    known_defects=(
        "Wind by-date exports carry no unit: units are declared per indicator (WIND_UNITS).",
        "The FAI price index files of 2018 and 2019 overlap (grain includes file_name).",
        "各地区固定资本生产总额及指数.xlsx: Guangdong has 18 of 44 years; its index column is "
        "labelled % but is a 1952=100 volume index.",
        "Not read: RPI.xlsx / 分省年度数据 (1).xls (NBS exports of the RPI), Tibet total FAI, "
        "basic-construction investment of Jiangxi/Guangdong/Hainan.",
    ),
    # not needed by marts.province_panel; the demo data do not include it
    optional=True,
)
