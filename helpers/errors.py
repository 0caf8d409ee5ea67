"""The one exception type for bad input."""


class DataError(ValueError):
    """Bad input (file, encoding, text, symbol, checksum): the message names it and says what to do."""
