-- Rasmussen indices average 1 over the active industries of every country-year (methods.md
-- §2) and are NULL exactly for the inactive ones; n* of io_country_year counts the active
-- industries. Returns the country-years that break this (none = pass).
with per_country_year as (
    select
        industries.iso3,
        industries.year,
        count(*) filter (where industries.is_active) as n_active,
        count(industries.bl_total) as n_with_linkages,
        count(*) filter (where industries.is_active and industries.bl_total is null) as n_active_without,
        avg(industries.bl_total) as avg_bl_total,
        avg(industries.bl_domestic) as avg_bl_domestic,
        avg(industries.fl_ghosh_total) as avg_fl_ghosh_total,
        avg(industries.fl_ghosh_domestic) as avg_fl_ghosh_domestic,
        avg(industries.fl_leontief_total) as avg_fl_leontief_total,
        avg(industries.fl_leontief_domestic) as avg_fl_leontief_domestic
    from {{ ref('io_industry_year') }} as industries
    group by industries.iso3, industries.year
)

select
    per_country_year.*,
    countries.active_industries
from per_country_year
left join {{ ref('io_country_year') }} as countries
    on
        per_country_year.iso3 = countries.iso3
        and per_country_year.year = countries.year
where
    per_country_year.n_with_linkages != per_country_year.n_active
    or per_country_year.n_active_without > 0
    or countries.active_industries is distinct from per_country_year.n_active
    or abs(per_country_year.avg_bl_total - 1) > 1e-9
    or abs(per_country_year.avg_bl_domestic - 1) > 1e-9
    or abs(per_country_year.avg_fl_ghosh_total - 1) > 1e-9
    or abs(per_country_year.avg_fl_ghosh_domestic - 1) > 1e-9
    or abs(per_country_year.avg_fl_leontief_total - 1) > 1e-9
    or abs(per_country_year.avg_fl_leontief_domestic - 1) > 1e-9
