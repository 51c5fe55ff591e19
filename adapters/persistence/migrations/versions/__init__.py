"""Hand-written, explicit migrations: one file per schema change."""
