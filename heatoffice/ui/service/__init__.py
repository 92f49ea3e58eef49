"""The service desk's pages: the hotline, work orders (and the cases' pages)."""
