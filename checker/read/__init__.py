"""The read stage."""
