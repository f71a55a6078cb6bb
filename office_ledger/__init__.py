"""Office Ledger, the application: the app's services, shared by the window and the command
line (settings, where files live, sending to headquarters, the About text, an import's
preview in words), and the command line itself (``cli``).

May import: ``office_ledger``, ``db``, ``exports``, ``resources``, ``desktop`` (the
command line's GUI entry and self-test only: ``tests/project/test_layers.py``).
"""

from db.schema.appinfo import __version__

__all__ = ["__version__"]
