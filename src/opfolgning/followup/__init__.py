"""The follow-up domain in pure Python: no Django imports here."""
