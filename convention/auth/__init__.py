"""Accounts: signing in and out, joining by invitation, password reset, the account page."""
