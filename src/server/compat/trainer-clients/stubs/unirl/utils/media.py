"""Test stub of editjudge: a CHW uint8 stand-in tensor to a PIL image."""
from PIL import Image


def tensor_frame_to_pil(tensor):
    return Image.fromarray(tensor.numpy().transpose(1, 2, 0))
