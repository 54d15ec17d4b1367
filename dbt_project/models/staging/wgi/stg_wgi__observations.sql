{{ stg_long_observations(source('wgi', 'wgi')) }}
