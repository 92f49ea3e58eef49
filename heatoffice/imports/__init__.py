"""Bringing the company's data in (数据导入): rosters, opening arrears and payment batches
from Excel (.xlsx) and .csv, with a report row by row and nothing half-imported.

The framework, for every kind of import:

- ``reader.read(path, sheet) -> Sheet``: the rows of an .xlsx (openpyxl read-only, merged
  cells filled from their top-left cell) or a .csv (UTF-8 or GB18030, detected), each
  ``(row number as shown, [cells])``; ``reader.digest(path)``: sha256.
- ``normalise``: pure text rules (full-width → ASCII, spaces, units, numbers as text,
  1号楼/5#/5栋, status and category words, yes/no marks, 合计/小计 rows).
- ``kinds``: ``Column(key, aliases, required, example)``, ``Kind(name, permission,
  columns, check, write, notes, tables)``, ``Row`` (``number``, ``cells``, ``raw``: column
  key → normalised text, ``values``: what ``check`` made, ``problem(column, UserError)``),
  ``Context`` (``actor``, ``file``, ``digest``, ``source``, ``create_communities``,
  ``report(done, total)`` for progress and Cancel, ``notes`` for the preview), and
  ``KINDS``: name → "module:KIND" (accounts, balances, payments). A kind plugs in by its
  module's ``KIND`` with ``check(ctx, rows)`` and ``write(ctx, good_rows) -> imported``
  (inside the import's transaction; the kind writes its own audit rows for what it makes).
- ``service``: ``preview(actor, kind, path, sheet=, mapping=, source=,
  create_communities=, progress=) -> Preview`` (reads, finds the header under title rows,
  maps columns by their names or the mapping remembered for that sheet layout, skips blank,
  total and repeated-header rows, checks; writes nothing), ``commit(actor, preview,
  valid_only=) -> Report`` (one transaction: the rows checked again, all written or only the
  valid ones or none, the import's audit row ``imports.<kind>`` with file name, sha256 and
  counts), ``import_file(...)`` (both; the command line), ``remember_mapping(...)``.
- ``files``: ``write_rejects(preview, path)`` (the problem rows' original cells and a
  reason column, .xlsx) and ``write_template(kind, path)``.

The kinds: ``accounts.py`` (the roster, through ``accounts.bulk``), ``balances.py`` and
``payments.py`` (columns and template; their check and write come from the ledger).
"""
