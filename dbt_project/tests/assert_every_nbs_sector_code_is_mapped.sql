-- Nothing stays unmapped: every sector code (digits) landed as a row or column code of a small
-- NBS input-output table (at most 42 sectors) has a classification in seed
-- nbs_iot_classifications and a row in seed nbs_sector_to_wiod. Returns the offending
-- table × code with its cell count.
with seen as (
    select
        nbs.table_year,
        nbs.table_sectors,
        nbs.row_code as nbs_code,
        count(*) as n_cells
    from {{ ref('stg_nbs__iot_cells') }} as nbs
    where nbs.table_sectors <= 42 and regexp_full_match(nbs.row_code, '[0-9]+')
    group by nbs.table_year, nbs.table_sectors, nbs.row_code
    union all
    select
        nbs.table_year,
        nbs.table_sectors,
        nbs.column_code as nbs_code,
        count(*) as n_cells
    from {{ ref('stg_nbs__iot_cells') }} as nbs
    where nbs.table_sectors <= 42 and regexp_full_match(nbs.column_code, '[0-9]+')
    group by nbs.table_year, nbs.table_sectors, nbs.column_code
)

select
    seen.table_year,
    seen.table_sectors,
    seen.nbs_code,
    classifications.nbs_classification,
    sum(seen.n_cells) as n_cells
from seen
left join {{ ref('nbs_iot_classifications') }} as classifications
    on
        seen.table_year = classifications.table_year
        and seen.table_sectors = classifications.table_sectors
left join {{ ref('nbs_sector_to_wiod') }} as concordance
    on
        classifications.nbs_classification = concordance.nbs_classification
        and seen.nbs_code = concordance.nbs_code
where concordance.nbs_code is null
group by seen.table_year, seen.table_sectors, seen.nbs_code, classifications.nbs_classification
