"""The sammantraden area of the services layer."""
