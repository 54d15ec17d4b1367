{{ stg_long_observations(source('china', 'china_nbs_province')) }}
