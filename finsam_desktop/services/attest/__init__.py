"""The attest area of the services layer."""
