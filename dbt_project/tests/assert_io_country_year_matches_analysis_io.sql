-- The GO-weighted producer-service coefficients and forward shares that io_country_year
-- aggregates in SQL from the sub-group × industry links equal analysis.io's own group
-- intensities (backward_pulling, forward_driving of producer services -> manufacturing,
-- computed in int_io_measures_computed) to 1e-9 (relative). Returns the differences.
with reference as (
    select
        measures.iso3,
        measures.year,
        measures.value,
        replace(
            replace(measures.measure, 'backward_pulling_', 'ps_'), 'forward_driving_', 'ps_forward_'
        ) as measure
    from {{ ref('int_io_measures_computed') }} as measures
    where
        measures.kind = 'country'
        and (
            measures.measure like 'backward_pulling_%'
            or measures.measure like 'forward_driving_%'
        )
),

mart as (
    unpivot (
        select
            iso3,
            year,
            ps_direct_domestic,
            ps_direct_imported,
            ps_complete_domestic,
            ps_complete_imported,
            ps_forward_direct_domestic,
            ps_forward_direct_imported,
            ps_forward_complete_domestic,
            ps_forward_complete_imported
        from {{ ref('io_country_year') }}
    )
    on columns(* exclude (iso3, year))
    into name measure value value
)

select
    reference.iso3,
    reference.year,
    reference.measure,
    reference.value as analysis_io_value,
    mart.value as mart_value
from reference
left join mart
    on
        reference.iso3 = mart.iso3
        and reference.year = mart.year
        and reference.measure = mart.measure
where
    mart.value is null
    or abs(mart.value - reference.value) > 1e-9 * greatest(1, abs(reference.value))
