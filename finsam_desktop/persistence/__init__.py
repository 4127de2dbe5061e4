"""Persistence: SQLAlchemy 2 models, engine, migrations, backups and the file lock. No Qt."""
