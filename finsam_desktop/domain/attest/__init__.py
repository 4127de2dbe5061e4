"""The attest area of the domain layer."""
