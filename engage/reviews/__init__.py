"""Families taking part in child safeguarding practice reviews: staff side and family portal."""
