-- Every country-year landed in raw.wiod_niot (through staging) is in the IO marts with its
-- full grain: 266 rows in io_service_manufacturing_links (7 producer-service sub-groups × 19
-- manufacturing industries × 2 origins), 56 in io_industry_year, 1 in io_country_year.
-- Returns the country-years that break this (none = pass).
with landed as (
    select distinct
        niot.iso3,
        niot.year
    from {{ ref('stg_wiod__niot_cells') }} as niot
),

links as (
    select
        links.iso3,
        links.year,
        count(*) as n_links
    from {{ ref('io_service_manufacturing_links') }} as links
    group by links.iso3, links.year
),

industries as (
    select
        industries.iso3,
        industries.year,
        count(*) as n_industries
    from {{ ref('io_industry_year') }} as industries
    group by industries.iso3, industries.year
),

countries as (
    select
        countries.iso3,
        countries.year,
        count(*) as n_country_rows
    from {{ ref('io_country_year') }} as countries
    group by countries.iso3, countries.year
),

every_key as (
    select
        landed.iso3,
        landed.year
    from landed
    union
    select
        links.iso3,
        links.year
    from links
    union
    select
        industries.iso3,
        industries.year
    from industries
    union
    select
        countries.iso3,
        countries.year
    from countries
)

select
    every_key.iso3,
    every_key.year,
    landed.iso3 is not null as is_landed,
    coalesce(links.n_links, 0) as n_links,
    coalesce(industries.n_industries, 0) as n_industries,
    coalesce(countries.n_country_rows, 0) as n_country_rows
from every_key
left join landed on every_key.iso3 = landed.iso3 and every_key.year = landed.year
left join links on every_key.iso3 = links.iso3 and every_key.year = links.year
left join industries on every_key.iso3 = industries.iso3 and every_key.year = industries.year
left join countries on every_key.iso3 = countries.iso3 and every_key.year = countries.year
where
    landed.iso3 is null
    or coalesce(links.n_links, 0) != 266
    or coalesce(industries.n_industries, 0) != 56
    or coalesce(countries.n_country_rows, 0) != 1
