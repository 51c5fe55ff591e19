"""SQL persistence for bot state, gaps and feedback; knows SQLAlchemy, never botbuilder."""
