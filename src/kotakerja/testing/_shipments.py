"""Strategies for the shipments records."""
