"""Cabinet reports: composed by clerks, built from the live data, issued as frozen PDFs."""
