"""Notifications: replies, answers, moderation decisions and new sessions, for each person."""
