"""Sending an export to headquarters: the message, and the outbox that keeps it
until an SMTP server accepts it.
"""
