"""Tables C-1 … C-6 of the convergence-indices study (display cells as strings)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.studies.convergence_indices.measures import NATIONAL, band_of
from analysis.studies.convergence_indices.spec import (
    EGK_SETS,
    LAG_LABELS,
    REGION_LABELS,
    REGIONS,
    SERIES_LABELS,
    SUBSYSTEM_LABELS,
    TEST_LABELS,
    VARIANT_LABELS,
)
from analysis.tables import PublicationTable, format_number, stars

D_DIGITS = 3


def _num(value, digits: int = D_DIGITS) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or pd.isna(value):
        return ""
    return format_number(float(value), digits)


def _years_text(years: Sequence[int]) -> str:
    return ", ".join(str(y) for y in years)


def _region_label(region: str) -> str:
    return REGION_LABELS.get(region, region)


# ---------------------------------------------------------------------------------------- C-1


def coupling_by_province_table(
    prov: pd.DataFrame, means: pd.DataFrame, variant: str, years: Sequence[int]
) -> PublicationTable:
    """Table C-1: D and band per province for ``years``, ranked by D in the last year; then the
    unweighted national and regional means of D."""
    data = prov[prov["variant"] == variant]
    last = years[-1]
    wide = data[data["year"].isin(years)].pivot_table(
        index="unit_id", columns="year", values="d", aggfunc="first"
    )
    info = data.sort_values("year").groupby("unit_id").last()
    last_rows = data[data["year"] == last].set_index("unit_id")
    ranks = last_rows["d"].rank(ascending=False, method="min")
    order = sorted(
        wide.index,
        key=lambda u: (
            ranks.get(u, np.inf),
            -wide.loc[u].max(skipna=True) if wide.loc[u].notna().any() else 0,
            u,
        ),
    )
    header = ["Province", "Region", f"Rank {last}"]
    for y in years:
        header += [f"D {y}", f"Band {y}"]
    header.append(f"U1/U2 {last}")
    band_lookup = data.set_index(["unit_id", "year"])["band"]
    rows: list[list[str]] = []
    for unit in order:
        row = [
            f"{info.loc[unit, 'province']} ({unit})",
            _region_label(str(info.loc[unit, "region"])),
            str(int(ranks[unit])) if unit in ranks.index else "",
        ]
        for y in years:
            d = wide.loc[unit].get(y, np.nan)
            row += [_num(d), str(band_lookup.get((unit, y), "")) if pd.notna(d) else ""]
        if unit in last_rows.index:
            rd = last_rows.loc[unit]
            label = LAG_LABELS.get(rd["relative_development_label"], "")
            row.append(f"{_num(rd['relative_development'], 2)} {label}".strip())
        else:
            row.append("")
        rows.append(row)
    breaks = {len(rows)}
    vm = means[means["variant"] == variant]
    n_text = []
    for group in (NATIONAL, *REGIONS):
        g = vm[vm["group"] == group].set_index("year")
        if g.empty:
            continue
        label = (
            "All provinces (unweighted mean)"
            if group == NATIONAL
            else f"{_region_label(group)} (unweighted mean)"
        )
        row = [label, "", ""]
        for y in years:
            mean = g["mean_d"].get(y, np.nan)
            row += [_num(mean), band_of(mean)]
        row.append("")
        rows.append(row)
        n_text.append(
            f"{_region_label(group) if group != NATIONAL else 'all'} "
            + "/".join(str(int(g["n"].get(y, 0))) for y in years)
        )
    note = (
        f"Coupling coordination degree D = sqrt(C·T) of manufacturing (U1) and producer services "
        f"(U2), {VARIANT_LABELS.get(variant, variant)}; bands of width 0.1 (left-open, "
        f"right-closed). Rank 1 = highest D in {last}. Means are unweighted arithmetic means of "
        f"D over the provinces with a value (provinces per year {_years_text(years)}: "
        f"{'; '.join(n_text)}); the band of a mean is the band its value falls in. U1/U2 > 1.1: "
        "producer services lag; < 0.9: manufacturing lags."
    )
    return PublicationTable(
        title=f"Table C-1. Coupling coordination D by province, {variant} ({_years_text(years)})",
        header=header,
        rows=rows,
        note=note,
        section_breaks=breaks,
    )


# ---------------------------------------------------------------------------------------- C-2


def bands_summary_table(
    counts: pd.DataFrame, selected: dict[str, tuple[int, ...]]
) -> PublicationTable:
    """Table C-2 (compact): provinces per band in the selected years of each province variant."""
    years = sorted({y for ys in selected.values() for y in ys})
    header = ["Band (D interval)", *[str(y) for y in years]]
    rows: list[list[str]] = []
    breaks: set[int] = set()
    for variant in selected:
        vc = counts[counts["variant"] == variant]
        if vc.empty:
            continue
        available = set(vc["year"].astype(int))
        breaks.add(len(rows))
        rows.append([VARIANT_LABELS.get(variant, variant)] + [""] * len(years))
        present = vc[["band_rank", "band"]].drop_duplicates().sort_values("band_rank")
        for r in present.sort_values("band_rank", ascending=False).itertuples(index=False):
            rank = int(r.band_rank)
            lower, upper = (rank - 1) / 10, rank / 10
            cells = []
            for y in years:
                if y not in available:
                    cells.append("")
                    continue
                n = vc[(vc["year"] == y) & (vc["band_rank"] == rank)]["n"].sum()
                cells.append(str(int(n)))
            rows.append([f"{rank} {r.band} ({lower:.1f}, {upper:.1f}]", *cells])
        rows.append(
            [
                "Provinces",
                *[
                    str(int(vc[vc["year"] == y]["n"].sum())) if y in available else ""
                    for y in years
                ],
            ]
        )
    note = (
        "Number of provinces whose D falls in each band (only bands that occur are listed; "
        "the first band includes D = 0). Years: "
        + "; ".join(f"{v} {_years_text(ys)}" for v, ys in selected.items())
        + "; a blank cell: no data for the variant that year. The full province × year band "
        "table is conv_c2_bands_full.csv."
    )
    return PublicationTable(
        title="Table C-2. Provinces by coordination band and year",
        header=header,
        rows=rows,
        note=note,
        section_breaks=breaks,
    )


def bands_full_table(prov: pd.DataFrame) -> PublicationTable:
    """Table C-2 (full, CSV only): band of every province × year, per province variant."""
    years = sorted(prov["year"].astype(int).unique())
    header = ["Variant", "Province code", "Province", "Region", *[str(y) for y in years]]
    cells = prov.set_index(["variant", "unit_id", "year"])
    rows = []
    for (variant, unit), grp in prov.groupby(["variant", "unit_id"], sort=True):
        first = grp.iloc[0]
        row = [variant, unit, str(first["province"]), _region_label(str(first["region"]))]
        for y in years:
            key = (variant, unit, y)
            if key in cells.index:
                r = cells.loc[key]
                row.append(f"{int(r['band_rank'])} {r['band']} (D = {_num(r['d'])})")
            else:
                row.append("")
        rows.append(row)
    return PublicationTable(
        title="Table C-2 (full). Coordination band of each province and year",
        header=header,
        rows=rows,
        note="Cell: band number (1 extreme imbalance … 10 high-quality coordination), band, D.",
    )


# ---------------------------------------------------------------------------------------- C-3


def entropy_weights_table(weights: pd.DataFrame) -> PublicationTable:
    header = [
        "Variant",
        "Subsystem",
        "Indicator",
        "Direction",
        "Entropy e_j",
        "Weight w_j",
        "Unit-years n",
        "Dropped",
        "Min",
        "Max",
    ]
    order = {"province_va": 0, "province_employment": 1, "wiod": 2, "country_panel": 3}
    data = weights.assign(
        _v=weights["variant"].map(order).fillna(9),
        _s=weights["subsystem"].map({"manufacturing": 0, "producer_services": 1}).fillna(2),
    ).sort_values(["_v", "variant", "_s", "w_j"], ascending=[True, True, True, False])
    rows: list[list[str]] = []
    breaks: set[int] = set()
    previous = None
    for r in data.itertuples(index=False):
        if r.variant != previous and rows:
            breaks.add(len(rows))
        previous = r.variant
        rows.append(
            [
                str(r.variant),
                SUBSYSTEM_LABELS.get(r.subsystem, r.subsystem),
                str(r.indicator),
                str(r.direction),
                _num(r.e_j, 4),
                _num(r.w_j, 4),
                str(int(r.n)),
                str(int(r.n_input) - int(r.n)),
                _num(getattr(r, "min_value", np.nan), 3),
                _num(getattr(r, "max_value", np.nan), 3),
            ]
        )
    note = (
        "Entropy weights over the unit-years of each variant (pooled over units and years): "
        "p_ij = z_ij/Σ_i z_ij, e_j = −(1/ln n)·Σ_i p_ij ln p_ij, w_j = (1 − e_j)/Σ_k(1 − e_k) "
        "within the subsystem (weights sum to 1). Dropped = unit-years with some but not all "
        "indicators (complete-case rule). Min/Max in the unit of the indicator."
    )
    return PublicationTable(
        title="Table C-3. Entropy weights of the coupling indicators",
        header=header,
        rows=rows,
        note=note,
        section_breaks=breaks,
    )


# ---------------------------------------------------------------------------------------- C-4


def ca_regions_table(
    ca: pd.DataFrame, years: Sequence[int], variant: str, pair: str
) -> PublicationTable:
    """Table C-4a: mean CA_r (LQ-based) of provinces by region for ``years``."""
    header = ["Provinces", *[str(y) for y in years]]
    rows = []
    for group in (NATIONAL, *REGIONS):
        g = ca if group == NATIONAL else ca[ca["region"] == group]
        if g.empty:
            continue
        cells = []
        for y in years:
            gy = g[g["year"] == y]["value"].dropna()
            cells.append(f"{_num(gy.mean())} ({gy.size})" if gy.size else "")
        label = "All provinces" if group == NATIONAL else _region_label(group)
        rows.append([label, *cells])
    note = (
        f"Mean of CA_r = [1 − |LQm − LQs|/(LQm + LQs)] + (LQm + LQs) over the provinces of the "
        f"region (unweighted; number of provinces in parentheses); pair {pair}, variant "
        f"{variant}; LQ = (E_ir/E_r)/(E_i/E) over the provinces that year. Higher = more "
        "co-agglomerated."
    )
    return PublicationTable(
        title=f"Table C-4a. Co-agglomeration (LQ-based CA) by region ({_years_text(years)})",
        header=header,
        rows=rows,
        note=note,
    )


def egk_table(egk: pd.DataFrame, pair: str) -> PublicationTable:
    """Table C-4b: EGK co-agglomeration per year for each set (provinces, WIOD countries)."""
    sets = [s for s in EGK_SETS if s in set(egk["unit_id"])]
    sets += sorted(set(egk["unit_id"]) - set(sets))
    years = sorted(egk["year"].astype(int).unique())
    header = ["Year", *[EGK_SETS.get(s, s) for s in sets]]
    rows = []
    for y in years:
        cells = []
        for s in sets:
            v = egk[(egk["year"] == y) & (egk["unit_id"] == s)]
            cells.append(f"{_num(v['value'].iloc[0], 4)}" if not v.empty else "")
        rows.append([str(y), *cells])
    sizes = "; ".join(
        f"{EGK_SETS.get(s, s)}: {int(egk[egk['unit_id'] == s]['n_units'].max())} units"
        for s in sets
    )
    note = (
        "Ellison–Glaeser–Kerr co-agglomeration Σ_r (s_rm − x_r)(s_rs − x_r)/(1 − Σ_r x_r²), "
        f"pair {pair}; > 0: manufacturing and producer services co-locate beyond the aggregate "
        f"pattern. Units per set (max over years): {sizes}."
    )
    return PublicationTable(
        title="Table C-4b. Co-agglomeration (EGK) by year",
        header=header,
        rows=rows,
        note=note,
    )


# ---------------------------------------------------------------------------------------- C-5

_TEST_ORDER = ("sigma_trend", "beta_absolute", "beta_conditional", "beta_panel_fe")
_SERIES_ORDER = (
    "coupling_d:province_va",
    "coupling_d:province_employment",
    "manufacturing_labour_productivity",
    "grp_per_capita",
    "coupling_d:wiod",
    "coupling_d:country_panel",
    "gdp_pc_usd",
)


def _window(r) -> str:
    first, last = r.get("first_year"), r.get("last_year")
    if pd.notna(first) and pd.notna(last):
        return f"{int(first)}–{int(last)}"
    return ""


def sigma_beta_table(tests: pd.DataFrame) -> PublicationTable:
    """Table C-5: per series the σ first → last, σ trend and the three β tests."""
    header = [
        "Series",
        "Test",
        "Years",
        "Units",
        "Estimate",
        "SE",
        "p-value",
        "Speed λ (per year)",
        "Half-life (years)",
        "Status / note",
    ]
    keys = tests[["unit_type", "series"]].drop_duplicates()
    keys = keys.assign(
        _o=keys["series"].map({s: i for i, s in enumerate(_SERIES_ORDER)}).fillna(99)
    ).sort_values(["_o", "unit_type", "series"])
    rows: list[list[str]] = []
    breaks: set[int] = set()
    for key in keys.itertuples(index=False):
        sub = tests[(tests["unit_type"] == key.unit_type) & (tests["series"] == key.series)]
        label = SERIES_LABELS.get(key.series, f"{key.series} ({key.unit_type})")
        if rows:
            breaks.add(len(rows))
        sig = sub[(sub["test"] == "sigma") & sub["sigma"].notna()].sort_values("year")
        if not sig.empty:
            a, b = sig.iloc[0], sig.iloc[-1]
            rows.append(
                [
                    label,
                    "σ of ln y, first → last year (ddof = 1)",
                    f"{int(a['year'])}–{int(b['year'])}",
                    str(int(b["n_units"])) if pd.notna(b["n_units"]) else "",
                    f"{_num(a['sigma'], 4)} → {_num(b['sigma'], 4)}",
                    "",
                    "",
                    "",
                    "",
                    "ok",
                ]
            )
        for test in _TEST_ORDER:
            t = sub[sub["test"] == test]
            if t.empty:
                continue
            r = t.iloc[0]
            ok = r["status"] == "ok"
            note = "" if pd.isna(r.get("note")) else str(r["note"])
            se_type = r.get("se_type")
            se_text = _num(r["std_error"], 4)
            if se_text and isinstance(se_type, str):
                se_text += f" ({se_type})"
            rows.append(
                [
                    label,
                    TEST_LABELS[test],
                    _window(r),
                    str(int(r["n_units"])) if pd.notna(r["n_units"]) else "",
                    (_num(r["coefficient"], 4) + stars(r["p_value"])) if ok else "",
                    se_text if ok else "",
                    _num(r["p_value"], 3) if ok else "",
                    _num(r.get("speed"), 4) if ok else "",
                    _num(r.get("half_life_years"), 1) if ok else "",
                    ("ok" + (f": {note}" if note else "")) if ok else f"not estimated: {note}",
                ]
            )
    note = (
        "σ-convergence: σ = SD of ln y across units (ddof = 1); a negative σ trend means "
        "dispersion falls. β-convergence: b < 0 means units starting lower grow faster; speed "
        "λ = −ln(1 + T·b)/T per year (T = window length; T = 1 for the panel), half-life = "
        "ln 2/λ years, blank without convergence. Stars: * p<0.10, ** p<0.05, *** p<0.01. "
        "Rows 'computed here' come from analysis.convergence on marts.province_panel; the others "
        "are marts.convergence_tests."
    )
    return PublicationTable(
        title="Table C-5. σ- and β-convergence",
        header=header,
        rows=rows,
        note=note,
        section_breaks=breaks,
    )


# ---------------------------------------------------------------------------------------- C-6


def countries_table(
    coupling: pd.DataFrame, variants: Sequence[str], focus: Sequence[str]
) -> PublicationTable:
    header = [
        "Country",
        "Variant",
        "First year",
        "D (first)",
        "Rank (first)",
        "Last year",
        "D (last)",
        "Rank (last)",
        "Band (last)",
        "U1/U2 (last)",
    ]
    rows = []
    breaks: set[int] = set()
    countries = coupling[coupling["unit_type"] == "country"].copy()
    countries["year"] = countries["year"].astype(int)
    for variant in variants:
        v = countries[countries["variant"] == variant]
        if v.empty:
            continue
        first, last = int(v["year"].min()), int(v["year"].max())
        if rows:
            breaks.add(len(rows))
        ranked = {}
        for y in (first, last):
            vy = v[v["year"] == y].set_index("unit_id")
            ranked[y] = (vy, vy["d"].rank(ascending=False, method="min"), len(vy))
        for iso in focus:
            cells = [iso, variant]
            present = False
            for y in (first, last):
                vy, rk, n = ranked[y]
                if iso in vy.index:
                    present = True
                    cells += [str(y), _num(vy.loc[iso, "d"]), f"{int(rk[iso])} of {n}"]
                else:
                    cells += [str(y), "", ""]
            if not present:
                continue
            vy = ranked[last][0]
            if iso in vy.index:
                r = vy.loc[iso]
                lag = LAG_LABELS.get(r["relative_development_label"], "")
                cells += [str(r["band"]), f"{_num(r['relative_development'], 2)} {lag}".strip()]
            else:
                cells += ["", ""]
            rows.append(cells)
    note = (
        "Country variants of the coupling coordination degree D; rank 1 = highest D among the "
        "countries of the variant that year (ties share the lower rank; 'of N' = countries "
        "ranked). wiod: WIOD countries, production accounts; country_panel: manufacturing value "
        "added and imported services. Countries not in a variant are not listed."
    )
    return PublicationTable(
        title="Table C-6. Coupling coordination of selected countries",
        header=header,
        rows=rows,
        note=note,
        section_breaks=breaks,
    )
