{{ stg_io_cells(source('wiod', 'wiod_niot'), 'value_musd') }}
