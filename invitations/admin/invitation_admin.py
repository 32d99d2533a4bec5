"""Inviting people to a meeting, and the e-mails sent to them (issue 21)."""
