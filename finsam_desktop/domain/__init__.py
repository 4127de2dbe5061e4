"""Pure domain layer: value objects and rules. No Qt, no SQLAlchemy."""
