"""Alembic scripts ship inside the package so an installed bot can migrate itself."""
