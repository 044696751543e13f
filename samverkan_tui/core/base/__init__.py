"""The foundation every part of the core may use: clock, files, OS errors, problems, config, dates."""
