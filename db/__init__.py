"""Office Ledger's domain: what a ledger holds, how it is stored, written, read, tallied
and merged with other laptops' files. Nothing here imports Qt; the window (``desktop``),
the files (``exports``) and the command line (``office_ledger``) build on it. Its
floors, each a package that imports only those below it: ``schema``, ``storage``,
``hq`` (several people on one database), ``records``, ``tally``, ``read``, ``sync``;
``demo`` beside them.

May import: ``db``, ``resources`` (any library but Qt; never ``desktop``, ``exports``
nor ``office_ledger``).
"""
