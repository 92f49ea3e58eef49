"""Heating seasons and their tariffs."""
