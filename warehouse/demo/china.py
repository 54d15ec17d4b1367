"""China province demo: the raw China files in their publishers' layouts, from one small DGP.

``write_china_demo(out_dir, seed)`` writes, under ``out_dir`` (the demo raw dir, paths as in
the real raw dir), the files the China readers expect, and returns them grouped by source
name (``china_nbs_province``, ``china_nbs_national``, ``china_nbs_employment_wages``,
``china_population``, ``china_eps_energy``, ``china_meic``, ``china_ceads_v2022``,
``china_capital_asset``). Same seed → byte-identical files (xlsx core properties and zip
entry times are fixed; the .rda is bzip2 format 2). Layouts: :mod:`warehouse.demo.china_files`
(CSV, .rda) and :mod:`warehouse.demo.china_workbooks` (xlsx); the model:
:mod:`warehouse.demo.china_dgp`. Identities (names, GB/T 2260 codes, regions) are real, the
numbers synthetic; 2000 GRP per capita and population are calibrated to rounded NBS values.

Data-generating process (province i = 31 mainland provinces in NBS order, real four-region
split; t = 1999..2020; all draws from ``numpy.random.default_rng([seed, 5])``)::

    Δln y_it = A + λ_t − β·ln y_i,t−1 + ε_it,   β = BETA = 0.02,  A = 0.28,
               ε_it ~ N(0, 0.012²) iid,  λ_t common year effects (knots: 0 in 1998, +0.02
               in 2007, −0.005 in 2009, +0.01 in 2011, −0.02 in 2019, linear in between)

* ``y`` real GRP per capita (yuan at 2000 prices); ln y_i,1999 = ln(NBS 2000 value) − 0.08 +
  N(0, 0.03²). Absolute β-convergence: over 2000→2019 (T = 19 steps) the cross-section slope
  of average annual growth on ln y_2000 is b* = −(1 − (1 − β)^T)/T = −0.01678; the noise in
  average growth has sd σ·sqrt(Σ_{k<T}(1−β)^{2k})/T ≈ 0.0023, so with 31 provinces and
  sd(ln y_2000) ≈ 0.5 the OLS slope has a sampling sd of about 0.0008 (default seed: the
  published files give −0.0173).
* population (10,000, year-end, integers): 2000 calibrated, growth U(−0.2 %, 1.2 %) +
  N(0, 0.002²); per-capita values use the average of two year-ends; national population =
  Σ provinces + a gap (≈ +800 → +1500 in 2005 → −300 in 2019, + N(0, 50²), integers).
* GRP deflator: inflation = common knots (6 % 2004, 7 % 2008, −0.5 % 2009, 7 % 2011, 0 % 2015,
  4 % 2017, 2 % 2020) + N(0, 0.01²); real GRP = y × population; nominal GRP = real × deflator.
  地区生产总值指数 = 100 × real_t / real_{t−1} (one decimal): it is the real growth.
* value added by nine fsnd branches: shares = softmax(base_i + trend·(t − 2000)), 2000 base
  shares (0.15 agri, 0.40 industry, 0.06 construction, 0.08 trade, 0.06 transport,
  0.02 hotels, 0.04 finance, 0.04 real estate, 0.15 other) + N(0, 0.15²) in logs, primary
  smaller in richer provinces; trends a year (−0.06, −0.01, 0, +0.01, 0, 0, +0.05, +0.04,
  +0.025) + N(0, 0.005²): smooth, no year noise. Published identities, exact in 0.1 亿元:
  GRP = primary + secondary + tertiary; 农林牧渔业 = primary; secondary = 工业 + 建筑业;
  tertiary = the five tertiary branches + 其他行业 (其他行业 the residual, as NBS). Sector
  indices use sector deflators drifting +2 % / −1 % / +1 % a year against the GRP deflator.
* urban-unit employment (万人, four decimals, sections add to the total exactly):
  total = rate × population, rate ∝ GRP per capita^0.9 (× 1.15 from 2013: the NBS coverage
  break) × e^{0.01(t−2000)}; 19 sections by softmax shares with log-share trends a year:
  producer services (transport, IT, finance, leasing & business, science & technology) +0.03,
  manufacturing −0.02, agriculture −0.04, mining −0.03, others 0 (+ N(0, 0.003²) each).
  Published 2008–2019 (fsnd, rows 2000–2007 empty), national 2000–2019 (sections from 2003) =
  Σ provinces exactly, work_data 2012–2020 = fsnd rounded to one decimal.
* national GDP = f_t × Σ provincial GRP, f_t ~ U(0.98, 1.02) (the real sum of provinces is
  not the national figure); GNI = GDP × U(0.99, 1.003); national indices aggregate the
  provincial ones with last year's nominal weights.
* FAI price index (上年=100, two decimals): common knots + N(0, 0.008²); the three parts add
  N(0, 1²·(1, 1.5, 0.8)). asset.rda: invest (GFCF, 亿元) = s_i,t × nominal GRP for
  2000–2019 with s_i,2000 ~ U(0.34, 0.46) (+0.003 a year: investment ≈ 40 % of GRP), before
  2000 invest_2000·e^{−g_i(2000−t)} (g_i ~ U(0.11, 0.15), N(0, 0.05²) noise); InvestPrice
  (1952 = 1) grows 1 % a year to 1977, 5 % 1978–1999 (+ N(0, 0.02²)), then exactly by the
  published FAI index; InvestIndex = 100 × real investment / invest_1952 (1952–1995);
  depr = invest × (U(0.30, 0.38) − 0.002·(t − 1978)) for 1978–2017; Chongqing from 1996,
  its 1996 InvestPrice equal to Sichuan's.
* energy (万吨标煤) = intensity × real GRP; intensity (tce per 10,000 yuan of 2000) =
  1.4 × region factor (east 0.8, central 1.1, west 1.4, north-east 1.2) × LN(0, 0.2²) in 2000,
  falling 3 % a year (+ N(0, 0.01²) iid in logs). CO2 (Mt) = energy × carbon factor / 100,
  factor U(2.3, 2.7) t CO2/tce in 2000 falling 0.5 % a year; cement process CO2 = combustion ×
  U(0.04, 0.10); CEADs Scope_1_Total = combustion + process; MEIC = that × U(0.92, 1.04) per
  province (three decimals; 1990–1999 and 2020–2023 extrapolated). EPS publishes energy for
  30 provinces (Tibet only as the 2002–2003 copy of Shaanxi, as in the real file).
"""

from __future__ import annotations

from pathlib import Path

from warehouse.demo.china_dgp import (
    BETA,
    ENERGY_DECLINE,
    SIGMA,
    YEARS,
    A,
    ChinaTruth,
    simulate_china,
)
from warehouse.demo.china_files import (
    Published,
    write_asset,
    write_fsnd_national,
    write_fsnd_province,
    write_gcam_population,
    write_work_data,
)
from warehouse.demo.china_workbooks import write_ceads, write_eps, write_meic

#: the project demo seed (equal to ``warehouse.demo.generate.DEFAULT_SEED``; not imported
#: from there so that generate.py can import this module)
DEFAULT_SEED = 20260713

__all__ = [
    "BETA",
    "DEFAULT_SEED",
    "ENERGY_DECLINE",
    "SIGMA",
    "YEARS",
    "A",
    "ChinaTruth",
    "expected_beta_slope",
    "simulate_china",
    "write_china_demo",
]


def expected_beta_slope(beta: float = BETA, steps: int = len(YEARS) - 1) -> float:
    """Cross-section slope of average growth on the initial log level implied by ``beta``."""
    return -(1 - (1 - beta) ** steps) / steps


def write_china_demo(out_dir: Path, seed: int = DEFAULT_SEED) -> dict[str, list[Path]]:
    """Write the China demo files under ``out_dir``; returns source name -> written paths."""
    out_dir = Path(out_dir)
    truth = simulate_china(seed)
    pub = Published(truth)
    return {
        "china_nbs_province": write_fsnd_province(out_dir, pub),
        "china_nbs_national": write_fsnd_national(out_dir, pub),
        "china_nbs_employment_wages": [write_work_data(out_dir, pub)],
        "china_population": [write_gcam_population(out_dir, truth)],
        "china_eps_energy": [write_eps(out_dir, truth)],
        "china_meic": [write_meic(out_dir, truth)],
        "china_ceads_v2022": write_ceads(out_dir, truth),
        "china_capital_asset": [write_asset(out_dir, pub)],
    }
