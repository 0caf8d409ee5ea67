"""Reading documents: segmentation, citations and their counts, term statistics, comparisons."""
