-- Nothing stays unmapped: every OECD IOT industry code ('01' … '45') landed as a row or column
-- code of raw.oecd_iot is in seed oecd_iot_to_wiod. Returns the offending codes with their
-- cell count.
with seen as (
    select
        oecd.row_code as oecd_code,
        count(*) as n_cells
    from {{ ref('stg_oecd__iot_cells') }} as oecd
    where regexp_full_match(oecd.row_code, '[0-9]+')
    group by oecd.row_code
    union all
    select
        oecd.column_code as oecd_code,
        count(*) as n_cells
    from {{ ref('stg_oecd__iot_cells') }} as oecd
    where regexp_full_match(oecd.column_code, '[0-9]+')
    group by oecd.column_code
)

select
    seen.oecd_code,
    sum(seen.n_cells) as n_cells
from seen
anti join {{ ref('oecd_iot_to_wiod') }} as concordance
    on seen.oecd_code = concordance.oecd_code
group by seen.oecd_code
