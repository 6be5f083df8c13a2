"""Delivery: what reaches people from the model, through the file formats and the mail.

This layer sits above `agreements`, `accounts` and the exporters, because it needs both
sides: generated report files (`reports.py`: a report document from the selectors, rendered
by an exporter, cached in the database) and the deadline reminders (`reminders.py`: who owes
what, from the rounds and the people's profiles, sent as e-mail).
"""
