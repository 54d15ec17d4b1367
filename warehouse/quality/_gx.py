"""Single import point for Great Expectations (analytics off before the first import)."""

from __future__ import annotations

import os

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import great_expectations as gx
import great_expectations.expectations as gxe
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.expectations.row_conditions import Column

__all__ = ["Column", "ProgressBarsConfig", "gx", "gxe"]
