"""Showing results: the Chinese font and the charts of each analysis."""
