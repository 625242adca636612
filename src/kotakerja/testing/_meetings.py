"""Strategies for the meetings records."""
