-- Every UN M49 code with an ISO3 in the landed M49 table is in country_code_map (family m49)
-- with that same ISO3 (the map is derived from M49 itself, so a new M49 edition is caught here).
select
    m49.m49_code,
    m49.iso3,
    code_map.iso3 as mapped_iso3
from {{ ref('stg_unsd__m49_countries') }} as m49
left join {{ ref('country_code_map') }} as code_map
    on
        m49.m49_code = code_map.publisher_code
        and code_map.source_family = 'm49'
where
    m49.iso3 is not null
    and (code_map.iso3 is null or code_map.iso3 != m49.iso3)
