"""The rules every app's records keep: who may see what (visibility), dates known only to the month
or year (partial dates: stored, read, typed), slugs, and links that may not be dropped
(protection)."""
