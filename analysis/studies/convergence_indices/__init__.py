"""Seeds 001 and 004: coupling coordination, co-agglomeration and σ/β convergence of
manufacturing and producer services (China provinces; WIOD and country-panel countries).

Seed 001 (Liang & Luo, "High-quality Development Paths of Manufacturing Industry Based on
Industrial Convergence") studies the convergence level of China's manufacturing and producer
services; seed 004 (Zheng et al., green coordinated development under dual carbon) uses the
coupling coordination model and the co-agglomeration of the two industries across provinces and
regions (east > central > west in the literature it cites).

Inputs (read-only): ``marts.coupling_coordination``, ``marts.coupling_entropy_weights``,
``marts.coagglomeration``, ``marts.convergence_tests`` and ``marts.province_panel`` (names,
regions, flags, GRP per capita). Semantics: ``docs/indices.md``. Modules: :mod:`.spec`
(constants, :class:`ConvergenceOptions`, :class:`ConvergenceStudyResult`), :mod:`.data`
(loading), :mod:`.measures` (regional means, bands, GRP per capita), :mod:`.tables` (C-1 …
C-6), :mod:`.caveats`, :mod:`.charts`, :mod:`.study` (:func:`run_convergence_study`).
"""

from __future__ import annotations

from analysis.studies.convergence_indices.caveats import build_caveats
from analysis.studies.convergence_indices.charts import (
    plot_paths,
    plot_ranked,
    plot_sigma,
    ranking_variant,
    write_charts,
)
from analysis.studies.convergence_indices.data import (
    ConvergenceInputs,
    load_inputs,
    province_lookup,
)
from analysis.studies.convergence_indices.measures import (
    NATIONAL,
    band_counts,
    grp_per_capita,
    province_coupling,
    regional_means,
)
from analysis.studies.convergence_indices.spec import (
    CHART_PATHS,
    CHART_RANKED,
    CHART_SIGMA,
    CSV_ONLY,
    MARTS,
    SECTION_TITLE,
    STUDY,
    TABLE_ORDER,
    ConvergenceOptions,
    ConvergenceStudyResult,
)
from analysis.studies.convergence_indices.study import run_convergence_study

__all__ = [
    "CHART_PATHS",
    "CHART_RANKED",
    "CHART_SIGMA",
    "CSV_ONLY",
    "MARTS",
    "NATIONAL",
    "SECTION_TITLE",
    "STUDY",
    "TABLE_ORDER",
    "ConvergenceInputs",
    "ConvergenceOptions",
    "ConvergenceStudyResult",
    "band_counts",
    "build_caveats",
    "grp_per_capita",
    "load_inputs",
    "plot_paths",
    "plot_ranked",
    "plot_sigma",
    "province_coupling",
    "province_lookup",
    "ranking_variant",
    "regional_means",
    "run_convergence_study",
    "write_charts",
]
