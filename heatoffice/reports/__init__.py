"""Reports (统计报表): the fee ledger's figures defined once, their cuts, charts and dashboard."""
