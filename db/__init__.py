"""Office Ledger's domain layer: models, migrations, fiscal calendar, tallies, demo data.

Nothing in this package imports Qt; the desktop app and the exports build on it.
"""
