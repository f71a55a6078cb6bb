"""The PDF summaries: what they show, their layout, charts, record tables, line
wrapping, and the embedded Japanese font.
"""
