"""The limits on a model file from a stranger, and the bounded readers that enforce them before allocating.

Every number a file declares (its own size, a zip member's uncompressed size, an HDF5 dataset's shape, an
attribute's size, a tensor's shape) is checked against these limits before anything of that size is built,
and every refusal is a ValueError that names the file part and the limit. Nothing here unpickles.
"""

from __future__ import annotations

import os
import struct
import zipfile
from pathlib import Path

import numpy as np

MAX_FILE_BYTES = 32 * 2**20  # a model file: an LSTM(256) on a 10,000-word Embedding(128) is about 6 MB
MAX_MEMBERS = 512  # members of a .keras or torch zip (torch writes one a tensor, and a few more)
MAX_DIRECTORY_BYTES = MAX_MEMBERS * (46 + 1024)  # a zip's central directory: 46 bytes and a name a member
MAX_UNPACKED_BYTES = 64 * 2**20  # all members of a zip together, uncompressed, as their headers declare
MAX_CONFIG_BYTES = 2**20  # a Keras config (config.json, the .h5 model_config): a 3-layer model's is ~20 KB
MAX_JSON_ITEMS = 100_000  # brackets and strings in a Keras config (a layer's has ~150)
MAX_JSON_DEPTH = 64  # how deep a Keras config's brackets nest (a functional model's reach ~12)
MAX_CONFIG_LAYERS = 32  # layers in a Keras config (Input, Embedding, 3 recurrent, Dropouts, Dense read-outs)
MAX_NUMBERS = 8_000_000  # every weight of a model together (64 MB as float64)
MAX_HIDDEN = 1024  # a recurrent layer's units (H), a read-out's width
MAX_TENSORS = 64  # tensors in a state_dict (an Embedding, 3 layers of 4, a Linear: 15)
FLOAT_KINDS = {2: "float16", 4: "float32", 8: "float64"}  # itemsize -> name: the weights read


def read_source(source, what: str = "model file") -> bytes:
    """The bytes of a path (str, Path), of bytes-like data, or of a file-like object (.read), at most
    MAX_FILE_BYTES; ValueError names an empty or oversized file before it is read."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.is_file():
            raise ValueError(f"{what}: no file at {str(path)[:200]}")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValueError(f"{what}: {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}")
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    elif isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source[: MAX_FILE_BYTES + 1])
    elif hasattr(source, "read"):
        data = source.read(MAX_FILE_BYTES + 1)
        if not isinstance(data, bytes):
            raise ValueError(f"{what}: expected a file opened in binary mode")
    else:
        raise ValueError(f"{what}: expected a path, bytes or a binary file, got {type(source).__name__}")
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"{what}: over the limit of {MAX_FILE_BYTES:,} bytes")
    if not data:
        raise ValueError(f"{what}: the file is empty")
    return data


def zip_directory(data: bytes, what: str) -> None:
    """Checks a zip's end-of-central-directory record before zipfile parses the directory it points to: at most
    MAX_MEMBERS entries in a directory of at most MAX_DIRECTORY_BYTES. The record is found where zipfile finds it
    (the last 22 bytes, else the last "PK\\5\\6" in the final 64 KiB), and so is a ZIP64 record (just before its
    locator, just before the record), whose 64-bit fields zipfile then reads instead."""
    end = len(data) - 22
    if end < 0:
        raise ValueError(f"{what}: not a readable zip archive (too short)")
    if not (data[end : end + 4] == b"PK\x05\x06" and data[-2:] == b"\x00\x00"):
        end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))
        if end < 0 or end + 22 > len(data):
            raise ValueError(f"{what}: not a readable zip archive (no end-of-central-directory record)")
    entries, size = struct.unpack("<HI", data[end + 10 : end + 16])
    locator = end - 20
    if locator >= 56 and data[locator : locator + 4] == b"PK\x06\x07":  # ZIP64: zipfile reads this record
        record = locator - 56
        if data[record : record + 4] != b"PK\x06\x06":
            raise ValueError(f"{what}: not a readable zip archive (a ZIP64 locator without its record)")
        entries, size = struct.unpack("<QQ", data[record + 32 : record + 48])
    if entries > MAX_MEMBERS:
        raise ValueError(f"{what}: {entries:,} members in the zip, over the limit of {MAX_MEMBERS}")
    if size > MAX_DIRECTORY_BYTES:
        raise ValueError(f"{what}: a central directory of {size:,} bytes, over the limit of "
                         f"{MAX_DIRECTORY_BYTES:,} (more members than it declares?)")  # fmt: skip


def open_zip(data: bytes, what: str) -> zipfile.ZipFile:
    """A zip archive after its central directory is checked: its end record first (zip_directory), then at most
    MAX_MEMBERS members, none encrypted, each member's and all members' declared uncompressed sizes within the
    limits (a zip bomb is refused here)."""
    import io

    zip_directory(data, what)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as err:
        raise ValueError(f"{what}: not a readable zip archive ({str(err)[:80]})") from None
    if len(infos) > MAX_MEMBERS:
        raise ValueError(f"{what}: {len(infos):,} members in the zip, over the limit of {MAX_MEMBERS}")
    total = 0
    for info in infos:
        name = info.filename[:80]
        if info.flag_bits & 0x1:
            raise ValueError(f"{what}: member {name} is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ValueError(f"{what}: member {name} uses a compression lstm-viz does not read")
        if info.file_size > MAX_UNPACKED_BYTES:
            raise ValueError(f"{what}: member {name} declares {info.file_size:,} bytes uncompressed, over the "
                             f"limit of {MAX_UNPACKED_BYTES:,} (a zip bomb?)")  # fmt: skip
        total += info.file_size
    if total > MAX_UNPACKED_BYTES:
        raise ValueError(f"{what}: its members declare {total:,} bytes uncompressed together, over the limit of "
                         f"{MAX_UNPACKED_BYTES:,} (a zip bomb?)")  # fmt: skip
    return zf


def read_member(zf: zipfile.ZipFile, name: str, what: str, limit: int = MAX_UNPACKED_BYTES) -> bytes:
    """One member's bytes, its declared size within `limit`; reading stops at the declared size (zipfile checks
    the CRC, so a member that holds more than it declares is refused, not unpacked)."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise ValueError(f"{what}: no member {name} in the zip") from None
    if info.file_size > limit:
        raise ValueError(f"{what}: {name} declares {info.file_size:,} bytes, over the limit of {limit:,}")
    try:
        with zf.open(info) as f:
            data = f.read(limit + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
        raise ValueError(f"{what}: {name} cannot be unpacked ({str(err)[:80]})") from None
    if len(data) != info.file_size:
        raise ValueError(f"{what}: {name} holds other than the {info.file_size:,} bytes it declares")
    return data


def refuse_unread_options(config: dict, read: set[str], label: str) -> None:
    """Every option of a Keras layer's config that lstm-viz does not read (not in `read`) must be off (None,
    False, 0, empty): one that is on changes what the layer computes, so the layer is refused by name."""
    for option, value in config.items():
        if option not in read and value not in (None, False, 0, [], {}, ""):
            raise ValueError(f"layer {label}: the option {option[:40]}={str(value)[:40]} is not computed by lstm-viz")


def check_numbers(what: str, shape: tuple[int, ...], itemsize: int, budget: list[int]) -> None:
    """A tensor's declared shape and item size, before it is read: a float of 2, 4 or 8 bytes, at most
    MAX_NUMBERS numbers in the whole model (budget[0] counts what is left)."""
    if itemsize not in FLOAT_KINDS:
        raise ValueError(f"{what}: expected floating-point weights (float16, 32 or 64), got {itemsize}-byte items")
    if len(shape) > 4 or any(int(n) < 0 for n in shape):
        raise ValueError(f"{what}: shape {tuple(shape)} is not the shape of a weight")
    n = int(np.prod([int(k) for k in shape], dtype=object))
    if n > budget[0]:
        raise ValueError(f"{what}: shape {tuple(shape)} takes the model over the limit of {MAX_NUMBERS:,} numbers")
    budget[0] -= n


def finite(what: str, array: np.ndarray) -> np.ndarray:
    """The array as float64; ValueError names it if it holds NaN or an infinity."""
    array = np.asarray(array, dtype=np.float64)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{what}: contains NaN or infinite values")
    return array


def h5_node(group, path: str, what: str):
    """The object at `path` under an h5py group, None when it is not there, reached through hard links only: an
    external link (to another file, or back into this one) or a soft link is refused before it is followed."""
    import h5py

    node = group
    for part in [p for p in path.split("/") if p]:
        if not isinstance(node, h5py.Group):
            return None
        link = node.get(part, getlink=True)
        if link is None:
            return None
        if not isinstance(link, h5py.HardLink):
            raise ValueError(f"{what}: {path} is a link to elsewhere, which lstm-viz does not follow")
        node = node[part]
    return node


def h5_group(group, path: str, what: str):
    """The group at `path` (h5_node's hard links only), None when there is none."""
    import h5py

    node = h5_node(group, path, what)
    return node if isinstance(node, h5py.Group) else None


def h5_dataset(group, path: str, what: str, budget: list[int]) -> np.ndarray:
    """The dataset at `path` under an h5py group as float64, read only after checks: every link on the way a
    hard link inside the file (h5_node), a plain dataset (no external storage, not virtual), stored as Keras
    writes weights (contiguous: not in chunks, no compression or other filter, so that what is read is what its
    shape declares), floating-point, its shape within the budget, and finite."""
    import h5py

    node = h5_node(group, path, what)
    if node is None:
        raise ValueError(f"{what}: {path} is not in the file")
    if not isinstance(node, h5py.Dataset):
        raise ValueError(f"{what}: {path} is not a dataset")
    if node.is_virtual or node.external:
        raise ValueError(f"{what}: {path} keeps its data outside the file, which lstm-viz does not read")
    if node.chunks is not None or node.compression is not None or node.id.get_create_plist().get_nfilters():
        raise ValueError(f"{what}: {path} is stored in chunks or compressed, which Keras does not write; lstm-viz "
                         f"reads weights stored contiguous")  # fmt: skip
    if node.dtype.kind != "f":
        raise ValueError(f"{what}: expected floating-point weights, got {str(node.dtype)[:20]}")
    check_numbers(what, node.shape, node.dtype.itemsize, budget)
    try:
        array = node[()]
    except (OSError, ValueError, RuntimeError) as err:
        raise ValueError(f"{what}: cannot be read ({str(err)[:80]})") from None
    return finite(what, array)


def h5_text(obj, name: str, what: str, limit: int = MAX_CONFIG_BYTES) -> str | None:
    """A text attribute (None when absent), at most `limit` characters. A fixed-size attribute's stored size is
    checked before it is read; a variable-length string lives in the file, which MAX_FILE_BYTES bounds."""
    if name not in obj.attrs:
        return None
    try:
        attr = obj.attrs.get_id(name)
        if attr.shape not in ((), (1,)):  # one string: an array of them may point many times at one heap object
            raise ValueError(f"{what}: its attribute {name} is not one text but an array of shape {attr.shape}")
        size = attr.get_storage_size()
        if size > limit:
            raise ValueError(f"{what}: its attribute {name} holds {size:,} bytes, over the limit of {limit:,}")
        value = obj.attrs[name]
    except (OSError, RuntimeError, KeyError, TypeError):
        raise ValueError(f"{what}: its attribute {name} cannot be read") from None
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(())[()]
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if not isinstance(value, str):
        raise ValueError(f"{what}: its attribute {name} is not text")
    if len(value) > limit:
        raise ValueError(f"{what}: its attribute {name} holds {len(value):,} characters, over the limit of {limit:,}")
    return value


def h5_names(obj, name: str, what: str, limit: int = 64) -> list[str]:
    """A list-of-text attribute (Keras' layer_names, weight_names), at most `limit` entries of 200 characters.
    Its shape and type are checked before it is read, and it is read into fixed-size strings of 801 bytes
    (HDF5 cuts a longer one there), so that a variable-length array whose entries all point at one large heap
    object costs at most limit x 801 bytes."""
    import h5py

    if name not in obj.attrs:
        raise ValueError(f"{what}: has no attribute {name}, which a Keras .h5 file has")
    try:
        attr = obj.attrs.get_id(name)
        shape, stored = attr.shape, attr.get_type()
        if len(shape) != 1 or shape[0] > limit or (shape[0] and not isinstance(stored, h5py.h5t.TypeStringID)):
            raise ValueError(f"{what}: its attribute {name} is not a short list of names")
        memory = h5py.h5t.C_S1.copy()
        memory.set_size(4 * 200 + 1)  # 200 characters of UTF-8, and one byte more to tell a longer name
        memory.set_cset(stored.get_cset() if shape[0] else h5py.h5t.CSET_ASCII)
        value = np.zeros(shape, dtype=f"S{4 * 200 + 1}")
        if shape[0]:
            attr.read(value, mtype=memory)
    except (OSError, RuntimeError, KeyError, TypeError):
        raise ValueError(f"{what}: its attribute {name} cannot be read") from None
    names = [v.decode("utf-8", errors="replace") for v in value.tolist()]
    if any(len(v) > 4 * 200 for v in value.tolist()) or any(len(n) > 200 for n in names):
        raise ValueError(f"{what}: its attribute {name} holds a name over 200 characters")
    return names
