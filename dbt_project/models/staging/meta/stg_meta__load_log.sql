with source_rows as (
    select * from {{ source('meta', 'load_log') }}
),

renamed as (
    select
        cast(source_rows.load_id as varchar) as load_id,
        cast(source_rows.run_id as varchar) as run_id,
        cast(source_rows.source as varchar) as source_name,
        cast(source_rows.path as varchar) as file_path,
        cast(source_rows.file_name as varchar) as file_name,
        cast(source_rows.sha256 as varchar) as sha256,
        cast(source_rows.bytes as bigint) as file_bytes,
        cast(source_rows.rows_read as bigint) as rows_read,
        cast(source_rows.rows_landed as bigint) as rows_landed,
        cast(source_rows.rows_rejected as bigint) as rows_rejected,
        cast(source_rows.vintage as varchar) as vintage,
        cast(source_rows.started_at as timestamp) as started_at,
        cast(source_rows.finished_at as timestamp) as finished_at,
        cast(source_rows.status as varchar) as load_status,
        cast(source_rows.gate_success as boolean) as gate_success,
        cast(source_rows.message as varchar) as message
    from source_rows
)

select * from renamed
