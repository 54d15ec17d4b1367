"""Quality gate: Great Expectations suites per source, run on a reader's frame before landing.

Public API: :func:`build_suite`, :func:`run_gate`, :class:`GateContext`, :class:`GateResult`,
:class:`GateFailure`, :func:`format_failure_line`. Importing ``great_expectations`` takes
seconds, so the names are loaded lazily on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from warehouse.quality.context import GateContext
    from warehouse.quality.gate import GateFailure, GateResult, format_failure_line, run_gate
    from warehouse.quality.suites import EXTRAS, build_suite

_WHERE = {
    "GateContext": "context",
    "GateFailure": "gate",
    "GateResult": "gate",
    "format_failure_line": "gate",
    "run_gate": "gate",
    "EXTRAS": "suites",
    "build_suite": "suites",
}

__all__ = [
    "EXTRAS",
    "GateContext",
    "GateFailure",
    "GateResult",
    "build_suite",
    "format_failure_line",
    "run_gate",
]


def preload() -> None:
    """Import Great Expectations now (e.g. in a background thread while other work waits)."""
    import_module(f"{__name__}.gate")
    import_module(f"{__name__}.context")


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
