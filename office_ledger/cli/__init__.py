"""The ``office-ledger`` command: its arguments, each command's work and words, Ctrl-C, and
``--self-test``. Nothing but the entry point imports it.

May import: ``office_ledger``, ``db``, ``exports``, ``resources``, ``desktop`` (to start
the window, and to paint it in the self-test).
"""
