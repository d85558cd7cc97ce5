"""Test stub of editjudge."""


def require(condition, message):
    if not condition:
        raise ValueError(message)
