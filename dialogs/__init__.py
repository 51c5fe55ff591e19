"""Conversation flows: one ComponentDialog per file; every decision is asked of knowledge/."""
