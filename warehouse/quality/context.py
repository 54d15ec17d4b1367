"""A Great Expectations context reused across the sources of one run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warehouse.quality._gx import ProgressBarsConfig, gx
from warehouse.quality.suites import build_suite
from warehouse.sources.base import Source

DATASOURCE = "warehouse"
BATCH_DEFINITION = "whole_frame"
#: Data Docs index, relative to the root directory of a file context.
DOCS_INDEX = Path("gx/uncommitted/data_docs/local_site/index.html")


@dataclass
class GateContext:
    """A GX data context (file-backed with Data Docs, or ephemeral) plus a pandas datasource."""

    context: Any  # great_expectations AbstractDataContext
    root_dir: Path | None = None

    @classmethod
    def create(cls, root_dir: Path | None = None) -> GateContext:
        """File context rooted at ``root_dir`` (``<root>/gx/``), or ephemeral if ``None``.

        Creating a context is slow (the ``great_expectations`` import dominates): create one per
        run and pass it to every :func:`~warehouse.quality.gate.run_gate` call.
        """
        if root_dir is None:
            context = gx.get_context(mode="ephemeral")
        else:
            root_dir = Path(root_dir).resolve()
            root_dir.mkdir(parents=True, exist_ok=True)
            context = gx.get_context(mode="file", project_root_dir=root_dir)
        # no tqdm bars on stderr for every metric batch
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        return cls(context=context, root_dir=root_dir)

    def validation_definition(self, source: Source) -> Any:
        """The (re)registered validation definition of ``source``'s current suite."""
        ctx = self.context
        try:
            datasource = ctx.data_sources.get(DATASOURCE)
        except KeyError:
            datasource = ctx.data_sources.add_pandas(DATASOURCE)
        try:
            asset = datasource.get_asset(source.name)
        except LookupError:
            asset = datasource.add_dataframe_asset(source.name)
        try:
            batch = asset.get_batch_definition(BATCH_DEFINITION)
        except KeyError:
            batch = asset.add_batch_definition_whole_dataframe(BATCH_DEFINITION)
        suite = ctx.suites.add_or_update(build_suite(source))
        return ctx.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=f"gate_{source.name}", data=batch, suite=suite)
        )

    @property
    def docs_index(self) -> Path | None:
        """Where Data Docs' ``index.html`` is written (``None`` for an ephemeral context)."""
        return None if self.root_dir is None else self.root_dir / DOCS_INDEX

    def build_docs(self) -> Path | None:
        """Render Data Docs for every stored validation; the index path, or ``None``."""
        if self.root_dir is None:
            return None
        self.context.build_data_docs()
        index = self.docs_index
        return index if index is not None and index.exists() else None
