"""Voting: ballots, secret and roll-call casting, paper and proxies, sealed results, live mode."""
