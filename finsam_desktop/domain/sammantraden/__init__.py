"""The sammantraden area of the domain layer."""
