"""Is the dbt build current?  A fingerprint of the raw loads plus the dbt project sources.

fingerprint = sha256( sorted latest landed load_id per source  ||  every file under
dbt_project/{models,seeds,macros,tests} + dbt_project.yml, by path and content ).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from warehouse.db import connect_read_only, scalar, table_exists, writer
from warehouse.settings import DBT_PROJECT_DIR, Settings

_PROJECT_PARTS = ("models", "seeds", "macros", "tests", "dbt_project.yml", "profiles.yml")


def _project_digest() -> str:
    digest = hashlib.sha256()
    for part in _PROJECT_PARTS:
        root = DBT_PROJECT_DIR / part
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in paths:
            digest.update(str(path.relative_to(DBT_PROJECT_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(db_path: Path) -> str:
    """Fingerprint of what a dbt build would read now."""
    digest = hashlib.sha256(_project_digest().encode())
    if Path(db_path).exists():
        con = connect_read_only(db_path)
        try:
            if table_exists(con, "meta", "load_log"):
                rows = con.execute(
                    """
                    select source, max_by(load_id, finished_at)
                    from meta.load_log where status = 'landed' group by source order by source
                    """
                ).fetchall()
                digest.update(repr(rows).encode())
        finally:
            con.close()
    return digest.hexdigest()


def is_current(db_path: Path, fp: str) -> bool:
    """True when the last successful build had this fingerprint and the marts exist."""
    if not Path(db_path).exists():
        return False
    con = connect_read_only(db_path)
    try:
        if not (
            table_exists(con, "meta", "build_log") and table_exists(con, "marts", "country_panel")
        ):
            return False
        last = scalar(
            con, "select fingerprint from meta.build_log order by finished_at desc limit 1"
        )
        return last == fp
    finally:
        con.close()


def record(db_path: Path, fp: str) -> None:
    """Remember a successful build."""
    with writer(Path(db_path)) as con:
        con.execute(
            "insert into meta.build_log values (?, ?)", [fp, datetime.now(UTC).replace(tzinfo=None)]
        )


def build_needed(settings: Settings) -> bool:
    """Cheap forecast, before ingesting: will this run have to rebuild?

    False only when the warehouse exists, every source's files have the checksums of its last
    landed load and the last build used the current fingerprint (then the ingest lands nothing
    and the build is skipped).  Used to decide whether to start dbt's worker early.
    """
    from warehouse.landing import plan_source
    from warehouse.sources import SOURCES

    if not Path(settings.db_path).exists():
        return True
    con = connect_read_only(settings.db_path)
    try:
        raw = settings.resolved_raw_dir()
        if not all(plan_source(con, src, raw).unchanged for src in SOURCES.values()):
            return True
    finally:
        con.close()
    return not is_current(settings.db_path, fingerprint(settings.db_path))
