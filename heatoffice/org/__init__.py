"""Departments, posts, staff, their assignments and service areas."""
