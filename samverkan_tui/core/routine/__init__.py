"""The routine: its model, the TOML loader and schema, conditions, deadline phrases, the catalog."""
