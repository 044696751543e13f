"""A walk through a routine: the plan for given answers, due dates, opening hours, the session."""
