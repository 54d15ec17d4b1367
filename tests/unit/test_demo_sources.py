"""Every registered source reader finds and reads the demo files without rejected cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from warehouse.demo import generate
from warehouse.sources import SOURCES


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("demo_sources") / "raw").out_dir


def test_demo_covers_every_registered_source() -> None:
    assert len(SOURCES) == 14  # the parametrised test below then runs once per source


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_source_reads_demo_files_cleanly(demo_dir: Path, name: str) -> None:
    source = SOURCES[name]
    files = source.find_files(demo_dir)
    if source.optional:  # a format users may supply (the full WIOT): not in the demo
        assert not files
        return
    assert files, f"{name} finds no demo file"
    result = source.read(files)
    assert len(result.frame) > 0
    assert len(result.rejected) == 0, result.rejected.head().to_string()
    assert not result.file_errors
    assert not [f for f in result.findings if f.severity == "error"]
