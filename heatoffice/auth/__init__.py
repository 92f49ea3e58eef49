"""Users, roles, permissions and login."""
