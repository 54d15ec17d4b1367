{#-
  The one staging shape of every long raw table (docs/contracts.md): renames the publisher
  columns to the warehouse vocabulary and casts them; no row is filtered or changed.
-#}
{% macro stg_long_observations(source_relation) -%}
with source_rows as (
    select * from {{ source_relation }}
),

renamed as (
    select
        cast(source_rows.source as varchar) as source_name,
        cast(source_rows.indicator_code as varchar) as publisher_indicator_code,
        cast(source_rows.indicator_name as varchar) as publisher_indicator_name,
        cast(source_rows.unit as varchar) as unit,
        cast(source_rows.entity_code as varchar) as publisher_entity_code,
        cast(source_rows.entity_name as varchar) as publisher_entity_name,
        cast(source_rows.year as integer) as year,
        cast(source_rows.value as double) as value,
        cast(source_rows.vintage as varchar) as vintage,
        cast(source_rows.file_name as varchar) as file_name,
        cast(source_rows.row_number as bigint) as source_row_number,
        cast(source_rows.load_id as varchar) as load_id
    from source_rows
)

select * from renamed
{%- endmacro %}
