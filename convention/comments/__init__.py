"""Comments: threaded contributions with stances, edit history, flags and moderation."""
