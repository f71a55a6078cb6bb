"""Versions made on other laptops: the merge (plan, then apply), conflicts a person settles
and their two sides field by field, incoming records held as columns.

May import: ``db.schema``, ``db.storage``, ``db.hq``, ``db.records``, ``db.read`` (any
library but Qt; never ``desktop``, ``exports`` nor ``office_ledger``).
"""
