"""The baseline: a hello-world Flask app, served by gunicorn under the same settings as ours."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    """Answer the smallest page Flask can."""
    return "Hello, world!"
