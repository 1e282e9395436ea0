"""Risks and issues (RAID) in the browser: registers, forms, escalation and actions."""
