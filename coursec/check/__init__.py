"""Checks over the whole course model, one module per family; each reports to the Reporter."""
