"""The declarations: the record kinds and their fields, the closed vocabularies, the
domain's words in Japanese and English, offices, countries, fiscal years, the known
errors and the app's version. What a ledger holds, said once; no database here.

May import: nothing else of the project (any library but Qt; never ``desktop``,
``exports`` nor ``office_ledger``).
"""
