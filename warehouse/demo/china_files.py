"""China demo text and R files: NBS fsnd/hgnd CSVs, work_data.csv, GCAM population, asset.rda.

Layouts mirror the real files (UTF-8 without BOM, LF, minimal quoting):

* ``china/nbs_fsnd_2021/prov/*.csv``: ``省份编码,省份,年份,<indicator(unit)>…``, provinces in
  NBS order with full names (``北京市``), years 2019 → 2000 within a province; GRP in 亿元 with
  one decimal, per-capita GRP in whole yuan, indices (上年=100) with one (GRP) or two (FAI)
  decimals, employment in 万人 with four decimals and trailing zeros dropped; employment rows
  exist for 2000–2007 with empty cells (as published).
* ``china/nbs_fsnd_2021/natl/*.csv``: ``年份,<indicator without unit>…``, 2019 → 2000.
* ``china/nbs_workdata/work_data.csv``: ``city,exp,industry,list_2012…list_2021,unit``; per
  province the average wage (twice, as the scrape repeats it), the wage bill, then urban-unit
  employment (total + 19 sections), one decimal; ``list_2021`` empty.
* ``china/gcam_china/China_Statistics_Yearbook.csv``: ``#`` header, ``Region,2000…2019``,
  ``National Total``, 31 provinces (English names), ``sum``, ``difference``.
* ``china/capital_stock/asset.rda``: data.frame ``asset`` (``prv yr invest InvestIndex
  InvestPrice depr``), rows sorted by ``prv`` then ``yr``, R ``NA`` where not published,
  ``save(..., compress = "bzip2", version = 2)`` bytes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.demo.china_dgp import BRANCHES, SECTIONS, YEARS, ChinaTruth
from warehouse.demo.fmt import dec, minimal_row, write_text
from warehouse.sources.china_provinces import GB2260, PROVINCES

PROV_DIR = "china/nbs_fsnd_2021/prov"
NATL_DIR = "china/nbs_fsnd_2021/natl"
WORK_FILE = "china/nbs_workdata/work_data.csv"
GCAM_FILE = "china/gcam_china/China_Statistics_Yearbook.csv"
ASSET_FILE = "china/capital_stock/asset.rda"
EMPLOYMENT_YEARS: tuple[int, ...] = tuple(range(2008, 2020))  # published in fsnd
WORK_YEARS: tuple[int, ...] = tuple(range(2012, 2022))  # list_ columns (2021 empty)
ASSET_YEARS: tuple[int, ...] = tuple(range(1952, 2020))
EMP = "城镇单位就业人员"
GRP_COLUMNS: tuple[str, ...] = (
    "地区生产总值(亿元)", "第一产业增加值(亿元)", "第二产业增加值(亿元)", "第三产业增加值(亿元)",
    *(f"{b}增加值(亿元)" for b in BRANCHES), "人均地区生产总值(元/人)",
)  # fmt: skip
INDEX_COLUMNS: tuple[str, ...] = tuple(
    f"{x}指数(上年=100)" for x in ("地区生产总值", *(f"第{n}产业增加值" for n in "一二三"))
)
FAI_COLUMNS: tuple[str, ...] = tuple(
    f"{x}固定资产投资价格指数(上年=100)" for x in ("", "建筑安装工程", "设备工器具购置", "其他费用")
)  # fmt: skip
EMP_COLUMNS: tuple[str, ...] = (f"{EMP}(万人)", *(f"{s}{EMP}(万人)" for s in SECTIONS))
_FIXED = ("省份编码", "省份", "年份")
_EMP_EXP = (
    "城镇单位就业人员是指在城镇各级国家机关、党政机关、社会团体及企业、事业单位中工作，"
    "取得工资或其他形式的劳动报酬的全部人员。"
)
_WAGE_EXP = "城镇单位就业人员平均工资是指城镇单位就业人员在一定时期内平均每人所得的货币工资额。"
#: section labels of the wage tables (the scrape keeps the GB/T 4754-2002 names there)
WAGE_SECTIONS: tuple[str, ...] = (
    "农、林、牧、渔业", "采矿业", "制造业", "电力、燃气及水的生产和供应业", "建筑业",
    "交通运输、仓储和邮政业", "信息传输、计算机服务和软件业", "批发和零售业", "住宿和餐饮业",
    "金融业", "房地产业", "租赁和商务服务业", "科学研究、技术服务和地质勘查业",
    "水利、环境和公共设施管理业", "居民服务和其他服务业", "教育", "卫生、社会保障和社会福利业",
    "文化、体育和娱乐业", "公共管理和社会组织",
)  # fmt: skip
#: relative wage of each section (× the provincial average wage)
WAGE_PREMIUM: tuple[float, ...] = (0.5, 1.0, 0.8, 1.3, 0.8, 1.0, 1.8, 0.9, 0.6, 2.0, 1.0, 1.1,
                                   1.4, 0.7, 0.6, 1.1, 1.2, 1.3, 1.0)  # fmt: skip


def _tenths(x: np.ndarray) -> np.ndarray:
    return np.round(x * 10).astype(np.int64)


def _t(v: int) -> str:
    return f"{v / 10:.1f}"


class Published:
    """The numbers as published (rounded), shared by the provincial and national files."""

    def __init__(self, truth: ChinaTruth) -> None:
        self.truth = truth
        cols = [truth.col(y) for y in YEARS]
        share = truth.branch_share[:, cols, :]
        grp = truth.grp[:, cols]
        self.grp = _tenths(grp)  # (31, 20) tenths of 亿元
        named = _tenths(grp[:, :, None] * share[:, :, :8])  # first eight branches
        other = self.grp - named.sum(axis=2)
        self.branches = np.concatenate([named, other[:, :, None]], axis=2)
        self.primary = self.branches[:, :, 0]
        self.secondary = self.branches[:, :, 1] + self.branches[:, :, 2]
        self.tertiary = self.grp - self.primary - self.secondary
        avg = (truth.pop[:, cols] + truth.pop[:, [c - 1 for c in cols]]) / 2
        self.avg_pop = avg
        self.per_capita = np.round(grp * 1e8 / (avg * 1e4)).astype(np.int64)
        prev = [c - 1 for c in cols]
        self.grp_index = np.round(100 * truth.real_grp[:, cols] / truth.real_grp[:, prev], 1)
        full = truth.branch_share
        nom = (
            np.stack(
                [full[:, :, 0], full[:, :, 1] + full[:, :, 2], full[:, :, 3:].sum(axis=2)], axis=2
            )
            * truth.grp[:, :, None]
        )
        real = nom / truth.sector_deflator
        self.sector_nominal = nom  # (31, GRID, 3) unrounded
        self.sector_index = np.round(100 * real[:, cols, :] / real[:, prev, :], 1)
        self.fai = np.round(truth.fai_index[:, cols], 2)
        self.fai_parts = np.round(truth.fai_parts[:, cols, :], 2)
        emp_cols = [truth.col(y) for y in range(2000, 2021)]
        self.emp_years = tuple(range(2000, 2021))
        self.employment = truth.employment[:, emp_cols, :].astype(np.int64)  # 1e-4 万人


def _prov_rows(values_of) -> list[list[str]]:
    """Rows ``省份编码,省份,年份,…`` in NBS order, 2019 → 2000."""
    rows = []
    for i, p in enumerate(PROVINCES):
        for j in range(len(YEARS) - 1, -1, -1):
            rows.append([GB2260[p.code], p.name_zh_full, str(YEARS[j]), *values_of(i, j)])
    return rows


def _csv(path: Path, header: list[str] | tuple[str, ...], rows: list[list[str]]) -> Path:
    text = minimal_row(header, "\n") + "".join(minimal_row(r, "\n") for r in rows)
    write_text(path, text)
    return path


def write_fsnd_province(out: Path, pub: Published) -> list[Path]:
    d = out / PROV_DIR

    def grp_row(i: int, j: int) -> list[str]:
        parts = [pub.grp[i, j], pub.primary[i, j], pub.secondary[i, j], pub.tertiary[i, j]]
        return [*(_t(v) for v in parts), *(_t(v) for v in pub.branches[i, j]),
                str(pub.per_capita[i, j])]  # fmt: skip

    def index_row(i: int, j: int) -> list[str]:
        return [dec(pub.grp_index[i, j], 1), *(dec(v, 1) for v in pub.sector_index[i, j])]

    def fai_row(i: int, j: int) -> list[str]:
        return [dec(pub.fai[i, j], 2), *(dec(v, 2) for v in pub.fai_parts[i, j])]

    def emp_row(i: int, j: int) -> list[str]:
        if YEARS[j] not in EMPLOYMENT_YEARS:
            return [""] * len(EMP_COLUMNS)
        parts = pub.employment[i, pub.emp_years.index(YEARS[j])]
        return [dec(parts.sum() / 1e4, 4), *(dec(v / 1e4, 4) for v in parts)]

    return [
        _csv(d / "地区生产总值.csv", [*_FIXED, *GRP_COLUMNS], _prov_rows(grp_row)),
        _csv(d / "地区生产总值指数.csv", [*_FIXED, *INDEX_COLUMNS], _prov_rows(index_row)),
        _csv(d / "按行业分城镇单位就业人员.csv", [*_FIXED, *EMP_COLUMNS], _prov_rows(emp_row)),
        _csv(
            d / "固定资产投资价格指数(上年=100).csv", [*_FIXED, *FAI_COLUMNS], _prov_rows(fai_row)
        ),
    ]


def national_population(truth: ChinaTruth) -> np.ndarray:
    """National year-end population over :data:`GRID` (Σ provinces + the published gap)."""
    return truth.pop.sum(axis=0) + truth.pop_gap


def write_fsnd_national(out: Path, pub: Published) -> list[Path]:
    """国内生产总值, 分行业增加值, 国内生产总值指数 and 按行业分城镇单位就业人员 (national)."""
    truth = pub.truth
    d = out / NATL_DIR
    cols = [truth.col(y) for y in YEARS]
    f = truth.national_factor[cols]
    branches = _tenths(pub.branches.sum(axis=0)[:, :8] / 10 * f[:, None])  # (20, 8)
    gdp = _tenths(pub.grp.sum(axis=0) / 10 * f)
    other = gdp - branches.sum(axis=1)
    primary = branches[:, 0]
    secondary = branches[:, 1] + branches[:, 2]
    tertiary = gdp - primary - secondary
    npop = national_population(truth)
    navg = (npop[cols] + npop[[c - 1 for c in cols]]) / 2
    gni = _tenths(gdp / 10 * truth.gni_factor[cols])
    per_capita = np.round(gdp / 10 * 1e8 / (navg * 1e4)).astype(np.int64)
    order = range(len(YEARS) - 1, -1, -1)
    gdp_rows = [
        [str(YEARS[j]), _t(gni[j]), _t(gdp[j]), _t(primary[j]), _t(secondary[j]),
         _t(tertiary[j]), str(per_capita[j])]
        for j in order
    ]  # fmt: skip
    branch_rows = [
        [str(YEARS[j]), _t(gdp[j]), *(_t(v) for v in branches[j]), _t(other[j])] for j in order
    ]
    # national real growth: provincial indices weighted by last year's nominal values
    prev = [c - 1 for c in cols]
    w = truth.grp[:, prev]
    gdp_index = (w * pub.grp_index).sum(axis=0) / w.sum(axis=0)
    ws = pub.sector_nominal[:, prev, :]
    sector_index = (ws * pub.sector_index).sum(axis=0) / ws.sum(axis=0)  # (20, 3)
    gni_index = gdp_index * truth.gni_factor[cols] / truth.gni_factor[prev]
    navg_prev = (npop[prev] + npop[[c - 1 for c in prev]]) / 2
    pc_index = gdp_index * navg_prev / navg
    index_rows = [
        [str(YEARS[j]), dec(gni_index[j], 1), dec(gdp_index[j], 1),
         *(dec(v, 1) for v in sector_index[j]), dec(pc_index[j], 1)]
        for j in order
    ]  # fmt: skip
    emp_rows = []
    for j in order:
        y = YEARS[j]
        parts = pub.employment[:, pub.emp_years.index(y), :].sum(axis=0)
        sections = [dec(v / 1e4, 4) for v in parts] if y >= 2003 else [""] * len(SECTIONS)
        emp_rows.append([str(y), dec(parts.sum() / 1e4, 4), *sections])
    gdp_header = ["年份", "国民总收入", "国内生产总值", "第一产业增加值", "第二产业增加值",
                  "第三产业增加值", "人均国内生产总值"]  # fmt: skip
    branch_header = ["年份", "国内生产总值", *(f"{b}增加值" for b in BRANCHES)]
    index_labels = (
        "国民总收入",
        "国内生产总值",
        *(f"第{n}产业增加值" for n in "一二三"),
        "人均国内生产总值",
    )
    index_header = ["年份", *(f"{x}指数(上年=100)" for x in index_labels)]
    emp_header = ["年份", EMP, *(f"{s}{EMP}" for s in SECTIONS)]
    return [
        _csv(d / "国内生产总值.csv", gdp_header, gdp_rows),
        _csv(d / "分行业增加值.csv", branch_header, branch_rows),
        _csv(d / "国内生产总值指数(上年=100).csv", index_header, index_rows),
        _csv(d / "按行业分城镇单位就业人员.csv", emp_header, emp_rows),
    ]


def _one_decimal(v: int) -> str:
    """1e-4 units -> one decimal, half up (the scrape rounds the fsnd value)."""
    return _t((int(v) + 500) // 1000)


def write_work_data(out: Path, pub: Published) -> Path:
    truth = pub.truth
    header = ["city", "exp", "industry", *(f"list_{y}" for y in WORK_YEARS), "unit"]
    published = [y for y in WORK_YEARS if y <= 2020]
    rows = []
    for i, p in enumerate(PROVINCES):
        wage = [str(int(truth.wage[i, truth.col(y)])) for y in published]
        emp = pub.employment[i, [pub.emp_years.index(y) for y in published], :]  # (9, 19)
        bill = [f"{truth.wage[i, truth.col(y)] * e.sum() / 1e4 / 1e4:.2f}"
                for y, e in zip(published, emp, strict=True)]  # fmt: skip
        pad = [""] * (len(WORK_YEARS) - len(published))
        wage_row = [p.name_zh_full, _WAGE_EXP, f"{EMP}平均工资", *wage, *pad, "元"]
        rows.append(wage_row)
        for k, s in enumerate(WAGE_SECTIONS):
            w = [f"{float(v) * WAGE_PREMIUM[k]:.0f}" for v in wage]
            rows.append([p.name_zh_full, _WAGE_EXP, f"{s}{EMP}平均工资", *w, *pad, "元"])
        rows.append([p.name_zh_full, _WAGE_EXP, f"{EMP}工资总额", *bill, *pad, "亿元"])
        for k, s in enumerate(WAGE_SECTIONS):
            b = [f"{float(v) * WAGE_PREMIUM[k] * e[k] / 1e8:.2f}"
                 for v, e in zip(wage, emp, strict=True)]  # fmt: skip
            rows.append([p.name_zh_full, _WAGE_EXP, f"{s}{EMP}工资总额", *b, *pad, "亿元"])
        rows.append([p.name_zh_full, _EMP_EXP, EMP,
                     *(_one_decimal(e.sum()) for e in emp), *pad, "万人"])  # fmt: skip
        for k, s in enumerate(SECTIONS):
            rows.append([p.name_zh_full, _EMP_EXP, f"{s}{EMP}",
                         *(_one_decimal(e[k]) for e in emp), *pad, "万人"])  # fmt: skip
        rows.append(wage_row)  # the scrape repeats the average wage verbatim
    return _csv(out / WORK_FILE, header, rows)


def write_gcam_population(out: Path, truth: ChinaTruth) -> Path:
    cols = [truth.col(y) for y in YEARS]
    prov = truth.pop[:, cols].astype(np.int64)
    total = prov.sum(axis=0)
    national = national_population(truth)[cols].astype(np.int64)
    lines = [
        "# File: China_Statistics_Yearbook.csv",
        "# Title: Population at year-end by region",
        "# Units: 10000 persons",
        "# Description: Region population by historical years",
        "# Source: Demo data (synthetic), in the layout of the China Statistical Yearbook table "
        'as copied by GCAM-China. Since 2005, data by region are of usual residents."',
        "# Column types: c" + "n" * len(YEARS),
        "# ----------",
        ",".join(["Region", *map(str, YEARS)]),
        ",".join(["National Total", *map(str, national)]),
        *(",".join([p.name_en, *map(str, prov[i])]) for i, p in enumerate(PROVINCES)),
        ",".join(["sum", *map(str, total)]),
        ",".join(["difference", *map(str, national - total)]),
    ]
    path = out / GCAM_FILE
    write_text(path, "\n".join(lines) + "\n")
    return path


# --------------------------------------------------------------------------- asset.rda
def _prv(p) -> str:
    return {"CN-NM": "neimenggu", "CN-XZ": "xizang"}.get(p.code, p.pinyin.lower())


def asset_frame(pub: Published) -> pd.DataFrame:
    """The ``asset`` data.frame (CHNCapitalStock layout), from the demo truth."""
    from rdata.missing import R_FLOAT_NA

    na = float(R_FLOAT_NA)
    truth = pub.truth
    d = truth.draws
    years = np.array(ASSET_YEARS)
    n_pre = 2000 - ASSET_YEARS[0]  # 48 years before 2000
    cols = [truth.col(y) for y in YEARS]
    recent = truth.invest_share[:, cols] * truth.grp[:, cols]  # (31, 20) 亿元
    frames = {}
    sichuan = [p.code for p in PROVINCES].index("CN-SC")
    prices = np.empty((len(PROVINCES), len(years)))
    for i, _p in enumerate(PROVINCES):
        back = 2000 - years[:n_pre]
        early = recent[i, 0] * np.exp(-d["invest_back"][i] * back + d["invest_noise"][i])
        invest = np.round(np.concatenate([early, recent[i]]), 2)
        growth = np.where(years[1:n_pre] < 1978, 0.01, 0.05) + d["price_back"][i, 1:]
        price = np.concatenate([[1.0], np.exp(np.cumsum(growth))])
        fai = np.cumprod(pub.fai[i] / 100.0) * price[-1]
        prices[i] = np.concatenate([price, fai])
        frames[i] = invest
    rows = []
    for i, p in enumerate(PROVINCES):
        invest, price = frames[i], prices[i].copy()
        first = 1996 if p.code == "CN-CQ" else 1952
        if p.code == "CN-CQ":  # Chongqing: 1952 = 1 via Sichuan's index in 1996
            at = 1996 - 1952
            price = price / price[at] * prices[sichuan, at]
        index = np.round(100 * (invest / price) / invest[0], 1)
        ratio = d["depr_ratio"][i] - 0.002 * (years - 1978)
        depr = np.round(invest * ratio, 2)
        for k, y in enumerate(years):
            if y < first:
                continue
            rows.append(
                (
                    _prv(p), float(y), float(invest[k]),
                    float(index[k]) if y <= 1995 and p.code != "CN-CQ" else na,
                    float(price[k]),
                    float(depr[k]) if 1978 <= y <= 2017 else na,
                )
            )  # fmt: skip
    rows.sort(key=lambda r: (r[0], r[1]))
    df = pd.DataFrame(rows, columns=["prv", "yr", "invest", "InvestIndex", "InvestPrice", "depr"])
    df["prv"] = df["prv"].astype(object)
    df.index = pd.RangeIndex(1, len(df) + 1)
    return df


def write_asset(out: Path, pub: Published) -> Path:
    import rdata

    path = out / ASSET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    rdata.write_rda(path, {"asset": asset_frame(pub)}, compression="bzip2", format_version=2)
    return path
