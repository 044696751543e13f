"""The unit managers' tools: the yearly review, comparing versions, a first draft from a source text."""
