"""The China province demo: read cleanly by the China readers, deterministic, planted economics."""

from __future__ import annotations

import math
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from warehouse.demo import china_dgp
from warehouse.demo.china import (
    BETA,
    DEFAULT_SEED,
    SIGMA,
    expected_beta_slope,
    simulate_china,
    write_china_demo,
)
from warehouse.sources.base import Source
from warehouse.sources.china_capital import CHINA_CAPITAL_ASSET
from warehouse.sources.china_ceads import CHINA_CEADS_V2022
from warehouse.sources.china_energy import CHINA_EPS_ENERGY, CHINA_MEIC
from warehouse.sources.china_nbs import (
    CHINA_NBS_EMPLOYMENT_WAGES,
    CHINA_NBS_NATIONAL,
    CHINA_NBS_PROVINCE,
    CHINA_POPULATION,
)
from warehouse.sources.china_provinces import PROVINCES

SOURCES: dict[str, Source] = {
    s.name: s
    for s in (
        CHINA_NBS_PROVINCE,
        CHINA_NBS_NATIONAL,
        CHINA_NBS_EMPLOYMENT_WAGES,
        CHINA_POPULATION,
        CHINA_EPS_ENERGY,
        CHINA_MEIC,
        CHINA_CEADS_V2022,
        CHINA_CAPITAL_ASSET,
    )
}
N, T = 31, 20  # provinces, years 2000-2019
#: landed rows per source: provinces (or entities) × years × indicators
EXPECTED_ROWS = {
    # GRP 14 + GRP index 4 + FAI index 4 columns × 31 × 20; employment 20 columns × 31 × 2008-2019
    "china_nbs_province": N * T * (14 + 4 + 4) + N * 12 * 20,
    # GDP 6 + branches 10 (GDP repeated: dropped) + index 6 columns × 20 years; employment
    # total 2000-2019 + 19 sections 2003-2019
    "china_nbs_national": T * 6 + T * 9 + T * 6 + T + 19 * 17,
    # per province: wage, 19 section wages, wage bill, 19 section bills, 20 employment rows
    # (the repeated wage row dropped) × 2012-2020
    "china_nbs_employment_wages": N * (1 + 19 + 1 + 19 + 20) * 9,
    "china_population": (N + 1) * T,  # National Total + 31 (sum/difference not landed)
    "china_eps_energy": 12 * 30 * T,  # Tibet's two copied cells discarded
    "china_meic": N * 34,  # 1990-2023
    "china_ceads_v2022": 16 * 30 * (22 + 47),  # total row by column + sectors' Scope_1_Total
    # invest + InvestPrice 1952-2019 (Chongqing 1996-), InvestIndex 1952-1995 (no Chongqing),
    # depr 1978-2017 (Chongqing 1996-)
    "china_capital_asset": 2 * (30 * 68 + 24) + 30 * 44 + (30 * 40 + 22),
}
#: ``known`` findings: national GDP repeated in 分行业增加值; the repeated wage row; Tibet copy
EXPECTED_KNOWN = {"china_nbs_national": T, "china_nbs_employment_wages": N, "china_eps_energy": 2}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[Path]], float]:
    out = tmp_path_factory.mktemp("china_demo") / "raw"
    start = time.perf_counter()
    files = write_china_demo(out)
    return out, files, time.perf_counter() - start


@pytest.fixture(scope="module")
def reads(demo) -> dict[str, object]:
    out, _, _ = demo
    return {name: s.read(s.find_files(out)) for name, s in SOURCES.items()}


@pytest.fixture(scope="module")
def truth() -> china_dgp.ChinaTruth:
    return simulate_china(DEFAULT_SEED)


def _value(frame: pd.DataFrame, indicator: str, entity: str, year: int) -> float:
    hit = frame[
        (frame["indicator_code"] == indicator)
        & (frame["entity_code"] == entity)
        & (frame["year"] == year)
    ]
    assert len(hit) == 1, (indicator, entity, year, len(hit))
    return float(hit["value"].iloc[0])


def _wide(frame: pd.DataFrame, indicator: str) -> pd.DataFrame:
    sub = frame[frame["indicator_code"] == indicator]
    return sub.pivot(index="entity_code", columns="year", values="value")


def test_default_seed_is_the_project_demo_seed() -> None:
    from warehouse.demo.generate import DEFAULT_SEED as PROJECT_SEED

    assert DEFAULT_SEED == PROJECT_SEED


def test_write_time_is_reported(demo) -> None:
    _, files, elapsed = demo
    n = sum(len(p) for p in files.values())
    size = sum(p.stat().st_size for ps in files.values() for p in ps)
    print(f"\nChina demo: {n} files, {size / 1e6:.1f} MB written in {elapsed:.2f} s")
    assert elapsed > 0


def test_files_are_where_the_readers_look(demo) -> None:
    out, files, _ = demo
    assert set(files) == set(SOURCES)
    for name, paths in files.items():
        assert sorted(SOURCES[name].find_files(out)) == sorted(paths), name
    rel = {p.relative_to(out).as_posix() for ps in files.values() for p in ps}
    assert "china/nbs_fsnd_2021/prov/地区生产总值.csv" in rel
    assert "china/nbs_fsnd_2021/prov/固定资产投资价格指数(上年=100).csv" in rel
    assert "china/nbs_fsnd_2021/natl/国内生产总值.csv" in rel
    assert "china/nbs_workdata/work_data.csv" in rel
    assert "china/gcam_china/China_Statistics_Yearbook.csv" in rel
    assert "china/eps_energy/消费量.xlsx" in rel
    assert "china/meic/1990-2023分省份碳排放-MEIC.xlsx" in rel
    assert {
        f"china/ceads_v2022/emissions/{y}年30个省份排放清单.xlsx" for y in range(2004, 2020)
    } <= rel
    assert "china/capital_stock/asset.rda" in rel
    assert len(rel) == 4 + 4 + 1 + 1 + 1 + 1 + 16 + 1


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_reader_reads_demo_cleanly(reads, name: str) -> None:
    result = reads[name]
    source = SOURCES[name]
    assert len(result.rejected) == 0, result.rejected.head().to_string()
    assert not result.file_errors
    assert not [str(f) for f in result.findings if f.severity == "error"]
    assert len(result.frame) == EXPECTED_ROWS[name]
    assert source.min_rows <= len(result.frame) <= source.max_rows  # the gate's bounds
    known = [f for f in result.findings if f.severity == "known"]
    assert len(known) == EXPECTED_KNOWN.get(name, 0), [str(f) for f in known[:3]]
    assert set(result.frame["unit"]) <= set(source.known_units)
    provinces = set(result.frame["entity_code"]) - {"CN"}
    expected = 30 if name in ("china_eps_energy", "china_ceads_v2022") else 31
    assert len(provinces) == (0 if name == "china_nbs_national" else expected)


def test_same_seed_gives_byte_identical_files(demo, tmp_path: Path) -> None:
    out, files, _ = demo
    again = write_china_demo(tmp_path / "raw")
    for name, paths in files.items():
        for a, b in zip(paths, again[name], strict=True):
            assert a.relative_to(out) == b.relative_to(tmp_path / "raw")
            assert a.read_bytes() == b.read_bytes(), a.name


def test_other_seed_changes_the_numbers(demo, tmp_path: Path) -> None:
    _, files, _ = demo
    other = write_china_demo(tmp_path / "raw", seed=DEFAULT_SEED + 1)
    for name in ("china_nbs_province", "china_meic", "china_capital_asset"):
        assert files[name][0].read_bytes() != other[name][0].read_bytes()


def test_values_read_back_equal_the_truth(reads, truth) -> None:
    nbs = reads["china_nbs_province"].frame
    gd19, bj04 = truth.col(2019), truth.col(2004)
    gd, bj = "CN-GD", "CN-BJ"
    i_gd = [p.code for p in PROVINCES].index(gd)
    i_bj = [p.code for p in PROVINCES].index(bj)
    assert _value(nbs, "地区生产总值", gd, 2019) == round(truth.grp[i_gd, gd19], 1)
    eps = reads["china_eps_energy"].frame
    assert _value(eps, "能源消费量", bj, 2004) == pytest.approx(truth.energy[i_bj, bj04], abs=1e-5)
    ceads = reads["china_ceads_v2022"].frame
    assert _value(ceads, "total", bj, 2004) == pytest.approx(truth.co2[i_bj, bj04], rel=1e-12)
    assert _value(ceads, "fuel:Process", gd, 2019) == pytest.approx(truth.co2_process[i_gd, gd19])
    meic = reads["china_meic"].frame
    expected = round(truth.co2[i_gd, gd19] * truth.meic_factor[i_gd], 3)
    assert _value(meic, "total", gd, 2019) == pytest.approx(expected, abs=1e-9)
    pop = reads["china_population"].frame
    assert _value(pop, "Population at year-end by region", gd, 2019) == truth.pop[i_gd, gd19]
    asset = reads["china_capital_asset"].frame
    invest = truth.invest_share[i_gd, gd19] * truth.grp[i_gd, gd19]
    assert _value(asset, "invest", gd, 2019) == pytest.approx(invest, abs=0.005)
    emp = truth.employment[i_bj, truth.col(2015)].sum() / 1e4
    assert _value(nbs, "城镇单位就业人员", bj, 2015) == pytest.approx(emp, abs=1e-9)


def test_accounting_identities(reads) -> None:
    nbs = reads["china_nbs_province"].frame
    w = {c: _wide(nbs, c) for c in nbs["indicator_code"].unique()}
    grp = w["地区生产总值"]
    assert np.allclose(
        grp, w["第一产业增加值"] + w["第二产业增加值"] + w["第三产业增加值"], atol=1e-6
    )
    assert np.allclose(w["第一产业增加值"], w["农林牧渔业增加值"], atol=1e-6)
    assert np.allclose(w["第二产业增加值"], w["工业增加值"] + w["建筑业增加值"], atol=1e-6)
    tertiary = sum(w[f"{b}增加值"] for b in china_dgp.BRANCHES[3:])
    assert np.allclose(w["第三产业增加值"], tertiary, atol=1e-6)
    sections = sum(w[f"{s}城镇单位就业人员"] for s in china_dgp.SECTIONS)
    assert np.allclose(w["城镇单位就业人员"].loc[:, 2008:], sections.loc[:, 2008:], atol=1e-6)
    # national employment = Σ provinces; work_data = fsnd to one decimal (2012-2019)
    natl = reads["china_nbs_national"].frame
    n_emp = _wide(natl, "城镇单位就业人员").loc["CN"]
    assert np.allclose(n_emp.loc[2008:], w["城镇单位就业人员"].loc[:, 2008:].sum(), atol=1e-6)
    work = reads["china_nbs_employment_wages"].frame
    for label in ("城镇单位就业人员", "制造业城镇单位就业人员", "金融业城镇单位就业人员"):
        diff = _wide(work, label).loc[:, 2012:2019] - w[label].loc[:, 2012:2019]
        assert float(diff.abs().max().max()) <= 0.05 + 1e-9
    # investment price: InvestPrice grows exactly by the published FAI price index
    asset = reads["china_capital_asset"].frame
    price = _wide(asset, "InvestPrice")
    fai = w["固定资产投资价格指数"]
    ratio = price.loc[:, 2001:2019].to_numpy() / price.loc[:, 2000:2018].to_numpy()
    assert np.allclose(ratio, fai.loc[price.index, 2001:2019].to_numpy() / 100, rtol=1e-12)
    share = _wide(asset, "invest").loc[:, 2000:2019] / grp.loc[:, 2000:2019]
    assert 0.35 < float(share.mean().mean()) < 0.5  # investment ≈ 40 % of GRP


def test_planted_beta_convergence(reads, truth) -> None:
    """OLS of average growth 2000→2019 on ln GRP per capita 2000, from the published files.

    Growth of real GRP per capita = Σ ln(GRP index/100) over 2001-2019 minus the population
    growth. Expected slope b* = −(1 − (1 − β)^19)/19; the slope's sampling sd is
    σ_g / (sd(x)·√n) with σ_g = σ·√(Σ_{k<19}(1 − β)^{2k})/19 (ε iid, λ_t common). Tolerance:
    4 sampling sds (rounding the published index moves average growth by < 0.0005).
    """
    nbs = reads["china_nbs_province"].frame
    index = _wide(nbs, "地区生产总值指数")
    pc = _wide(nbs, "人均地区生产总值")
    pop = _wide(reads["china_population"].frame, "Population at year-end by region").drop("CN")
    steps = 19
    growth = np.log(index.loc[:, 2001:2019] / 100).sum(axis=1) - np.log(pop[2019] / pop[2000])
    growth = growth / steps
    x = np.log(pc[2000])
    slope = float(np.polyfit(x.loc[growth.index], growth, 1)[0])
    b_star = expected_beta_slope()
    assert b_star == pytest.approx(-(1 - (1 - BETA) ** steps) / steps)
    sigma_g = SIGMA * math.sqrt(sum((1 - BETA) ** (2 * k) for k in range(steps))) / steps
    se = sigma_g / (float(x.std(ddof=0)) * math.sqrt(len(x)))
    assert slope < 0
    assert abs(slope - b_star) < 4 * se, (slope, b_star, se)
    # the published-data slope equals the latent one up to rounding
    ln_y = truth.ln_y
    g_true = (ln_y[:, truth.col(2019)] - ln_y[:, truth.col(2000)]) / steps
    true_slope = float(np.polyfit(ln_y[:, truth.col(2000)], g_true, 1)[0])
    assert slope == pytest.approx(true_slope, abs=5e-4)


def test_structural_trends(reads) -> None:
    natl = reads["china_nbs_national"].frame
    emp = natl[natl["indicator_code"].str.endswith("城镇单位就业人员")]
    wide = emp.pivot(index="indicator_code", columns="year", values="value")
    services = wide.loc[[f"{s}城镇单位就业人员" for s in china_dgp.PRODUCER_SERVICES]].sum()
    manufacturing = wide.loc["制造业城镇单位就业人员"]
    g_ps = math.log(services[2019] / services[2008]) / 11
    g_mf = math.log(manufacturing[2019] / manufacturing[2008]) / 11
    assert g_ps > g_mf + 0.03  # producer services outgrow manufacturing (planted gap 0.05)
    # energy intensity (energy / real GRP from the index chain) falls ~3 % a year
    nbs = reads["china_nbs_province"].frame
    index = _wide(nbs, "地区生产总值指数").loc[:, 2001:2019] / 100
    real = index.cumprod(axis=1)
    energy = _wide(reads["china_eps_energy"].frame, "能源消费量")
    ratio = np.log(energy.loc[:, 2001:2019] / energy[2000].to_numpy()[:, None])
    ratio = ratio - np.log(real.loc[energy.index])
    slope = np.polyfit(np.arange(2001, 2020), ratio.mean(axis=0), 1)[0]
    assert slope == pytest.approx(-china_dgp.ENERGY_DECLINE, abs=0.005)
    # CO2 per unit of energy falls 0.5 % a year (carbon factor)
    ceads = _wide(reads["china_ceads_v2022"].frame, "total")
    per = np.log(ceads.loc[:, 2004:2019] / energy.loc[ceads.index, 2004:2019])
    slope = np.polyfit(np.arange(2004, 2020), per.mean(axis=0), 1)[0]
    assert slope == pytest.approx(-china_dgp.CARBON_DECLINE, abs=1e-4)


def test_workbooks_mirror_the_real_cell_types(demo) -> None:
    import openpyxl
    import python_calamine

    _, files, _ = demo
    eps = python_calamine.CalamineWorkbook.from_path(str(files["china_eps_energy"][0]))
    rows = eps.get_sheet_by_name(eps.sheet_names[0]).to_python()
    assert rows[0][:3] == ["", "", "1990"]
    assert rows[1][0] == "能源消费量（万吨标煤）" and rows[1][1] == "北京"
    assert isinstance(rows[1][12], str) and rows[1][12].endswith(tuple("0123456789"))
    assert len(rows[1][12].split(".")[1]) == 5  # '2709.00000' style text
    ceads = files["china_ceads_v2022"][0]
    book = openpyxl.load_workbook(ceads, read_only=True)  # a valid package for openpyxl too
    assert book.sheetnames[0] == "NOTE" and len(book.sheetnames) == 31
    sheet = book[book.sheetnames[1]]
    assert sheet.max_row == 51 and sheet.max_column == 23
    meic = openpyxl.load_workbook(files["china_meic"][0], read_only=True)
    assert meic.sheetnames[-1] == "MEIC-China-CO2 total emissions"
    assert meic.properties.creator == "MEIC"
