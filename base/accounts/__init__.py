"""Accounts: inviting a member or a Secretariat officer, and the Secretariat's permissions."""
