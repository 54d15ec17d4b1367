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
            out["Sources: latest check and last good load"] = con.sql(
                """
                with latest_load as (
                    select
                        source,
                        max_by(load_id, finished_at) as load_id,
                        max(finished_at) as last_checked
                    from meta.load_log
                    group by source
                ),

                latest as (  -- a load whose files ended differently is 'partial'
                    select
                        source,
                        any_value(latest_load.last_checked) as last_checked,
                        case when count(distinct log.status) > 1 then 'partial'
                            else any_value(log.status) end as last_status,
                        string_agg(distinct log.message, ' | ') as message
                    from meta.load_log as log
                    inner join latest_load using (source, load_id)
                    group by source
                ),

                last_landed as (
                    select source, max_by(load_id, finished_at) as load_id
                    from meta.load_log
                    where status = 'landed'
                    group by source
                ),

                landed as (
                    select
                        log.source,
                        count(log.file_name) as files,
                        sum(log.rows_landed) as rows_landed,
                        sum(log.rows_rejected) as rows_rejected,
                        bool_and(log.gate_success) as gate_passed,
                        max(log.finished_at) as landed_at
                    from meta.load_log as log
                    inner join last_landed using (source, load_id)
                    group by log.source
                )

                select
                    latest.source,
                    latest.last_status,
                    strftime(latest.last_checked, '%Y-%m-%d %H:%M') as last_checked_utc,
                    landed.files,
                    landed.rows_landed,
                    landed.rows_rejected,
                    landed.gate_passed,
                    strftime(landed.landed_at, '%Y-%m-%d %H:%M') as landed_utc,
                    case when latest.last_status in ('failed', 'quarantined', 'partial')
                        then left(latest.message, 100) end as problem
                from latest
                left join landed using (source)
                order by latest.source
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
