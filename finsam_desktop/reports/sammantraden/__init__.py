"""The sammantraden area of the reports layer."""
