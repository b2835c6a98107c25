"""Equity of voice: who contributes how much, who attends, who has not spoken yet."""
