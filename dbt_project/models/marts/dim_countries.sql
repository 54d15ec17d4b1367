select
    cast(countries.iso3 as varchar) as iso3,
    cast(countries.country_name as varchar) as country_name,
    cast(countries.region as varchar) as region,
    cast(countries.income_group as varchar) as income_group,
    cast(countries.income_group_fy2022 as varchar) as income_group_fy2022,
    cast(countries.wb_metadata_vintage as varchar) as wb_metadata_vintage,
    cast(countries.m49_code as varchar) as m49_code,
    cast(countries.m49_region_name as varchar) as m49_region_name,
    cast(countries.m49_sub_region_name as varchar) as m49_sub_region_name,
    cast(countries.is_developed as boolean) as is_developed,
    cast(countries.is_ldc as boolean) as is_ldc,
    cast(countries.is_lldc as boolean) as is_lldc,
    cast(countries.is_sids as boolean) as is_sids,
    cast(countries.is_iso3166 as boolean) as is_iso3166,
    cast(countries.is_wb_economy as boolean) as is_wb_economy
from {{ ref('int_countries_harmonised') }} as countries
