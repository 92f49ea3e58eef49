"""Fee ledger: bills, payments and receipts, reversals, adjustments, arrears, rechecks, closes."""
