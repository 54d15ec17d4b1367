"""Demo WIOD 2016 National IO tables: ``io/wiod2016_niot_csv/{ISO3}_NIOT_nov16.csv``.

Byte layout of the real CSV conversion: UTF-8 with BOM, ``;`` separated, LF line ends, line 1
header ``Year;Code;Description;Origin;<56 industries>;CONS_h;CONS_np;CONS_g;GFCF;INVEN;EXP;GO``,
line 2 the column descriptions (first four fields empty), then per year 2000–2014 120 rows:
56 ``Domestic``, 56 ``Imports``, 8 ``TOT`` (II_fob TXSP EXP_adj PURR PURNR VA IntTTM GO). Cells
are whole US$ million with a space thousands separator (``1 396 917``); descriptions holding a
``;`` are double-quoted. 43 countries.

Every cell is an integer and the NIOT identities hold exactly in the written file:

* Domestic row i: Σ_j Zd_ij + CONS_h + CONS_np + CONS_g + GFCF + INVEN + EXP = GO_i;
* column j: Σ_i Zd_ij + Σ_i Zm_ij = II_fob_j, and
  II_fob_j + TXSP_j + EXP_adj_j + PURR_j + PURNR_j + VA_j + IntTTM_j = TOT GO_j = GO_j;
* intermediate flows are ≥ 0; Imports rows carry GO = 0 and EXP = 0; negatives occur only in
  Domestic INVEN, TOT II_fob/INVEN, TOT TXSP (subsidised industries) and TOT PURNR/CONS_h, as in
  the real files; EXP_adj is 0 everywhere (as published); the TOT rows' EXP and GO columns are 0.
* Zero domestic output (zero Domestic row, zero column inputs, GO 0, zero VA block): China in
  exactly ``KNOWN_ZERO_OUTPUT["CHN"]`` (C33 G45 J58 J59_J60 K66 M71 M73 T U; their Imports rows
  are non-zero except U's, as published); U in every other country but Mexico; T also in
  :data:`T_ZERO` — the real files' pattern.

Data-generating process (country c, year t = 2000..2014; calibration levels in :data:`CALIBRATION`
set 2000 gross output, nominal US$ growth, manufacturing share and import openness ``o_c``)::

    ips*_ct = min(12, ips0_c · exp(δ_c·(t − 2000) + u_ct)),   u_ct = 0.5·u_c,t−1 + N(0, 0.05²)
    ips0_c  = clip(1.4 · o_c · exp(N(0, 0.25²)), 0.2, 8)  (%), δ_c ~ U(−0.03, 0.07) a year
    Δln M_ct = a_c + λ_t + IO_BETA · ips_c,t−1 + e_ct,        e_ct ~ N(0, IO_SIGMA²)
    a_c = g_c − IO_BETA · mean_{2000..2013}(ips*_ct)           (t = 2001..2014)

IO_BETA = 0.02: one percentage point more imported producer-service input per unit of
manufacturing output raises next year's (nominal US$) manufacturing output growth by 2 %
(0.02 log points); IO_SIGMA = 0.02.

* ``ips_ct`` (imported producer-service intensity of manufacturing, percent) =
  100 · Σ_{i∈PS, j∈MFG} Zm_ij / Σ_{j∈MFG} GO_j, computed from the WRITTEN integer cells: the
  imported PS → manufacturing block is scaled so that its sum is ips*_ct % of manufacturing
  output, then rounded; the realised (published) ips drives next year's growth, so the relation
  holds in the published numbers (the only extra noise is rounding manufacturing output to whole
  millions, < 0.5/M).
* ``M_ct`` = Σ_{j∈MFG} GO_j as written; ``M_c,2000`` = manufacturing share × GO 2000; Δln uses
  the written M_c,t−1. ``λ_t`` is a common (demeaned) nominal-US$ cycle (2003–07 boom, 2009
  slump); ``g_c`` the country's trend nominal growth; the rest of the economy grows at
  g_c + λ_t + N(0, 0.02²). MFG = C10-C12 … C33 (19), PS = G45 … N (22), as methods.md §2.
* Industry shares: a typical WIOD mix × country noise (log sd 0.35) × drifting trends; input
  structure: column intermediate share (typical WIOD value × noise) × a supplier profile (block
  affinities × supplier size × noise, own-industry boost); import share of product i = typical
  WIOD share × o_c × noise, rising 1 % a year; final-demand split by product type, exports × o_c.

A two-way fixed-effects regression of Δln M_ct on ips_c,t−1 (t = 2001..2014, 43 × 14 = 602
observations) recovers IO_BETA (the test does this from the read files). :func:`simulate_niot`
returns the integer tables and the truth panel; :func:`write_niot_files` writes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.demo.fmt import BOM
from warehouse.sources.wiod import FINAL_USES, INDUSTRIES, KNOWN_ZERO_OUTPUT, NIOT_YEARS, TOT_ROWS

#: growth of manufacturing output (log points) per percentage point of lagged imported
#: producer-service intensity of manufacturing
IO_BETA = 0.02
#: sd of the manufacturing growth shock e_ct
IO_SIGMA = 0.02
#: upper bound of the target intensity ips*, percent
IPS_CAP = 12.0
FOLDER = "io/wiod2016_niot_csv"

#: 2000 gross output (US$ bn), trend nominal growth a year, manufacturing share of GO in 2000,
#: import openness o_c (import share of intermediates / 0.2) — rounded WIOD-like levels.
CALIBRATION: dict[str, tuple[float, float, float, float]] = {
    "AUS": (800, 0.088, 0.20, 0.6), "AUT": (330, 0.063, 0.28, 1.5),
    "BEL": (490, 0.058, 0.32, 1.8), "BGR": (27, 0.109, 0.27, 1.5),
    "BRA": (1150, 0.091, 0.32, 0.5), "CAN": (1370, 0.062, 0.24, 1.1),
    "CHE": (530, 0.070, 0.26, 1.1), "CHN": (3250, 0.163, 0.46, 0.4),
    "CYP": (18, 0.057, 0.14, 1.5), "CZE": (140, 0.091, 0.36, 1.5),
    "DEU": (3460, 0.051, 0.34, 1.1), "DNK": (270, 0.058, 0.23, 1.6),
    "ESP": (1110, 0.060, 0.30, 0.9), "EST": (12, 0.109, 0.25, 1.8),
    "FIN": (240, 0.055, 0.39, 1.2), "FRA": (2410, 0.052, 0.26, 1.0),
    "GBR": (2750, 0.047, 0.21, 0.9), "GRC": (220, 0.039, 0.18, 1.0),
    "HRV": (37, 0.069, 0.24, 1.4), "HUN": (99, 0.076, 0.40, 2.3),
    "IDN": (350, 0.113, 0.38, 0.9), "IND": (890, 0.107, 0.35, 0.8),
    "IRL": (200, 0.065, 0.32, 2.4), "ITA": (2210, 0.044, 0.33, 0.8),
    "JPN": (8690, 0.000, 0.32, 0.5), "KOR": (1180, 0.076, 0.46, 1.1),
    "LTU": (19, 0.106, 0.30, 1.9), "LUX": (50, 0.102, 0.13, 2.9),
    "LVA": (16, 0.101, 0.20, 1.2), "MEX": (1090, 0.048, 0.37, 1.3),
    "MLT": (9.3, 0.081, 0.31, 3.0), "NLD": (780, 0.055, 0.24, 1.6),
    "NOR": (280, 0.079, 0.19, 1.0), "POL": (340, 0.085, 0.28, 1.2),
    "PRT": (230, 0.043, 0.28, 1.1), "ROU": (73, 0.121, 0.32, 1.2),
    "RUS": (450, 0.145, 0.30, 0.5), "SVK": (48, 0.112, 0.35, 1.8),
    "SVN": (39, 0.064, 0.35, 1.6), "SWE": (470, 0.055, 0.33, 1.3),
    "TUR": (570, 0.068, 0.37, 0.9), "TWN": (680, 0.042, 0.45, 1.6),
    "USA": (18600, 0.037, 0.23, 0.5),
}  # fmt: skip
WIOD_COUNTRIES: tuple[str, ...] = tuple(sorted(CALIBRATION))
#: countries whose T (households as employers) has zero output in the real files
T_ZERO = frozenset({"BGR", "CAN", "CHN", "EST", "IDN", "IND", "KOR", "NLD", "ROU", "RUS", "SVK"})
#: countries publishing no taxes less subsidies (TXSP all 0) / no PURR-PURNR adjustment
NO_TXSP = frozenset({"CHN", "IDN", "JPN"})
NO_PURCHASES = frozenset({"BRA", "CAN", "HRV", "IDN", "IND", "ROU", "TWN"})

DESCRIPTIONS: dict[str, str] = {
    "A01": "Crop and animal production, hunting and related service activities",
    "A02": "Forestry and logging",
    "A03": "Fishing and aquaculture",
    "B": "Mining and quarrying",
    "C10-C12": "Manufacture of food products, beverages and tobacco products",
    "C13-C15": "Manufacture of textiles, wearing apparel and leather products",
    "C16": "Manufacture of wood and of products of wood and cork, except furniture; manufacture "
    "of articles of straw and plaiting materials",
    "C17": "Manufacture of paper and paper products",
    "C18": "Printing and reproduction of recorded media",
    "C19": "Manufacture of coke and refined petroleum products ",
    "C20": "Manufacture of chemicals and chemical products ",
    "C21": "Manufacture of basic pharmaceutical products and pharmaceutical preparations",
    "C22": "Manufacture of rubber and plastic products",
    "C23": "Manufacture of other non-metallic mineral products",
    "C24": "Manufacture of basic metals",
    "C25": "Manufacture of fabricated metal products, except machinery and equipment",
    "C26": "Manufacture of computer, electronic and optical products",
    "C27": "Manufacture of electrical equipment",
    "C28": "Manufacture of machinery and equipment n.e.c.",
    "C29": "Manufacture of motor vehicles, trailers and semi-trailers",
    "C30": "Manufacture of other transport equipment",
    "C31_C32": "Manufacture of furniture; other manufacturing",
    "C33": "Repair and installation of machinery and equipment",
    "D35": "Electricity, gas, steam and air conditioning supply",
    "E36": "Water collection, treatment and supply",
    "E37-E39": "Sewerage; waste collection, treatment and disposal activities; materials "
    "recovery; remediation activities and other waste management services ",
    "F": "Construction",
    "G45": "Wholesale and retail trade and repair of motor vehicles and motorcycles",
    "G46": "Wholesale trade, except of motor vehicles and motorcycles",
    "G47": "Retail trade, except of motor vehicles and motorcycles",
    "H49": "Land transport and transport via pipelines",
    "H50": "Water transport",
    "H51": "Air transport",
    "H52": "Warehousing and support activities for transportation",
    "H53": "Postal and courier activities",
    "I": "Accommodation and food service activities",
    "J58": "Publishing activities",
    "J59_J60": "Motion picture, video and television programme production, sound recording and "
    "music publishing activities; programming and broadcasting activities",
    "J61": "Telecommunications",
    "J62_J63": "Computer programming, consultancy and related activities; information service "
    "activities",
    "K64": "Financial service activities, except insurance and pension funding",
    "K65": "Insurance, reinsurance and pension funding, except compulsory social security",
    "K66": "Activities auxiliary to financial services and insurance activities",
    "L68": "Real estate activities",
    "M69_M70": "Legal and accounting activities; activities of head offices; management "
    "consultancy activities",
    "M71": "Architectural and engineering activities; technical testing and analysis",
    "M72": "Scientific research and development",
    "M73": "Advertising and market research",
    "M74_M75": "Other professional, scientific and technical activities; veterinary activities",
    "N": "Administrative and support service activities",
    "O84": "Public administration and defence; compulsory social security",
    "P85": "Education",
    "Q": "Human health and social work activities",
    "R_S": "Other service activities",
    "T": "Activities of households as employers; undifferentiated goods- and services-producing "
    "activities of households for own use",
    "U": "Activities of extraterritorial organizations and bodies",
    "CONS_h": "Final consumption expenditure by households",
    "CONS_np": "Final consumption expenditure by non-profit organisations serving households "
    "(NPISH)",
    "CONS_g": "Final consumption expenditure by government",
    "GFCF": "Gross fixed capital formation",
    "INVEN": "Changes in inventories and valuables",
    "EXP": "Exports",
    "GO": "Total output",
}
TOT_DESCRIPTIONS: dict[str, str] = {
    "II_fob": "Total intermediate consumption",
    "TXSP": "taxes less subsidies on products",
    "EXP_adj": "Cif/ fob adjustments on exports",
    "PURR": "Direct purchases abroad by residents",
    "PURNR": "Purchases on the domestic territory by non-residents ",
    "VA": "Value added at basic prices",
    "IntTTM": "International Transport Margins",
    "GO": "Output at basic prices",
}

_IND = INDUSTRIES
_N = len(_IND)
_POS = {c: k for k, c in enumerate(_IND)}
MANUFACTURING: tuple[str, ...] = _IND[_POS["C10-C12"] : _POS["C33"] + 1]
PRODUCER_SERVICES: tuple[str, ...] = (
    "G45", "G46", "G47", "H49", "H50", "H51", "H52", "H53", "J58", "J59_J60", "J61", "J62_J63",
    "K64", "K65", "K66", "L68", "M69_M70", "M71", "M72", "M73", "M74_M75", "N",
)  # fmt: skip
_MFG = np.array([_POS[c] for c in MANUFACTURING])
_PS = np.array([_POS[c] for c in PRODUCER_SERVICES])
_GOODS = np.arange(_POS["C33"] + 1)  # A01 … C33: products carrying transport margins

# typical WIOD levels (medians over the 43 countries, 2010): GO share, II_fob / GO, import share
# of intermediate use, per industry in file order
_BASE = np.array([
    (0.0201, 0.54, 0.16), (0.0014, 0.45, 0.14), (0.0008, 0.47, 0.16), (0.0056, 0.44, 0.68),
    (0.0418, 0.71, 0.15), (0.0074, 0.60, 0.68), (0.0045, 0.67, 0.25), (0.0062, 0.69, 0.44),
    (0.0038, 0.60, 0.05), (0.0176, 0.80, 0.49), (0.0162, 0.72, 0.63), (0.0058, 0.57, 0.61),
    (0.0089, 0.67, 0.50), (0.0097, 0.64, 0.24), (0.0182, 0.76, 0.66), (0.0143, 0.62, 0.29),
    (0.0094, 0.63, 0.80), (0.0097, 0.67, 0.71), (0.0149, 0.62, 0.62), (0.0164, 0.71, 0.67),
    (0.0041, 0.64, 0.61), (0.0079, 0.60, 0.48), (0.0046, 0.56, 0.08), (0.0278, 0.60, 0.02),
    (0.0023, 0.44, 0.03), (0.0060, 0.54, 0.20), (0.0775, 0.59, 0.02), (0.0127, 0.44, 0.08),
    (0.0500, 0.45, 0.16), (0.0381, 0.38, 0.07), (0.0254, 0.50, 0.14), (0.0037, 0.66, 0.37),
    (0.0049, 0.72, 0.46), (0.0163, 0.52, 0.07), (0.0030, 0.43, 0.04), (0.0198, 0.49, 0.17),
    (0.0044, 0.55, 0.18), (0.0045, 0.55, 0.08), (0.0170, 0.48, 0.08), (0.0140, 0.42, 0.15),
    (0.0289, 0.35, 0.06), (0.0085, 0.49, 0.13), (0.0041, 0.48, 0.03), (0.0588, 0.24, 0.01),
    (0.0173, 0.40, 0.12), (0.0091, 0.44, 0.15), (0.0035, 0.37, 0.28), (0.0059, 0.68, 0.16),
    (0.0033, 0.46, 0.15), (0.0253, 0.42, 0.10), (0.0463, 0.31, 0.12), (0.0303, 0.20, 0.07),
    (0.0355, 0.35, 0.04), (0.0211, 0.44, 0.03), (0.0006, 0.00, 0.01), (0.0001, 0.30, 0.01),
])  # fmt: skip

# block of each industry: 0 primary, 1 manufacturing, 2 utilities, 3 construction,
# 4 producer services, 5 other services
_BLOCK = np.array(
    [
        0 if k < _POS["C10-C12"]
        else 1 if k <= _POS["C33"]
        else 2 if k < _POS["F"]
        else 3 if code == "F"
        else 4 if code in PRODUCER_SERVICES
        else 5
        for k, code in enumerate(_IND)
    ]
)  # fmt: skip
# affinity[supplier block, user block]: share of a user's inputs bought from each block
_AFFINITY = np.array([
    # prim  mfg  util constr  PS  other   (user)
    [0.25, 0.18, 0.25, 0.05, 0.02, 0.10],  # primary
    [0.35, 0.50, 0.25, 0.50, 0.15, 0.25],  # manufacturing
    [0.05, 0.04, 0.20, 0.02, 0.05, 0.07],  # utilities
    [0.02, 0.01, 0.05, 0.15, 0.04, 0.05],  # construction
    [0.28, 0.25, 0.22, 0.25, 0.65, 0.45],  # producer services
    [0.05, 0.02, 0.03, 0.03, 0.09, 0.08],  # other services
])  # fmt: skip
# domestic final-demand split (CONS_h, CONS_np, CONS_g, GFCF, EXP) by product
_FD_GOODS = (0.35, 0.0, 0.02, 0.08, 0.55)
_FD_CAPITAL = (0.10, 0.0, 0.02, 0.40, 0.48)
_FD_SERVICE = (0.50, 0.01, 0.05, 0.09, 0.35)
_FD_SPECIAL = {
    "D35": (0.85, 0.0, 0.05, 0.0, 0.10), "E36": (0.85, 0.0, 0.10, 0.0, 0.05),
    "E37-E39": (0.40, 0.0, 0.50, 0.0, 0.10), "F": (0.05, 0.0, 0.05, 0.90, 0.0),
    "I": (0.70, 0.0, 0.02, 0.0, 0.28), "J62_J63": (0.20, 0.0, 0.05, 0.40, 0.35),
    "M71": (0.10, 0.0, 0.05, 0.40, 0.45), "M72": (0.05, 0.01, 0.10, 0.60, 0.24),
    "L68": (0.90, 0.0, 0.02, 0.05, 0.03), "O84": (0.03, 0.0, 0.95, 0.0, 0.02),
    "P85": (0.30, 0.05, 0.63, 0.0, 0.02), "Q": (0.30, 0.03, 0.65, 0.0, 0.02),
    "R_S": (0.80, 0.10, 0.05, 0.0, 0.05), "T": (1.0, 0.0, 0.0, 0.0, 0.0),
    "U": (0.02, 0.0, 0.98, 0.0, 0.0),
}  # fmt: skip
_CAPITAL_GOODS = ("C25", "C26", "C27", "C28", "C29", "C30", "C33")
#: common nominal US$ cycle, 2001..2014, demeaned below
_CYCLE = np.array(
    [-0.04, 0.02, 0.13, 0.13, 0.06, 0.07, 0.13, 0.09, -0.17, 0.06, 0.09, -0.02, 0.01, 0.00]
)
_CYCLE = _CYCLE - _CYCLE.mean()
_SUBSIDISED = ("A01", "A02", "A03", "D35", "H49")


def _fd_shares() -> np.ndarray:
    out = np.empty((_N, 5))
    for k, code in enumerate(_IND):
        if code in _FD_SPECIAL:
            out[k] = _FD_SPECIAL[code]
        elif code in _CAPITAL_GOODS:
            out[k] = _FD_CAPITAL
        elif _BLOCK[k] in (0, 1):
            out[k] = _FD_GOODS
        else:
            out[k] = _FD_SERVICE
    return out


def apportion(values: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """Integers along the last axis that sum to ``totals`` (largest-remainder rounding).

    ``values`` ≥ 0 with ``values.sum(-1) ≈ totals``; each cell moves by less than 1.
    """
    base = np.floor(values)
    frac = values - base
    deficit = np.clip(totals - base.sum(-1), 0, values.shape[-1]).astype(np.int64)
    order = np.argsort(-frac, axis=-1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(values.shape[-1]), axis=-1)
    return (base + (ranks < deficit[..., None])).astype(np.int64)


@dataclass(frozen=True, eq=False)
class IOTruth:
    """What the demo NIOT were generated from (see the module docstring).

    ``panel``: one row per iso3 × year with ``ips`` (imported producer-service intensity of
    manufacturing as published, percent), ``ips_target``, ``ips_trend`` (δ_c), ``mfg_output``
    (Σ manufacturing GO as published, US$ m), ``growth`` (Δln mfg_output; NaN in the first
    year), ``alpha`` (a_c), ``year_effect`` (λ_t) and ``eps`` (e_ct). ``zero_output``: the
    industries with zero gross output in every year, per country.
    """

    beta: float
    sigma: float
    countries: tuple[str, ...]
    years: tuple[int, ...]
    zero_output: dict[str, tuple[str, ...]]
    panel: pd.DataFrame = field(repr=False)


@dataclass(frozen=True, eq=False)
class NiotSimulation:
    """The integer NIOT tables and the truth behind them.

    ``tables[iso3]`` is an int64 array (years, 120, 63): rows 56 Domestic, 56 Imports, 8 TOT in
    file order, columns the 63 NIOT value columns. ``truth`` has one row per iso3 × year:
    ``ips`` (realised imported PS intensity of manufacturing from the written cells, percent),
    ``ips_target``, ``ips_trend`` (δ_c), ``mfg_output`` (Σ manufacturing GO, US$ m),
    ``growth`` (Δln mfg_output, NaN in 2000), ``alpha`` (a_c), ``year_effect`` (λ_t), ``eps``.
    """

    tables: dict[str, np.ndarray] = field(repr=False)
    truth: pd.DataFrame = field(repr=False)
    years: tuple[int, ...]
    beta: float = IO_BETA
    sigma: float = IO_SIGMA

    @property
    def zero_output(self) -> dict[str, tuple[str, ...]]:
        """Industries with zero gross output in every year, per country."""
        out = {}
        for iso3, t in self.tables.items():
            go = t[:, -1, :_N]
            out[iso3] = tuple(c for k, c in enumerate(_IND) if (go[:, k] == 0).all())
        return out

    def io_truth(self) -> IOTruth:
        """The truth without the tables."""
        return IOTruth(
            beta=self.beta,
            sigma=self.sigma,
            countries=tuple(self.tables),
            years=self.years,
            zero_output=self.zero_output,
            panel=self.truth,
        )


def _rng(source: int | np.random.Generator) -> np.random.Generator:
    if isinstance(source, np.random.Generator):
        return source
    return np.random.default_rng([int(source), 2])


def simulate_niot(
    source: int | np.random.Generator,
    countries: Sequence[str] = WIOD_COUNTRIES,
    years: Sequence[int] = NIOT_YEARS,
) -> NiotSimulation:
    """Simulate every country's NIOT (integers, identities exact) and the planted relation."""
    rng = _rng(source)
    countries = tuple(countries)
    years = tuple(years)
    n_c, n_t = len(countries), len(years)
    cal = np.array([CALIBRATION[c] for c in countries])
    go0, g, msh, openness = cal[:, 0] * 1000.0, cal[:, 1], cal[:, 2], cal[:, 3]

    # ---- activity masks
    active = np.ones((n_c, _N), dtype=bool)
    for k, c in enumerate(countries):
        zero = set(KNOWN_ZERO_OUTPUT.get(c, ()))
        if c != "MEX":
            zero.add("U")
        if c in T_ZERO:
            zero.add("T")
        active[k, [_POS[z] for z in zero]] = False
    mfg_mask = np.zeros(_N, dtype=bool)
    mfg_mask[_MFG] = True

    # ---- country draws (fixed order)
    ips0 = np.clip(1.4 * openness * np.exp(rng.normal(0, 0.25, n_c)), 0.2, 8.0)
    delta = rng.uniform(-0.03, 0.07, n_c)
    u = np.empty((n_c, n_t))
    u[:, 0] = rng.normal(0, 0.05 / np.sqrt(0.75), n_c)
    for t in range(1, n_t):
        u[:, t] = 0.5 * u[:, t - 1] + rng.normal(0, 0.05, n_c)
    steps = np.arange(n_t, dtype=float)
    ips_target = np.minimum(IPS_CAP, ips0[:, None] * np.exp(delta[:, None] * steps + u))
    cycle = np.zeros(n_t)
    cycle[1:] = _CYCLE[: n_t - 1]
    year_fx = cycle + np.r_[0.0, rng.normal(0, 0.01, n_t - 1)]
    eps = np.r_[np.zeros((1, n_c)), rng.normal(0, IO_SIGMA, (n_t - 1, n_c))].T
    alpha = g - IO_BETA * ips_target[:, :-1].mean(axis=1)
    other_noise = rng.normal(0, 0.02, (n_c, n_t))

    share_c = _BASE[:, 0] * np.exp(rng.normal(0, 0.35, (n_c, _N)))
    share_trend = rng.normal(0, 0.012, (n_c, _N))
    share_noise = rng.normal(0, 0.015, (n_c, n_t, _N))
    ii_c = np.clip(_BASE[:, 1] * np.exp(rng.normal(0, 0.08, (n_c, _N))), 0.0, 0.8)
    ii_noise = np.exp(rng.normal(0, 0.02, (n_c, n_t, _N)))
    supplier_w = _BASE[:, 0] ** 0.7 * np.exp(rng.normal(0, 0.3, (n_c, _N)))
    supplier_w[:, [_POS["T"], _POS["U"]]] = 0.0
    profile_noise = np.exp(rng.normal(0, 0.5, (n_c, _N, _N)))
    profile_jitter = np.exp(rng.normal(0, 0.05, (n_c, n_t, _N, _N)))
    mu_c = _BASE[:, 2] * (openness[:, None] / 1.15) * np.exp(rng.normal(0, 0.2, (n_c, _N)))
    fd_c = _fd_shares()[None] * np.exp(rng.normal(0, 0.2, (n_c, _N, 5)))
    fd_c[:, :, 4] *= openness[:, None]
    fd_noise = np.exp(rng.normal(0, 0.05, (n_c, n_t, _N, 5)))
    inven_rate = rng.normal(0.004, 0.02, (n_c, n_t, _N))
    inven_rate[:, :, _BLOCK > 1] = 0.0
    imp_fd = rng.uniform(0.5, 1.0, n_c)
    tau = rng.uniform(0.004, 0.03, n_c)
    tau_k = rng.uniform(0.5, 1.5, (n_c, _N))
    tau_k[:, [_POS[s] for s in _SUBSIDISED]] = rng.uniform(-1.5, 0.8, (n_c, len(_SUBSIDISED)))
    tau_k[:, [_POS["T"], _POS["U"]]] = 0.0
    tau_h = rng.uniform(0.03, 0.12, n_c)
    tau_g = rng.uniform(0.0, 0.02, n_c)
    tau_gfcf = rng.uniform(0.0, 0.05, n_c)
    theta = rng.uniform(0.01, 0.09, n_c)
    purr = rng.uniform(0.01, 0.08, n_c)
    purnr = rng.uniform(0.01, 0.06, n_c) * openness
    for k, c in enumerate(countries):
        if c in NO_TXSP:
            tau[k] = tau_h[k] = tau_g[k] = tau_gfcf[k] = 0.0
        if c in NO_PURCHASES:
            purr[k] = purnr[k] = 0.0

    # supplier profile P[c, i, j] (columns sum to 1), fixed structure
    own = np.eye(_N) * 3.0 + 1.0
    aff = _AFFINITY[_BLOCK][:, _BLOCK]  # (i, j)
    block_w = np.zeros((n_c, _N))
    for b in range(6):
        sel = np.equal(_BLOCK, b)
        block_w[:, sel] = supplier_w[:, sel] / supplier_w[:, sel].sum(axis=1, keepdims=True)
    inactive_scale = np.where(active, 1.0, 0.3)
    inactive_scale[:, [_POS["T"], _POS["U"]]] = 0.0
    profile = aff[None] * (block_w * inactive_scale)[:, :, None] * own[None] * profile_noise

    # ---- year loop
    tables = np.zeros((n_c, n_t, 2 * _N + len(TOT_ROWS), _N + len(FINAL_USES) + 1), np.int64)
    fu_cols = {f: _N + k for k, f in enumerate(FINAL_USES)}
    go_col = _N + len(FINAL_USES)
    tot_row = {r: 2 * _N + k for k, r in enumerate(TOT_ROWS)}
    ips_real = np.zeros((n_c, n_t))
    mfg_out = np.zeros((n_c, n_t))
    log_other = np.log(go0 * (1 - msh))
    ps_mask = np.zeros(_N, dtype=bool)
    ps_mask[_PS] = True
    for t in range(n_t):
        # manufacturing and rest-of-economy totals
        if t == 0:
            m_target = go0 * msh
        else:
            m_target = mfg_out[:, t - 1] * np.exp(
                alpha + year_fx[t] + IO_BETA * ips_real[:, t - 1] + eps[:, t]
            )
            log_other = log_other + g + year_fx[t] + other_noise[:, t]
        shares = share_c * np.exp(share_trend * t + share_noise[:, t]) * active
        x = np.zeros((n_c, _N), dtype=np.int64)
        for mask, total in ((mfg_mask, m_target), (~mfg_mask, np.exp(log_other))):
            s = shares * mask
            s = s / s.sum(axis=1, keepdims=True)
            xf = np.maximum(s * total[:, None], np.where(s > 0, 3.0, 0.0))
            xf = xf * (total / xf.sum(axis=1))[:, None]
            x += apportion(xf, np.rint(total).astype(np.int64))
        x = x * active
        xf = x.astype(float)

        # intermediate flows (float), total = domestic + imported
        p = profile * profile_jitter[:, t]
        p = p / p.sum(axis=1, keepdims=True)
        ii = ii_c * ii_noise[:, t]
        z = p * (ii * xf)[:, None, :]
        mu = np.clip(mu_c * 1.01**t, 0.0, 0.9)
        mu = np.where(active, mu, 1.0)
        zm = z * mu[:, :, None]
        zd = z - zm
        # planted block: imported PS inputs of manufacturing sum to ips_target % of M
        block = zm[:, _PS][:, :, _MFG]
        m_written = x[:, _MFG].sum(axis=1)
        want = ips_target[:, t] / 100.0 * m_written
        planted = block * (want / block.sum(axis=(1, 2)))[:, None, None]
        # rescale the rest of each manufacturing column so its total stays ii_j · x_j
        col_total = z[:, :, _MFG].sum(axis=1)
        rest = col_total - block.sum(axis=1)
        room = np.maximum(col_total - planted.sum(axis=1), 0.0)
        factor = np.divide(room, rest, out=np.zeros_like(room), where=rest > 0)
        zd[:, :, _MFG] *= factor[:, None, :]
        zm[:, :, _MFG] *= factor[:, None, :]
        zm[:, _PS[:, None], _MFG[None, :]] = planted
        # domestic rows: intermediate sales at most 90 % of output
        row = zd.sum(axis=2)
        cap = np.where(row > 0.9 * xf, 0.9 * xf / np.where(row > 0, row, 1.0), 1.0)
        zd *= cap[:, :, None]
        zd_i = apportion(zd, np.rint(zd.sum(axis=2)).astype(np.int64))
        # imported flows: the planted block is rounded as a whole (its sum is rint(want)), the
        # other cells column by column
        zm[:, _PS[:, None], _MFG[None, :]] = 0.0
        zm_i = apportion(zm.transpose(0, 2, 1), np.rint(zm.sum(axis=1)).astype(np.int64))
        zm_i = zm_i.transpose(0, 2, 1)
        flat = planted.reshape(n_c, -1)
        zm_i[:, _PS[:, None], _MFG[None, :]] = apportion(
            flat, np.rint(flat.sum(axis=1)).astype(np.int64)
        ).reshape(planted.shape)

        # value-added block of industry columns (before repair)
        txsp = np.rint(tau[:, None] * tau_k * xf).astype(np.int64) * active
        ittm = np.rint(theta[:, None] * zm_i[:, _GOODS].sum(axis=1)).astype(np.int64)
        excess = zd_i.sum(axis=1) + zm_i.sum(axis=1) + txsp + ittm - x
        for c, j in zip(*np.nonzero(excess > 0), strict=True):
            _repair_column(zd_i[c], zm_i[c], int(j), int(excess[c, j]), ps_mask, mfg_mask)
        ii_fob = zd_i.sum(axis=1) + zm_i.sum(axis=1)
        va = x - ii_fob - txsp - ittm
        assert (va >= 0).all()

        # domestic final demand: residual of each row, split by product type
        fd_total = x - zd_i.sum(axis=2)
        assert (fd_total >= 0).all()
        inven = np.rint(fd_total * inven_rate[:, t]).astype(np.int64)
        rest_fd = fd_total - inven
        w = fd_c * fd_noise[:, t]
        w = w / w.sum(axis=2, keepdims=True)
        split = apportion(w * rest_fd[:, :, None], rest_fd)  # CONS_h CONS_np CONS_g GFCF EXP
        if "CHN" in countries:
            k = countries.index("CHN")
            split[k, :, 0] += split[k, :, 1]  # China publishes no NPISH column values
            split[k, :, 1] = 0
        fd_d = np.zeros((n_c, _N, len(FINAL_USES)), dtype=np.int64)
        fd_d[:, :, [0, 1, 2, 3, 5]] = split
        fd_d[:, :, 4] = inven

        # imported final demand (no exports); inactive products get a small notional amount
        ratio = mu / (1.0 - np.minimum(mu, 0.9)) * imp_fd[:, None]
        fm = np.zeros((n_c, _N, len(FINAL_USES)), dtype=np.int64)
        fm[:, :, :4] = np.rint(split[:, :, :4] * ratio[:, :, None] * 0.8).astype(np.int64)
        fm[:, :, 4] = np.rint(np.maximum(inven, 0) * ratio * 0.5).astype(np.int64)
        lost = ~active
        lost[:, _POS["U"]] = False
        if lost.any():
            base_go = (share_c / share_c.sum(axis=1, keepdims=True)) * (go0 * np.exp(g * t))[
                :, None
            ]
            fm[:, :, 0] = np.where(
                lost, np.maximum(1, np.rint(0.004 * base_go)).astype(np.int64), fm[:, :, 0]
            )
            fm[:, :, 3] = np.where(lost, np.rint(0.002 * base_go).astype(np.int64), fm[:, :, 3])
        fm[:, _POS["U"]] = np.where(active[:, [_POS["U"]]], fm[:, _POS["U"]], 0)

        # assemble
        tab = tables[:, t]
        tab[:, :_N, :_N] = zd_i
        tab[:, :_N, _N : _N + len(FINAL_USES)] = fd_d
        tab[:, :_N, go_col] = x
        tab[:, _N : 2 * _N, :_N] = zm_i
        tab[:, _N : 2 * _N, _N : _N + len(FINAL_USES)] = fm
        fu = slice(_N, _N + len(FINAL_USES))
        tab[:, tot_row["II_fob"], :_N] = ii_fob
        tab[:, tot_row["II_fob"], fu] = fd_d.sum(axis=1) + fm.sum(axis=1)
        tab[:, tot_row["II_fob"], fu_cols["EXP"]] = 0
        tab[:, tot_row["TXSP"], :_N] = txsp
        fin = tab[:, tot_row["II_fob"]]
        tab[:, tot_row["TXSP"], fu_cols["CONS_h"]] = np.rint(tau_h * fin[:, fu_cols["CONS_h"]])
        tab[:, tot_row["TXSP"], fu_cols["CONS_g"]] = np.rint(tau_g * fin[:, fu_cols["CONS_g"]])
        tab[:, tot_row["TXSP"], fu_cols["GFCF"]] = np.rint(tau_gfcf * fin[:, fu_cols["GFCF"]])
        cons_h = fd_d[:, :, 0].sum(axis=1)
        tab[:, tot_row["PURR"], fu_cols["CONS_h"]] = np.rint(purr * cons_h)
        tab[:, tot_row["PURNR"], fu_cols["CONS_h"]] = -np.rint(purnr * cons_h)
        tab[:, tot_row["VA"], :_N] = va
        tab[:, tot_row["IntTTM"], :_N] = ittm
        for f in ("CONS_h", "CONS_g", "GFCF", "INVEN"):
            goods_fm = fm[:, _GOODS, FINAL_USES.index(f)].sum(axis=1)
            tab[:, tot_row["IntTTM"], fu_cols[f]] = np.rint(theta * np.maximum(goods_fm, 0))
        tab[:, tot_row["GO"], :_N] = x

        mfg_out[:, t] = m_written
        ips_real[:, t] = 100.0 * zm_i[:, _PS][:, :, _MFG].sum(axis=(1, 2)) / m_written

    growth = np.full((n_c, n_t), np.nan)
    growth[:, 1:] = np.diff(np.log(mfg_out), axis=1)
    truth = pd.DataFrame(
        {
            "iso3": np.repeat(countries, n_t),
            "year": np.tile(np.array(years, dtype=np.int64), n_c),
            "ips": ips_real.ravel(),
            "ips_target": ips_target.ravel(),
            "ips_trend": np.repeat(delta, n_t),
            "mfg_output": mfg_out.ravel(),
            "growth": growth.ravel(),
            "alpha": np.repeat(alpha, n_t),
            "year_effect": np.tile(year_fx, n_c),
            "eps": eps.ravel(),
        }
    )
    return NiotSimulation(
        tables={c: tables[k] for k, c in enumerate(countries)}, truth=truth, years=years
    )


def _repair_column(
    zd: np.ndarray, zm: np.ndarray, j: int, excess: int, ps: np.ndarray, mfg: np.ndarray
) -> None:
    """Take ``excess`` out of column ``j`` (largest domestic cells first) so VA stays ≥ 0."""
    for mat in (zd, zm):
        while excess > 0:
            col = mat[:, j].copy()
            if mfg[j] and mat is zm:
                col[ps] = 0  # keep the planted block
            i = int(np.argmax(col))
            if col[i] <= 0:
                break
            take = min(excess, int(col[i]))
            mat[i, j] -= take
            excess -= take
    if excess > 0:
        raise AssertionError(f"cannot balance column {j}")


# --------------------------------------------------------------------------- writing
def _field(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(ch in text for ch in ';"\n') else text


def _header() -> str:
    codes = (*_IND, *FINAL_USES, "GO")
    line1 = ";".join(("Year", "Code", "Description", "Origin", *codes))
    line2 = ";".join(("", "", "", "", *(_field(DESCRIPTIONS[c]) for c in codes)))
    return BOM + line1 + "\n" + line2 + "\n"


def _prefixes(year: int) -> list[str]:
    out = [f"{year};{c};{_field(DESCRIPTIONS[c])};Domestic;" for c in _IND]
    out += [f"{year};{c};{_field(DESCRIPTIONS[c])};Imports;" for c in _IND]
    out += [f"{year};{r};{_field(TOT_DESCRIPTIONS[r])};TOT;" for r in TOT_ROWS]
    return out


def spaced(values: np.ndarray) -> np.ndarray:
    """Integers as text with a space thousands separator (``-1 396 917``), element-wise.

    Each distinct value is formatted once; returns an object array shaped like ``values``.
    """
    uniques, inverse = np.unique(values, return_inverse=True)
    text = np.array([f"{v:,}".replace(",", " ") for v in uniques.tolist()], dtype=object)
    return text[inverse.reshape(values.shape)]


def niot_text(table: np.ndarray, years: Sequence[int]) -> str:
    """The CSV text (BOM included) of one country's (years, 120, 63) integer table."""
    cells = spaced(table)
    parts = [_header()]
    for t, year in enumerate(years):
        for prefix, row in zip(_prefixes(year), cells[t].tolist(), strict=True):
            parts.append(prefix + ";".join(row) + "\n")
    return "".join(parts)


def niot_path(out_dir: Path, iso3: str) -> Path:
    """Where :func:`write_niot_files` puts a country's file."""
    return Path(out_dir) / FOLDER / f"{iso3}_NIOT_nov16.csv"


def write_niot_files(
    out_dir: Path,
    source: int | np.random.Generator | NiotSimulation,
    countries: Sequence[str] | None = None,
) -> list[Path]:
    """Write ``io/wiod2016_niot_csv/{ISO3}_NIOT_nov16.csv`` per country; return the paths.

    ``source`` is a seed or generator (simulated with :func:`simulate_niot` for ``countries``,
    default all 43) or a finished simulation (then ``countries`` selects the files to write).
    """
    if isinstance(source, NiotSimulation):
        sim = source
    else:
        sim = simulate_niot(source, countries or WIOD_COUNTRIES)
    (Path(out_dir) / FOLDER).mkdir(parents=True, exist_ok=True)
    paths = []
    for iso3 in countries or tuple(sim.tables):
        path = niot_path(out_dir, iso3)
        path.write_bytes(niot_text(sim.tables[iso3], sim.years).encode("utf-8"))
        paths.append(path)
    return paths
