"""China demo workbooks: EPS provincial energy, MEIC provincial CO2, CEADs emission inventories.

* ``china/eps_energy/消费量.xlsx``: one sheet ``中国能源数据库-年度（分省）``; row 1 ``'', '',
  '1990' … '2019'`` (years as text); then ``indicator（unit）, province, value…`` with every
  value as text with five decimals (``'2709.00000'``), blank where not published. Twelve
  indicators × 30 provinces (no Tibet); 能源消费量 also has a Tibet row, blank except 2002–2003
  which copy Shaanxi's values (the real file's defect: the reader drops them as ``known``).
  Values for 2000–2019 (1990–1999 blank). Fuels are cosmetic splits of 能源消费量 by fixed
  conversion factors.
* ``china/meic/1990-2023分省份碳排放-MEIC.xlsx``: sheets ``Data description``, ``Definition of
  sectors``, ``Definition of fuel type``, ``MEIC-China-CO2 total emissions`` (rows 1-7
  metadata, row 9 header ``Province, Province_code, Sector, 1990 … 2023``, rows 10-40 the 31
  provinces, sector ``total``, Mt CO2 with three decimals). 2000–2019 = the DGP scope-1 CO2
  × a province factor; earlier/later years are extrapolated (cosmetic).
* ``china/ceads_v2022/emissions/{year}年30个省份排放清单.xlsx`` (2004–2019): ``NOTE`` + 30
  province sheets ``{Name}{year}`` in the real sheet order; each 51 × 23 (labels, unit row,
  blank row, ``TotalEmissions``, 47 sectors). The body is combustion CO2 split over sector ×
  fuel by fixed province weights (with a coal-to-gas drift) plus cement process CO2 in
  ``Nonmetal Mineral Products``; scope-2 and ``Other_Energy`` columns are 0. The total row is
  the column sum of the sectors and ``Scope_1_Total`` the row sum of fuels + process (float64,
  well inside the reader's 1e-6 tolerance).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from warehouse.demo.china_dgp import GRID, YEARS, ChinaTruth
from warehouse.demo.china_xlsx import write_xlsx
from warehouse.sources.china_provinces import GB2260, PROVINCES

EPS_FILE = "china/eps_energy/消费量.xlsx"
EPS_SHEET = "中国能源数据库-年度（分省）"
EPS_HEADER_YEARS: tuple[int, ...] = tuple(range(1990, 2020))
MEIC_FILE = "china/meic/1990-2023分省份碳排放-MEIC.xlsx"
MEIC_YEARS: tuple[int, ...] = tuple(range(1990, 2024))
CEADS_DIR = "china/ceads_v2022/emissions"
CEADS_YEARS: tuple[int, ...] = tuple(range(2004, 2020))
#: EPS indicators and the factor turning 能源消费量 (万吨标煤) × fuel share into the unit
#: (coal 0.7143 tce/t, coke 0.9714, oil 1.4286, gas 13.3 万tce per 亿m³, power 1.229 per 亿kWh)
EPS_TOTAL = "能源消费量（万吨标煤）"
EPS_FUELS: tuple[tuple[str, str, float], ...] = (
    ("煤炭消费量（万吨）", "coal", 1 / 0.7143),
    ("焦炭消费量（万吨）", "coke", 1 / 0.9714),
    ("石油消费量（万吨）", "oil", 1 / 1.4286),
    ("原油消费量（万吨）", "oil", 0.7 / 1.4286),
    ("汽油消费量（万吨）", "oil", 0.2 / 1.4714),
    ("煤油消费量（万吨）", "oil", 0.03 / 1.4714),
    ("柴油消费量（万吨）", "oil", 0.3 / 1.4571),
    ("燃料油消费量（万吨）", "oil", 0.05 / 1.4286),
    ("液化石油气消费量（万吨）", "oil", 0.04 / 1.7143),
    ("天然气消费量（亿立方米）", "gas", 1 / 13.3),
    ("电力消费量（亿千瓦小时）", "power", 1 / 1.229),
)
CEADS_FUELS: tuple[str, ...] = (
    "Raw_Coal", "CleanedCoal", "Other_Washed_Coal", "Briquettes", "Coke", "Coke_Oven_Gas",
    "Other_Gas", "Other_Coking_Products", "Crude_Oil", "Gasoline", "Kerosene", "Diesel_Oil",
    "Fuel_Oil", "LPG", "Refinery_Gas", "Other_Petroleum_Products", "Natural_Gas",
)  # fmt: skip
CEADS_COLUMNS: tuple[str, ...] = (
    *CEADS_FUELS, "Scope_2_Heat", "Scope_2_Electricity", "Other_Energy", "Process", "Scope_1_Total",
)  # fmt: skip
CEADS_SECTORS: tuple[str, ...] = (
    "Farming, Forestry, Animal Husbandry, Fishery and Water Conservancy",
    "Coal Mining and Dressing", "Petroleum and Natural Gas Extraction",
    "Ferrous Metals Mining and Dressing", "Nonferrous Metals Mining and Dressing",
    "Nonmetal Minerals Mining and Dressing", "Other Minerals Mining and Dressing",
    "Logging and Transport of Wood and Bamboo", "Food Processing", "Food Production",
    "Beverage Production", "Tobacco Processing", "Textile Industry",
    "Garments and Other Fiber Products", "Leather, Furs, Down and Related Products",
    "Timber Processing, Bamboo, Cane, Palm Fiber & Straw Products", "Furniture Manufacturing",
    "Papermaking and Paper Products", "Printing and Record Medium Reproduction",
    "Cultural, Educational and Sports Articles", "Petroleum Processing and Coking",
    "Raw Chemical Materials and Chemical Products", "Medical and Pharmaceutical Products",
    "Chemical Fiber", "Rubber Products", "Plastic Products", "Nonmetal Mineral Products",
    "Smelting and Pressing of Ferrous Metals", "Smelting and Pressing of Nonferrous Metals",
    "Metal Products", "Ordinary Machinery", "Equipment for Special Purposes",
    "Transportation Equipment", "Electric Equipment and Machinery",
    "Electronic and Telecommunications Equipment",
    "Instruments, Meters, Cultural and Office Machinery", "Other Manufacturing Industry",
    "Scrap and waste", "Production and Supply of Electric Power, Steam and Hot Water",
    "Production and Supply of Gas", "Production and Supply of Tap Water", "Construction",
    "Transportation, Storage, Post and Telecommunication Services",
    "Wholesale, Retail Trade and Catering Services", "Others", "Urban", "Rural",
)  # fmt: skip
#: sheet order of the real workbooks (sheet-name stems)
CEADS_SHEET_ORDER: tuple[str, ...] = (
    "Shanghai", "Yunnan", "InnerMongolia", "Beijing", "Jilin", "Sichuan", "Tianjin", "Ningxia",
    "Anhui", "Shandong", "Shanxi", "Guangdong", "Guangxi", "Xinjiang", "Jiangsu", "Jiangxi",
    "Hebei", "Henan", "Zhejiang", "Hainan", "Hubei", "Hunan", "Gansu", "Fujian", "Guizhou",
    "Liaoning", "Chongqing", "Shaanxi", "Qinghai", "Heilongjiang",
)  # fmt: skip
#: prior weight of a sector in combustion CO2 (others 1): power, metals, cement, transport …
_SECTOR_PRIOR = {
    "Production and Supply of Electric Power, Steam and Hot Water": 45.0,
    "Smelting and Pressing of Ferrous Metals": 12.0, "Nonmetal Mineral Products": 6.0,
    "Raw Chemical Materials and Chemical Products": 5.0, "Petroleum Processing and Coking": 4.0,
    "Transportation, Storage, Post and Telecommunication Services": 7.0, "Urban": 3.0,
    "Rural": 2.0, "Smelting and Pressing of Nonferrous Metals": 2.0,
}  # fmt: skip
_COAL = slice(0, 8)
_GAS = 16
_CEMENT = CEADS_SECTORS.index("Nonmetal Mineral Products")


def _five(v: float) -> str:
    return f"{v:.5f}"


def write_eps(out: Path, truth: ChinaTruth) -> Path:
    mix = truth.draws["eps_fuel_mix"]  # (31, 4) -> coal/coke, oil, gas, power shares
    k = np.array(GRID) - 2000.0
    cols = {y: truth.col(y) for y in YEARS}
    rows: list[list[str | None]] = [["", "", *map(str, EPS_HEADER_YEARS)]]

    def line(label: str, name: str, series: dict[int, float]) -> list[str | None]:
        return [label, name, *(_five(series[y]) if y in series else "" for y in EPS_HEADER_YEARS)]

    shaanxi = [p.code for p in PROVINCES].index("CN-SN")
    shares = {}
    for i, _p in enumerate(PROVINCES):
        coal = (0.55 + 0.2 * mix[i, 0]) * np.exp(-0.015 * k)
        gas = (0.02 + 0.04 * mix[i, 2]) * np.exp(0.06 * k)
        power = 0.05 + 0.05 * mix[i, 3] + 0.002 * k
        oil = 1.0 - coal - gas - power
        shares[i] = {"coal": coal * 0.9, "coke": coal * 0.1, "oil": oil, "gas": gas,
                     "power": power}  # fmt: skip
    for label, kind, factor in ((EPS_TOTAL, "", 1.0), *EPS_FUELS):
        for i, p in enumerate(PROVINCES):
            e = truth.energy[i]
            if p.code == "CN-XZ":
                if label == EPS_TOTAL:  # Tibet: unpublished but 2002-2003 copy Shaanxi's
                    copy = {y: truth.energy[shaanxi, cols[y]] for y in (2002, 2003)}
                    rows.append(line(label, p.name_zh, copy))
                continue
            share = shares[i][kind] if kind else np.ones_like(e)
            rows.append(
                line(label, p.name_zh, {y: e[c] * share[c] * factor for y, c in cols.items()})
            )
    path = out / EPS_FILE
    return write_xlsx(path, [(EPS_SHEET, rows)], creator="EPS")


def meic_series(truth: ChinaTruth) -> np.ndarray:
    """MEIC CO2 (Mt, 3 decimals) for 31 provinces × :data:`MEIC_YEARS`."""
    years = np.array(MEIC_YEARS)
    out = np.empty((len(PROVINCES), len(years)))
    first, last = truth.col(YEARS[0]), truth.col(YEARS[-1])
    for i in range(len(PROVINCES)):
        co2 = truth.co2[i] * truth.meic_factor[i]
        for j, y in enumerate(years):
            if y < YEARS[0]:
                out[i, j] = co2[first] * np.exp(-truth.draws["meic_back"][i] * (YEARS[0] - y))
            elif y > YEARS[-1]:
                out[i, j] = co2[last] * np.exp(0.01 * (y - YEARS[-1]))
            else:
                out[i, j] = co2[truth.col(int(y))]
    return np.round(out, 3)


def write_meic(out: Path, truth: ChinaTruth) -> Path:
    title = "MEIC - China CO2 emission database (last update: 2025-07-10)"
    description = [
        ["Multi-resolution Emission Inventory model for Climate and air pollution research "
         "(MEIC) - China CO2 emission database"],
        [""], ["About MEIC-China CO2 emissions"],
        ["Demo data (synthetic) in the layout of the MEIC-China-CO2 workbook: CO2 from fossil "
         "fuel combustion and cement process for 31 provinces in mainland China."],
        [""], ["Citation"], ["See http://meicmodel.org.cn/"],
    ]  # fmt: skip
    sectors = [
        [title],
        ["The sectors used in all data tables are defined as below."],
        [""],
        [""],
        ["", "Table 1. Definition of sectors"],
        ["", "Sector in MEIC-China-CO2", "Definition", "IPCC 2006 Code Category"],
        ["", "Electricity and heat production", "Power generation (public)", "1A1a"],
    ]
    fuels = [
        [title],
        ["The fuel types used in all data tables are defined as below."],
        [""],
        [""],
        ["", "Table 2. Definition of fuel type"],
        ["", "Fuel type in MEIC-China-CO2", "Definition"],
        ["", "Coal", "Anthracite"],
    ]
    values = meic_series(truth)
    data: list[list] = [
        [title],
        ["Time period", f"{MEIC_YEARS[0]}-{MEIC_YEARS[-1]}"],
        ["Spatial resolution", "by province"],
        ["Aggregation level", "total"],
        ["Unit", "million tonnes of CO2"],
        ["Reference", 'See Citation in "Data description" sheet'],
        ["Data source", "http://meicmodel.org.cn"],
        [],
        ["Province", "Province_code", "Sector", *MEIC_YEARS],
    ]
    for i, p in enumerate(PROVINCES):
        data.append([p.name_en, GB2260[p.code], "total", *(float(v) for v in values[i])])
    sheet = "MEIC-China-CO2 total emissions"
    return write_xlsx(
        out / MEIC_FILE,
        [
            ("Data description", description),
            ("Definition of sectors", sectors),
            ("Definition of fuel type", fuels),
            (sheet, data),
        ],
        creator="MEIC",
        bold_rows={sheet: {1, 9}},
    )


def ceads_body(truth: ChinaTruth, i: int, year: int) -> np.ndarray:
    """47 sectors × 22 columns (:data:`CEADS_COLUMNS`) of province ``i`` in ``year`` (Mt CO2)."""
    d = truth.draws
    prior = np.array([_SECTOR_PRIOR.get(s, 1.0) for s in CEADS_SECTORS])
    sector = prior * d["sector_weights"][i]
    fuel = d["fuel_weights"][i] * (d["fuel_mask"][i] < 0.4)  # sparse: ~60 % zeros
    fuel[:, 0] = np.maximum(fuel[:, 0], 0.05)  # every sector burns some raw coal
    drift = np.ones(len(CEADS_FUELS))
    k = year - 2000
    drift[_COAL] = np.exp(-0.02 * k)
    drift[_GAS] = np.exp(0.06 * k)
    fuel = fuel * drift
    weights = sector[:, None] * fuel / fuel.sum(axis=1, keepdims=True)
    weights /= weights.sum()
    c = truth.col(year)
    body = np.zeros((len(CEADS_SECTORS), len(CEADS_COLUMNS)))
    body[:, : len(CEADS_FUELS)] = truth.co2_combustion[i, c] * weights
    body[_CEMENT, CEADS_COLUMNS.index("Process")] = truth.co2_process[i, c]
    body[:, -1] = body[:, :-1].sum(axis=1)  # scope-2 and Other_Energy columns are 0
    return body


def _ceads_note(year: int) -> list[list]:
    return [
        ["Introduction/简介", "Demo data (synthetic): sectoral CO2 emission inventory for Chinese "
         "provinces in the CEADs layout.\n演示数据（合成）。"],
        ["Content/内容", "China provincial CO2 emission inventory (by IPCC Sectoral Approach)\n"
         "中国省级二氧化碳排放清单（IPCC部门核算法）"],
        ["Type/类型", "CO2\n二氧化碳"],
        ["Timeseries/时间序列", year],
        ["Unit/单位", "Mt\n百万吨"],
        [], [],
        ["Reference/数据引用", "Shan et al. (2018) China CO2 emission accounts 1997-2015. "
         "Scientific Data"],
        ["Data download/数据下载", "https://www.ceads.net/data/province/"],
    ]  # fmt: skip


def write_ceads(out: Path, truth: ChinaTruth) -> list[Path]:
    index = {p.name_en.replace(" ", ""): i for i, p in enumerate(PROVINCES)}
    header = ["Emission_Inventory", *CEADS_COLUMNS]
    units = ["unit", *(["Mt CO2"] * len(CEADS_COLUMNS))]
    paths = []
    for year in CEADS_YEARS:
        sheets: list[tuple[str, list[list]]] = [("NOTE", _ceads_note(year))]
        for stem in CEADS_SHEET_ORDER:
            body = ceads_body(truth, index[stem], year)
            total = body.sum(axis=0)
            rows: list[list] = [
                header,
                units,
                [""] * len(header),
                ["TotalEmissions", *total.tolist()],
            ]
            rows += [[s, *b] for s, b in zip(CEADS_SECTORS, body.tolist(), strict=True)]
            sheets.append((f"{stem}{year}", rows))
        paths.append(write_xlsx(out / CEADS_DIR / f"{year}年30个省份排放清单.xlsx", sheets,
                                creator="CEADs"))  # fmt: skip
    return paths
