"""Verksamhet: insatser with type, phase, målgrupp, Syfte/Mål, styrgrupp, personalresurser and financing."""
