"""The figures stage."""
