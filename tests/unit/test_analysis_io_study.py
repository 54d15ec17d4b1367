"""Seed-000 IO study on mart-shaped frames: hand-computed tables, library agreement, regressions.

Three kinds of input, all following the mart contract (/tmp/io_contract.md) column for column:
- ``tiny_marts``: 2 countries × 2 years × 2 manufacturing industries × 2 PS sub-groups, every
  coefficient typed by hand; expected GO-weighted values computed by hand in the comments;
- ``generated_marts``: marts derived from random 56-industry WIOD-coded tables through
  :class:`analysis.io.CountryYearIO` (the tested IO library), so our aggregation of the mart rows
  must reproduce the library's group intensities for every source/target group;
- ``regression_panel``: an io_country_year-shaped panel with known slopes.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from analysis.data_access import (
    io_marts_problems,
    load_io_country_year,
    load_io_industry_year,
    load_io_links,
    mart_row_counts,
)
from analysis.io import CountryYearIO
from analysis.io.groups import (
    CHINA_ZERO_OUTPUT,
    MANUFACTURING,
    PRODUCER_SERVICE_SUBGROUPS,
    PRODUCER_SERVICES,
    WIOD56,
)
from analysis.studies import io_linkages as io
from analysis.studies.io_linkages import (
    IOSampleRule,
    IOStudyError,
    build_panel_variables,
    compute_measures,
    cross_check,
    fit_models,
    headline_wide,
    run_io_study,
)
from tests.fixtures.marts_db import build_marts_db

TECH = {
    "C10-C12": "low", "C13-C15": "low", "C16": "low", "C17": "low", "C18": "low",
    "C19": "medium_low", "C20": "medium_high", "C21": "high", "C22": "medium_low",
    "C23": "medium_low", "C24": "medium_low", "C25": "medium_low", "C26": "high",
    "C27": "medium_high", "C28": "medium_high", "C29": "medium_high", "C30": "medium_high",
    "C31_C32": "low", "C33": "medium_low",
}  # fmt: skip

# ------------------------------------------------------------------------------------------
# Hand-made marts

# CHN 2000: x(C26) = 100 (high tech), x(C10-C12) = 300 (low tech).
# (subgroup, origin) -> (direct C26, direct C10, complete C26, complete C10,
#                        fwd direct C26, fwd direct C10, fwd complete C26, fwd complete C10)
CHN2000 = {
    ("finance", "domestic"): (0.10, 0.02, 0.20, 0.05, 0.05, 0.03, 0.10, 0.06),
    ("trade", "domestic"): (0.05, 0.08, 0.10, 0.15, 0.0125, 0.06, 0.03, 0.09),
    ("finance", "imported"): (0.04, 0.00, 0.08, 0.01, 0.08, 0.00, 0.12, 0.02),
    ("trade", "imported"): (0.01, 0.01, 0.02, 0.03, None, None, None, None),
}
# supply of the sub-group's products: domestic output / total imports (trade imports = 0)
SUPPLY = {("finance", "domestic"): 200.0, ("trade", "domestic"): 400.0,
          ("finance", "imported"): 50.0, ("trade", "imported"): 0.0}  # fmt: skip
X = {"C26": 100.0, "C10-C12": 300.0}

# Hand-computed CHN 2000 (GO weights 100 and 300 over 400):
#   direct domestic   = (100·(0.10+0.05) + 300·(0.02+0.08)) / 400 = 45/400 = 0.1125
#   direct imported   = (100·(0.04+0.01) + 300·(0.00+0.01)) / 400 = 8/400  = 0.02
#   complete domestic = (100·0.30 + 300·0.20) / 400 = 90/400 = 0.225
#   complete imported = (100·0.10 + 300·0.04) / 400 = 22/400 = 0.055
#   forward direct domestic   = (200·(0.05+0.03) + 400·(0.0125+0.06)) / 600 = 45/600 = 0.075
#   forward direct imported   = (50·0.08 + 0) / 50 = 0.08   (trade imports are zero)
#   forward complete domestic = (200·0.16 + 400·0.12) / 600 = 80/600
#   forward complete imported = 50·0.14 / 50 = 0.14
HAND_CHN2000 = {
    "ps_direct_domestic": 0.1125,
    "ps_direct_imported": 0.02,
    "ps_complete_domestic": 0.225,
    "ps_complete_imported": 0.055,
    "ps_forward_direct_domestic": 0.075,
    "ps_forward_direct_imported": 0.08,
    "ps_forward_complete_domestic": 80 / 600,
    "ps_forward_complete_imported": 0.14,
}


def _tiny_rows(iso3: str, year: int, scale_coef: float, scale_x: float, imp_factor: float):
    rows = []
    for (sub, origin), vals in CHN2000.items():
        f = scale_coef * (imp_factor if origin == "imported" else 1.0)
        for k, code in enumerate(("C26", "C10-C12")):
            x = X[code] * scale_x
            direct, complete = vals[k] * f, vals[2 + k] * f
            fwd_d, fwd_c = vals[4 + k], vals[6 + k]
            rows.append(
                {
                    "iso3": iso3, "year": year, "service_subgroup": sub, "wiod_code": code,
                    "tech_intensity": TECH[code], "origin": origin,
                    "input_flow_musd": direct * x, "direct_coefficient": direct,
                    "complete_coefficient": complete,
                    "forward_share_direct": None if fwd_d is None else fwd_d * f,
                    "forward_share_complete": None if fwd_c is None else fwd_c * f,
                    "manufacturing_output_musd": x,
                    "service_supply_musd": SUPPLY[(sub, origin)] * scale_x,
                }
            )  # fmt: skip
    return rows


def tiny_marts() -> tuple[pd.DataFrame, pd.DataFrame]:
    """CHN 2000 (hand values), CHN 2001 (coefficients ×1.1, output ×2), DEU (imports ×2)."""
    rows = _tiny_rows("CHN", 2000, 1.0, 1.0, 1.0) + _tiny_rows("CHN", 2001, 1.1, 2.0, 1.0)
    rows += _tiny_rows("DEU", 2000, 1.0, 1.0, 2.0) + _tiny_rows("DEU", 2001, 1.0, 1.0, 2.0)
    links = pd.DataFrame(rows)
    cy = []
    for iso3, year, sc, sx, imp in (
        ("CHN", 2000, 1.0, 1.0, 1.0),
        ("CHN", 2001, 1.1, 2.0, 1.0),
        ("DEU", 2000, 1.0, 1.0, 2.0),
        ("DEU", 2001, 1.0, 1.0, 2.0),
    ):
        row = {"iso3": iso3, "year": year}
        for col, v in HAND_CHN2000.items():
            row[col] = v * sc * (imp if col.endswith("imported") else 1.0)
        row |= {
            "manufacturing_output_musd": 400.0 * sx,
            "high_tech_share_mva": 0.2,
            "hmht_share_mva": 0.3,
            "imported_ps_use_musd": 8.0 * sc * sx * imp,
            "domestic_ps_use_musd": 45.0 * sc * sx,
            "is_flagged": False,
            "flag_reason": None,
        }
        cy.append(row)  # fmt: skip
    return links, pd.DataFrame(cy)


def test_hand_computed_go_weighted_coefficients() -> None:
    links, cy = tiny_marts()
    wide = headline_wide(compute_measures(links)).set_index(["iso3", "year"])
    for col, expected in HAND_CHN2000.items():
        assert wide.loc[("CHN", 2000), col] == pytest.approx(expected, abs=1e-12), col
    # coefficients ×1.1 with output ×2: GO weights unchanged, coefficients ×1.1
    assert wide.loc[("CHN", 2001), "ps_direct_imported"] == pytest.approx(0.022)
    assert wide.loc[("CHN", 2001), "ps_complete_domestic"] == pytest.approx(0.2475)
    # DEU: imported coefficients doubled
    assert wide.loc[("DEU", 2000), "ps_direct_imported"] == pytest.approx(0.04)
    assert wide.loc[("DEU", 2000), "imported_share_direct"] == pytest.approx(0.04 / 0.1525)
    # Σ_j x_j a_j = Σ input flows: the direct GO-weighted coefficient is flows / output
    chn = links[(links["iso3"] == "CHN") & (links["year"] == 2000)]
    flows = chn.groupby("origin")["input_flow_musd"].sum() / 400.0
    assert flows["imported"] == pytest.approx(0.02) and flows["domestic"] == pytest.approx(0.1125)
    checks = cross_check(headline_wide(compute_measures(links)), cy)
    assert (checks["n_compared"] == 4).all() and (checks["n_mismatch"] == 0).all()


def test_hand_computed_subgroup_and_tech_values() -> None:
    links, _ = tiny_marts()
    m = compute_measures(links)
    m = m[(m["iso3"] == "CHN") & (m["year"] == 2000)].set_index(
        ["origin", "source", "target", "measure"]
    )["value"]
    # backward, by sub-group (target all manufacturing)
    assert m[("domestic", "finance", "manufacturing", "backward_direct")] == pytest.approx(0.04)
    assert m[("domestic", "trade", "manufacturing", "backward_direct")] == pytest.approx(0.0725)
    assert m[("imported", "finance", "manufacturing", "backward_complete")] == pytest.approx(
        (100 * 0.08 + 300 * 0.01) / 400
    )
    # backward, by tech class (source all PS): high = C26 only, low = C10-C12 only
    assert m[("domestic", "producer_services", "high", "backward_direct")] == pytest.approx(0.15)
    assert m[("domestic", "producer_services", "low", "backward_direct")] == pytest.approx(0.10)
    assert m[("imported", "producer_services", "high", "backward_direct")] == pytest.approx(0.05)
    # forward, by tech class: (200·0.05 + 400·0.0125)/600 and (200·0.03 + 400·0.06)/600
    assert m[("domestic", "producer_services", "high", "forward_direct")] == pytest.approx(0.025)
    assert m[("domestic", "producer_services", "low", "forward_direct")] == pytest.approx(0.05)
    # forward, by sub-group: the sub-group's own share; zero supply gives NaN
    assert m[("domestic", "finance", "manufacturing", "forward_direct")] == pytest.approx(0.08)
    assert m[("domestic", "trade", "manufacturing", "forward_complete")] == pytest.approx(0.12)
    assert np.isnan(m[("imported", "trade", "manufacturing", "forward_direct")])
    # sub-groups add up to all producer services (backward)
    parts = m.xs(("domestic", "manufacturing", "backward_complete"), level=[0, 2, 3])
    assert parts[["finance", "trade"]].sum() == pytest.approx(parts["producer_services"])


def test_china_tables_from_tiny_marts() -> None:
    links, cy = tiny_marts()
    res = run_io_study(links, cy, rule=IOSampleRule(selected_years=(2000, 2001)))
    china = res.china_yearly.set_index("year")
    assert list(china.index) == [2000, 2001]
    assert china.loc[2000, "ps_direct_imported"] == pytest.approx(2.0)  # in %
    assert china.loc[2000, "ps_complete_domestic"] == pytest.approx(22.5)
    assert china.loc[2001, "ps_direct_imported"] == pytest.approx(2.2)
    assert china.loc[2000, "imported_share_direct"] == pytest.approx(100 * 0.02 / 0.1325)
    t1 = res.tables["io_china_yearly"].to_frame()
    assert t1["Year"].tolist() == ["2000", "2001"]
    assert t1.loc[0, "Direct, imported"] == "2.000" and t1.loc[0, "Direct, domestic"] == "11.250"
    assert t1.loc[0, "Complete, imported"] == "5.500"
    # backward by sub-group, 2000 -> 2001 and the change (pp)
    t3 = res.tables["io_backward_subgroup"].to_frame().set_index("")
    assert t3.columns.tolist() == ["2000", "2001", "Δ 2000–2001 (pp)"]
    # four blocks: direct domestic, direct imported, complete domestic, complete imported
    fin = t3[t3.index == "  Finance"].to_numpy().tolist()
    assert fin == [
        ["4.000", "4.400", "0.400"],  # (100·0.10 + 300·0.02)/400
        ["1.000", "1.100", "0.100"],  # (100·0.04 + 0)/400
        ["8.750", "9.625", "0.875"],  # (100·0.20 + 300·0.05)/400
        ["2.750", "3.025", "0.275"],  # (100·0.08 + 300·0.01)/400
    ]
    t4 = res.tables["io_forward_tech"].to_frame()
    assert t4.iloc[1].tolist() == ["  Low tech", "5.000", "5.500", "0.500"]
    assert t4.iloc[4].tolist() == ["  High tech", "2.500", "2.750", "0.250"]
    # cross-country table sorted by last-year imported direct coefficient, China marked
    t7 = res.tables["io_cross_country"].to_frame()
    assert t7["Country"].tolist() == ["DEU", "CHN ◀"]
    assert t7.loc[1, "2001 imp. direct"] == "2.200" and t7.loc[0, "2000 imp. direct"] == "4.000"
    assert (res.checks["n_mismatch"] == 0).all()
    assert "1 million" in res.notes[0]
    # two years, two countries: growth has one observation per country -> not estimable
    assert "(1)" in res.extras["model_failures"]


def test_missing_china_year_is_shown_as_na_row() -> None:
    links, cy = tiny_marts()
    links = pd.concat(
        [links, links[links["year"] == 2001].assign(year=2003)], ignore_index=True
    )  # DEU and CHN in 2003; then remove CHN 2001
    links = links[~((links["iso3"] == "CHN") & (links["year"] == 2001))]
    res = run_io_study(links, cy, rule=IOSampleRule())
    t1 = res.tables["io_china_yearly"].to_frame()
    assert t1["Year"].tolist() == ["2000", "2001", "2002", "2003"]
    assert t1.loc[1, "Direct, imported"] == "n/a" and t1.loc[2, "Direct, imported"] == "n/a"
    assert "n/a: no rows in the marts for 2001, 2002" in res.tables["io_china_yearly"].note
    assert res.selected_years == (2000, 2003)


def test_bad_marts_raise_clear_errors() -> None:
    links, cy = tiny_marts()
    with pytest.raises(IOStudyError, match="columns missing"):
        run_io_study(links.drop(columns=["forward_share_direct"]), cy)
    with pytest.raises(IOStudyError, match="has no rows"):
        run_io_study(links.iloc[0:0], cy)
    with pytest.raises(IOStudyError, match="no CHN rows"):
        run_io_study(links[links["iso3"] != "CHN"], cy)
    with pytest.raises(IOStudyError, match="not unique"):
        run_io_study(pd.concat([links, links.iloc[:1]]), cy)


# ------------------------------------------------------------------------------------------
# Marts generated from the IO library


def _random_table(rng: np.random.Generator, iso3: str):
    n = len(WIOD56)
    zd = rng.uniform(0, 10, (n, n)) * (rng.uniform(size=(n, n)) < 0.6)
    zm = rng.uniform(0, 2, (n, n)) * (rng.uniform(size=(n, n)) < 0.4)
    x = zd.sum(axis=0) + zm.sum(axis=0) + rng.uniform(50, 400, n)
    x = np.maximum(x, zd.sum(axis=1) + 1.0)  # domestic deliveries never exceed output
    if iso3 == "CHN":  # structural zero-output industries, as in China's WIOD NIOT
        zero = [WIOD56.index(c) for c in CHINA_ZERO_OUTPUT]
        zd[zero, :] = 0.0
        zd[:, zero] = 0.0
        zm[:, zero] = 0.0
        x[zero] = 0.0
    m = zm.sum(axis=1) + rng.uniform(0, 20, n)
    codes = pd.Index(WIOD56)
    return CountryYearIO(
        pd.DataFrame(zd, codes, codes), pd.DataFrame(zm, codes, codes), pd.Series(x, codes),
        m=pd.Series(m, codes), country=iso3, year=None,
    )  # fmt: skip


def _marts_from_io(cio: CountryYearIO, iso3: str, year: int):
    mt, codes = cio.matrices, list(cio.codes)
    pos = {c: i for i, c in enumerate(codes)}
    eye = np.eye(len(codes))
    supply = {"domestic": cio.x, "imported": cio.m}
    coefs = {
        "domestic": (cio.zd, mt["Ad"], mt["Ld"] - eye, mt["Gd"] - eye),
        "imported": (cio.zm, mt["Am"], mt["AmLd"], mt["HmGd"]),
    }
    rows = []
    for origin, (z, direct, complete, fcomplete) in coefs.items():
        s = supply[origin]
        for sub, members in PRODUCER_SERVICE_SUBGROUPS.items():
            r = [pos[c] for c in members]
            s_sum = float(s[r].sum())
            for code in MANUFACTURING:
                j = pos[code]
                flow = float(z[r, j].sum())
                rows.append(
                    {
                        "iso3": iso3, "year": year, "service_subgroup": sub, "wiod_code": code,
                        "tech_intensity": TECH[code], "origin": origin, "input_flow_musd": flow,
                        "direct_coefficient": float(direct[r, j].sum()),
                        "complete_coefficient": float(complete[r, j].sum()),
                        "forward_share_direct": flow / s_sum if s_sum > 0 else None,
                        "forward_share_complete": (
                            float(s[r] @ fcomplete[r, j]) / s_sum if s_sum > 0 else None
                        ),
                        "manufacturing_output_musd": float(cio.x[j]),
                        "service_supply_musd": s_sum,
                    }
                )  # fmt: skip
    links = pd.DataFrame(rows)
    eff = cio.tidy_effects().query("source == 'producer_services'")
    fx = {(e, mm): v for e, mm, v in zip(eff["effect"], eff["measure"], eff["value"], strict=True)}
    ps = [pos[c] for c in PRODUCER_SERVICES]
    mf = [pos[c] for c in MANUFACTURING]
    hi = [pos[c] for c in MANUFACTURING if TECH[c] == "high"]
    hmh = [pos[c] for c in MANUFACTURING if TECH[c] in ("high", "medium_high")]
    va = cio.x - cio.zd.sum(axis=0) - cio.zm.sum(axis=0)
    mva = va[mf].sum()
    cy = {
        "iso3": iso3, "year": year, "manufacturing_output_musd": float(cio.x[mf].sum()),
        "high_tech_share_mva": float(va[hi].sum() / mva),
        "hmht_share_mva": float(va[hmh].sum() / mva),
        "imported_ps_use_musd": float(cio.zm[np.ix_(ps, mf)].sum()),
        "domestic_ps_use_musd": float(cio.zd[np.ix_(ps, mf)].sum()),
        "is_flagged": iso3 == "CHN",
        "flag_reason": "structural zero output" if iso3 == "CHN" else None,
    }  # fmt: skip
    for kind in ("direct", "complete"):
        for origin in ("domestic", "imported"):
            cy[f"ps_{kind}_{origin}"] = fx[("backward_pulling", f"{kind}_{origin}")]
            cy[f"ps_forward_{kind}_{origin}"] = fx[("forward_driving", f"{kind}_{origin}")]
    iy = pd.DataFrame({"iso3": iso3, "year": year, "wiod_code": codes, "gross_output_musd": cio.x})
    return links, cy, iy


@pytest.fixture(scope="module")
def generated_marts():
    """3 countries × 2000–2004 (5 consecutive years) derived from random IO tables."""
    rng = np.random.default_rng(0)
    links, cys, iys, tables = [], [], [], {}
    for iso3 in ("CHN", "DEU", "USA"):
        for year in range(2000, 2005):
            cio = _random_table(rng, iso3)
            lk, cy, iy = _marts_from_io(cio, iso3, year)
            links.append(lk)
            cys.append(cy)
            iys.append(iy)
            tables[(iso3, year)] = cio
    return pd.concat(links, ignore_index=True), pd.DataFrame(cys), pd.concat(iys), tables


def test_measures_agree_with_io_library_for_every_group(generated_marts) -> None:
    links, cy, _, tables = generated_marts
    measures = compute_measures(links).set_index(
        ["iso3", "year", "origin", "source", "target", "measure"]
    )["value"]
    sources = {"producer_services": PRODUCER_SERVICES} | {
        k: v for k, v in PRODUCER_SERVICE_SUBGROUPS.items()
    }
    targets = {"manufacturing": MANUFACTURING} | {
        t: tuple(c for c in MANUFACTURING if TECH[c] == t) for t in io.TECH_CLASSES
    }
    n = 0
    for (iso3, year), cio in [*tables.items()][::4]:
        lib = cio.tidy_effects(sources, targets)
        for r in lib.itertuples(index=False):
            kind, origin = r.measure.split("_")
            measure = f"{'forward' if r.effect == 'forward_driving' else 'backward'}_{kind}"
            ours = measures[(iso3, year, origin, r.source, r.target, measure)]
            if np.isnan(r.value):
                assert np.isnan(ours)
            else:
                assert ours == pytest.approx(r.value, rel=1e-10, abs=1e-13)
                n += 1
    assert n > 500
    checks = cross_check(headline_wide(compute_measures(links)), cy)
    assert (checks["n_compared"] == 15).all() and (checks["n_mismatch"] == 0).all()
    assert checks["max_abs_diff"].max() < 1e-12


def test_full_study_on_generated_marts(generated_marts) -> None:
    links, cy, iy, _ = generated_marts
    res = run_io_study(links, cy, iy)
    assert not [n for n in res.notes if n.startswith("WARNING")]
    assert res.years == (2000, 2001, 2002, 2003, 2004) and res.selected_years == (2000, 2004)
    # China's yearly table equals io_country_year (×100) in every year
    china = res.china_yearly.set_index("year")
    ref = cy[cy["iso3"] == "CHN"].set_index("year")
    for col in ("ps_direct_domestic", "ps_direct_imported", "ps_complete_domestic",
                "ps_complete_imported"):  # fmt: skip
        np.testing.assert_allclose(china[col], 100 * ref[col], rtol=1e-10)
    assert len(res.tables["io_china_yearly"].rows) == 5
    # China's structural zero-output C33: zero weight, so the GO-weighted value ignores it
    assert res.panel["iso3"].nunique() == 3 and len(res.panel) == 15
    growth = res.models["(1)"]
    assert growth.n_obs == 12 and growth.vcov_type == "cluster" and growth.n_clusters == 3
    assert set(res.models) == {s.model_id for s in io.REG_SPECS}
    assert set(res.tables) >= {"io_growth", "io_upgrading", "io_backward_pull", "io_cross_country"}
    assert res.claims["verdict"].isin(["consistent", "partly consistent", "not consistent"]).all()
    assert len(res.claims) == 8


# ------------------------------------------------------------------------------------------
# Regressions with known slopes

BETA_GROWTH, BETA_UPGRADE, ELASTICITY = 0.8, 1.5, 1.25


def regression_panel(seed: int = 7, n_countries: int = 40) -> tuple[pd.DataFrame, pd.DataFrame]:
    """io_country_year-shaped panel: known effects of imported PS and of output, plus KIBS."""
    rng = np.random.default_rng(seed)
    rows, kibs = [], []
    years = range(2000, 2015)
    for i in range(n_countries):
        iso3 = f"C{i:02d}"
        a_g, a_u, a_e = rng.normal(3, 2), rng.normal(30, 5), rng.normal(-3, 0.5)
        level_imp, level_dom = rng.uniform(1, 6), rng.uniform(8, 20)
        ln_x = np.log(rng.uniform(1e4, 1e6))
        for t in years:
            imp = level_imp + rng.normal(0, 0.6)  # percent of output
            dom = level_dom + rng.normal(0, 1.0)
            g = a_g + 0.2 * (t - 2000) + BETA_GROWTH * imp - 0.1 * dom + rng.normal(0, 1.0)
            if t > 2000:
                ln_x += g / 100
            hmht = a_u + 0.3 * (t - 2000) + BETA_UPGRADE * imp + rng.normal(0, 1.0)
            ln_imp_use = a_e + ELASTICITY * ln_x + 0.02 * (t - 2000) + rng.normal(0, 0.05)
            k = imp * rng.uniform(0.3, 0.5)
            rows.append(
                {
                    "iso3": iso3, "year": t, "manufacturing_output_musd": np.exp(ln_x),
                    "high_tech_share_mva": hmht / 300, "hmht_share_mva": hmht / 100,
                    "ps_direct_domestic": dom / 100, "ps_direct_imported": imp / 100,
                    "ps_complete_domestic": 1.8 * dom / 100 + rng.normal(0, 0.002),
                    "ps_complete_imported": 1.6 * imp / 100 + rng.normal(0, 0.002),
                    "imported_ps_use_musd": np.exp(ln_imp_use),
                    "domestic_ps_use_musd": np.exp(ln_x) * dom / 100,
                    "is_flagged": False, "flag_reason": None,
                }
            )  # fmt: skip
            kibs.append(
                {"iso3": iso3, "year": t, "origin": "imported", "source": "finance",
                 "target": "manufacturing", "measure": "backward_direct", "value": k / 100}
            )  # fmt: skip
    return pd.DataFrame(rows), pd.DataFrame(kibs)


def test_panel_variables_are_built_as_documented() -> None:
    cy, kibs = regression_panel(n_countries=2)
    cy = cy.drop(index=3)  # C00 2003 missing: growth of 2004 is undefined
    panel = build_panel_variables(cy, kibs).set_index(["iso3", "year"])
    x = cy.set_index(["iso3", "year"])["manufacturing_output_musd"]
    assert panel.loc[("C00", 2002), "g_mfg"] == pytest.approx(
        100 * np.log(x[("C00", 2002)] / x[("C00", 2001)])
    )
    assert np.isnan(panel.loc[("C00", 2000), "g_mfg"]) and np.isnan(
        panel.loc[("C00", 2004), "g_mfg"]
    )
    assert panel.loc[("C01", 2000), "ps_imp_direct"] == pytest.approx(
        100 * cy.set_index(["iso3", "year"]).loc[("C01", 2000), "ps_direct_imported"]
    )
    assert panel.loc[("C00", 2002), "ps_imp_direct_l1"] == panel.loc[("C00", 2001), "ps_imp_direct"]
    assert np.isnan(panel.loc[("C00", 2004), "ps_dom_complete_l1"])  # 2003 is missing
    row = panel.loc[("C01", 2005)]
    assert row["ps_imp_kibs_direct"] + row["ps_imp_other_direct"] == pytest.approx(
        row["ps_imp_direct"]
    )
    assert row["hmht_share"] == pytest.approx(3 * row["high_tech_share"])


def test_known_coefficients_recovered_by_the_panel_models() -> None:
    cy, kibs = regression_panel()
    panel = build_panel_variables(cy, kibs)
    models, failures = fit_models(panel)
    assert failures == {}
    g = models["(1)"]
    assert g.n_obs == 40 * 14 and g.n_entities == 40 and g.n_periods == 14
    assert abs(g.params["ps_imp_direct"] - BETA_GROWTH) < 2.5 * g.std_errors["ps_imp_direct"]
    assert abs(g.params["ps_dom_direct"] + 0.1) < 2.5 * g.std_errors["ps_dom_direct"]
    u = models["(5)"]
    assert u.n_obs == 600
    assert abs(u.params["ps_imp_direct"] - BETA_UPGRADE) < 2.5 * u.std_errors["ps_imp_direct"]
    lag = models["(3)"]  # previous year's intensity; the DGP has no lagged effect
    assert lag.n_obs == 40 * 14 and list(lag.regressors) == ["ps_imp_direct_l1", "ps_dom_direct_l1"]
    assert abs(lag.params["ps_imp_direct_l1"]) < 2.5 * lag.std_errors["ps_imp_direct_l1"]
    e = models["(10)"]
    assert e.params["ln_mfg_output"] == pytest.approx(ELASTICITY, abs=0.05)
    assert e.vcov_type == "cluster" and e.cluster == "iso3" and e.df_inference == 39
    # the domestic-use elasticity: ln(dom use) = ln x + ln(dom/100); close to 1
    assert models["(11)"].params["ln_mfg_output"] == pytest.approx(1.0, abs=0.05)


# ------------------------------------------------------------------------------------------
# Report, store, data access


@pytest.fixture(scope="module")
def study_result(generated_marts):
    links, cy, iy, _ = generated_marts
    return run_io_study(links, cy, iy)


def test_report_section_renders_every_china_year(study_result, tmp_path: Path) -> None:
    from analysis.report import write_io_section

    md, html_text, written = write_io_section(tmp_path, study_result)
    text = "\n".join(md)
    assert "## Input–output linkages (seed 000)" in text
    for year in range(2000, 2005):
        assert f"| {year} |" in text
    assert "rounded to US$ 1 million" in text and "rounded to US$ 1 million" in html_text
    for stem in (
        "io_china_yearly",
        "io_forward_subgroup",
        "io_backward_tech",
        "io_cross_country",
        "io_growth",
        "io_upgrading",
        "io_backward_pull",
    ):
        for ext in ("md", "csv", "tex", "html"):
            assert (tmp_path / "tables" / f"{stem}.{ext}").stat().st_size > 0, (stem, ext)
    csv = (tmp_path / "tables" / "io_china_yearly.csv").read_text().splitlines()
    assert csv[0] == (
        'Year,"Direct, domestic","Direct, imported","Complete, domestic",'
        '"Complete, imported",Imported share of direct PS inputs,Mfg output (US$ bn)'
    )
    assert len(csv) == 1 + 5 + 1  # header, 2000–2004, note
    first = study_result.china_yearly.iloc[0]
    assert f"{first['ps_direct_imported']:.3f}" in csv[1]
    for key in ("io_chart_china", "io_chart_cross_country"):
        assert written[key].read_bytes()[:4] == b"\x89PNG"
    assert "Imported PS, direct (%)" in text and "Table IO-R1" in text
    assert "g_mfg ~ ps_imp_direct + ps_dom_direct + C(iso3) + C(year)" in text
    assert "<table" in html_text and "CHN" in html_text


def test_report_with_io_section_and_failure(study_result, tmp_path: Path) -> None:
    from analysis.report import write_report
    from analysis.studies.digital_imports import SampleRule, run_baseline
    from tests.unit.test_analysis_digital_imports import synthetic_panel

    base = run_baseline(synthetic_panel(), SampleRule())
    write_report(tmp_path / "ok", base, run_id="r1", io_result=study_result)
    index = (tmp_path / "ok" / "index.md").read_text()
    assert "Input–output linkages (seed 000)" in index and "Table 2" in index
    assert "Input–output linkages (seed 000)" in (tmp_path / "ok" / "index.html").read_text()
    write_report(tmp_path / "bad", base, run_id="r2", io_failure="marts.io_links does not exist")
    bad = (tmp_path / "bad" / "index.md").read_text()
    assert "IO study not available: marts.io_links does not exist" in bad
    write_report(tmp_path / "none", base, run_id="r3")
    assert "seed 000" not in (tmp_path / "none" / "index.md").read_text()


def test_store_and_data_access(study_result, generated_marts, tmp_path: Path) -> None:
    from analysis.store import store_io_study_result

    links, cy, iy, _ = generated_marts
    db = build_marts_db(
        tmp_path / "w.duckdb", {"io_service_manufacturing_links": links, "io_country_year": cy}
    )
    assert mart_row_counts(db)["marts.io_industry_year"] is None
    assert io_marts_problems(db) == [f"marts.io_industry_year does not exist in {db}"]
    with duckdb.connect(str(db)) as con:
        con.register("f", iy)
        con.execute("create table marts.io_industry_year as select * from f where false")
    assert io_marts_problems(db) == [f"marts.io_industry_year is empty in {db}"]
    assert len(load_io_links(db)) == len(links) == 15 * 266
    assert len(load_io_country_year(db)) == 15 and load_io_industry_year(db).empty
    with duckdb.connect(str(db)) as con:
        store_io_study_result(con, study_result, "run-a")
        store_io_study_result(con, study_result, "run-a")  # replaces
        tables = dict(
            con.execute(
                "select table_id, count(distinct model_id) from analysis.regression_fits "
                "where study = 'seed000_io_linkages' group by 1"
            ).fetchall()
        )
        est = con.execute(
            "select estimate from analysis.regression_coefficients where run_id = 'run-a' "
            "and model_id = '(1)' and term = 'ps_imp_direct'"
        ).fetchone()[0]
        n_meas = con.execute(
            "select count(*) from analysis.io_measures where run_id = 'run-a'"
        ).fetchone()[0]
        chn = con.execute(
            "select value from analysis.io_measures where iso3 = 'CHN' and year = 2000 and "
            "origin = 'imported' and source_group = 'producer_services' and "
            "target_group = 'manufacturing' and measure = 'backward_direct'"
        ).fetchone()[0]
    assert tables == {"io_growth": 4, "io_upgrading": 5, "io_backward_pull": 3}
    assert est == pytest.approx(study_result.models["(1)"].params["ps_imp_direct"])
    # CHN: 5 years × 2 origins × 8 sources × 5 targets × 4 measures; others: 10 × 2 × 4
    assert n_meas == 5 * 2 * 8 * 5 * 4 + 10 * 2 * 4
    assert chn == pytest.approx(
        cy.set_index(["iso3", "year"]).loc[("CHN", 2000), "ps_direct_imported"]
    )


# ------------------------------------------------------------------------------------------
# Flows: the IO step of analyze, and the report's IO section


def _warehouse(path: Path, io_frames: dict[str, pd.DataFrame] | None) -> Path:
    from tests.unit.test_analysis_digital_imports import synthetic_panel

    return build_marts_db(path, {"country_panel": synthetic_panel(), **(io_frames or {})})


def test_flows_run_store_and_report_the_io_study(
    prefect_harness, generated_marts, tmp_path: Path
) -> None:
    from flows.analyze import analyze_flow
    from flows.report import report_flow

    links, cy, iy, _ = generated_marts
    marts = {"io_service_manufacturing_links": links, "io_country_year": cy, "io_industry_year": iy}
    db = _warehouse(tmp_path / "w.duckdb", marts)
    summary = analyze_flow(db=str(db), report_dir=str(tmp_path / "r"), run_id="run-io")
    assert summary.ok, summary.failures
    assert any(line.startswith("CHN imported PS direct coefficient") for line in summary.lines)
    result = summary.details["result"]
    assert result.extras["io_result"] is summary.details["io_result"]
    with duckdb.connect(str(db), read_only=True) as con:
        studies = dict(con.execute(
            "select study, count(distinct table_id) from analysis.regression_fits group by 1"
        ).fetchall())  # fmt: skip
        n_meas = con.execute("select count(*) from analysis.io_measures").fetchone()[0]
    assert studies["seed000_io_linkages"] == 3 and n_meas > 0
    assert studies["digital_imports"] >= 1  # Table 2 and the mechanisms' tables
    rep = report_flow(db=str(db), report_dir=str(tmp_path / "r"), run_id="run-io", result=result)
    assert rep.ok and "io section (seed 000) included" in rep.lines
    index = (tmp_path / "r" / "index.md").read_text()
    assert "## Input–output linkages (seed 000)" in index
    assert all(f"| {y} |" in index for y in range(2000, 2005))
    assert (tmp_path / "r" / "tables" / "io_china_yearly.tex").exists()


def test_absent_io_marts_fail_the_step_without_crashing(prefect_harness, tmp_path: Path) -> None:
    from flows.analyze import analyze_flow
    from flows.report import report_flow

    db = _warehouse(tmp_path / "w.duckdb", None)
    summary = analyze_flow(db=str(db), report_dir=str(tmp_path / "r"), run_id="run-x")
    assert not summary.ok
    assert summary.failures == [
        f"io study (seed 000) not run: marts.{m} does not exist in {db}"
        for m in ("io_industry_year", "io_service_manufacturing_links", "io_country_year")
    ]
    assert summary.details["result"] is not None  # the seed-002 study still ran
    with duckdb.connect(str(db), read_only=True) as con:
        baseline = con.execute(
            "select count(*) from analysis.regression_fits where table_id = 'table2_baseline'"
        ).fetchone()[0]
        assert baseline == 6
    rep = report_flow(db=str(db), report_dir=str(tmp_path / "r"), run_id="run-x")
    assert not rep.ok and rep.failures[0].startswith("io section (seed 000) missing: marts.")
    assert (
        "IO study not available: marts.io_industry_year does not exist"
        in (tmp_path / "r" / "index.md").read_text()
    )
