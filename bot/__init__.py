"""Composition root: settings, create_app(), the command line, wiring."""
