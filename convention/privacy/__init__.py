"""Privacy rights: a person's data to take away, erasure on request, and retention by schedule."""
