"""The council's answers to the recommendations, their follow-up, and the public pages."""
