"""Training (övningsläge): exercises and their grading, the guided tour, saved progress."""
