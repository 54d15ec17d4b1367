"""Seed 004: green total factor productivity (GTFP) of Chinese provinces and the
co-agglomeration of manufacturing and producer services.

Seed 004 (Zheng et al., green coordinated development of producer services and manufacturing
under the dual-carbon goals) measures GTFP with a super-efficiency DEA model (labour, capital,
energy in; value added good out, CO2 bad out), relates it to the co-agglomeration of the two
industries and simulates GDP-growth scenarios. The scores come from ``marts.green_tfp``
(super-SBM per year, global Malmquist–Luenberger links); this study summarises them by
structure group and region (G-1, G-2), regresses GTFP growth on co-agglomeration with two-way
fixed effects (G-3), states which inputs a country GTFP lacks (G-4) and tabulates the
``marts.scenarios`` projections (G-5).

Inputs (read-only): ``marts.green_tfp``, ``marts.province_panel``, ``marts.coagglomeration``,
``marts.coupling_coordination``, ``marts.scenarios`` and the column list of
``marts.country_panel``. Modules: :mod:`.spec` (constants, :class:`GreenTfpOptions`,
:class:`GreenTfpStudyResult`), :mod:`.data`, :mod:`.measures`, :mod:`.tables`,
:mod:`.caveats`, :mod:`.charts`, :mod:`.study` (:func:`run_green_tfp_study`).
"""

from __future__ import annotations

from analysis.studies.green_tfp.caveats import build_caveats
from analysis.studies.green_tfp.charts import (
    plot_paths,
    plot_ranked,
    plot_scenarios,
    write_charts,
)
from analysis.studies.green_tfp.data import GreenTfpInputs, load_inputs, province_lookup
from analysis.studies.green_tfp.measures import (
    country_input_status,
    geometric_mean,
    gml_links,
    group_summary,
    regression_frame,
    scenario_summary,
    structure_groups,
    structure_ratio,
)
from analysis.studies.green_tfp.spec import (
    CHART_PATHS,
    CHART_RANKED,
    CHART_SCENARIOS,
    MARTS,
    SECTION_TITLE,
    STUDY,
    TABLE_ORDER,
    GreenTfpOptions,
    GreenTfpStudyResult,
)
from analysis.studies.green_tfp.study import MODEL_SPECS, run_green_tfp_study

__all__ = [
    "CHART_PATHS",
    "CHART_RANKED",
    "CHART_SCENARIOS",
    "MARTS",
    "MODEL_SPECS",
    "SECTION_TITLE",
    "STUDY",
    "TABLE_ORDER",
    "GreenTfpInputs",
    "GreenTfpOptions",
    "GreenTfpStudyResult",
    "build_caveats",
    "country_input_status",
    "geometric_mean",
    "gml_links",
    "group_summary",
    "load_inputs",
    "plot_paths",
    "plot_ranked",
    "plot_scenarios",
    "province_lookup",
    "regression_frame",
    "run_green_tfp_study",
    "scenario_summary",
    "structure_groups",
    "structure_ratio",
    "write_charts",
]
