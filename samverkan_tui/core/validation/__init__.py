"""The checks `samverkan kontrollera` runs: a routine's fields, and every answer path through the walk."""
