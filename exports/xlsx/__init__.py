"""The Excel exchange between laptops and headquarters: the workbook layout, writing,
reading with every check, merging an import, and headquarters' consolidated workbook.
"""
