{#-
  WIOD World IO tables (optional, may be empty). Besides the shared IO shape, the supplier
  country and code are split off the published row key '<supplier ISO3>/<code>' ('TOT/VA' for
  the value-added block); iso3 is the using country.
-#}
with cells as (
    {{ stg_io_cells(source('wiod', 'wiod_wiot'), 'value_musd') | indent(4) }}
)

select
    cells.*,
    split_part(cells.row_code, '/', 1) as supplier_iso3,
    split_part(cells.row_code, '/', 2) as supplier_code
from cells
