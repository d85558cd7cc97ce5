"""Test stub of editjudge: the name Flow-Factory's remote reward module imports."""


class Accelerator:
    device = "cpu"
