"""Seed 000: two-way linkage between imported producer services and Chinese manufacturing.

Paper: Zhang Xin, "A Two-way Linkage Effect between the Import of Productive Services and the
Upgrading of Manufacturing Industry in China" (``/work/shared/seeds/000_56fdaf4779642a3f.txt``).
The seed holds the abstract only: WIOD input-output tables, China 2000-2014, forward driving
effects of (domestic and foreign) producer services on manufacturing and backward pulling effects
of manufacturing on them, plus regressions of manufacturing output growth and upgrading on
imported producer services. It prints no numbers, so the comparison with the paper
(:func:`paper_claims`) checks the abstract's qualitative findings against ours.

Inputs (dbt marts, contract ``/tmp/io_contract.md``; money in US$ million):
``marts.io_service_manufacturing_links`` (iso3 × year × service_subgroup S × manufacturing
industry j × origin), ``marts.io_country_year`` (iso3 × year) and, optionally,
``marts.io_industry_year`` (consistency check of manufacturing output).

Measures (methods.md §2), for a source group of producer services (one sub-group S, or all
producer services "PS") and a target group of manufacturing industries T (all manufacturing, or
one OECD technology-intensity class), per iso3 × year × origin (domestic | imported):

* backward pulling (manufacturing's consumption of services), direct (``Ad``/``Am``) and
  complete (``Ld − I`` / ``Am·Ld``): the GO-weighted coefficient
  ``Σ_{j∈T} x_j Σ_{S∈src} coef_{S,j} / Σ_{j∈T} x_j`` with ``x_j`` = manufacturing_output_musd.
  For T = all manufacturing and src = PS this is the headline "PS coefficient of manufacturing"
  and must equal ``io_country_year.ps_{direct,complete}_{domestic,imported}`` (cross-checked);
* forward driving (services' distribution into manufacturing), direct (``H``) and complete
  (``G``): the supply-weighted share ``Σ_{S∈src} s_S Σ_{j∈T} share_{S,j} / Σ_{S∈src} s_S`` with
  ``share_{S,j}`` = forward_share_{direct,complete} and ``s_S`` = service_supply_musd (domestic
  output, or total imports of the sub-group's products); for src = PS, T = all manufacturing it
  equals ``io_country_year.ps_forward_{direct,complete}_{domestic,imported}`` (cross-checked).
  A single sub-group with zero supply gives NaN.

All coefficients and shares are presented ×100 (per 100 US$ of manufacturing output, or % of
the services' supply).

Regressions (extension: the paper works on China alone; we use the WIOD panel, 43 countries
2000-2014 from ``marts.io_country_year``), all with country and year fixed effects (exact LSDV,
:func:`analysis.panel.fit_panel_fe`) and CR1 cluster-robust SEs by country (t with G−1 dof);
variables in :func:`build_panel_variables` (percent variables on a 0-100 scale). ``C(.)`` below
stands for the fixed effects; the full panel has 43 × 15 = 645 rows, growth 43 × 14 = 602:

- (i) forward, output growth (table ``io_growth``, N ≤ 602):
  (1) ``g_mfg ~ ps_imp_direct + ps_dom_direct + C(iso3) + C(year)``;
  (2) ``g_mfg ~ ps_imp_complete + ps_dom_complete + C(iso3) + C(year)``;
  (3), (4): the same with the previous year's intensities (``*_l1``). The contemporaneous
  coefficients are pushed down by construction (output is the intensity's denominator: a fast
  output year with sticky service inputs lowers it), hence the lagged variants;
- (ii) forward, upgrading (table ``io_upgrading``, N ≤ 645):
  (5) ``hmht_share ~ ps_imp_direct + ps_dom_direct``, (6) the same with complete coefficients,
  (7) ``hmht_share ~ ps_imp_kibs_direct + ps_imp_other_direct + ps_dom_direct`` (the abstract's
  "quality" of imports: knowledge-intensive = information & ICT, finance, professional & R&D),
  (8) ``high_tech_share ~ ps_imp_direct + ps_dom_direct``, (9) the same with complete
  coefficients (each + C(iso3) + C(year));
- (iii) backward pull (table ``io_backward_pull``, N ≤ 645):
  (10) ``ln_imp_ps_use ~ ln_mfg_output``, (11) ``ln_dom_ps_use ~ ln_mfg_output`` (domestic
  analogue), (12) ``ln_imp_ps_use ~ ln_mfg_output + hmht_share`` (each + C(iso3) + C(year)).
  PS use = coefficient × output, so an elasticity of 1 means a constant coefficient.

Each model's N, countries and dropped rows are in its ``PanelResult.sample`` and in the
report's specification table. Specifications that cannot be estimated are reported, not raised
(:func:`fit_models`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.io.groups import PRODUCER_SERVICE_SUBGROUPS
from analysis.panel import PanelResult, PanelSpecificationError, fit_panel_fe
from analysis.tables import (
    PublicationTable,
    descriptive_stats,
    descriptive_table,
    format_number,
    regression_table,
    stars,
)

STUDY = "seed000_io_linkages"
CHINA = "CHN"
ENTITY, TIME = "iso3", "year"
ORIGINS: tuple[str, ...] = ("domestic", "imported")
ALL_PS = "producer_services"
ALL_MANUFACTURING = "manufacturing"
SUBGROUPS: tuple[str, ...] = tuple(PRODUCER_SERVICE_SUBGROUPS)
TECH_CLASSES: tuple[str, ...] = ("low", "medium_low", "medium_high", "high")
#: Knowledge-intensive producer services (the abstract's "high-technology density" services).
KNOWLEDGE_INTENSIVE: tuple[str, ...] = ("information_ict", "finance", "professional_rd")
SELECTED_YEARS: tuple[int, ...] = (2000, 2005, 2010, 2014)
MEASURES: tuple[str, ...] = (
    "backward_direct",
    "backward_complete",
    "forward_direct",
    "forward_complete",
)
MEASURE_LABELS = {
    "backward_direct": "Backward pulling, direct coefficient (Ad / Am)",
    "backward_complete": "Backward pulling, complete coefficient (Ld−I / Am·Ld)",
    "forward_direct": "Forward driving, direct share of supply to manufacturing (H)",
    "forward_complete": "Forward driving, complete: mfg output supported per unit of supply (G)",
}
SUBGROUP_LABELS = {
    "trade": "Trade",
    "transport_logistics": "Transport & logistics",
    "information_ict": "Information & ICT",
    "finance": "Finance",
    "real_estate": "Real estate",
    "professional_rd": "Professional & R&D",
    "business_support": "Business support",
    ALL_PS: "All producer services",
}
TECH_LABELS = {
    "low": "Low tech",
    "medium_low": "Medium-low tech",
    "medium_high": "Medium-high tech",
    "high": "High tech",
    ALL_MANUFACTURING: "All manufacturing",
}
ORIGIN_LABELS = {"domestic": "domestic", "imported": "imported (foreign)"}
#: (measure, origin) -> io_country_year column holding the same PS→manufacturing value.
COUNTRY_YEAR_COLUMNS: dict[tuple[str, str], str] = {
    ("backward_direct", "domestic"): "ps_direct_domestic",
    ("backward_direct", "imported"): "ps_direct_imported",
    ("backward_complete", "domestic"): "ps_complete_domestic",
    ("backward_complete", "imported"): "ps_complete_imported",
    ("forward_direct", "domestic"): "ps_forward_direct_domestic",
    ("forward_direct", "imported"): "ps_forward_direct_imported",
    ("forward_complete", "domestic"): "ps_forward_complete_domestic",
    ("forward_complete", "imported"): "ps_forward_complete_imported",
}
LINK_COLUMNS: tuple[str, ...] = (
    "iso3",
    "year",
    "service_subgroup",
    "wiod_code",
    "tech_intensity",
    "origin",
    "input_flow_musd",
    "direct_coefficient",
    "complete_coefficient",
    "forward_share_direct",
    "forward_share_complete",
    "manufacturing_output_musd",
    "service_supply_musd",
)
LINK_GRAIN: tuple[str, ...] = ("iso3", "year", "service_subgroup", "wiod_code", "origin")
PANEL_COLUMNS: tuple[str, ...] = (
    "iso3",
    "year",
    "manufacturing_output_musd",
    "high_tech_share_mva",
    "hmht_share_mva",
    "ps_direct_domestic",
    "ps_direct_imported",
    "ps_complete_domestic",
    "ps_complete_imported",
    "imported_ps_use_musd",
    "domestic_ps_use_musd",
)
ROUNDING_CAVEAT = (
    "Caveat: the WIOD national IO tables (NIOT CSV) are published rounded to US$ 1 million, so "
    "cell-level values (one producer-service row × one manufacturing column, especially imported "
    "flows and the early years, when many cells are 0 or 1) are noisy; sums over groups "
    "(sub-groups, technology classes, all manufacturing) add many cells and are not."
)
PAPER_CITATION = (
    "Zhang Xin, 'A Two-way Linkage Effect between the Import of Productive Services and the "
    "Upgrading of Manufacturing Industry in China', WIOD input-output tables, China 2000–2014; "
    "seed 000 (abstract only)"
)

# ------------------------------------------------------------------------------------------
# Regression specifications


@dataclass(frozen=True)
class RegSpec:
    """One panel regression: ``dep ~ regressors + country FE + year FE``, CR1 by country."""

    table_id: str
    model_id: str
    dep_var: str
    regressors: tuple[str, ...]
    question: str

    def formula(self) -> str:
        return f"{self.dep_var} ~ {' + '.join(self.regressors)} + C(iso3) + C(year)"


#: Variables (see :func:`build_panel_variables`); percentages are 0-100.
VARIABLE_LABELS = {
    "g_mfg": "Δ ln mfg output (%)",
    "ps_imp_direct": "Imported PS, direct (%)",
    "ps_dom_direct": "Domestic PS, direct (%)",
    "ps_imp_complete": "Imported PS, complete (%)",
    "ps_dom_complete": "Domestic PS, complete (%)",
    "ps_imp_direct_l1": "Imported PS, direct, t−1 (%)",
    "ps_dom_direct_l1": "Domestic PS, direct, t−1 (%)",
    "ps_imp_complete_l1": "Imported PS, complete, t−1 (%)",
    "ps_dom_complete_l1": "Domestic PS, complete, t−1 (%)",
    "ps_imp_kibs_direct": "Imported knowledge-int. PS, direct (%)",
    "ps_imp_other_direct": "Imported other PS, direct (%)",
    "hmht_share": "High+medium-high tech share of MVA (%)",
    "high_tech_share": "High-tech share of MVA (%)",
    "ln_mfg_output": "ln mfg output",
    "ln_imp_ps_use": "ln imported PS use",
    "ln_dom_ps_use": "ln domestic PS use",
}
REGRESSION_VARIABLES: tuple[str, ...] = tuple(VARIABLE_LABELS)
LAGGED: tuple[str, ...] = ("ps_imp_direct", "ps_dom_direct", "ps_imp_complete", "ps_dom_complete")
REG_TABLES: dict[str, str] = {
    "io_growth": "Manufacturing output growth on producer-service intensity",
    "io_upgrading": "Manufacturing upgrading on producer-service intensity",
    "io_backward_pull": "Backward pull: producer-service use on manufacturing output",
}
_DIRECT, _COMPLETE = ("ps_imp_direct", "ps_dom_direct"), ("ps_imp_complete", "ps_dom_complete")
_DIRECT_L1 = ("ps_imp_direct_l1", "ps_dom_direct_l1")
_COMPLETE_L1 = ("ps_imp_complete_l1", "ps_dom_complete_l1")
_KIBS = ("ps_imp_kibs_direct", "ps_imp_other_direct", "ps_dom_direct")
_G, _U, _B = "io_growth", "io_upgrading", "io_backward_pull"
REG_SPECS: tuple[RegSpec, ...] = (
    RegSpec(_G, "(1)", "g_mfg", _DIRECT, "(i) imported PS (direct) and output growth"),
    RegSpec(_G, "(2)", "g_mfg", _COMPLETE, "(i) imported PS (complete) and output growth"),
    RegSpec(_G, "(3)", "g_mfg", _DIRECT_L1, "(i) previous year's imported PS (direct), growth"),
    RegSpec(_G, "(4)", "g_mfg", _COMPLETE_L1, "(i) previous year's imported PS (complete), growth"),
    RegSpec(_U, "(5)", "hmht_share", _DIRECT, "(ii) imported PS (direct), high+medium-high share"),
    RegSpec(_U, "(6)", "hmht_share", _COMPLETE, "(ii) imported PS (complete), hi+med-hi share"),
    RegSpec(_U, "(7)", "hmht_share", _KIBS, "(ii) knowledge-intensive vs other imported PS"),
    RegSpec(_U, "(8)", "high_tech_share", _DIRECT, "(ii) imported PS (direct), high-tech share"),
    RegSpec(_U, "(9)", "high_tech_share", _COMPLETE, "(ii) imported PS (complete), hi-tech share"),
    RegSpec(_B, "(10)", "ln_imp_ps_use", ("ln_mfg_output",), "(iii) imported PS use on output"),
    RegSpec(_B, "(11)", "ln_dom_ps_use", ("ln_mfg_output",), "(iii) domestic PS use on output"),
    RegSpec(_B, "(12)", "ln_imp_ps_use", ("ln_mfg_output", "hmht_share"),
            "(iii) imported PS use on output and upgrading"),
)  # fmt: skip


class IOStudyError(ValueError):
    """The IO marts cannot support the study (absent columns, no rows, no China)."""


@dataclass(frozen=True)
class IOSampleRule:
    """Rows entering the study: years ``first_year..last_year``; optionally unflagged only.

    ``drop_flagged`` is off by default: ``io_country_year.is_flagged`` marks structural
    features of the tables (e.g. China's zero-output industries), not unusable rows.
    Regressions additionally drop, per specification, rows with a missing or non-finite
    variable (counted in each model's sample accounting); growth needs the previous year.
    """

    first_year: int = 2000
    last_year: int = 2014
    drop_flagged: bool = False
    selected_years: tuple[int, ...] = SELECTED_YEARS

    def describe(self) -> str:
        flagged = "; rows flagged in io_country_year excluded" if self.drop_flagged else ""
        return (
            f"years {self.first_year}–{self.last_year}; per specification, rows with every "
            f"variable present and finite (growth needs the previous year){flagged}"
        )


@dataclass
class IOStudyResult:
    """Everything the report and the store need from one run of the seed-000 study."""

    rule: IOSampleRule
    measures: pd.DataFrame  # long: iso3 year origin source target measure value (unit-free)
    headline: pd.DataFrame  # wide, PS→manufacturing, one row per iso3 × year (unit-free)
    checks: pd.DataFrame  # cross-check with io_country_year, one row per column
    china_yearly: pd.DataFrame  # one row per year (every year of the window), values in %
    china_effects: pd.DataFrame  # selected years: dimension group origin measure year value (%)
    cross_country: pd.DataFrame  # iso3 × {first,last} year headline measures (%)
    panel: pd.DataFrame  # regression variables, iso3 × year
    accounting: pd.DataFrame  # step reason n_dropped n_remaining (panel rows)
    descriptives: pd.DataFrame
    models: dict[str, PanelResult]
    specs: tuple[RegSpec, ...]
    tables: dict[str, PublicationTable]
    claims: pd.DataFrame  # claim, ours, verdict
    years: tuple[int, ...]  # years of the China yearly table
    selected_years: tuple[int, ...]
    cross_years: tuple[int, int]
    notes: list[str] = field(default_factory=list)
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def study(self) -> str:
        return STUDY

    def models_in(self, table_id: str) -> dict[str, PanelResult]:
        ids = [s.model_id for s in self.specs if s.table_id == table_id]
        return {m: self.models[m] for m in ids if m in self.models}


# ------------------------------------------------------------------------------------------
# Validation and the measures


def _require(frame: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    absent = [c for c in columns if c not in frame.columns]
    if absent:
        raise IOStudyError(f"{name}: columns missing from the mart: {absent}")
    if frame.empty:
        raise IOStudyError(f"{name} has no rows")


def validate_links(links: pd.DataFrame) -> pd.DataFrame:
    """Typed copy of ``io_service_manufacturing_links``; raises :class:`IOStudyError`."""
    _require(links, LINK_COLUMNS, "marts.io_service_manufacturing_links")
    out = links.loc[:, list(LINK_COLUMNS)].copy()
    out["year"] = out["year"].astype(int)
    for c in LINK_COLUMNS[6:]:
        out[c] = pd.to_numeric(out[c], errors="coerce").astype(float)
    bad_origin = sorted(set(out["origin"]) - set(ORIGINS))
    if bad_origin:
        raise IOStudyError(f"links: unexpected origin values {bad_origin}")
    if out.duplicated(list(LINK_GRAIN)).any():
        raise IOStudyError(f"links are not unique on {LINK_GRAIN}")
    if out["tech_intensity"].isna().any():
        raise IOStudyError("links: tech_intensity missing for some manufacturing rows")
    return out


def compute_measures(links: pd.DataFrame) -> pd.DataFrame:
    """Forward and backward measures for every (source, target) group; long, unit-free.

    Sources: each producer-service sub-group and ``producer_services``; targets: each
    technology class and ``manufacturing``. Columns ``iso3, year, origin, source, target,
    measure, value`` (see the module docstring for the formulas).
    """
    lk = validate_links(links)
    keys = ["iso3", "year", "origin"]
    x = lk["manufacturing_output_musd"].fillna(0.0)
    supply = lk["service_supply_musd"].fillna(0.0)
    lk = lk.assign(
        bnum_direct=x * lk["direct_coefficient"].fillna(0.0),
        bnum_complete=x * lk["complete_coefficient"].fillna(0.0),
        fsum_direct=lk["forward_share_direct"].fillna(0.0),
        fsum_complete=lk["forward_share_complete"].fillna(0.0),
    )
    lk["fw_direct"] = supply * lk["fsum_direct"]
    lk["fw_complete"] = supply * lk["fsum_complete"]
    sums = [
        "bnum_direct",
        "bnum_complete",
        "fsum_direct",
        "fsum_complete",
        "fw_direct",
        "fw_complete",
    ]
    fine = (
        lk.groupby([*keys, "service_subgroup", "tech_intensity"], observed=True)[sums]
        .sum()
        .reset_index()
    )
    # Denominators: Σ x_j over the target (one value per industry j), Σ s_S over the source.
    outputs = lk.drop_duplicates(["iso3", "year", "wiod_code"])
    den_t = (
        outputs.groupby(["iso3", "year", "tech_intensity"])["manufacturing_output_musd"]
        .sum()
        .rename("x_sum")
        .reset_index()
    )
    supplies = lk.drop_duplicates([*keys, "service_subgroup"])
    sup_s = (
        supplies.groupby([*keys, "service_subgroup"])["service_supply_musd"]
        .sum()
        .rename("s_sum")
        .reset_index()
    )

    frames = []
    for source_all in (False, True):
        for target_all in (False, True):
            gkeys = [*keys]
            if not source_all:
                gkeys.append("service_subgroup")
            if not target_all:
                gkeys.append("tech_intensity")
            agg = fine.groupby(gkeys)[sums].sum().reset_index()
            den = den_t if not target_all else den_t.groupby(["iso3", "year"])["x_sum"].sum()
            den = den.reset_index() if isinstance(den, pd.Series) else den
            sup = sup_s if not source_all else sup_s.groupby(keys)["s_sum"].sum().reset_index()
            agg = agg.merge(den, on=[k for k in den.columns if k != "x_sum"], how="left")
            agg = agg.merge(sup, on=[k for k in sup.columns if k != "s_sum"], how="left")
            xs = agg["x_sum"].where(agg["x_sum"] > 0)
            ss = agg["s_sum"].where(agg["s_sum"] > 0)
            values = {
                "backward_direct": agg["bnum_direct"] / xs,
                "backward_complete": agg["bnum_complete"] / xs,
                "forward_direct": agg["fw_direct"] / ss,
                "forward_complete": agg["fw_complete"] / ss,
            }
            base = pd.DataFrame(
                {
                    "iso3": agg["iso3"],
                    "year": agg["year"],
                    "origin": agg["origin"],
                    "source": ALL_PS if source_all else agg["service_subgroup"],
                    "target": ALL_MANUFACTURING if target_all else agg["tech_intensity"],
                }
            )
            for measure, value in values.items():
                frames.append(base.assign(measure=measure, value=value.to_numpy()))
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["iso3", "year", "origin", "source", "target", "measure"]).reset_index(
        drop=True
    )


def headline_wide(measures: pd.DataFrame) -> pd.DataFrame:
    """PS → all manufacturing, one row per iso3 × year, columns named as in io_country_year."""
    sel = measures[(measures["source"] == ALL_PS) & (measures["target"] == ALL_MANUFACTURING)]
    sel = sel.assign(
        column=[
            COUNTRY_YEAR_COLUMNS[(m, o)] for m, o in zip(sel["measure"], sel["origin"], strict=True)
        ]
    )
    wide = sel.pivot_table(
        index=["iso3", "year"], columns="column", values="value", aggfunc="first", dropna=False
    )
    wide = wide.reindex(columns=list(COUNTRY_YEAR_COLUMNS.values()))
    wide.columns.name = None
    wide = wide.reset_index()
    dom, imp = wide["ps_direct_domestic"], wide["ps_direct_imported"]
    wide["imported_share_direct"] = imp / (dom + imp).where((dom + imp) > 0)
    return wide


def cross_check(
    headline: pd.DataFrame, country_year: pd.DataFrame, rtol: float = 1e-6, atol: float = 1e-9
) -> pd.DataFrame:
    """Our GO-/supply-weighted PS measures vs the same columns of ``io_country_year``.

    One row per column: ``n_compared`` (both present), ``n_only_ours``, ``n_only_mart``,
    ``max_abs_diff`` and ``n_mismatch`` (|diff| > atol + rtol·|mart|).
    """
    rows = []
    merged = headline.merge(country_year, on=["iso3", "year"], how="outer", suffixes=("", "_m"))
    for col in COUNTRY_YEAR_COLUMNS.values():
        ours = merged[col] if col in merged else pd.Series(np.nan, index=merged.index)
        mart_col = f"{col}_m"
        if mart_col not in merged:
            rows.append(
                {
                    "column": col,
                    "n_compared": 0,
                    "n_only_ours": int(ours.notna().sum()),
                    "n_only_mart": 0,
                    "max_abs_diff": np.nan,
                    "n_mismatch": 0,
                    "note": "column absent from io_country_year",
                }
            )
            continue
        mart = pd.to_numeric(merged[mart_col], errors="coerce").astype(float)
        both = ours.notna() & mart.notna()
        diff = (ours - mart).abs()[both]
        rows.append(
            {
                "column": col,
                "n_compared": int(both.sum()),
                "n_only_ours": int((ours.notna() & mart.isna()).sum()),
                "n_only_mart": int((ours.isna() & mart.notna()).sum()),
                "max_abs_diff": float(diff.max()) if len(diff) else np.nan,
                "n_mismatch": int((diff > atol + rtol * mart.abs()[both]).sum()),
                "note": "",
            }
        )
    return pd.DataFrame.from_records(rows)


# ------------------------------------------------------------------------------------------
# China and cross-country tables


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


# ------------------------------------------------------------------------------------------
# Panel regressions


def build_panel_variables(country_year: pd.DataFrame, measures: pd.DataFrame) -> pd.DataFrame:
    """Regression variables per iso3 × year (percent variables on a 0-100 scale).

    - ``g_mfg = 100·(ln X_t − ln X_{t−1})``, X = manufacturing_output_musd (NaN unless the
      previous calendar year is present and both are positive);
    - ``ps_{imp,dom}_{direct,complete} = 100·ps_{direct,complete}_{imported,domestic}``
      (io_country_year);
    - ``<var>_l1``: the previous calendar year's value of the four PS intensities (NaN when
      that year is absent);
    - ``ps_imp_kibs_direct`` = 100 × GO-weighted imported direct coefficient of the
      knowledge-intensive sub-groups (information & ICT, finance, professional & R&D) from the
      links; ``ps_imp_other_direct = ps_imp_direct − ps_imp_kibs_direct``;
    - ``hmht_share = 100·hmht_share_mva``, ``high_tech_share = 100·high_tech_share_mva``;
    - ``ln_mfg_output``, ``ln_imp_ps_use``, ``ln_dom_ps_use``: natural logs of
      manufacturing_output_musd, imported_ps_use_musd, domestic_ps_use_musd (NaN if ≤ 0).
    """
    _require(country_year, PANEL_COLUMNS, "marts.io_country_year")
    cy = country_year.copy()
    cy["year"] = cy["year"].astype(int)
    for c in PANEL_COLUMNS[2:]:
        cy[c] = pd.to_numeric(cy[c], errors="coerce").astype(float)
    cy = cy.sort_values(["iso3", "year"]).reset_index(drop=True)

    def ln(s: pd.Series) -> pd.Series:
        return np.log(s.where(s > 0))

    out = cy[["iso3", "year"]].copy()
    out["ln_mfg_output"] = ln(cy["manufacturing_output_musd"])
    prev_year = cy.groupby("iso3")["year"].shift(1)
    prev_ln = out.groupby("iso3")["ln_mfg_output"].shift(1)
    out["g_mfg"] = (100.0 * (out["ln_mfg_output"] - prev_ln)).where(prev_year == cy["year"] - 1)
    out["ps_imp_direct"] = 100.0 * cy["ps_direct_imported"]
    out["ps_dom_direct"] = 100.0 * cy["ps_direct_domestic"]
    out["ps_imp_complete"] = 100.0 * cy["ps_complete_imported"]
    out["ps_dom_complete"] = 100.0 * cy["ps_complete_domestic"]
    prev_ok = prev_year == cy["year"] - 1
    for var in LAGGED:
        out[f"{var}_l1"] = out.groupby("iso3")[var].shift(1).where(prev_ok)
    kibs = measures[
        measures["source"].isin(KNOWLEDGE_INTENSIVE)
        & (measures["target"] == ALL_MANUFACTURING)
        & (measures["origin"] == "imported")
        & (measures["measure"] == "backward_direct")
    ]
    kibs = kibs.groupby(["iso3", "year"])["value"].sum(min_count=1).rename("kibs").reset_index()
    out = out.merge(kibs, on=["iso3", "year"], how="left")
    out["ps_imp_kibs_direct"] = 100.0 * out.pop("kibs")
    out["ps_imp_other_direct"] = out["ps_imp_direct"] - out["ps_imp_kibs_direct"]
    out["hmht_share"] = 100.0 * cy["hmht_share_mva"].to_numpy()
    out["high_tech_share"] = 100.0 * cy["high_tech_share_mva"].to_numpy()
    out["ln_imp_ps_use"] = ln(cy["imported_ps_use_musd"]).to_numpy()
    out["ln_dom_ps_use"] = ln(cy["domestic_ps_use_musd"]).to_numpy()
    if "is_flagged" in cy.columns:
        out["is_flagged"] = cy["is_flagged"].fillna(False).astype(bool).to_numpy()
        out["flag_reason"] = cy.get("flag_reason", pd.Series(None, index=cy.index)).to_numpy()
    return out[
        [
            "iso3",
            "year",
            *REGRESSION_VARIABLES,
            *[c for c in ("is_flagged", "flag_reason") if c in out],
        ]
    ]


def apply_panel_rule(panel: pd.DataFrame, rule: IOSampleRule) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Year window and (optionally) flags; returns (panel, accounting)."""
    if panel.duplicated(["iso3", "year"]).any():
        raise IOStudyError("io_country_year is not unique on (iso3, year)")
    data, steps = panel, []
    out_of_window = ~data["year"].between(rule.first_year, rule.last_year)
    if out_of_window.any():
        steps.append((f"year outside {rule.first_year}–{rule.last_year}", int(out_of_window.sum())))
        data = data.loc[~out_of_window]
    if rule.drop_flagged and "is_flagged" in data.columns:
        flagged = data["is_flagged"]
        reasons = data["flag_reason"].fillna("unspecified").astype(str)
        for reason in sorted(reasons[flagged].unique()):
            mask = flagged & (reasons == reason)
            steps.append((f"flagged in mart: {reason}", int(mask.sum())))
            data = data.loc[~mask]
            flagged, reasons = flagged.loc[data.index], reasons.loc[data.index]
    remaining, records = len(panel), []
    for i, (reason, n) in enumerate(steps, start=1):
        remaining -= n
        records.append({"step": i, "reason": reason, "n_dropped": n, "n_remaining": remaining})
    accounting = pd.DataFrame.from_records(
        records, columns=["step", "reason", "n_dropped", "n_remaining"]
    )
    return data.reset_index(drop=True), accounting


def fit_models(
    panel: pd.DataFrame, specs: tuple[RegSpec, ...] = REG_SPECS
) -> tuple[dict[str, PanelResult], dict[str, str]]:
    """Every specification: two-way FE (country, year), CR1 clustered by country.

    Returns ``(models, failures)``: a specification that cannot be estimated (empty sample, no
    within variation, too few clusters: :class:`~analysis.panel.PanelSpecificationError`) is
    left out of ``models`` and its reason kept in ``failures`` (reported, not raised).
    """
    models: dict[str, PanelResult] = {}
    failures: dict[str, str] = {}
    for s in specs:
        try:
            models[s.model_id] = fit_panel_fe(
                panel, s.dep_var, list(s.regressors), ENTITY, TIME, vcov="cluster", cluster=ENTITY
            )
        except PanelSpecificationError as exc:
            failures[s.model_id] = str(exc)
    return models, failures


def spec_frame(specs: tuple[RegSpec, ...], models: dict[str, PanelResult]) -> pd.DataFrame:
    """Model id, table, question, formula, N, countries, years (for the report)."""
    rows = []
    for s in specs:
        res = models.get(s.model_id)
        if res is None:
            rows.append(
                {
                    "model": s.model_id,
                    "table": s.table_id,
                    "question": s.question,
                    "formula": s.formula(),
                    "N": 0,
                    "countries": 0,
                    "years": 0,
                    "sample": "not estimated",
                }
            )
            continue
        rows.append(
            {
                "model": s.model_id,
                "table": s.table_id,
                "question": s.question,
                "formula": s.formula(),
                "N": res.n_obs,
                "countries": res.n_entities,
                "years": res.n_periods,
                "sample": res.sample.describe(),
            }
        )
    return pd.DataFrame.from_records(rows)


def regression_tables(
    specs: tuple[RegSpec, ...], models: dict[str, PanelResult], rule: IOSampleRule
) -> dict[str, PublicationTable]:
    out = {}
    for i, (table_id, title) in enumerate(REG_TABLES.items(), start=1):
        ids = [s for s in specs if s.table_id == table_id and s.model_id in models]
        if not ids:
            continue
        n_c = max(models[s.model_id].n_entities for s in ids)
        deps = ", ".join(f"{s.model_id}: {VARIABLE_LABELS[s.dep_var]}" for s in ids)
        n_text = ", ".join(f"{s.model_id} N = {models[s.model_id].n_obs}" for s in ids)
        out[table_id] = regression_table(
            [models[s.model_id] for s in ids],
            title=f"Table IO-R{i}. {title}",
            column_labels=[s.model_id for s in ids],
            term_labels=VARIABLE_LABELS,
            fe_labels={ENTITY: "Country FE", TIME: "Year FE"},
            entity_label="Countries",
            note_extra=(
                f"Dependent variables: {deps}. {n_text}. WIOD panel of {n_c} countries "
                f"(marts.io_country_year); sample: {rule.describe()}."
            ),
        )
    return out


# ------------------------------------------------------------------------------------------
# Comparison with the paper's abstract


def _coef(models: dict[str, PanelResult], model_id: str, term: str) -> tuple[float, float, str]:
    res = models.get(model_id)
    if res is None or term not in res.params.index:
        return np.nan, np.nan, ""
    p = float(res.pvalues[term])
    return float(res.params[term]), p, stars(p)


def _coef_text(models: dict[str, PanelResult], model_id: str, term: str) -> str:
    est, p, st = _coef(models, model_id, term)
    return f"{model_id} {VARIABLE_LABELS.get(term, term)}: {est:.4f}{st} (p = {p:.3f})"


def _verdict(flags: list[bool]) -> str:
    if flags and all(flags):
        return "consistent"
    if any(flags):
        return "partly consistent"
    return "not consistent"


def paper_claims(
    measures: pd.DataFrame,
    models: dict[str, PanelResult],
    iso3: str = CHINA,
) -> pd.DataFrame:
    """The abstract's findings, each with our evidence and a verdict generated from numbers."""
    rows = []
    n_panel = max((r.n_entities for r in models.values()), default=0)
    panel_text = f"WIOD panel of {n_panel} countries"
    c = measures[
        (measures["iso3"] == iso3)
        & (measures["source"] == ALL_PS)
        & (measures["target"] == ALL_MANUFACTURING)
    ]
    piv = c.pivot_table(index="year", columns=["measure", "origin"], values="value")
    years = sorted(piv.index)

    def compare(measure: str) -> tuple[list[bool], str]:
        if (measure, "domestic") not in piv.columns or (measure, "imported") not in piv.columns:
            return [], f"{measure}: n/a"
        d, m = piv[(measure, "domestic")], piv[(measure, "imported")]
        ok = (d > m).dropna()
        ratio = (d / m.where(m > 0)).dropna()
        text = (
            f"{measure.replace('_', ' ')}: domestic > imported in {int(ok.sum())} of {len(ok)} "
            f"years; domestic/imported {ratio.iloc[0]:.1f}× ({years[0]}) → "
            f"{ratio.iloc[-1]:.1f}× ({years[-1]})"
            if len(ratio)
            else f"{measure}: n/a"
        )
        return [bool(v) for v in ok], text

    f1, t1 = compare("forward_direct")
    f2, t2 = compare("forward_complete")
    b1, u1 = compare("backward_direct")
    b2, u2 = compare("backward_complete")
    rows.append(
        (
            "Forward driving effect of domestic PS on manufacturing far greater than that "
            "of foreign (imported) PS",
            f"{iso3}, as shares of each supply (methods.md §2): {t1}; {t2}. In US$, domestic "
            "PS deliveries to manufacturing exceed imported ones by the backward direct ratio "
            "(next row)",
            _verdict(f1 + f2 + b1),
        )
    )
    rows.append(
        (
            "Backward pull of manufacturing on domestic PS far greater than on imported PS",
            f"{iso3}: {u1}; {u2}",
            _verdict(b1 + b2),
        )
    )

    def positive_sig(pairs: list[tuple[str, str]]) -> tuple[list[bool], str]:
        flags, texts = [], []
        for model_id, term in pairs:
            est, p, _ = _coef(models, model_id, term)
            if np.isfinite(est):
                flags.append(bool(est > 0 and p < 0.10))
                texts.append(_coef_text(models, model_id, term))
        return flags, "; ".join(texts) or "n/a"

    g, gt = positive_sig(
        [
            ("(1)", "ps_imp_direct"),
            ("(2)", "ps_imp_complete"),
            ("(3)", "ps_imp_direct_l1"),
            ("(4)", "ps_imp_complete_l1"),
        ]
    )
    rows.append(
        (
            "Imported PS significantly promote manufacturing output growth",
            f"{panel_text}: {gt}",
            _verdict(g),
        )
    )
    u, ut = positive_sig(
        [
            ("(5)", "ps_imp_direct"),
            ("(6)", "ps_imp_complete"),
            ("(8)", "ps_imp_direct"),
            ("(9)", "ps_imp_complete"),
        ]
    )
    rows.append(
        (
            "Imported PS significantly promote technological upgrading",
            f"{panel_text}: {ut}",
            _verdict(u),
        )
    )
    k_est, _, _ = _coef(models, "(7)", "ps_imp_kibs_direct")
    o_est, _, _ = _coef(models, "(7)", "ps_imp_other_direct")
    q_flags = [bool(k_est > o_est)] if np.isfinite(k_est) and np.isfinite(o_est) else []
    rows.append(
        (
            "Higher-quality (knowledge-intensive) imported PS promote upgrading more",
            f"{_coef_text(models, '(7)', 'ps_imp_kibs_direct')} vs "
            f"{_coef_text(models, '(7)', 'ps_imp_other_direct')}",
            _verdict(q_flags),
        )
    )
    e, et = positive_sig([("(10)", "ln_mfg_output")])
    rows.append(
        (
            "Manufacturing output growth pulls the scale of PS imports",
            f"{panel_text}: {et}",
            _verdict(e),
        )
    )
    up, upt = positive_sig([("(12)", "hmht_share")])
    rows.append(
        (
            "Manufacturing upgrading pulls PS imports (abstract: their quality; tested here: "
            "their volume given output)",
            f"{panel_text}: {upt}",
            _verdict(up),
        )
    )

    last = years[-1] if years else None
    kibs = measures[
        (measures["iso3"] == iso3)
        & (measures["year"] == last)
        & measures["source"].isin(KNOWLEDGE_INTENSIVE)
        & (measures["origin"] == "imported")
        & (measures["measure"] == "backward_complete")
    ]
    by_tech = kibs.groupby("target")["value"].sum()
    if {"high", "low"} <= set(by_tech.index):
        vals = ", ".join(
            f"{TECH_LABELS[t]} {100 * by_tech[t]:.3f}" for t in TECH_CLASSES if t in by_tech.index
        )
        flags = [bool(by_tech["high"] > by_tech["low"])]
        text = f"{iso3} {last}, imported knowledge-intensive PS, complete coefficient (%): {vals}"
    else:
        flags, text = [], "n/a"
    rows.append(
        (
            "Higher-technology manufacturing pulls more high-technology PS imports",
            text,
            _verdict(flags),
        )
    )
    return pd.DataFrame(rows, columns=["claim", "ours", "verdict"])


def descriptives_table(
    descriptives: pd.DataFrame, rule: IOSampleRule, n_countries: int
) -> PublicationTable:
    return descriptive_table(
        descriptives,
        title="Table IO-D. Descriptive statistics of the regression variables",
        labels=VARIABLE_LABELS,
        note=(
            "Note: S.D. with n−1 denominator; percentages on a 0–100 scale; WIOD panel of "
            f"{n_countries} countries, {rule.first_year}–{rule.last_year}, all rows with the "
            "variable present."
        ),
    )


# ------------------------------------------------------------------------------------------
# The study


def run_io_study(
    links: pd.DataFrame,
    country_year: pd.DataFrame,
    industry_year: pd.DataFrame | None = None,
    rule: IOSampleRule | None = None,
    *,
    focus: str = CHINA,
) -> IOStudyResult:
    """Measures -> cross-check -> China and cross-country tables -> ten regressions -> claims."""
    rule = rule or IOSampleRule()
    _require(country_year, ("iso3", "year"), "marts.io_country_year")
    window = validate_links(links)
    window = window[window["year"].between(rule.first_year, rule.last_year)]
    if window.empty:
        raise IOStudyError(f"no link rows in {rule.first_year}–{rule.last_year}")
    measures = compute_measures(window)
    headline = headline_wide(measures)
    cy = country_year.copy()
    cy["year"] = cy["year"].astype(int)
    cy = cy[cy["year"].between(rule.first_year, rule.last_year)]
    checks = cross_check(headline, cy)
    notes: list[str] = [ROUNDING_CAVEAT]
    bad = checks[checks["n_mismatch"] > 0]
    if not bad.empty:
        notes.append(
            "WARNING: our GO-weighted measures differ from io_country_year for "
            + ", ".join(
                f"{r.column} ({r.n_mismatch} rows, max |diff| {r.max_abs_diff:.2e})"
                for r in bad.itertuples()
            )
        )
    if industry_year is not None and not industry_year.empty:
        notes += _industry_check(window, industry_year)

    focus_years_present = sorted(headline.loc[headline["iso3"] == focus, "year"].unique())
    if not focus_years_present:
        raise IOStudyError(f"no {focus} rows in marts.io_service_manufacturing_links")
    notes[0] += " " + rounding_note(window, focus)
    all_years = sorted(headline["year"].unique())
    years = list(range(min(all_years), max(all_years) + 1))
    china = china_yearly(headline, cy, years, focus)
    selected = select_years(focus_years_present, rule.selected_years)
    effects = china_effects(measures, selected, focus)
    cross_years = (min(all_years), max(all_years))
    cross = cross_country(headline, cross_years)

    panel_all = build_panel_variables(cy, measures)
    panel, accounting = apply_panel_rule(panel_all, rule)
    models, failures = fit_models(panel)
    notes += [f"Model {m} not estimated: {why}" for m, why in failures.items()]
    descriptives = descriptive_stats(
        panel, [v for v in REGRESSION_VARIABLES if not v.endswith("_l1")]
    )
    claims = paper_claims(measures, models, focus)

    tables: dict[str, PublicationTable] = {
        "io_china_yearly": china_yearly_table(china, focus),
        "io_forward_subgroup": effects_table(
            effects, dimension="subgroup", effect="forward", years=selected, iso3=focus, number="2"
        ),
        "io_backward_subgroup": effects_table(
            effects, dimension="subgroup", effect="backward", years=selected, iso3=focus, number="3"
        ),
        "io_forward_tech": effects_table(
            effects,
            dimension="tech_intensity",
            effect="forward",
            years=selected,
            iso3=focus,
            number="4",
        ),
        "io_backward_tech": effects_table(
            effects,
            dimension="tech_intensity",
            effect="backward",
            years=selected,
            iso3=focus,
            number="5",
        ),
        "io_tech_by_subgroup": tech_by_subgroup_table(measures, selected[-1], focus, "6"),
        "io_cross_country": cross_country_table(cross, cross_years, focus, "7"),
        "io_descriptives": descriptives_table(descriptives, rule, panel["iso3"].nunique()),
    }
    tables.update(regression_tables(REG_SPECS, models, rule))
    return IOStudyResult(
        rule=rule,
        measures=measures,
        headline=headline,
        checks=checks,
        china_yearly=china,
        china_effects=effects,
        cross_country=cross,
        panel=panel,
        accounting=accounting,
        descriptives=descriptives,
        models=models,
        specs=REG_SPECS,
        tables=tables,
        claims=claims,
        years=tuple(years),
        selected_years=selected,
        cross_years=cross_years,
        notes=notes,
        extras={"focus": focus, "model_failures": failures},
    )


def rounding_note(links: pd.DataFrame, iso3: str = CHINA) -> str:
    """How many of the focus country's imported sub-group × industry flows are 0 or tiny."""
    lk = links[(links["iso3"] == iso3) & (links["origin"] == "imported")]
    lk = lk[lk["manufacturing_output_musd"] > 0]
    parts = []
    for year in sorted({lk["year"].min(), lk["year"].max()}):
        flows = lk.loc[lk["year"] == year, "input_flow_musd"]
        parts.append(
            f"{year}: {int((flows == 0).sum())} of {len(flows)} zero and "
            f"{int(((flows > 0) & (flows < 5)).sum())} below US$ 5 million"
        )
    return (
        f"{iso3}'s imported producer-service inputs by sub-group × active manufacturing "
        f"industry — {'; '.join(parts)}."
    )


def _industry_check(links: pd.DataFrame, industry_year: pd.DataFrame) -> list[str]:
    """Manufacturing output in the links equals gross output in io_industry_year (per j)."""
    need = ("iso3", "year", "wiod_code", "gross_output_musd")
    if any(c not in industry_year.columns for c in need):
        return ["io_industry_year lacks columns for the output check; skipped."]
    lk = links.drop_duplicates(["iso3", "year", "wiod_code"])[
        ["iso3", "year", "wiod_code", "manufacturing_output_musd"]
    ]
    iy = industry_year[list(need)].copy()
    iy["year"] = iy["year"].astype(int)
    m = lk.merge(iy, on=["iso3", "year", "wiod_code"], how="left")
    diff = (m["manufacturing_output_musd"] - m["gross_output_musd"]).abs()
    n_bad = int((diff > 1e-6 * m["gross_output_musd"].abs() + 1e-9).sum() + diff.isna().sum())
    if n_bad:
        return [
            f"WARNING: manufacturing output in the links differs from io_industry_year "
            f"gross output in {n_bad} industry-years."
        ]
    return []


def store_frame(result: IOStudyResult) -> pd.DataFrame:
    """The measures persisted in analysis.io_measures: every measure of the focus country and
    the PS → all-manufacturing headline of every country (values unit-free, not %)."""
    m = result.measures
    focus = result.extras.get("focus", CHINA)
    keep = (m["iso3"] == focus) | ((m["source"] == ALL_PS) & (m["target"] == ALL_MANUFACTURING))
    return m.loc[keep].reset_index(drop=True)
