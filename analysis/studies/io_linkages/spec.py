"""Seed-000 IO linkage study: constants, labels, the sample rule, the result and the error."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.io.groups import PRODUCER_SERVICE_SUBGROUPS
from analysis.panel import PanelResult
from analysis.tables import PublicationTable

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
