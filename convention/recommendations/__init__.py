"""Recommendations: drafting, versions and diffs, states, supports, minority opinions."""
