-- Seed nbs_sector_to_wiod agrees with seed wiod_industries: every listed WIOD code exists; the
-- sector's group (manufacturing / producer-service sub-group / other) is the group of its
-- first (main) WIOD code; spans_groups is true exactly when the listed codes fall in more
-- than one group. Returns the rows that break this (none = pass).
with listed as (
    select
        concordance.nbs_classification,
        concordance.nbs_code,
        concordance.is_manufacturing,
        concordance.is_producer_service,
        concordance.spans_groups,
        codes.wiod_code,
        codes.position_in_list,
        coalesce(concordance.service_subgroup, '') as service_subgroup
    from {{ ref('nbs_sector_to_wiod') }} as concordance
    cross join
        unnest(string_split(concordance.wiod_codes, ' ')) with ordinality as codes (wiod_code, position_in_list)
),

grouped as (
    select
        listed.*,
        industries.wiod_code is not null as is_known,
        case
            when industries.is_manufacturing then 'manufacturing'
            when industries.is_producer_service then industries.service_subgroup
            else 'other'
        end as wiod_group
    from listed
    left join {{ ref('wiod_industries') }} as industries
        on listed.wiod_code = industries.wiod_code
),

per_sector as (
    select
        grouped.nbs_classification,
        grouped.nbs_code,
        any_value(grouped.is_manufacturing) as is_manufacturing,
        any_value(grouped.is_producer_service) as is_producer_service,
        any_value(grouped.service_subgroup) as service_subgroup,
        any_value(grouped.spans_groups) as spans_groups,
        bool_and(grouped.is_known) as all_known,
        count(distinct grouped.wiod_group) as n_groups,
        min(grouped.wiod_group) filter (where grouped.position_in_list = 1) as main_group
    from grouped
    group by grouped.nbs_classification, grouped.nbs_code
)

select per_sector.*
from per_sector
where
    not per_sector.all_known
    or per_sector.spans_groups != (per_sector.n_groups > 1)
    or per_sector.main_group != case
        when per_sector.is_manufacturing then 'manufacturing'
        when per_sector.is_producer_service then per_sector.service_subgroup
        else 'other'
    end
    or (per_sector.is_manufacturing and per_sector.is_producer_service)
    or (per_sector.is_producer_service != (per_sector.service_subgroup != ''))
