"""Seed-000 IO linkage study: China (yearly, by sub-group, by technology class) and
cross-country publication tables; every value ×100 (% of output or of supply).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.studies.io_linkages.spec import (
    ALL_MANUFACTURING,
    ALL_PS,
    CHINA,
    ORIGIN_LABELS,
    ORIGINS,
    SUBGROUP_LABELS,
    SUBGROUPS,
    TECH_CLASSES,
    TECH_LABELS,
)
from analysis.tables import PublicationTable, format_number


def _pct(value: float, digits: int = 3) -> str:
    return format_number(100.0 * value, digits) if value is not None else ""


def china_yearly(
    headline: pd.DataFrame, country_year: pd.DataFrame, years: list[int], iso3: str = CHINA
) -> pd.DataFrame:
    """One row per year in ``years`` (missing years kept as NaN rows); coefficients in %."""
    h = headline[headline["iso3"] == iso3].set_index("year")
    cy = country_year[country_year["iso3"] == iso3].set_index("year")
    out = pd.DataFrame({"year": years})
    for col in (
        "ps_direct_domestic",
        "ps_direct_imported",
        "ps_complete_domestic",
        "ps_complete_imported",
        "ps_forward_direct_domestic",
        "ps_forward_direct_imported",
        "imported_share_direct",
    ):
        out[col] = 100.0 * h[col].reindex(years).to_numpy()
    if "manufacturing_output_musd" in cy.columns:
        mo = pd.to_numeric(cy["manufacturing_output_musd"], errors="coerce").astype(float)
        out["manufacturing_output_busd"] = mo.reindex(years).to_numpy() / 1000.0
    else:
        out["manufacturing_output_busd"] = np.nan
    out["present"] = out["ps_direct_imported"].notna()
    return out


CHINA_YEARLY_COLUMNS = {
    "ps_direct_domestic": "Direct, domestic",
    "ps_direct_imported": "Direct, imported",
    "ps_complete_domestic": "Complete, domestic",
    "ps_complete_imported": "Complete, imported",
    "imported_share_direct": "Imported share of direct PS inputs",
    "manufacturing_output_busd": "Mfg output (US$ bn)",
}


def china_yearly_table(frame: pd.DataFrame, iso3: str = CHINA) -> PublicationTable:
    rows = []
    for r in frame.itertuples(index=False):
        cells = [str(r.year)]
        for col in CHINA_YEARLY_COLUMNS:
            v = getattr(r, col)
            digits = 1 if col == "manufacturing_output_busd" else (2 if "share" in col else 3)
            cells.append(format_number(v, digits) if pd.notna(v) else "n/a")
        rows.append(cells)
    missing = [str(y) for y in frame.loc[~frame["present"], "year"]]
    note = (
        "Note: GO-weighted producer-service (22 WIOD industries) input coefficients of "
        "manufacturing (19 industries), Σ_j x_j Σ_S coef_{S,j} / Σ_j x_j, in % of "
        "manufacturing gross output (direct: Ad, Am; complete: Ld−I, Am·Ld per unit of final "
        "demand), computed from marts.io_service_manufacturing_links. Imported share = imported "
        "/ (domestic + imported) direct PS inputs, in %."
    )
    if missing:
        note += f" n/a: no rows in the marts for {', '.join(missing)}."
    return PublicationTable(
        title=f"Table IO-1. {iso3}: producer-service coefficients of manufacturing, every year",
        header=["Year", *CHINA_YEARLY_COLUMNS.values()],
        rows=rows,
        note=note,
    )


def select_years(available: list[int], wanted: tuple[int, ...]) -> tuple[int, ...]:
    """``wanted`` ∩ ``available``, always including the first and last available year."""
    if not available:
        return ()
    chosen = {y for y in wanted if y in available} | {min(available), max(available)}
    return tuple(sorted(chosen))


def china_effects(
    measures: pd.DataFrame, years: tuple[int, ...], iso3: str = CHINA
) -> pd.DataFrame:
    """Sub-group (source; target = manufacturing) and tech-class (target; source = PS) effects.

    Columns ``dimension`` (subgroup | tech_intensity), ``group``, ``origin``, ``measure``,
    ``year``, ``value`` (in %).
    """
    m = measures[(measures["iso3"] == iso3) & measures["year"].isin(years)]
    by_sub = m[m["target"] == ALL_MANUFACTURING].assign(dimension="subgroup", group=m["source"])
    by_tech = m[m["source"] == ALL_PS].assign(dimension="tech_intensity", group=m["target"])
    out = pd.concat([by_sub, by_tech], ignore_index=True)
    out = out.assign(value=100.0 * out["value"])
    return out[["dimension", "group", "origin", "measure", "year", "value"]]


def effects_table(
    effects: pd.DataFrame,
    *,
    dimension: str,
    effect: str,
    years: tuple[int, ...],
    iso3: str = CHINA,
    number: str = "",
) -> PublicationTable:
    """Rows: (origin, direct|complete) blocks × groups; columns: years and change (pp)."""
    groups = (*SUBGROUPS, ALL_PS) if dimension == "subgroup" else (*TECH_CLASSES, ALL_MANUFACTURING)
    labels = SUBGROUP_LABELS if dimension == "subgroup" else TECH_LABELS
    sel = effects[(effects["dimension"] == dimension)]
    lookup = sel.set_index(["group", "origin", "measure", "year"])["value"]
    first, last = years[0], years[-1]
    header = ["", *[str(y) for y in years], f"Δ {first}–{last} (pp)"]
    rows: list[list[str]] = []
    breaks: set[int] = set()
    for kind in ("direct", "complete"):
        for origin in ORIGINS:
            measure = f"{effect}_{kind}"
            breaks.add(len(rows))
            rows.append(
                [f"{kind.capitalize()}, {ORIGIN_LABELS[origin]} PS"] + [""] * len(years) + [""]
            )
            for g in groups:
                vals = [lookup.get((g, origin, measure, y), np.nan) for y in years]
                change = vals[-1] - vals[0] if len(vals) > 1 else np.nan
                rows.append(
                    [f"  {labels[g]}"]
                    + [format_number(v, 3) if pd.notna(v) else "n/a" for v in vals]
                    + [format_number(change, 3) if pd.notna(change) else "n/a"]
                )
    if effect == "forward":
        what = (
            "forward driving effect of the producer services' supply (domestic output, or "
            "imports): direct = share (%) of it delivered to manufacturing (Hd, Hm); complete = "
            "manufacturing output supported directly and indirectly per 100 US$ of it (Ghosh "
            "Gd−I, Hm·Gd; can exceed 100)"
        )
    else:
        what = (
            "backward pulling effect: manufacturing's GO-weighted consumption of producer "
            "services in % of manufacturing output, direct (Ad, Am) and complete (Ld−I, Am·Ld)"
        )
    if dimension == "subgroup":
        scope = "by producer-service sub-group (target: all manufacturing)"
        title_scope = "by producer-service sub-group"
    else:
        scope = "by manufacturing technology intensity (source: all producer services)"
        title_scope = "by manufacturing technology intensity"
    kind_word = "Forward driving" if effect == "forward" else "Backward pulling"
    return PublicationTable(
        title=f"Table IO-{number}. {iso3}: {kind_word} effects {title_scope}",
        header=header,
        rows=rows,
        note=f"Note: {what}, {scope}; Δ = last minus first year, percentage points.",
        section_breaks=breaks,
    )


def tech_by_subgroup_table(
    measures: pd.DataFrame, year: int, iso3: str = CHINA, number: str = ""
) -> PublicationTable:
    """Imported complete coefficient (%) of each tech class on each PS sub-group, one year."""
    m = measures[
        (measures["iso3"] == iso3)
        & (measures["year"] == year)
        & (measures["origin"] == "imported")
        & (measures["measure"] == "backward_complete")
    ].set_index(["source", "target"])["value"]
    targets = (*TECH_CLASSES, ALL_MANUFACTURING)
    rows = []
    for s in (*SUBGROUPS, ALL_PS):
        rows.append(
            [SUBGROUP_LABELS[s]]
            + [
                _pct(m.get((s, t), np.nan)) if pd.notna(m.get((s, t), np.nan)) else "n/a"
                for t in targets
            ]
        )
    return PublicationTable(
        title=(
            f"Table IO-{number}. {iso3} {year}: imported complete coefficients by technology "
            "intensity × producer-service sub-group"
        ),
        header=["Producer services", *[TECH_LABELS[t] for t in targets]],
        rows=rows,
        note=(
            "Note: GO-weighted Am·Ld coefficient (%) of each manufacturing technology class "
            "(columns) on each imported producer-service sub-group (rows)."
        ),
    )


CROSS_MEASURES = {
    "ps_direct_domestic": "dom. direct",
    "ps_direct_imported": "imp. direct",
    "ps_complete_domestic": "dom. complete",
    "ps_complete_imported": "imp. complete",
    "imported_share_direct": "imp. share",
}


def cross_country(headline: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """iso3 rows × (measure, year) columns in %, sorted by the last year's imported direct."""
    sel = headline[headline["year"].isin(years)]
    wide = sel.pivot_table(
        index="iso3", columns="year", values=list(CROSS_MEASURES), aggfunc="first", dropna=False
    )
    out = pd.DataFrame(index=wide.index)
    for y in years:
        for m in CROSS_MEASURES:
            out[f"{m}_{y}"] = 100.0 * wide[(m, y)] if (m, y) in wide.columns else np.nan
    last = f"ps_direct_imported_{years[-1]}"
    out = out.sort_values(last, ascending=False, na_position="last")
    out["rank_imported_direct"] = out[last].rank(ascending=False, method="min")
    return out.reset_index()


def cross_country_table(
    frame: pd.DataFrame, years: tuple[int, int], highlight: str = CHINA, number: str = ""
) -> PublicationTable:
    header = ["Country"] + [f"{y} {label}" for y in years for label in CROSS_MEASURES.values()]
    rows = []
    for r in frame.to_dict("records"):
        name = f"{r['iso3']} ◀" if r["iso3"] == highlight else r["iso3"]
        cells = [name]
        for y in years:
            for m in CROSS_MEASURES:
                v = r.get(f"{m}_{y}", np.nan)
                cells.append(
                    format_number(v, 2 if m == "imported_share_direct" else 3)
                    if pd.notna(v)
                    else "n/a"
                )
        rows.append(cells)
    return PublicationTable(
        title=(
            f"Table IO-{number}. Producer-service coefficients of manufacturing in "
            f"{len(frame)} countries, {years[0]} and {years[-1]}"
        ),
        header=header,
        rows=rows,
        note=(
            "Note: GO-weighted PS coefficients of manufacturing in % of output (dom./imp. = "
            "domestic/imported; direct = Ad/Am, complete = Ld−I/Am·Ld); imp. share = imported / "
            f"(domestic + imported) direct PS inputs, %. Sorted by the {years[-1]} imported "
            f"direct coefficient; {highlight} marked ◀."
        ),
    )
