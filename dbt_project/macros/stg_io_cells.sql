{#-
  The one staging shape of every input-output raw table (warehouse/sources/io_registry.py):
  one row per published cell, renamed to the warehouse vocabulary (country -> iso3) and cast;
  the value column is named after its unit (value_musd, value_cny_10k, value_10k_persons).
  No row is filtered or changed.
-#}
{% macro stg_io_cells(source_relation, value_column) -%}
with source_rows as (
    select * from {{ source_relation }}
),

renamed as (
    select
        cast(source_rows.source as varchar) as source_name,
        cast(source_rows.country as varchar) as iso3,
        cast(source_rows.year as integer) as year,
        cast(source_rows.origin as varchar) as origin,
        cast(source_rows.row_code as varchar) as row_code,
        cast(source_rows.column_code as varchar) as column_code,
        cast(source_rows.value as double) as {{ value_column }},
        cast(source_rows.unit as varchar) as unit,
        cast(source_rows.vintage as varchar) as vintage,
        cast(source_rows.file_name as varchar) as file_name,
        cast(source_rows.row_number as bigint) as source_row_number,
        cast(source_rows.load_id as varchar) as load_id
    from source_rows
)

select * from renamed
{%- endmacro %}
