"""Constants, options and the result of the convergence-indices study (seeds 001, 004)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.studies.shared import REGION_COLOURS as REGION_COLOURS
from analysis.studies.shared import REGION_LABELS as REGION_LABELS
from analysis.studies.shared import REGIONS as REGIONS
from analysis.tables import PublicationTable

STUDY = "convergence_indices"
SECTION_TITLE = "Convergence of manufacturing and producer services (seeds 001, 004)"

COUPLING = "marts.coupling_coordination"
WEIGHTS = "marts.coupling_entropy_weights"
COAGGLOMERATION = "marts.coagglomeration"
TESTS = "marts.convergence_tests"
PROVINCE_PANEL = "marts.province_panel"
MARTS: tuple[str, ...] = (COUPLING, WEIGHTS, COAGGLOMERATION, TESTS, PROVINCE_PANEL)

#: columns each mart must carry (the contract of the dbt models); extra columns are ignored
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    COUPLING: (
        "unit_type",
        "unit_id",
        "year",
        "variant",
        "u1",
        "u2",
        "c",
        "t",
        "d",
        "band_rank",
        "band",
        "relative_development",
        "relative_development_label",
        "formula",
    ),
    WEIGHTS: ("variant", "subsystem", "indicator", "direction", "e_j", "w_j", "n", "n_input"),
    COAGGLOMERATION: (
        "unit_type",
        "unit_id",
        "year",
        "variant",
        "measure",
        "industry_pair",
        "service_group",
        "value",
        "n_units",
    ),
    TESTS: (
        "unit_type",
        "series",
        "test",
        "year",
        "n_units",
        "sigma",
        "coefficient",
        "std_error",
        "p_value",
        "se_type",
        "first_year",
        "last_year",
        "speed",
        "half_life_years",
        "status",
        "note",
    ),
    PROVINCE_PANEL: ("province_code", "year", "region"),
}

PROVINCE_VARIANTS: tuple[str, ...] = ("province_va", "province_employment")
COUNTRY_VARIANTS: tuple[str, ...] = ("wiod", "country_panel")
VARIANT_LABELS: dict[str, str] = {
    "province_va": "Provinces, value added (province_va)",
    "province_employment": "Provinces, employment (province_employment)",
    "wiod": "WIOD countries, production accounts (wiod)",
    "country_panel": "Countries, country panel (country_panel)",
    "wiod_va": "WIOD countries, value added (wiod_va)",
}
SUBSYSTEM_LABELS = {
    "manufacturing": "Manufacturing (U1)",
    "producer_services": "Producer services (U2)",
}
LAG_LABELS: dict[str, str] = {
    "synchronous": "synchronous",
    "producer_services_lagging": "PS lagging",
    "manufacturing_lagging": "mfg lagging",
}
FOCUS_COUNTRIES: tuple[str, ...] = ("CHN", "USA", "DEU", "JPN", "IND")
HEADLINE_PAIR = "manufacturing:producer_services"
EGK_SETS: dict[str, str] = {
    "china_provinces": "China provinces (employment)",
    "wiod_countries": "WIOD countries (value added)",
}
TEST_LABELS: dict[str, str] = {
    "sigma_trend": "σ trend: OLS slope of σ(ln y) on year (classical SE)",
    "beta_absolute": "β absolute: cross-section, growth on initial ln y (HC1 SE)",
    "beta_conditional": "β conditional: + region dummies (HC1 SE)",
    "beta_panel_fe": "β panel FE: Δln y on ln y(t−1), unit + year FE (CR1 SE by unit)",
}
SERIES_LABELS: dict[str, str] = {
    "coupling_d:province_va": "D, provinces (value added)",
    "coupling_d:province_employment": "D, provinces (employment)",
    "coupling_d:wiod": "D, WIOD countries",
    "coupling_d:country_panel": "D, country panel",
    "gdp_pc_usd": "GDP per capita (US$), countries",
    "manufacturing_labour_productivity": "Manufacturing labour productivity, provinces",
    "grp_pc_real_cny": "Real GRP per capita (base-year prices), provinces",
    "grp_per_capita": "GRP per capita, provinces (computed here from province_panel)",
}
#: the province-variant definitions of docs/indices.md, stated when the variant is present
VARIANT_DEFINITIONS: dict[str, str] = {
    "province_va": (
        "Producer services on the value-added side (province_va) are transport + trade + "
        "finance + real estate: value added of information services, leasing and business "
        "services and scientific research is not published by province, so the VA-based U2 "
        "understates knowledge-intensive producer services."
    ),
    "province_employment": (
        "The employment variant (province_employment) counts urban non-private units only and "
        "takes producer services as sections F G I J K L M (GB/T 4754-2011); its "
        "VA-per-worker indicator uses the four branches with published VA (F G J K)."
    ),
    "country_panel": (
        "The country_panel variant has no domestic producer-service output: producer services "
        "are proxied by imported services, so it measures access to foreign services."
    ),
}

CHART_RANKED = "figures/conv_d_ranked_provinces.png"
CHART_PATHS = "figures/conv_d_regional_paths.png"
CHART_SIGMA = "figures/conv_sigma.png"

#: table keys (= file stems) in report order; ``conv_c2_bands_full`` is written as CSV only
TABLE_ORDER: tuple[str, ...] = (
    "conv_c1_d_province_va",
    "conv_c1_d_province_employment",
    "conv_c2_bands_summary",
    "conv_c3_entropy_weights",
    "conv_c4_ca_regions",
    "conv_c4_egk",
    "conv_c5_sigma_beta",
    "conv_c6_countries",
)
CSV_ONLY: tuple[str, ...] = ("conv_c2_bands_full",)


@dataclass(frozen=True)
class ConvergenceOptions:
    """Choices of the study.

    ``selected_years``: years of Tables C-1/C-2/C-4 — ``None`` (first, middle and last year
    available per variant), a sequence (the same years for every variant, kept where
    available) or a mapping variant -> years. ``focus_countries``: rows of Table C-6.
    ``ranking_variant``: province variant of the ranked-bar chart and the narrative.
    """

    selected_years: Sequence[int] | Mapping[str, Sequence[int]] | None = None
    focus_countries: tuple[str, ...] = FOCUS_COUNTRIES
    ranking_variant: str = "province_va"
    headline_pair: str = HEADLINE_PAIR

    def years_for(self, variant: str, available: Sequence[int]) -> tuple[int, ...]:
        years = sorted({int(y) for y in available})
        if not years:
            return ()
        wanted = self.selected_years
        if isinstance(wanted, Mapping):
            wanted = wanted.get(variant)
        if wanted is None:
            picks = [years[0], years[(len(years) - 1) // 2], years[-1]]
        else:
            picks = [int(y) for y in wanted if int(y) in years]
        return tuple(sorted(set(picks)))


@dataclass
class ConvergenceStudyResult:
    """Everything the report section needs.

    ``tables``: publication tables by key (file stem); ``csv_tables``: tables written as CSV
    only (the full province × year band table); ``frames``: the data behind tables and charts
    (``coupling`` with province names and regions, ``regional_means``, ``sigma``, …);
    ``selected_years``: years of the year-column tables per variant; ``caveats``: plain
    sentences from the data; ``unavailable``: part -> why it could not be built.
    """

    source: str
    tables: dict[str, PublicationTable]
    csv_tables: dict[str, PublicationTable]
    frames: dict[str, pd.DataFrame]
    selected_years: dict[str, tuple[int, ...]]
    caveats: list[str]
    unavailable: dict[str, str]
    options: ConvergenceOptions = field(default_factory=ConvergenceOptions)
    mart_rows: dict[str, int | None] = field(default_factory=dict)

    def unavailable_lines(self) -> list[str]:
        return [f"{part}: {why}" for part, why in self.unavailable.items()]

    def write_charts(self, report_dir: str | Path) -> dict[str, Path]:
        from analysis.studies.convergence_indices.charts import write_charts

        return write_charts(self, report_dir)
