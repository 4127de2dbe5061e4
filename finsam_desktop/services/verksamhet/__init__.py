"""Verksamhet: insatsernas mål och indikatorer (uppfoljning) and deltagare statistics with its import (deltagare)."""
