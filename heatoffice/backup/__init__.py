"""Backups and restore: the admin's commands and page, automatic daily backups, rotation."""
