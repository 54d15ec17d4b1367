"""Constants, options and the result of the green-TFP study (seed 004)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.studies.shared import REGION_COLOURS as REGION_COLOURS
from analysis.studies.shared import REGION_LABELS as REGION_LABELS
from analysis.studies.shared import REGIONS as REGIONS
from analysis.tables import PublicationTable

STUDY = "green_tfp"
SECTION_TITLE = "Green total factor productivity and co-agglomeration (seed 004)"

GREEN_TFP = "marts.green_tfp"
PROVINCE_PANEL = "marts.province_panel"
COAGGLOMERATION = "marts.coagglomeration"
COUPLING = "marts.coupling_coordination"
SCENARIOS = "marts.scenarios"
COUNTRY_PANEL = "marts.country_panel"
#: marts read as whole tables; ``marts.country_panel`` is only inspected (its column list)
MARTS: tuple[str, ...] = (GREEN_TFP, PROVINCE_PANEL, COAGGLOMERATION, COUPLING, SCENARIOS)

#: columns each mart must carry (the contract of the dbt models); extra columns are ignored
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    GREEN_TFP: (
        "province_code",
        "region",
        "year",
        "super_sbm_score",
        "gml_index",
        "is_scored",
        "is_partial_frontier",
    ),
    PROVINCE_PANEL: ("province_code", "year", "region"),
    COAGGLOMERATION: (
        "unit_type",
        "unit_id",
        "year",
        "variant",
        "measure",
        "industry_pair",
        "value",
    ),
    COUPLING: ("unit_type", "unit_id", "year", "variant", "d"),
    SCENARIOS: ("scenario", "year", "unit_type", "unit_id", "variable", "value", "is_projection"),
}

#: optional columns of marts.green_tfp (added by the DEA model when the labour input is
#: estimated for some province-years); the study works with or without them
LABOUR_COLUMN = "labour_10k"
LABOUR_SOURCE_COLUMN = "labour_source"
OBSERVED_LABOUR = "observed"

NATIONAL = "national"
NATIONAL_LABEL = "All scored provinces"
MANUFACTURING_HEAVY = "manufacturing_heavy"
SERVICE_HEAVY = "service_heavy"
GROUP_LABELS: dict[str, str] = {
    MANUFACTURING_HEAVY: "Manufacturing-heavy",
    SERVICE_HEAVY: "Service-heavy",
}

HEADLINE_PAIR = "manufacturing:producer_services"
CA_VARIANT = "province_employment"
COUPLING_VARIANT = "province_va"
DEFAULT_PERIODS: tuple[tuple[int, int], ...] = ((2004, 2007), (2008, 2012), (2013, 2019))

#: producer-service branches with published provincial VA (sum used when the panel has no
#: ``va_producer_services_cny_100m``)
PS_BRANCHES: tuple[str, ...] = (
    "va_transport_cny_100m",
    "va_trade_cny_100m",
    "va_finance_cny_100m",
    "va_real_estate_cny_100m",
)

#: scenario variables of Table G-5 (national unit), in column order
SCENARIO_VARIABLES: dict[str, str] = {
    "va_industry_real": "VA industry (manufacturing proxy), CNY 100m, 2000 prices",
    "va_producer_services_real": "VA producer services, CNY 100m, 2000 prices",
    "energy": "Energy, 10k tce",
    "co2": "CO2, Mt",
}
#: chart titles (ASCII units: the default matplotlib font has no CJK glyphs)
SCENARIO_CHART_TITLES: dict[str, str] = {
    "va_industry_real": "VA industry (manufacturing proxy), CNY 100m, 2000 prices",
    "va_producer_services_real": "VA producer services, CNY 100m, 2000 prices",
    "energy": "Energy, 10k t standard coal equivalent",
    "co2": "CO2, Mt",
}
SCENARIO_SHORT: dict[str, str] = {
    "va_industry_real": "VA industry",
    "va_producer_services_real": "VA producer services",
    "energy": "Energy",
    "co2": "CO2",
}
BASELINE_SCENARIO = "baseline"
NATIONAL_SCENARIO_UNIT = "national"

#: inputs a country green TFP needs: key -> (label, role, column pattern, publisher series)
COUNTRY_INPUTS: dict[str, tuple[str, str, str, str]] = {
    "capital": (
        "Capital stock",
        "input",
        r"capital_stock|^rnna|^rkna|^cn_|capital_services",
        "Penn World Table rnna (capital stock at constant 2017 national prices)",
    ),
    "labour": (
        "Employment (labour)",
        "input",
        r"^emp|employ|labou?r|workers|persons_engaged",
        "Penn World Table emp (persons engaged) or ILO/WDI SL.TLF.TOTL.IN",
    ),
    "energy": (
        "Energy use",
        "input",
        r"energy|^eg_|_toe|_tce",
        "WDI EG.USE.PCAP.KG.OE (kg of oil equivalent per capita) × SP.POP.TOTL, or IEA balances",
    ),
    "co2": (
        "CO2 emissions",
        "bad output",
        r"co2|carbon|emission|ghg",
        "WDI EN.ATM.CO2E.KT or EDGAR (JRC) fossil CO2 by country",
    ),
    "real_output": (
        "Real GDP (constant prices)",
        "good output",
        r"^(gdp|rgdp)\w*(_kd|_real|const|_ppp|rgdpo|rgdpna)|^rgdp",
        "WDI NY.GDP.MKTP.KD (constant 2015 US$) or PWT rgdpna",
    ),
}
#: country_panel columns that are related but do not qualify (stated beside the status)
COUNTRY_RELATED: dict[str, str] = {
    "gdp_usd": "GDP in current US$ (nominal; real output needs constant prices)",
    "gdp_pc_usd": "GDP per capita in current US$ (nominal)",
    "gfcf_pct_gdp": "GFCF in % of GDP (an investment flow; a stock needs a PIM and deflators)",
    "population": "population (not employment)",
}

CHART_RANKED = "figures/gtfp_ranked_provinces.png"
CHART_PATHS = "figures/gtfp_regional_cumulative_gml.png"
CHART_SCENARIOS = "figures/gtfp_scenarios.png"

#: table keys (= file stems) in report order
TABLE_ORDER: tuple[str, ...] = (
    "gtfp_g1_groups",
    "gtfp_g2_provinces",
    "gtfp_g3_regression",
    "gtfp_g4_country_inputs",
    "gtfp_g5_scenarios",
)


@dataclass(frozen=True)
class GreenTfpOptions:
    """Choices of the study.

    ``periods``: sub-periods (first, last year, inclusive) of Table G-1; only periods with
    data are shown, and the whole scored period is always added. ``structure_cutoff``:
    ``"median"`` (default) or ``"mean"`` of R_p over provinces, or a number; a province is
    service-heavy when R_p ≥ cutoff (R_p = mean over its scored years of producer-services VA /
    industry VA, nominal). ``exclude_partial_frontier``: leave years whose frontier has fewer
    DMUs than the fullest year out of the score summaries (their scores are not comparable).
    ``ca_variant`` / ``coupling_variant`` / ``headline_pair``: the co-agglomeration and
    coupling series of Table G-3.
    """

    periods: tuple[tuple[int, int], ...] = DEFAULT_PERIODS
    structure_cutoff: str | float = "median"
    exclude_partial_frontier: bool = True
    ca_variant: str = CA_VARIANT
    coupling_variant: str = COUPLING_VARIANT
    headline_pair: str = HEADLINE_PAIR

    def describe_structure_rule(self) -> str:
        cutoff = self.structure_cutoff
        what = (
            f"the {cutoff} of R_p over the scored provinces"
            if isinstance(cutoff, str)
            else f"{float(cutoff):g}"
        )
        return (
            "R_p = mean over the province's scored years of producer-services VA / industry VA "
            f"(nominal, province_panel); service-heavy if R_p ≥ {what}, else "
            "manufacturing-heavy"
        )


@dataclass
class GreenTfpStudyResult:
    """Everything the report section needs.

    ``tables``: publication tables by key (file stem); ``frames``: the data behind tables and
    charts (``scores``, ``structure``, ``group_summary``, ``provinces``, ``regression_frame``,
    ``coefficients``, ``country_inputs``, ``scenarios``, ``scenario_summary``, ``paths``);
    ``models``: fitted :class:`analysis.panel.PanelResult` by column label; ``defaults``:
    the DEA defaults read from the mart (model, rts, frontiers, inputs and outputs);
    ``caveats``: plain sentences from the data; ``unavailable``: part -> why it could not be
    built.
    """

    source: str
    tables: dict[str, PublicationTable]
    frames: dict[str, pd.DataFrame]
    caveats: list[str]
    unavailable: dict[str, str]
    options: GreenTfpOptions = field(default_factory=GreenTfpOptions)
    models: dict[str, object] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    mart_rows: dict[str, int | None] = field(default_factory=dict)

    def unavailable_lines(self) -> list[str]:
        return [f"{part}: {why}" for part, why in self.unavailable.items()]

    def write_charts(self, report_dir: str | Path) -> dict[str, Path]:
        from analysis.studies.green_tfp.charts import write_charts

        return write_charts(self, report_dir)
