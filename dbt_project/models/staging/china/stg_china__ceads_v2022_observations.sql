{{ stg_long_observations(source('china', 'china_ceads_v2022')) }}
