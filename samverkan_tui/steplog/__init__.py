"""The anonymized step log: storage, scrubbing, retention, statistics. No UI imports."""
