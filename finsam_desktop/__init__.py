"""FINSAM Kansli: the desktop application for a samordningsförbund's kansli."""

__version__ = "0.1.0"
APP_NAME = "FINSAM Kansli"
