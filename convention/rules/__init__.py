"""The rules of the convention's democracy, as pure functions: no Flask, no database."""
