"""What the tests share: record factories, widget helpers, workbook and PDF readers, a real
SMTP server on loopback, ledgers made damaged or conflicted. A test module imports
these, never another test module.
"""
