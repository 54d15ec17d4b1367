"""Every registered source reader finds and reads the demo files without rejected cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from warehouse.demo import generate

sources = pytest.importorskip("warehouse.sources")


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("demo_sources") / "raw").out_dir


@pytest.mark.parametrize("name", sorted(getattr(sources, "SOURCES", {})))
def test_source_reads_demo_files_cleanly(demo_dir: Path, name: str) -> None:
    source = sources.SOURCES[name]
    files = source.find_files(demo_dir)
    assert files, f"{name} finds no demo file"
    result = source.read(files)
    assert len(result.frame) > 0
    assert len(result.rejected) == 0, result.rejected.head().to_string()
