"""The ground floor: settings and the base errors. Imports nothing else of ours."""
