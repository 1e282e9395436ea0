"""The members' dashboard: what is red, what changed since the last report, what is due.

Every figure is computed from the projects, milestones and dated status updates
(never stored), in a fixed number of queries whatever the size of the portfolio.
"""
