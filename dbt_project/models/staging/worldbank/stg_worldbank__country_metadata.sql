with source_rows as (
    select * from {{ source('worldbank', 'wb_country_metadata') }}
),

renamed as (
    select
        cast(source_rows.country_code as varchar) as wb_country_code,
        cast(source_rows.table_name as varchar) as wb_country_name,
        cast(source_rows.region as varchar) as wb_region,
        cast(source_rows.income_group as varchar) as wb_income_group,
        cast(source_rows.special_notes as varchar) as wb_special_notes,
        cast(source_rows.vintage as varchar) as vintage,
        cast(source_rows.file_name as varchar) as file_name,
        cast(source_rows.row_number as bigint) as source_row_number,
        cast(source_rows.load_id as varchar) as load_id
    from source_rows
)

select * from renamed
