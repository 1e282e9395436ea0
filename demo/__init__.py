"""Demo data built by hand from the seed papers in ../shared/seeds/ (see fixtures/demo/).

Every loader writes through `upsert`, which saves only what differs, so loading
twice changes nothing: no new rows and no new audit-trail entries.
"""
