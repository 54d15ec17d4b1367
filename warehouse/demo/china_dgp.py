"""The data-generating process of the China province demo (see :mod:`warehouse.demo.china`).

:func:`simulate_china` returns a :class:`ChinaTruth`: arrays of shape ``(31, len(years))`` in
NBS province order (:data:`~warehouse.sources.china_provinces.PROVINCES`) over the grid
1998–2020 (:data:`GRID`), in publisher units. Draw order is fixed, so the seed fixes every
number; the writers only round and lay out what is here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from warehouse.sources.china_provinces import PROVINCES

#: years of the published provincial panel (GRP, indices, population, energy, CO2)
YEARS: tuple[int, ...] = tuple(range(2000, 2020))
#: simulation grid: 1998 (for 1999's average population) … 2020 (work_data's last year)
GRID: tuple[int, ...] = tuple(range(1998, 2021))
CODES: tuple[str, ...] = tuple(p.code for p in PROVINCES)

# --- growth: Δln y_it = A + λ_t − BETA·ln y_i,t−1 + ε_it,  ε ~ N(0, SIGMA²) iid
BETA = 0.02
A = 0.28
SIGMA = 0.012
#: common year effects λ_t (knots, linearly interpolated): boom to 2007, dip 2009, slowdown
LAMBDA_KNOTS = ((1998, 0.0), (2007, 0.02), (2009, -0.005), (2011, 0.01), (2019, -0.02))
#: GRP per capita in 2000 (thousand yuan; rounded NBS 2000 values) and year-end population in
#: 2000 (10,000 persons; rounded NBS/GCAM values), NBS order — calibration of the initial state
Y2000_K: tuple[float, ...] = (
    25.0, 16.2, 7.0, 5.7, 6.5, 11.2, 6.6, 7.5, 30.3, 11.8, 13.5, 5.1, 11.2, 4.9, 9.3, 5.5,
    6.1, 5.6, 12.8, 4.7, 6.8, 6.4, 5.0, 2.8, 4.8, 4.6, 5.0, 4.2, 5.1, 5.4, 7.4,
)  # fmt: skip
POP2000: tuple[int, ...] = (
    1364, 1001, 6674, 3247, 2372, 4184, 2682, 3807, 1609, 7327, 4680, 6093, 3410, 4149, 8998,
    9488, 5646, 6562, 8650, 4751, 789, 2849, 8329, 3756, 4241, 258, 3644, 2515, 517, 554, 1849,
)  # fmt: skip
#: GRP deflator inflation, common knots (province noise N(0, 0.01²) on top)
INFLATION_KNOTS = ((1998, 0.0), (2004, 0.06), (2008, 0.07), (2009, -0.005), (2011, 0.07),
                   (2015, 0.0), (2017, 0.04), (2020, 0.02))  # fmt: skip
#: FAI price inflation, common knots (province noise N(0, 0.008²))
FAI_KNOTS = (
    (1998, 0.0), (2000, 0.01), (2004, 0.055), (2008, 0.085), (2009, -0.025), (2011, 0.065),
    (2015, -0.018), (2016, -0.005), (2018, 0.05), (2020, 0.025),
)  # fmt: skip

# --- value added by branch: softmax(base_k + trend_k·(t − 2000)) over the nine fsnd branches
BRANCHES: tuple[str, ...] = (
    "农林牧渔业", "工业", "建筑业", "批发和零售业", "交通运输、仓储和邮政业", "住宿和餐饮业",
    "金融业", "房地产业", "其他行业",
)  # fmt: skip
BRANCH_SHARE_2000 = (0.15, 0.40, 0.06, 0.08, 0.06, 0.02, 0.04, 0.04, 0.15)
BRANCH_TREND = (-0.06, -0.01, 0.0, 0.01, 0.0, 0.0, 0.05, 0.04, 0.025)
#: sector deflator drift relative to the GRP deflator (primary, secondary, tertiary)
SECTOR_DRIFT = (0.02, -0.01, 0.01)

# --- urban-unit employment by the 19 sections (GB/T 4754-2011)
SECTIONS: tuple[str, ...] = (
    "农林牧渔业", "采矿业", "制造业", "电力、热力、燃气及水生产和供应业", "建筑业",
    "交通运输、仓储和邮政业", "信息传输、软件和信息技术服务业", "批发和零售业", "住宿和餐饮业",
    "金融业", "房地产业", "租赁和商务服务业", "科学研究和技术服务业",
    "水利、环境和公共设施管理业", "居民服务、修理和其他服务业", "教育业", "卫生和社会工作",
    "文化、体育和娱乐业", "公共管理、社会保障和社会组织",
)  # fmt: skip
SECTION_SHARE_2000 = (0.03, 0.05, 0.28, 0.03, 0.08, 0.05, 0.015, 0.05, 0.02, 0.03, 0.015,
                      0.025, 0.02, 0.015, 0.005, 0.12, 0.05, 0.01, 0.12)  # fmt: skip
PRODUCER_SERVICES: tuple[str, ...] = (
    "交通运输、仓储和邮政业", "信息传输、软件和信息技术服务业", "金融业", "租赁和商务服务业",
    "科学研究和技术服务业",
)  # fmt: skip
#: log-share trend a year: producer services +0.03, manufacturing −0.02, agri −0.04, mining −0.03
_OTHER_TREND = {"制造业": -0.02, "农林牧渔业": -0.04, "采矿业": -0.03}
SECTION_TREND = tuple(
    0.03 if s in PRODUCER_SERVICES else _OTHER_TREND.get(s, 0.0) for s in SECTIONS
)
#: wider coverage of the urban-unit employment statistics from 2013 (level factor)
EMPLOYMENT_BREAK_2013 = 1.15

# --- investment, energy, CO2
INVEST_SHARE = (0.34, 0.46)  # GFCF / nominal GRP in 2000, uniform; + INVEST_TREND a year
INVEST_TREND = 0.003
ENERGY_DECLINE = 0.03  # energy intensity falls 3 % a year (+ N(0, 0.01²) iid in logs)
INTENSITY_REGION = {"east": 0.8, "central": 1.1, "west": 1.4, "north-east": 1.2}
CARBON_FACTOR = (2.3, 2.7)  # t CO2 per t coal equivalent in 2000, uniform
CARBON_DECLINE = 0.005  # carbon factor falls 0.5 % a year
PROCESS_SHARE = (0.04, 0.10)  # cement process CO2 / combustion CO2, uniform
MEIC_FACTOR = (0.92, 1.04)  # MEIC total / CEADs scope-1 total, per province, uniform


def _interp(knots: tuple[tuple[int, float], ...], years: np.ndarray) -> np.ndarray:
    xs, ys = zip(*knots, strict=True)
    return np.interp(years, xs, ys)


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@dataclass(frozen=True, eq=False)
class ChinaTruth:
    """Latent series of the China demo; arrays are (province, GRID year) unless noted."""

    seed: int
    ln_y: np.ndarray  # ln real GRP per capita (yuan at 2000 prices)
    pop: np.ndarray  # year-end population, 10,000 persons (integers)
    deflator: np.ndarray  # GRP deflator, 2000 = 1
    real_grp: np.ndarray  # 亿元 at 2000 prices
    grp: np.ndarray  # nominal GRP, 亿元 (unrounded)
    branch_share: np.ndarray  # (province, year, 9 branches)
    sector_deflator: np.ndarray  # (province, year, 3): primary, secondary, tertiary
    employment: np.ndarray  # (province, year, 19 sections), 1e-4 × 10,000 persons (integers)
    wage: np.ndarray  # average wage of urban-unit employees, yuan
    fai_index: np.ndarray  # FAI price index, previous year = 100 (unrounded)
    fai_parts: np.ndarray  # (province, year, 3) sub-indices (unrounded)
    invest_share: np.ndarray  # GFCF / nominal GRP
    energy: np.ndarray  # 万吨标煤
    carbon_factor: np.ndarray  # t CO2 / tce
    co2_combustion: np.ndarray  # Mt CO2
    co2_process: np.ndarray  # Mt CO2
    meic_factor: np.ndarray  # (province,)
    national_factor: np.ndarray  # (year,) national GDP / Σ provincial GRP
    gni_factor: np.ndarray  # (year,) GNI / GDP
    pop_gap: np.ndarray  # (year,) national population − Σ provinces (integers)
    draws: dict[str, np.ndarray] = field(default_factory=dict, repr=False)  # cosmetic draws

    def col(self, year: int) -> int:
        return GRID.index(year)

    @property
    def co2(self) -> np.ndarray:
        """Scope-1 CO2 (combustion + process), Mt — the CEADs ``Scope_1_Total``."""
        return self.co2_combustion + self.co2_process

    def panel(self) -> pd.DataFrame:
        """One row per province × year of :data:`YEARS` with the headline latent series."""
        cols = [self.col(y) for y in YEARS]
        n, t = len(CODES), len(cols)
        emp = self.employment[:, cols, :].sum(axis=2) / 1e4
        return pd.DataFrame(
            {
                "code": np.repeat(CODES, t),
                "year": np.tile(YEARS, n),
                "ln_y": self.ln_y[:, cols].ravel(),
                "pop": self.pop[:, cols].ravel(),
                "grp": self.grp[:, cols].ravel(),
                "real_grp": self.real_grp[:, cols].ravel(),
                "energy": self.energy[:, cols].ravel(),
                "co2": self.co2[:, cols].ravel(),
                "employment": emp.ravel(),
            }
        )


def simulate_china(seed: int) -> ChinaTruth:
    """Simulate the 31-province panel (see :mod:`warehouse.demo.china` for the model)."""
    rng = np.random.default_rng([seed, 5])
    grid = np.array(GRID)
    n, t = len(CODES), len(GRID)
    k = grid - 2000.0
    region = np.array([p.region for p in PROVINCES])

    # population: year-end, integers
    g_pop = rng.uniform(-0.002, 0.012, n)
    pop = np.empty((n, t))
    pop[:, 2] = POP2000
    for j in (1, 0):
        pop[:, j] = np.round(pop[:, j + 1] * np.exp(-g_pop))
    for j in range(3, t):
        pop[:, j] = np.round(pop[:, j - 1] * np.exp(g_pop + rng.normal(0, 0.002, n)))
    avg_pop = np.column_stack([pop[:, 0], (pop[:, :-1] + pop[:, 1:]) / 2])

    # real GRP per capita with absolute β-convergence (starts in 1999)
    lam = _interp(LAMBDA_KNOTS, grid)
    ln_y = np.full((n, t), np.nan)
    ln_y[:, 1] = np.log(np.array(Y2000_K) * 1000) - 0.08 + rng.normal(0, 0.03, n)
    eps = rng.normal(0, SIGMA, (n, t))
    for j in range(2, t):
        ln_y[:, j] = ln_y[:, j - 1] + A + lam[j] - BETA * ln_y[:, j - 1] + eps[:, j]
    ln_y[:, 0] = ln_y[:, 1] - 0.08  # 1998: unused except as a placeholder

    infl = _interp(INFLATION_KNOTS, grid)[None, :] + rng.normal(0, 0.01, (n, t))
    cum = np.cumsum(infl, axis=1)
    deflator = np.exp(cum - cum[:, [2]])  # 2000 = 1
    real_grp = np.exp(ln_y) * avg_pop * 1e4 / 1e8
    grp = real_grp * deflator

    # branch shares
    base = np.log(np.array(BRANCH_SHARE_2000))[None, :] + rng.normal(0, 0.15, (n, 9))
    rich = np.log(np.array(Y2000_K)) - np.log(np.array(Y2000_K)).mean()
    base[:, 0] -= 1.0 * rich  # richer provinces: smaller primary sector
    base[:, 8] += 0.3 * rich
    trend = np.array(BRANCH_TREND)[None, :] + rng.normal(0, 0.005, (n, 9))
    branch_share = _softmax(base[:, None, :] + trend[:, None, :] * k[None, :, None])
    sector_deflator = deflator[:, :, None] * np.exp(
        np.array(SECTOR_DRIFT)[None, None, :] * k[None, :, None]
    )

    # urban-unit employment by section (integers in 1e-4 万人)
    rate0 = np.clip(0.09 * np.exp(0.9 * rich), 0.05, 0.45) * np.exp(rng.normal(0, 0.1, n))
    rate = rate0[:, None] * np.exp(0.01 * k)[None, :] * np.exp(rng.normal(0, 0.01, (n, t)))
    rate = rate * np.where(grid >= 2013, EMPLOYMENT_BREAK_2013, 1.0)[None, :]
    total_emp = rate * pop
    sbase = np.log(np.array(SECTION_SHARE_2000))[None, :] + rng.normal(0, 0.2, (n, 19))
    strend = np.array(SECTION_TREND)[None, :] + rng.normal(0, 0.003, (n, 19))
    section_share = _softmax(sbase[:, None, :] + strend[:, None, :] * k[None, :, None])
    employment = np.round(total_emp[:, :, None] * section_share * 1e4)
    wage = np.round(rng.uniform(0.6, 1.4, n)[:, None] * 10000 * np.exp(0.12 * k)[None, :])

    # FAI price index (previous year = 100) and its three parts
    fai = 100 * np.exp(_interp(FAI_KNOTS, grid)[None, :] + rng.normal(0, 0.008, (n, t)))
    fai_parts = fai[:, :, None] + rng.normal(0, 1.0, (n, t, 3)) * np.array([1.0, 1.5, 0.8])
    invest_share = rng.uniform(*INVEST_SHARE, n)[:, None] + INVEST_TREND * k[None, :]

    # energy and CO2
    mult = np.array([INTENSITY_REGION[r] for r in region])
    e0 = 1.4 * mult * np.exp(rng.normal(0, 0.2, n))  # tce per 10,000 yuan (2000 prices)
    intensity = e0[:, None] * np.exp(-ENERGY_DECLINE * k[None, :] + rng.normal(0, 0.01, (n, t)))
    energy = intensity * real_grp  # 亿元 × tce/万元 = 万吨标煤
    cf = rng.uniform(*CARBON_FACTOR, n)[:, None] * np.exp(-CARBON_DECLINE * k)[None, :]
    co2_comb = energy * cf / 100.0
    co2_proc = co2_comb * rng.uniform(*PROCESS_SHARE, n)[:, None]
    meic = rng.uniform(*MEIC_FACTOR, n)

    national = 1.0 + rng.uniform(-0.02, 0.02, t)
    gni = 1.0 + rng.uniform(-0.01, 0.003, t)
    gap = np.round(np.interp(grid, [1998, 2005, 2019, 2020], [800, 1500, -300, -350]))
    gap = gap + np.round(rng.normal(0, 50, t))
    draws = {
        "eps_fuel_mix": rng.uniform(0.0, 1.0, (n, 4)),  # EPS fuel shares
        "meic_back": rng.uniform(0.03, 0.07, n),  # MEIC growth before 2000
        "invest_back": rng.uniform(0.11, 0.15, n),  # nominal GFCF growth before 2000
        "invest_noise": rng.normal(0, 0.05, (n, 48)),
        "price_back": rng.normal(0, 0.02, (n, 48)),
        "depr_ratio": rng.uniform(0.3, 0.38, n),
        "fuel_weights": rng.gamma(0.6, 1.0, (n, 47, 17)),
        "fuel_mask": rng.uniform(0.0, 1.0, (n, 47, 17)),
        "sector_weights": rng.gamma(2.0, 1.0, (n, 47)),
    }
    return ChinaTruth(
        seed=seed,
        ln_y=ln_y,
        pop=pop,
        deflator=deflator,
        real_grp=real_grp,
        grp=grp,
        branch_share=branch_share,
        sector_deflator=sector_deflator,
        employment=employment,
        wage=wage,
        fai_index=fai,
        fai_parts=fai_parts,
        invest_share=invest_share,
        energy=energy,
        carbon_factor=cf,
        co2_combustion=co2_comb,
        co2_process=co2_proc,
        meic_factor=meic,
        national_factor=national,
        gni_factor=gni,
        pop_gap=gap,
        draws=draws,
    )
