"""The project's own tools: reports, classroom copies, JupyterLab, the command line, versions, validation tables."""
