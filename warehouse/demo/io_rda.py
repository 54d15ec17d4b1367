"""Demo R data files of the IO layer: OECD IOT China, NBS IO tables of China, China employment.

Same object layout as the ionet package files (``save(..., compress = "bzip2")``, format 2,
bzip2 — deterministic bytes; R ``NA`` where ionet has NA); numbers are synthetic, labels real:

* ``io/oecd_iot2021_chn/OECD21ed_CHN_1995to2018.rda``: one R *list*
  ``OECD21ed_CHN_1995to2018`` of 24 data.frames ``OECD21ed_CHN_{year}`` (1995–2018), 50 rows
  (45 ISIC rev. 4 industries ``01`` … ``45``, then TXS_IMP_FNL TXS_INT_FNL TTL_INT_FNL VALU
  OUTPUT) × ``Code``, ``Description``, the 45 industries, ``HFCE NPISH GGFC GFCF INVNT CONS_ABR
  CONS_NONRES EXPO IMPO`` (imports NEGATIVE). US$ million with one decimal. Identities exact (to
  float rounding): row Σ_j Z_ij + Σ final uses (incl. IMPO) = OUTPUT_i; column
  Σ_i Z_ij + TXS_IMP_FNL + TXS_INT_FNL = TTL_INT_FNL; TTL_INT_FNL + VALU = OUTPUT.
* ``io/china_nbs_iot/china_2015_42.rda`` (competitive-import, like the real 2015 extension
  table): one data.frame ``china_2015_42``, 49 rows (42 sectors, TII, VA001–VA004, TVA, TI) ×
  ``Code Description DescriptionInChinese 01 … 42 TIU FU101 FU102 THC FU103 TC FU201 FU202 GCF
  EX TFU IM ERR GO``; GO = TIU + TFU − IM + ERR, THC = FU101 + FU102, TC = THC + FU103,
  GCF = FU201 + FU202, TFU = TC + GCF + EX; TI = TII + TVA = GO by column; NA in the final-use
  columns of the VA rows.
* ``io/china_nbs_iot/china_2017_42.rda`` (Domestic/Imports/TOT ``Origin`` split, 2017
  classification): 91 rows (42 Domestic, 42 Imports, 7 TOT) × ``Code Description
  DescriptionInChinese Origin 01 … 42 TIU TC FU201 FU202 EX TFU GO``; per row
  GO = TIU + TFU, TFU = TC + FU201 + FU202 + EX (Imports: GO = total imports of the product);
  TII = Σ Domestic + Σ Imports; TI = TII + TVA = Domestic GO.
* ``sea/china_employment_nbs/china_employment.rda``: data.frame ``china_employment``, 115 rows
  (``TOT``, sections A…T and their divisions) × ``Code Description DescriptionInChinese
  1990 … 2018``, 10,000 persons with two decimals; divisions sum to their section, sections to
  TOT (exactly, in hundredths). Ionet's label defects are kept (row K's description is ``K``).

Values in 10,000 CNY carry two decimals (NBS totals: gross output ≈ 208 trillion CNY in 2015,
241 trillion in 2017); OECD gross output grows ≈ 10 % a year from US$ 2.6 trillion in 1995.
Structure only: no relation is planted in these files (see :mod:`warehouse.demo.niot`).
"""

# ruff: noqa: E501

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from warehouse.demo.niot import apportion

OECD_FILE = "io/oecd_iot2021_chn/OECD21ed_CHN_1995to2018.rda"
OECD_YEARS: tuple[int, ...] = tuple(range(1995, 2019))
NBS_COMPETITIVE_FILE = "io/china_nbs_iot/china_2015_42.rda"
NBS_ORIGIN_FILE = "io/china_nbs_iot/china_2017_42.rda"
EMPLOYMENT_FILE = "sea/china_employment_nbs/china_employment.rda"
EMPLOYMENT_YEARS: tuple[int, ...] = tuple(range(1990, 2019))
_TEXT = frozenset({"Code", "Description", "DescriptionInChinese", "Origin"})
OECD_FINAL_USES: tuple[str, ...] = (
    "HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "CONS_ABR", "CONS_NONRES", "EXPO", "IMPO",
)  # fmt: skip


def _labels(block: str) -> list[list[str]]:
    return [line.split("|") for line in block.strip("\n").split("\n")]


def _rng(source: int | np.random.Generator) -> np.random.Generator:
    if isinstance(source, np.random.Generator):
        return source
    return np.random.default_rng([int(source), 3])


def _na() -> float:
    from rdata.missing import R_FLOAT_NA

    return float(R_FLOAT_NA)


def _write(path: Path, name: str, obj: object) -> Path:
    """``save(obj, file = path, compress = "bzip2", version = 2)`` as R would; bytes fixed."""
    import rdata

    path.parent.mkdir(parents=True, exist_ok=True)
    rdata.write_rda(path, {name: obj}, compression="bzip2", format_version=2)
    return path


def _frame(columns: dict[str, object]) -> pd.DataFrame:
    """A data.frame with R's default row names 1..n (text columns as object arrays)."""
    df = pd.DataFrame(
        {k: np.asarray(v, dtype=object) if k in _TEXT else v for k, v in columns.items()}
    )
    # pandas 3 infers its ``str`` dtype for text; with pyarrow installed that is an Arrow
    # array, which rdata cannot write: keep text as plain object columns
    for k in _TEXT:
        if k in df.columns:
            df[k] = df[k].astype(object)
    df.index = pd.RangeIndex(1, len(df) + 1)
    return df


# --------------------------------------------------------------------------- building blocks
def _flows(
    rng: np.random.Generator, x: np.ndarray, ii: np.ndarray, supplies: np.ndarray | None = None
) -> np.ndarray:
    """Integer intermediate flows: column j sums to ≈ ii_j·x_j, row i at most 90 % of x_i.

    ``supplies`` (bool per row) marks the industries that sell to other industries.
    """
    n = len(x)
    diag = 3.0
    w = np.maximum(x, 1.0) ** 0.8 * (1.0 if supplies is None else supplies)
    p = w[:, None] * np.exp(rng.normal(0, 0.8, (n, n))) * (1.0 + diag * np.eye(n))
    p = p / p.sum(axis=0, keepdims=True)
    z = p * (ii * x)[None, :]
    row = z.sum(axis=1)
    z *= np.minimum(1.0, 0.9 * x / np.maximum(row, 1e-9))[:, None]
    return apportion(z, np.rint(z.sum(axis=1)).astype(np.int64))


def _split(rng: np.random.Generator, totals: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """Split non-negative integer ``totals`` (n,) by ``shares`` (n, k) with noise; exact."""
    w = shares * np.exp(rng.normal(0, 0.15, shares.shape))
    w = w / w.sum(axis=1, keepdims=True)
    return apportion(w * totals[:, None], totals)


def _va_parts(rng: np.random.Generator, va: np.ndarray, agri: np.ndarray) -> np.ndarray:
    """VA001 compensation, VA002 net taxes (may be negative), VA003 depreciation, VA004 surplus."""
    n = len(va)
    taxes = np.rint(va * np.where(agri, rng.uniform(-0.06, 0.0, n), rng.uniform(0.02, 0.2, n)))
    rest = (va - taxes).astype(np.int64)
    comp = np.where(agri, 0.9, rng.uniform(0.35, 0.65, n))
    dep = rng.uniform(0.08, 0.2, n) * (1 - comp)
    shares = np.column_stack([comp, dep, np.maximum(1 - comp - dep, 0.02)])
    parts = _split(rng, rest, shares)
    return np.column_stack([parts[:, 0], taxes.astype(np.int64), parts[:, 1], parts[:, 2]])


# --------------------------------------------------------------------------- OECD
def oecd_tables(rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """The 24 ``OECD21ed_CHN_{year}`` data.frames (values in US$ million, one decimal)."""
    rows = _labels(_OECD_ROWS)
    n = 45
    codes = [r[0] for r in rows]
    mfg = np.zeros(n, dtype=bool)
    mfg[5:22] = True
    services = np.arange(n) >= 25
    base = np.exp(rng.normal(0, 0.5, n)) * np.where(mfg, 1.6, 1.0)
    base[4] *= 0.1  # mining support
    base[44] *= 0.02  # households as employers
    trend = rng.normal(0, 0.015, n) + np.where(services, 0.01, 0.0)
    ii = np.clip(
        np.where(mfg, 0.74, np.where(services, 0.45, 0.55)) + rng.normal(0, 0.05, n), 0.1, 0.8
    )
    ii[44] = 0.0
    imp = np.where(mfg | (np.arange(n) < 5), rng.uniform(0.03, 0.3, n), rng.uniform(0.0, 0.05, n))
    imp[44] = 0.0
    supplies = np.arange(n) != 44  # households as employers sell to households only
    fd_shares = np.where(
        mfg[:, None],
        np.array([0.3, 0.0, 0.02, 0.2, 0.0, 0.48]),
        np.array([0.55, 0.01, 0.2, 0.1, 0.0, 0.14]),
    )  # HFCE NPISH GGFC GFCF (INVNT separately) EXPO
    fd_shares = np.delete(fd_shares, 4, axis=1)
    tau = rng.uniform(-0.02, 0.06, n)
    out: dict[str, pd.DataFrame] = {}
    for t, year in enumerate(OECD_YEARS):
        total = 2.6e6 * np.exp(0.1 * t + rng.normal(0, 0.02))
        s = base * np.exp(trend * t + rng.normal(0, 0.03, n))
        x = apportion(s / s.sum() * total * 10, np.int64(np.rint(total * 10)))  # tenths
        z = _flows(rng, x.astype(float), ii * np.exp(rng.normal(0, 0.02, n)), supplies)
        u = z.sum(axis=1)
        m = np.rint(imp * (u + 0.3 * (x - u))).astype(np.int64)
        tf = x - u + m  # total final use incl. exports
        invnt = np.rint(tf * np.where(services, 0.0, rng.normal(0.01, 0.02, n))).astype(np.int64)
        split = _split(rng, tf - invnt, fd_shares)  # HFCE NPISH GGFC GFCF EXPO
        fu = np.zeros((n, 9), dtype=np.int64)
        fu[:, [0, 1, 2, 3]] = split[:, :4]
        fu[:, 4] = invnt
        fu[:, 7] = split[:, 4]
        fu[:, 8] = -m
        txs_int = np.rint(tau * x).astype(np.int64)
        ttl = z.sum(axis=0) + txs_int
        valu = x - ttl
        if (valu < 0).any():
            raise AssertionError("negative value added")
        fin = fu.sum(axis=0)
        tot = np.zeros((5, n + 9), dtype=np.int64)
        abroad = int(np.rint(0.02 * fin[0]))
        tot[0, n + 5], tot[0, n + 8] = abroad, -abroad  # TXS_IMP_FNL: CONS_ABR, IMPO
        tot[1, :n] = txs_int
        tot[1, n + 0] = np.rint(0.05 * fin[0])
        tot[1, n + 1] = np.rint(0.01 * fin[1])
        tot[1, n + 2] = np.rint(0.002 * fin[2])
        tot[1, n + 3] = np.rint(0.04 * fin[3])
        tot[1, n + 6] = -np.rint(0.001 * fin[0])
        tot[2, :n] = ttl
        tot[2, n:] = fin + tot[0, n:] + tot[1, n:]
        tot[3, :n] = valu
        tot[4, :n] = x
        values = np.vstack([np.hstack([z, fu]), tot]) / 10.0
        cols = {"Code": codes, "Description": [r[1] for r in rows]}
        cols.update({c: values[:, k] for k, c in enumerate((*codes[:n], *OECD_FINAL_USES))})
        out[f"OECD21ed_CHN_{year}"] = _frame(cols)
    return out


# --------------------------------------------------------------------------- NBS
_NBS_TOT = ("TII", "VA001", "VA002", "VA003", "VA004", "TVA", "TI")


def _nbs_economy(rng: np.random.Generator, total: float, n: int = 42):
    """Sector outputs (hundredths of 10,000 CNY), total flows, import ratios, sector masks."""
    mfg = (np.arange(1, n + 1) >= 6) & (np.arange(1, n + 1) <= 24)
    services = np.arange(1, n + 1) >= 28
    s = np.exp(rng.normal(0, 0.5, n)) * np.where(mfg, 1.5, 1.0)
    x = apportion(s / s.sum() * total * 100, np.int64(np.rint(total * 100)))
    ii = np.clip(
        np.where(mfg, 0.78, np.where(services, 0.45, 0.6)) + rng.normal(0, 0.05, n), 0.1, 0.85
    )
    z = _flows(rng, x.astype(float), ii)
    imp = np.where(services, rng.uniform(0.0, 0.04, n), rng.uniform(0.02, 0.2, n))
    imp[2:4] = rng.uniform(0.3, 0.6, 2)  # crude oil, metal ores
    return x, z, imp, mfg, services


def _nbs_va_rows(rng: np.random.Generator, x: np.ndarray, tii: np.ndarray) -> np.ndarray:
    """TII, VA001–VA004, TVA, TI rows of the sector columns (TI = TII + TVA = x)."""
    if (x < tii).any():
        raise AssertionError("negative value added")
    va = _va_parts(rng, x - tii, np.arange(len(x)) == 0)
    return np.vstack([tii, va.T, va.sum(axis=1), tii + va.sum(axis=1)])  # TII VA1-4 TVA TI


def nbs_competitive(rng: np.random.Generator) -> pd.DataFrame:
    """``china_2015_42``: competitive-import table (imports in the IM column)."""
    rows = _labels(_NBS_2015)
    n = 42
    x, z, imp, mfg, services = _nbs_economy(rng, 2.08e10, n)
    tiu = z.sum(axis=1)
    im = np.rint(imp * (tiu + 0.3 * (x - tiu))).astype(np.int64)
    err = np.rint(x * np.clip(rng.normal(0, 0.01, n), -0.03, 0.03)).astype(np.int64)
    tfu = x - tiu + im - err
    fu202 = np.rint(tfu * np.where(services, 0.0, rng.normal(0.01, 0.03, n))).astype(np.int64)
    shares = np.where(
        mfg[:, None],
        np.array([0.05, 0.15, 0.0, 0.25, 0.55]),
        np.where(
            services[:, None],
            np.array([0.1, 0.4, 0.35, 0.05, 0.1]),
            np.array([0.1, 0.2, 0.02, 0.5, 0.18]),
        ),
    )  # FU101 FU102 FU103 FU201 EX
    split = _split(rng, tfu - fu202, shares)
    fu101, fu102, fu103, fu201, ex = split.T
    thc = fu101 + fu102
    tc = thc + fu103
    gcf = fu201 + fu202
    table = np.column_stack(
        [tiu, fu101, fu102, thc, fu103, tc, fu201, fu202, gcf, ex, tfu, im, err, x]
    )
    tot = _nbs_va_rows(rng, x, z.sum(axis=0))
    values = (
        np.vstack(
            [np.hstack([z, table]), np.hstack([tot, np.zeros((7, table.shape[1]), np.int64)])]
        )
        / 100.0
    )
    values[n, n:] = table.sum(axis=0) / 100.0  # TII: column sums of the final-use block
    values[n + 1 :, n] = tot[1:].sum(axis=1) / 100.0  # TIU of VA rows: row sums
    values[n + 1 :, n + 1 :] = _na()
    fu_names = (
        "TIU",
        "FU101",
        "FU102",
        "THC",
        "FU103",
        "TC",
        "FU201",
        "FU202",
        "GCF",
        "EX",
        "TFU",
        "IM",
        "ERR",
        "GO",
    )
    return _nbs_frame(rows, values, (*[f"{i:02d}" for i in range(1, n + 1)], *fu_names))


def _nbs_frame(rows, values, value_cols, origin=None) -> pd.DataFrame:
    cols: dict[str, object] = {
        "Code": [r[0] for r in rows],
        "Description": [r[1] for r in rows],
        "DescriptionInChinese": [r[2] for r in rows],
    }
    if origin is not None:
        cols["Origin"] = origin
    cols.update({c: values[:, k] for k, c in enumerate(value_cols)})
    return _frame(cols)


def nbs_origin_split(rng: np.random.Generator) -> pd.DataFrame:
    """``china_2017_42``: non-competitive table with Domestic/Imports/TOT rows."""
    labels = _labels(_NBS_2017)
    n = 42
    x, z, imp, mfg, services = _nbs_economy(rng, 2.41e10, n)
    zm = apportion(z * imp[:, None], np.rint(z.sum(axis=1) * imp).astype(np.int64))
    zd = z - zm
    tiu_d, tiu_m = zd.sum(axis=1), zm.sum(axis=1)
    tfu_d = x - tiu_d
    fu202 = np.rint(tfu_d * np.where(services, 0.0, rng.normal(0.01, 0.03, n))).astype(np.int64)
    shares = np.where(
        mfg[:, None],
        np.array([0.2, 0.25, 0.55]),
        np.where(services[:, None], np.array([0.85, 0.05, 0.1]), np.array([0.12, 0.7, 0.18])),
    )  # TC FU201 EX
    tc_d, fu201_d, ex_d = _split(rng, tfu_d - fu202, shares).T
    dom = np.column_stack([tiu_d, tc_d, fu201_d, fu202, ex_d, tfu_d, x])
    ratio = imp / (1 - imp)
    tc_m = np.rint(tc_d * ratio).astype(np.int64)
    fu201_m = np.rint(fu201_d * ratio).astype(np.int64)
    fu202_m = np.rint(np.maximum(fu202, 0) * ratio).astype(np.int64)
    ex_m = np.rint(0.01 * (tiu_m + tc_m)).astype(np.int64)  # re-exports
    tfu_m = tc_m + fu201_m + fu202_m + ex_m
    imports = np.column_stack([tiu_m, tc_m, fu201_m, fu202_m, ex_m, tfu_m, tiu_m + tfu_m])
    tot = _nbs_va_rows(rng, x, zd.sum(axis=0) + zm.sum(axis=0))
    width = dom.shape[1]
    values = (
        np.vstack(
            [
                np.hstack([zd, dom]),
                np.hstack([zm, imports]),
                np.hstack([tot, np.zeros((7, width), np.int64)]),
            ]
        )
        / 100.0
    )
    values[2 * n, n:] = (dom.sum(axis=0) + imports.sum(axis=0)) / 100.0
    values[2 * n + 1 :, n] = tot[1:].sum(axis=1) / 100.0
    values[2 * n + 1 :, n + 1 :] = _na()
    rows = labels[:n] + labels[:n] + labels[n:]
    origin = ["Domestic"] * n + ["Imports"] * n + ["TOT"] * len(_NBS_TOT)
    value_cols = (
        *[f"{i:02d}" for i in range(1, n + 1)],
        "TIU",
        "TC",
        "FU201",
        "FU202",
        "EX",
        "TFU",
        "GO",
    )
    return _nbs_frame(rows, values, value_cols, origin)


# --------------------------------------------------------------------------- employment
#: employment by section, 1990 and 2018 (10,000 persons), GB/T 4754 sections as ionet codes them
_EMP_ANCHORS: dict[str, tuple[float, float]] = {
    "A": (40400, 20800), "B": (1250, 870), "C": (9250, 10500), "D": (320, 770),
    "E": (1540, 4780), "F": (4020, 15100), "G": (1730, 1890), "H": (440, 3480),
    "I": (83, 1710), "J": (320, 1460), "K": (71, 970), "L": (116, 3690), "M": (500, 860),
    "N": (345, 544), "O": (318, 2340), "P": (1710, 3630), "Q": (620, 1900), "R": (190, 306),
    "S": (1540, 1990), "T": (0.7, 0.7),
}  # fmt: skip


def employment_frame(rng: np.random.Generator) -> pd.DataFrame:
    """``china_employment``: TOT, sections and divisions × 1990–2018 (two decimals)."""
    rows = _labels(_EMPLOYMENT_ROWS)
    codes = [r[0] for r in rows]
    n_t = len(EMPLOYMENT_YEARS)
    frac = np.linspace(0.0, 1.0, n_t)
    sections = [c for c in codes if len(c) == 1]
    values = {c: np.zeros(n_t, dtype=np.int64) for c in codes}
    for sec in sections:
        lo, hi = _EMP_ANCHORS[sec]
        path = np.exp(np.log(lo) + (np.log(hi) - np.log(lo)) * frac + rng.normal(0, 0.02, n_t))
        values[sec] = np.rint(path * 100).astype(np.int64)  # hundredths
        divisions = [c for c in codes if len(c) == 3 and c[0] == sec]
        if divisions:
            k = len(divisions)
            w = np.exp(rng.normal(0, 0.6, k))[None, :] * np.exp(
                rng.normal(0, 0.02, k)[None, :] * np.arange(n_t)[:, None]
            )
            w = w / w.sum(axis=1, keepdims=True)
            parts = apportion(w * values[sec][:, None], values[sec])
            for j, d in enumerate(divisions):
                values[d] = parts[:, j]
    values["TOT"] = sum(values[s] for s in sections)
    data = np.vstack([values[c] for c in codes]) / 100.0
    cols: dict[str, object] = {
        "Code": codes,
        "Description": [r[1] for r in rows],
        "DescriptionInChinese": [r[2] for r in rows],
    }
    cols.update({str(y): data[:, k] for k, y in enumerate(EMPLOYMENT_YEARS)})
    return _frame(cols)


# --------------------------------------------------------------------------- writer
def write_io_rda_files(out_dir: Path, source: int | np.random.Generator) -> list[Path]:
    """Write the OECD, NBS (2015 competitive, 2017 Origin split) and employment .rda files."""
    rng = _rng(source)
    out_dir = Path(out_dir)
    return [
        _write(out_dir / OECD_FILE, "OECD21ed_CHN_1995to2018", oecd_tables(rng)),
        _write(out_dir / NBS_COMPETITIVE_FILE, "china_2015_42", nbs_competitive(rng)),
        _write(out_dir / NBS_ORIGIN_FILE, "china_2017_42", nbs_origin_split(rng)),
        _write(out_dir / EMPLOYMENT_FILE, "china_employment", employment_frame(rng)),
    ]


# --------------------------------------------------------------------------- labels (real)
_OECD_ROWS = """\
01|Agriculture, hunting, forestry
02|Fishing and aquaculture
03|Mining and quarrying, energy producing products
04|Mining and quarrying, non-energy producing products
05|Mining support service activities
06|Food products, beverages and tobacco
07|Textiles, textile products, leather and footwear
08|Wood and products of wood and cork
09|Paper products and printing
10|Coke and refined petroleum products
11|Chemical and chemical products
12|Pharmaceuticals, medicinal chemical and botanical products
13|Rubber and plastics products
14|Other non-metallic mineral products
15|Basic metals
16|Fabricated metal products
17|Computer, electronic and optical equipment
18|Electrical equipment
19|Machinery and equipment, nec
20|Motor vehicles, trailers and semi-trailers
21|Other transport equipment
22|Manufacturing nec; repair and installation of machinery and equipment
23|Electricity, gas, steam and air conditioning supply
24|Water supply; sewerage, waste management and remediation activities
25|Construction
26|Wholesale and retail trade; repair of motor vehicles
27|Land transport and transport via pipelines
28|Water transport
29|Air transport
30|Warehousing and support activities for transportation
31|Postal and courier activities
32|Accommodation and food service activities
33|Publishing, audiovisual and broadcasting activities
34|Telecommunications
35|IT and other information services
36|Financial and insurance activities
37|Real estate activities
38|Professional, scientific and technical activities
39|Administrative and support services
40|Public administration and defence; compulsory social security
41|Education
42|Human health and social work activities
43|Arts, entertainment and recreation
44|Other service activities
45|Activities of households as employers; undifferentiated goods- and services-producing activities of households for own use
TXS_IMP_FNL|Taxes less subsidies on intermediate and final products (paid in foreign countries)
TXS_INT_FNL|Taxes less subsidies on intermediate and final products (paid in domestic agencies, includes duty on imported products)
TTL_INT_FNL|Total intermediate consumption at purchasers’ prices
VALU|Value added at basic prices
OUTPUT|Output at basic prices
"""

_NBS_2015 = """\
01|Agriculture, forestry, animal husbandry and fishery|农林牧渔产品和服务
02|Mining and washing of coal|煤炭采选产品
03|Exploitation of petroleum and natural gas|石油和天然气开采产品
04|Mining and processing of metal ores|金属矿采选产品
05|Mining and processing of nonmetal and other ores|非金属矿和其他矿采选产品
06|Manufacture of foods and tobacco|食品和烟草
07|Manufacture of textiles|纺织品
08|Manufacture of wearing apparel, leather, fur, feather and related products|纺织服装鞋帽皮革羽绒及其制品
09|Processing of timber and furniture|木材加工品和家具
10|Manufacture of paper, printing, and articles for culture, education, sports|造纸印刷和文教体育用品
11|Processing of petroleum, coking, and nuclear fuel|石油、炼焦产品和核燃料加工品
12|Manufacture of chemical products|化学产品
13|Manufacture of non-metallic mineral products|非金属矿物制品
14|Smelting and processing of metals|金属冶炼和压延加工品
15|Manufacture of metal products|金属制品
16|Manufacture of general purpose machinery|通用设备
17|Manufacture of special purpose machinery|专用设备
18|Manufacture of transport equipment|交通运输设备
19|Manufacture of electrical machinery and equipment|电气机械和器材
20|Manufacture of communication equipment, computers and other electronic equipment|通信设备、计算机和其他电子设备
21|Manufacture of instruments and meters|仪器仪表
22|Other manufacturing|其他制造产品
23|Comprehensive use of waste resources|废品废料
24|Repair of metal products, machinery and equipment|金属制品、机械和设备修理服务
25|Production and supply of electric power and heat power|电力、热力的生产和供应
26|Production and supply of gas|燃气生产和供应
27|Production and supply of water|水的生产和供应
28|Construction|建筑
29|Wholesale and retail trades|批发和零售
30|Transport, storage, and postal services|交通运输、仓储和邮政
31|Accommodation and catering|住宿和餐饮
32|Information transmission, software and information technology services|信息传输、软件和信息技术服务
33|Finance|金融
34|Real estate|房地产
35|Leasing and commercial services|租赁和商务服务
36|Scientific research, and technical services|科学研究和技术服务
37|Management of water conservancy, environment and public facilities|水利、环境和公共设施管理
38|Resident, repair and other services|居民服务、修理和其他服务
39|Education|教育
40|Health care and social work|卫生和社会工作
41|Culture, sports, and entertainment|文化、体育和娱乐
42|Public administration, social security, and social organizations|公共管理、社会保障和社会组织
TII|Total intermediate input|中间投入合计
VA001|Compensation of employees|劳动者报酬
VA002|Net taxes on production|生产税净额
VA003|Depreciation of fixed assets|固定资产折旧
VA004|Operating surplus|营业盈余
TVA|Total value-added|增加值合计
TI|Total inputs|总投入
"""

_NBS_2017 = """\
01|Agriculture, forestry, animal husbandry and fishery|农林牧渔产品和服务
02|Mining and washing of coal|煤炭采选产品
03|Exploitation of petroleum and natural gas|石油和天然气开采产品
04|Mining and processing of metal ores|金属矿采选产品
05|Mining and processing of nonmetal and other ores|非金属矿和其他矿采选产品
06|Manufacture of foods and tobacco|食品和烟草
07|Manufacture of textiles|纺织品
08|Manufacture of wearing apparel, leather, fur, feather and related products|纺织服装鞋帽皮革羽绒及其制品
09|Processing of timber and furniture|木材加工品和家具
10|Manufacture of paper, printing, and articles for culture, education, sports|造纸印刷和文教体育用品
11|Processing of petroleum, coking, and nuclear fuel|石油、炼焦产品和核燃料加工品
12|Manufacture of chemical products|化学产品
13|Manufacture of non-metallic mineral products|非金属矿物制品
14|Smelting and processing of metals|金属冶炼和压延加工品
15|Manufacture of metal products|金属制品
16|Manufacture of general purpose machinery|通用设备
17|Manufacture of special purpose machinery|专用设备
18|Manufacture of transport equipment|交通运输设备
19|Manufacture of electrical machinery and equipment|电气机械和器材
20|Manufacture of communication equipment, computers and other electronic equipment|通信设备、计算机和其他电子设备
21|Manufacture of instruments and meters|仪器仪表
22|Other manufacturing and waste resources|其他制造产品和废品废料
23|Repair of metal products, machinery and equipment|金属制品、机械和设备修理服务
24|Production and supply of electric power and heat power|电力、热力的生产和供应
25|Production and supply of gas|燃气生产和供应
26|Production and supply of water|水的生产和供应
27|Construction|建筑
28|Wholesale and retail trades|批发和零售
29|Transport, storage, and postal services|交通运输、仓储和邮政
30|Accommodation and catering|住宿和餐饮
31|Information transmission, software and information technology services|信息传输、软件和信息技术服务
32|Finance|金融
33|Real estate|房地产
34|Leasing and commercial services|租赁和商务服务
35|Research and experimental development|研究和试验发展
36|Technical services|综合技术服务
37|Management of water conservancy, environment and public facilities|水利、环境和公共设施管理
38|Resident, repair and other services|居民服务、修理和其他服务
39|Education|教育
40|Health care and social work|卫生和社会工作
41|Culture, sports, and entertainment|文化、体育和娱乐
42|Public administration, social security, and social organizations|公共管理、社会保障和社会组织
TII|Total intermediate input|中间投入合计
VA001|Compensation of employees|劳动者报酬
VA002|Net taxes on production|生产税净额
VA003|Depreciation of fixed assets|固定资产折旧
VA004|Operating surplus|营业盈余
TVA|Total value-added|增加值合计
TI|Total inputs|总投入
"""

_EMPLOYMENT_ROWS = """\
TOT|Total number of employed persons (in the unit of 10 thousands)|全国总计
A|Agriculture, forestry, animal husbandry and fishery|农、林、牧、渔业
A01|Agriculture|农业
A02|Forestry|林业
A03|Animal husbandry|畜牧业
A04|Fishery|渔业
A05|Service for agriculture, forestry, animal husbandry and fishery|农、林、牧、渔专业及辅助性活动
B|Mining and quarrying|采矿业
B01|Mining and washing of coal|煤炭开采和洗选业
B02|Exploitation of petroleum and natural gas|石油和天然气开采业
B03|Mining and processing of ferrous metal ores|黑色金属矿采选业
B04|Mining and processing of non-ferrous metal ores|有色金属矿采选业
B05|Mining and processing of nonmetal ores|非金属矿采选业
B06|Ancillary mining activities|开采专业及辅助性活动
B07|Mining of other ores|其他采矿业
C|Manufacturing|制造业
C01|Processing of agricultural food|农副食品加工业
C02|Manufacture of foods|食品制造业
C03|Manufacture of alcohol, beverages and refined tea|酒、饮料和精制茶制造业
C04|Manufacture of tobacco|烟草制品业
C05|Manufacture of textiles|纺织业
C06|Manufacture of wearing apparel|纺织服装、服饰业
C07|Manufacture of leather, fur, feather and their products, and shoes|皮革、毛皮、羽毛及其制品和制鞋业
C08|Wood processing and manufacture of wood, bamboo, rattan, palm, and straw-made articles|木材加工和木、竹、藤、棕、草制品业
C09|Manufacture of furniture|家具制造业
C10|Manufacture of paper and paper products|造纸及纸制品业
C11|Printing and reproduction of recorded media|印刷和记录媒介复制业
C12|Manufacture of articles for culture, education, sports|文教、工美、体育和娱乐用品制造业
C13|Processing of petroleum, coking and nuclear fuel|石油、煤炭及其他燃料加工业
C14|Manufacture of chemical raw materials|化学原料和化学制品制造业
C15|Manufacture of medical products|医药制造业
C16|Manufacture of chemical fibers|化学纤维制造业
C17|Manufacture of rubber and plastic products|橡胶和塑料制品业
C18|Manufacture of non-metallic mineral products|非金属矿物制品业
C19|Smelting and processing of ferrous metals|黑色金属冶炼和压延加工业
C20|Smelting and processing of non-ferrous metals|有色金属冶炼和压延加工业
C21|Manufacture of metal products|金属制品业
C22|Manufacture of general purpose machinery|通用设备制造业
C23|Manufacture of special purpose machinery|专用设备制造业
C24|Manufacture of automobiles|汽车制造业
C25|Manufacture of railway, ships, aerospace and other transport equipment|铁路、船舶、航空航天和其他运输设备制造业
C26|Manufacture of electrical machinery and equipment|电气机械和器材制造业
C27|Manufacture of computers, communication and other electronic equipment|计算机、通信和其他电子设备制造业
C28|Manufacture of instruments and meters|仪器仪表制造业
C29|Other manufacturing|其他制造业
C30|Comprehensive use of waste resources|废弃资源综合利用业
C31|Repair of metal products, machinery and equipment|金属制品、机械和设备修理业
D|Utilities|电力、热力、燃气及水生产和供应业
D01|Production and supply of electric power and heat power|电力、热力生产和供应业
D02|Production and supply of gas|燃气生产和供应业
D03|Production and supply of water|水的生产和供应业
E|Construction|建筑业
E01|Construction of buildings|房屋建筑业
E02|Construction of civil engineering|土木工程建筑业
E03|Building Installation|建筑安装业
E04|Decoration, renovation and other construction services|建筑装饰、装修和其他建筑业
F|Wholesale and retail trades|批发和零售业
F01|Wholesale trade|批发业
F02|Retail trade|零售业
G|Transport, storage, and postal services|交通运输、仓储和邮政业
G01|Railway transport|铁路运输业
G02|Road transport|道路运输业
G03|Water transport|水上运输业
G04|Air transport|航空运输业
G05|Pipeline transport|管道运输业
G06|Multimodal transport and transportation agency|多式联运和运输代理业
G07|Loading and unloading, portage and storage|装卸搬运和仓储业
G08|Postal services|邮政业
H|Accommodation and catering|住宿和餐饮业
H01|Accommodation|住宿业
H02|Catering|餐饮业
I|Information transmission, software and information technology services|信息传输、软件和信息技术服务业
I01|Telecommunications, radio, television and satellite transmission services|电信、广播电视和卫星传输服务
I02|Internet and related services|互联网和相关服务
I03|Software and information technology services|软件和信息技术服务业
J|Finance|金融业
J01|Monetary and financial services|货币金融服务
J02|Capital markets services|资本市场服务
J03|Insurance|保险业
J04|Other financial activities|其他金融业
K|K|房地产业
L|Leasing and commercial services|租赁和商务服务业
L01|Leasing|租赁业
L02|Commercial services|商务服务业
M|Scientific research, and technical services|科学研究和技术服务业
M01|Research and experimental development|研究和试验发展
M02|Professional technical services|专业技术服务业
M03|Scientific and technological communications and generalization|科技推广和应用服务业
N|Management of water conservancy, environment and public facilities|水利、环境和公共设施管理业
N01|Management of water conservancy|水利管理业
N02|Ecological protection and environmental management|生态保护和环境治理业
N03|Management of public facilities|公共设施管理业
N04|Land administration|土地管理业
O|Resident, repair and other services|居民服务、修理和其他服务业
O01|Resident services|居民服务业
O02|Repair of motor vehicles, electronics and household products|机动车、电子产品和日用产品修理业
O03|Other services|其他服务业
P|Education|教育
Q|Health care and social work|卫生和社会工作
Q01|Health care|卫生
Q02|Social work|社会工作
R|Culture, sports, and entertainment|文化、体育和娱乐业
R01|News and publishing|新闻和出版业
R02|Radio, television, film and audio-visual media|广播、电视、电影和影视录音制作业
R03|Culture and arts|文化艺术业
R04|Sports|体育
R05|Eentertainment|娱乐业
S|Public administration, social security, and social organizations|公共管理、社会保障和社会组织
S01|Organs of the Communist Party of China|中国共产党机关
S02|National Institutions|国家机构
S03|Chinese People's Political Consultative Conference and democratic parties|人民政协、民主党派
S04|Social security|社会保障
S05|Mass and social organizations and other membership organizations|群众团体、社会团体和其他成员组织
S06|Autonomous grassroots organizations and other organizations|基层群众自治组织及其他组织
T|International organizations|国际组织
"""
