"""The one-page HTML report of a plan: data.py computes, charts.py draws, html.py assembles."""
