"""Input-output computations on plain arrays / labelled frames (methods.md §2).

Modules: ``coefficients`` (A, L, B, Am·Ld, H, G), ``linkages`` (Rasmussen BL/FL over active
industries), ``intensity`` (group intensities, servitisation, forward driving / backward
pulling), ``groups`` (WIOD56 codes and industry groups), ``table`` (``CountryYearIO``).
"""

from analysis.io.coefficients import (
    active_mask,
    allocation_coefficients,
    complete_consumption,
    complete_imported_coefficients,
    complete_imported_distribution,
    ghosh_inverse,
    ghosh_output,
    input_coefficients,
    leontief_inverse,
    leontief_output,
)
from analysis.io.groups import (
    CHINA_ZERO_OUTPUT,
    MANUFACTURING,
    PRODUCER_SERVICE_SUBGROUPS,
    PRODUCER_SERVICES,
    WIOD56,
)
from analysis.io.intensity import backward_pulling, forward_driving, group_intensity, servitisation
from analysis.io.linkages import backward_linkage, forward_linkage_ghosh, forward_linkage_leontief
from analysis.io.table import MATRICES, CountryYearIO

__all__ = [
    "CHINA_ZERO_OUTPUT",
    "MANUFACTURING",
    "MATRICES",
    "PRODUCER_SERVICES",
    "PRODUCER_SERVICE_SUBGROUPS",
    "WIOD56",
    "CountryYearIO",
    "active_mask",
    "allocation_coefficients",
    "backward_linkage",
    "backward_pulling",
    "complete_consumption",
    "complete_imported_coefficients",
    "complete_imported_distribution",
    "forward_driving",
    "forward_linkage_ghosh",
    "forward_linkage_leontief",
    "ghosh_inverse",
    "ghosh_output",
    "group_intensity",
    "input_coefficients",
    "leontief_inverse",
    "leontief_output",
    "servitisation",
]
