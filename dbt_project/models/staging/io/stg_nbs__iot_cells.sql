{#-
  NBS input-output tables of China; besides the shared IO shape, the table's year and sector
  count are read off the file name china_<year>_<sectors>.rda (they name the sector
  classification, see seed nbs_iot_classifications).
-#}
with cells as (
    {{ stg_io_cells(source('nbs', 'nbs_iot'), 'value_cny_10k') | indent(4) }}
)

select
    cells.*,
    cast(nullif(regexp_extract(cells.file_name, '^china_([0-9]{4})_([0-9]+)', 1), '') as integer) as table_year,
    cast(nullif(regexp_extract(cells.file_name, '^china_([0-9]{4})_([0-9]+)', 2), '') as integer) as table_sectors
from cells
