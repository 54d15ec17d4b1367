"""One-line, human descriptions of GX expectation results."""

from __future__ import annotations

from typing import Any

import pandas as pd

MAX_EXAMPLES = 3


def columns_of(config: Any) -> tuple[str, ...]:
    """Column(s) an expectation is about (empty for table-level expectations)."""
    kwargs = config.kwargs
    if "column" in kwargs:
        return (kwargs["column"],)
    return tuple(kwargs.get("column_list") or ())


def describe(outcome: Any, frame: pd.DataFrame | None = None) -> str:
    """One line saying what ``outcome`` (an ExpectationValidationResult) found."""
    config = outcome.expectation_config
    kind, kwargs, result = config.type, config.kwargs, outcome.result or {}
    error = _exception_message(outcome.exception_info)
    if error:
        return f"expectation raised: {error}"
    scope = _scope(kwargs)
    if kind == "expect_table_row_count_to_be_between":
        bounds = _bounds(kwargs.get("min_value"), kwargs.get("max_value"))
        verdict = "within" if outcome.success else "outside"
        return f"row count {result.get('observed_value')} {verdict} {bounds}"
    if kind == "expect_table_columns_to_match_set":
        missing = result.get("details", {}).get("mismatched", {}).get("missing", [])
        return f"missing columns: {missing}" if missing else "all expected columns present"
    count = int(result.get("unexpected_count") or 0)
    total = result.get("element_count")
    if outcome.success:
        return f"ok: {total} rows checked{scope}"
    where = _first_location(result, frame)
    if kind in ("expect_compound_columns_to_be_unique", "expect_column_values_to_be_unique"):
        cols = ", ".join(columns_of(config))
        return f"{count} rows with duplicate keys on ({cols}), e.g. {_examples(result)}{where}"
    if kind == "expect_column_values_to_not_be_null":
        return f"{count} null values in {kwargs['column']}{where}"
    if kind == "expect_column_values_to_be_between":
        bounds = _bounds(kwargs.get("min_value"), kwargs.get("max_value"))
        head = f"{kwargs['column']} outside {bounds}{scope}"
        return f"{head}: {count} rows, e.g. {_examples(result)}{where}"
    if kind == "expect_column_values_to_be_in_set":
        head = f"{kwargs['column']} not in {_short(kwargs.get('value_set'))}"
        return f"{head}: {count} rows, e.g. {_examples(result)}{where}"
    return f"{count} unexpected rows, e.g. {_examples(result)}{where}"


def _exception_message(info: Any) -> str | None:
    """The first exception message in GX's (possibly per-metric nested) ``exception_info``."""
    if not isinstance(info, dict):
        return None
    if "raised_exception" in info:
        if info.get("raised_exception"):
            return str(info.get("exception_message") or "unknown error").splitlines()[0]
        return None
    for nested in info.values():
        message = _exception_message(nested)
        if message:
            return message
    return None


def _scope(kwargs: dict[str, Any]) -> str:
    condition = kwargs.get("row_condition")
    return f" where {_condition_text(condition)}" if condition else ""


def _condition_text(condition: Any) -> str:
    """``indicator_code IN {'vae', 'pve', ...}`` for a (serialised) GX row condition."""
    if hasattr(condition, "dict"):
        condition = condition.dict()
    if isinstance(condition, dict) and {"column", "operator"} <= set(condition):
        column = condition["column"]
        name = column.get("name") if isinstance(column, dict) else column
        parameter = condition.get("parameter")
        shown = _short(parameter, 4) if isinstance(parameter, list) else repr(parameter)
        return f"{name} {condition['operator']} {shown}"
    text = str(condition)
    return text if len(text) <= 80 else text[:77] + "..."


def _num(value: Any) -> Any:
    """``1950.0`` -> ``1950`` (GX stores bounds as floats)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _bounds(low: Any, high: Any) -> str:
    low, high = _num(low), _num(high)
    if low is None:
        return f"<= {high}"
    if high is None:
        return f">= {low}"
    return f"{low}..{high}"


def _short(values: Any, limit: int = 6) -> str:
    values = list(values or [])
    shown = ", ".join(repr(v) for v in values[:limit])
    return "{" + shown + (", ..." if len(values) > limit else "") + "}"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(_plain(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return tuple(_plain(v) for v in value)
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return None if value is pd.NA else value


def _examples(result: dict[str, Any]) -> str:
    """Distinct unexpected values (most frequent first), e.g. ``2099, 2100``."""
    counts = result.get("partial_unexpected_counts") or []
    values = [c["value"] for c in counts] or list(result.get("partial_unexpected_list") or [])
    seen: list[Any] = []
    for value in map(_plain, values):
        if value not in seen:
            seen.append(value)
    return ", ".join(repr(v) for v in seen[:MAX_EXAMPLES]) or "?"


def _first_location(result: dict[str, Any], frame: pd.DataFrame | None) -> str:
    """`` (first at <file> row <n>)`` for the first unexpected row, when it can be located."""
    indexes = result.get("partial_unexpected_index_list") or []
    if frame is None or not indexes or not {"file_name", "row_number"} <= set(frame.columns):
        return ""
    index = indexes[0]
    if isinstance(index, dict):  # with unexpected_index_column_names GX returns dicts
        return ""
    try:
        row = frame.loc[index]
    except KeyError:
        return ""
    if isinstance(row, pd.DataFrame):  # non-unique index
        row = row.iloc[0]
    return f" (first at {row['file_name']} row {row['row_number']})"
