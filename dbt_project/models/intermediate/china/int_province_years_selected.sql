{#-
  One value per province × year × variable: the candidate with the lowest priority wins (a
  fallback only fills province-years the primary lacks), ties go to the newest vintage. Nothing
  is interpolated, carried or spliced across vintages of one series: the seed names one source
  (and the reader one vintage) per priority. Provenance of the winner is kept.
-#}
with ranked as (
    select
        *,
        row_number() over (
            partition by province_code, year, variable
            order by priority asc, vintage desc, file_name asc
        ) as rank_in_candidates
    from {{ ref('int_province_observations_unioned') }}
    where unit_matches
)

select
    province_code,
    year,
    variable,
    value,
    priority,
    source,
    publisher_indicator_code,
    vintage,
    file_name,
    source_row_number,
    load_id
from ranked
where rank_in_candidates = 1
