"""Offices' own spreadsheets: finding the header, guessing and saving the column
mapping, reading every row, and turning the rows into records.
"""
