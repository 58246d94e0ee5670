"""Report templates (jinja2) and static assets, shipped as package data."""
