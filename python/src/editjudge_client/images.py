"""Images in the forms trainers hold them, as the server's image specs. Needs no numpy, Pillow or torch."""

from __future__ import annotations

import base64
import io
import struct
import zlib
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Union

# What the server accepts for an image: base64 or a data URL or URL (str), or {"path" | "url" | "base64": …}.
ImageSpec = Union[str, Dict[str, str]]


def png(pixels: bytes, width: int, height: int, channels: int) -> bytes:
    """8-bit PNG from packed rows (grey, grey+alpha, RGB or RGBA), standard library only."""
    if channels not in (1, 2, 3, 4):
        raise ValueError(f"an image needs 1 to 4 channels, got {channels}")
    color_type = {1: 0, 2: 4, 3: 2, 4: 6}[channels]
    stride = width * channels
    if len(pixels) != stride * height:
        raise ValueError(f"{len(pixels)} bytes of pixels for a {width}×{height}×{channels} image")
    raw = b"".join(b"\x00" + pixels[y * stride : (y + 1) * stride] for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    # Level 1: fast, which matters more in a training loop than a few percent of body size.
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b"")


def array_png(array: Any, channels_first: Optional[bool] = None) -> bytes:
    """A numpy array (H×W, H×W×C or C×H×W; uint8, or float in [0, 1]) as PNG, using only the array's methods."""
    if array.ndim == 3:
        if channels_first is None:  # guess: C×H×W when the first axis looks like channels and the last does not
            channels_first = array.shape[0] in (1, 2, 3, 4) and array.shape[2] not in (1, 2, 3, 4)
        if channels_first:
            array = array.transpose(1, 2, 0)
    elif array.ndim != 2:
        raise ValueError(f"an image array must be H×W, H×W×C or C×H×W, got shape {tuple(array.shape)}")
    if array.dtype.kind == "f":  # [0, 1] floats, as diffusion pipelines return them
        array = (array * 255.0).round().clip(0, 255)
    array = array.clip(0, 255).astype("uint8")
    height, width = array.shape[:2]
    channels = 1 if array.ndim == 2 else array.shape[2]
    return png(array.tobytes(order="C"), width, height, channels)


def is_tensor(x: Any) -> bool:
    return hasattr(x, "detach") and hasattr(x, "cpu") and hasattr(x, "numpy")


def _tensor_to_numpy(tensor: Any) -> Any:
    return tensor.detach().float().cpu().numpy()  # .float(): bfloat16 has no numpy type


def _is_array(x: Any) -> bool:
    return hasattr(x, "ndim") and hasattr(x, "dtype") and hasattr(x, "tobytes")


def image_spec(image: Any) -> ImageSpec:
    """One image as the server takes it: base64 for bytes, PIL images, numpy arrays and torch tensors (C×H×W in
    [0, 1] or uint8); strings (base64, data URL, URL) and {"path" | "url" | "base64": …} dicts pass through."""
    if isinstance(image, (str, dict)):
        return image
    if isinstance(image, _Oriented):
        data = array_png(image.array, channels_first=image.channels_first)
    elif isinstance(image, (bytes, bytearray, memoryview)):
        data = bytes(image)
    elif is_tensor(image):
        data = array_png(_tensor_to_numpy(image), channels_first=True)
    elif hasattr(image, "save") and hasattr(image, "mode"):  # a PIL image
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", compress_level=1)
        data = buffer.getvalue()
    elif _is_array(image):
        data = array_png(image)
    else:
        raise TypeError(f"cannot send a {type(image).__name__} as an image "
                        "(PNG/JPEG bytes, PIL image, numpy array, torch tensor, str or dict)")
    return base64.b64encode(data).decode("ascii")


@dataclass(frozen=True)
class _Oriented:
    """One image of a batch array whose channel axis is known from the batch's layout."""

    array: Any
    channels_first: bool


def batch_items(images: Any) -> List[Any]:
    """A batch (tensor N×C×H×W, numpy array N×H×W×C, or a sequence of images) as a list of single images."""
    if is_tensor(images):
        array = _tensor_to_numpy(images)
        if array.ndim != 4:
            raise ValueError(f"a batch tensor must be N×C×H×W, got shape {tuple(array.shape)}")
        return [_Oriented(a, True) for a in array]
    if _is_array(images):
        if images.ndim != 4:
            raise ValueError(f"a batch array must be N×H×W×C, got shape {tuple(images.shape)}")
        return [_Oriented(a, False) for a in images]
    return list(images)
