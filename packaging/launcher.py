"""The frozen app's entry point (PyInstaller runs this file as ``__main__``).

It only hands over to the command line, exactly as the ``office-ledger`` script of a
source install does.
"""

import sys

from office_ledger.cli.commands import main

if __name__ == "__main__":
    sys.exit(main())
