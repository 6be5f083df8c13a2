"""SQLite backend that creates the database file's folder on first connection, not at import."""
