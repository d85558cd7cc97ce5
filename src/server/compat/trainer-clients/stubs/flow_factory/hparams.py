"""Test stub of editjudge: Flow-Factory's reward arguments as a plain attribute bag."""


class RewardArguments:
    def __init__(self, **fields):
        self.__dict__.update(fields)
