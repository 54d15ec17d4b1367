"""What ``convergence status`` shows: last load per source, gate outcomes, mart row counts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from warehouse.db import connect_read_only, scalar, table_exists


def warehouse_status(db_path: Path) -> dict[str, pd.DataFrame]:
    """Three small tables, read-only."""
    con = connect_read_only(db_path)
    try:
        out: dict[str, pd.DataFrame] = {}
        if table_exists(con, "meta", "load_log"):
            out["Last load per source"] = con.sql(
                """
                with last as (
                    select source, max(finished_at) as finished_at
                    from meta.load_log group by source
                )
                select l.source,
                       any_value(l.status) as status,
                       count(l.file_name) as files,
                       sum(l.rows_landed) as rows_landed,
                       sum(l.rows_rejected) as rows_rejected,
                       any_value(l.gate_success) as gate_passed,
                       strftime(max(l.finished_at), '%Y-%m-%d %H:%M:%S') as finished_utc,
                       any_value(left(l.message, 80)) as message
                from meta.load_log as l
                inner join last as t
                    on l.source = t.source and l.finished_at = t.finished_at
                group by l.source order by l.source
                """
            ).df()
        if table_exists(con, "meta", "gate_results"):
            out["Gate outcomes of the latest run"] = con.sql(
                """
                select source,
                       count(*) as expectations,
                       count(*) filter (where success) as passed,
                       count(*) filter (where not success) as failed,
                       string_agg(case when not success then expectation end, ', ') as failing
                from meta.gate_results
                where run_id = (select max(run_id) from meta.gate_results)
                group by source order by source
                """
            ).df()
        marts = con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' "
            "order by table_name"
        ).fetchall()
        counts = [(name, scalar(con, f'select count(*) from marts."{name}"')) for (name,) in marts]
        out["Marts"] = pd.DataFrame(counts, columns=["mart", "rows"])
        if table_exists(con, "analysis", "regression_fits"):
            out["Latest analysis run"] = con.sql(
                """
                select run_id, table_id, model_id, n_obs, n_entities
                from analysis.regression_fits
                where run_id = (select max(run_id) from analysis.regression_fits)
                order by table_id, model_id
                """
            ).df()
        return out
    finally:
        con.close()
