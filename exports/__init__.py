"""Exports to and imports from files (Excel, PDF, email); never imports Qt."""
