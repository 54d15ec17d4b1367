-- The WIOD classification seed has the 56 industries, 19 manufacturing and 22 producer-service
-- industries (methods.md §2), every producer service in a sub-group and every manufacturing
-- industry with a technology intensity. Returns the rows that break this (none = pass).
with counts as (
    select
        count(*) as n_industries,
        count(*) filter (where is_manufacturing) as n_manufacturing,
        count(*) filter (where is_producer_service) as n_producer_services,
        count(*) filter (
            where is_producer_service and coalesce(service_subgroup, '') = ''
        ) as n_services_without_subgroup,
        count(*) filter (
            where is_manufacturing and coalesce(tech_intensity, '') = ''
        ) as n_manufacturing_without_intensity,
        count(*) filter (where is_manufacturing and is_producer_service) as n_both
    from {{ ref('wiod_industries') }}
)

select counts.*
from counts
where
    counts.n_industries != 56
    or counts.n_manufacturing != 19
    or counts.n_producer_services != 22
    or counts.n_services_without_subgroup > 0
    or counts.n_manufacturing_without_intensity > 0
    or counts.n_both > 0
