"""Strategies for the agreements records."""
