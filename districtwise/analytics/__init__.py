"""The analytics engine: the district data files' contract, validation, columnar storage,
and the tables every metric reads. No Django here: functions take an engine connection and
tables and return tables (STYLE.md)."""
