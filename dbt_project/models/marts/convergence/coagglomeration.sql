{#-
  Co-agglomeration of manufacturing with producer services (methods.md §3), from the location
  quotients of int_convergence__location_quotients. Pairs: manufacturing × producer_services
  and manufacturing × each producer-service sub-group.
    measure 'ca_lq' (one row per unit-year): CA_r = [1 − |LQm − LQs|/(LQm + LQs)] + (LQm + LQs);
    measure 'egk' (one row per variant-year, unit_id = the set of units): Ellison-Glaeser-Kerr
      Σ_r (s_rm − x_r)(s_rs − x_r) / (1 − Σ_r x_r²) over every unit r of the set that year
      (a unit without a sector's row has s = 0 there).
-#}
with quotients as (
    select * from {{ ref('int_convergence__location_quotients') }}
),

manufacturing as (
    select * from quotients
    where sector_group = 'manufacturing'
),

services as (
    select * from quotients
    where sector_group != 'manufacturing'
),

units as (
    select distinct
        quotients.unit_type,
        quotients.unit_id,
        quotients.year,
        quotients.variant,
        quotients.x,
        quotients.n_units
    from quotients
),

pairs as (
    select distinct
        services.variant,
        services.year,
        services.sector_group as service_group
    from services
),

ca as (
    select
        manufacturing.unit_type,
        manufacturing.unit_id,
        manufacturing.year,
        manufacturing.variant,
        'ca_lq' as measure,
        services.sector_group as service_group,
        case
            when manufacturing.lq + services.lq > 0
                then
                    1 - abs(manufacturing.lq - services.lq) / (manufacturing.lq + services.lq)
                    + (manufacturing.lq + services.lq)
        end as value,
        manufacturing.lq as lq_manufacturing,
        services.lq as lq_service,
        1 as n_units
    from manufacturing
    inner join services
        on
            manufacturing.unit_type = services.unit_type
            and manufacturing.unit_id = services.unit_id
            and manufacturing.year = services.year
            and manufacturing.variant = services.variant
    where manufacturing.lq is not null and services.lq is not null
),

egk_terms as (
    select
        units.unit_type,
        units.year,
        units.variant,
        pairs.service_group,
        units.n_units,
        units.x,
        coalesce(manufacturing.s, 0) as s_m,
        coalesce(services.s, 0) as s_s
    from units
    inner join pairs on units.variant = pairs.variant and units.year = pairs.year
    left join manufacturing
        on
            units.unit_type = manufacturing.unit_type
            and units.unit_id = manufacturing.unit_id
            and units.year = manufacturing.year
            and units.variant = manufacturing.variant
    left join services
        on
            units.unit_type = services.unit_type
            and units.unit_id = services.unit_id
            and units.year = services.year
            and units.variant = services.variant
            and pairs.service_group = services.sector_group
),

egk as (
    select
        egk_terms.unit_type,
        case egk_terms.variant
            when 'wiod_va' then 'wiod_countries'
            when 'province_employment' then 'china_provinces'
            else egk_terms.variant
        end as unit_id,
        egk_terms.year,
        egk_terms.variant,
        'egk' as measure,
        egk_terms.service_group,
        case
            when 1 - sum(egk_terms.x * egk_terms.x) > 0
                then
                    sum((egk_terms.s_m - egk_terms.x) * (egk_terms.s_s - egk_terms.x))
                    / (1 - sum(egk_terms.x * egk_terms.x))
        end as value,
        cast(null as double) as lq_manufacturing,
        cast(null as double) as lq_service,
        count(*) as n_units
    from egk_terms
    group by egk_terms.unit_type, egk_terms.year, egk_terms.variant, egk_terms.service_group
),

unioned as (
    select * from ca
    union all
    select * from egk
)

select
    cast(unioned.unit_type as varchar) as unit_type,
    cast(unioned.unit_id as varchar) as unit_id,
    cast(unioned.year as integer) as year,
    cast(unioned.variant as varchar) as variant,
    cast(unioned.measure as varchar) as measure,
    cast('manufacturing:' || unioned.service_group as varchar) as industry_pair,
    cast(unioned.service_group as varchar) as service_group,
    cast(unioned.value as double) as value,
    cast(unioned.lq_manufacturing as double) as lq_manufacturing,
    cast(unioned.lq_service as double) as lq_service,
    cast(unioned.n_units as integer) as n_units
from unioned
