"""Pure computation for the knowledge base: parsing, progress, composite index, charts (no Django)."""
