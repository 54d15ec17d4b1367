with source_rows as (
    select * from {{ source('unsd', 'un_m49') }}
),

renamed as (
    select
        cast(source_rows.m49_code as varchar) as m49_code,
        cast(source_rows.iso_alpha3_code as varchar) as iso3,
        cast(source_rows.country_or_area as varchar) as m49_country_name,
        cast(source_rows.region_code as varchar) as m49_region_code,
        cast(source_rows.region_name as varchar) as m49_region_name,
        cast(source_rows.sub_region_code as varchar) as m49_sub_region_code,
        cast(source_rows.sub_region_name as varchar) as m49_sub_region_name,
        cast(source_rows.intermediate_region_code as varchar) as m49_intermediate_region_code,
        cast(source_rows.intermediate_region_name as varchar) as m49_intermediate_region_name,
        cast(source_rows.is_ldc as boolean) as is_ldc,
        cast(source_rows.is_lldc as boolean) as is_lldc,
        cast(source_rows.is_sids as boolean) as is_sids,
        cast(source_rows.developed_developing as varchar) as developed_developing,
        cast(source_rows.vintage as varchar) as vintage,
        cast(source_rows.file_name as varchar) as file_name,
        cast(source_rows.row_number as bigint) as source_row_number,
        cast(source_rows.load_id as varchar) as load_id
    from source_rows
)

select * from renamed
