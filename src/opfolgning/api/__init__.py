"""The JSON API (django-ninja): published data for everyone, statuses for token holders."""
