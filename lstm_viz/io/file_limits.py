"""The limits on a model file from a stranger, and the bounded readers that enforce them before allocating.

Every number a file declares (its own size, a zip member's uncompressed size, an HDF5 dataset's shape, an
attribute's size, a tensor's shape) is checked against these limits before anything of that size is built,
and every refusal is a ValueError that names the file part and the limit. Nothing here unpickles.

A refusal a user may read is a `Refusal` (a code and its parameters; its words are lstm_viz/words/*/model.py's
ERRORS) whose parameters may be `Phrase`s: the part of the file it names ("layer LSTM 'lstm'", ".keras file") or
a reason ("reads the sequence backwards"), said in the reader's language with the rest of the sentence.
"""

from __future__ import annotations

import os
import struct
import zipfile
from pathlib import Path

import numpy as np

from lstm_viz import words
from lstm_viz.core.refusal import Refusal, said

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


class Phrase:
    """A phrase of a refusal in the reader's language: the model catalogue's PHRASES[key], its parameters filled
    in (a part of a file: Phrase("layer", layer="LSTM 'lstm'"); a reason: Phrase("go_backwards")). English as str."""

    def __init__(self, key: str, **params):
        self.key, self.params = key, params

    def say(self, lang: str) -> str:
        params = {k: said(v, lang) for k, v in self.params.items()}
        return words.of(lang).model.PHRASES[self.key].format(**params)

    def __str__(self) -> str:
        return self.say("en")


def file_part(kind: str) -> Phrase:
    """A file of a kind (".keras", ".pt", "zip", "state_dict") as a refusal names it: ".keras file"."""
    return Phrase("file", kind=kind)


def layer_part(label: str) -> Phrase:
    """A layer of a Keras file as a refusal names it: "layer LSTM 'lstm'" (its class and name stay as they are)."""
    return Phrase("layer", layer=label)


def read_source(source, what: str | Phrase | None = None) -> bytes:
    """The bytes of a path (str, Path), of bytes-like data, or of a file-like object (.read), at most
    MAX_FILE_BYTES; ValueError names an empty or oversized file (`what`: the "model file") before it is read."""
    what = Phrase("model_file") if what is None else what
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.is_file():
            raise Refusal("model.no_file", what=what, path=str(path)[:200])
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise Refusal("model.file_too_big", what=what, size=f"{size:,}", limit=f"{MAX_FILE_BYTES:,}")
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
        raise Refusal("model.over_limit", what=what, limit=f"{MAX_FILE_BYTES:,}")
    if not data:
        raise Refusal("model.empty", what=what)
    return data


def json_within(text: str, what, max_depth: int, max_items: int):
    """The JSON of a file's config or header, bounded by lstm_viz.io.weights.bounded_json (how deep its brackets
    nest, how many brackets and strings it holds); too deep, too long or not JSON at all is one refusal naming the
    bounds."""
    from lstm_viz.io.weights import bounded_json

    try:
        return bounded_json(text, str(what), max_depth, max_items)
    except ValueError:
        raise Refusal("model.bad_json", what=what, depth=max_depth, items=f"{max_items:,}") from None


def zip_directory(data: bytes, what: str) -> None:
    """Checks a zip's end-of-central-directory record before zipfile parses the directory it points to: at most
    MAX_MEMBERS entries in a directory of at most MAX_DIRECTORY_BYTES. The record is found where zipfile finds it
    (the last 22 bytes, else the last "PK\\5\\6" in the final 64 KiB), and so is a ZIP64 record (just before its
    locator, just before the record), whose 64-bit fields zipfile then reads instead."""
    end = len(data) - 22
    if end < 0:
        raise Refusal("model.zip_too_short", what=what)
    if not (data[end : end + 4] == b"PK\x05\x06" and data[-2:] == b"\x00\x00"):
        end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))
        if end < 0 or end + 22 > len(data):
            raise Refusal("model.zip_no_end", what=what)
    entries, size = struct.unpack("<HI", data[end + 10 : end + 16])
    locator = end - 20
    if locator >= 56 and data[locator : locator + 4] == b"PK\x06\x07":  # ZIP64: zipfile reads this record
        record = locator - 56
        if data[record : record + 4] != b"PK\x06\x06":
            raise Refusal("model.zip64_no_record", what=what)
        entries, size = struct.unpack("<QQ", data[record + 32 : record + 48])
    if entries > MAX_MEMBERS:
        raise Refusal("model.zip_members", what=what, count=f"{entries:,}", limit=MAX_MEMBERS)
    if size > MAX_DIRECTORY_BYTES:
        raise Refusal("model.zip_directory", what=what, size=f"{size:,}", limit=f"{MAX_DIRECTORY_BYTES:,}")


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
        raise Refusal("model.zip_unreadable", what=what, why=str(err)[:80]) from None
    if len(infos) > MAX_MEMBERS:
        raise Refusal("model.zip_members", what=what, count=f"{len(infos):,}", limit=MAX_MEMBERS)
    total = 0
    for info in infos:
        name = info.filename[:80]
        if info.flag_bits & 0x1:
            raise Refusal("model.zip_encrypted", what=what, name=name)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Refusal("model.zip_compression", what=what, name=name)
        if info.file_size > MAX_UNPACKED_BYTES:
            raise Refusal(
                "model.zip_bomb_member",
                what=what,
                name=name,
                size=f"{info.file_size:,}",
                limit=f"{MAX_UNPACKED_BYTES:,}",
            )
        total += info.file_size
    if total > MAX_UNPACKED_BYTES:
        raise Refusal("model.zip_bomb_total", what=what, size=f"{total:,}", limit=f"{MAX_UNPACKED_BYTES:,}")
    return zf


def read_member(zf: zipfile.ZipFile, name: str, what: str, limit: int = MAX_UNPACKED_BYTES) -> bytes:
    """One member's bytes, its declared size within `limit`; reading stops at the declared size (zipfile checks
    the CRC, so a member that holds more than it declares is refused, not unpacked)."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise Refusal("model.zip_no_member", what=what, name=name) from None
    if info.file_size > limit:
        raise Refusal("model.member_too_big", what=what, name=name, size=f"{info.file_size:,}", limit=f"{limit:,}")
    try:
        with zf.open(info) as f:
            data = f.read(limit + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
        raise Refusal("model.member_unpack", what=what, name=name, why=str(err)[:80]) from None
    if len(data) != info.file_size:
        raise Refusal("model.member_size", what=what, name=name, size=f"{info.file_size:,}")
    return data


def refuse_unread_options(config: dict, read: set[str], label: str) -> None:
    """Every option of a Keras layer's config that lstm-viz does not read (not in `read`) must be off (None,
    False, 0, empty): one that is on changes what the layer computes, so the layer is refused by name."""
    for option, value in config.items():
        if option not in read and value not in (None, False, 0, [], {}, ""):
            raise Refusal("model.option_on", layer=label, option=option[:40], value=str(value)[:40])


def check_numbers(what: str, shape: tuple[int, ...], itemsize: int, budget: list[int]) -> None:
    """A tensor's declared shape and item size, before it is read: a float of 2, 4 or 8 bytes, at most
    MAX_NUMBERS numbers in the whole model (budget[0] counts what is left)."""
    if itemsize not in FLOAT_KINDS:
        raise Refusal("model.not_float_items", what=what, size=itemsize)
    if len(shape) > 4 or any(int(n) < 0 for n in shape):
        raise Refusal("model.not_weight_shape", what=what, shape=tuple(shape))
    n = int(np.prod([int(k) for k in shape], dtype=object))
    if n > budget[0]:
        raise Refusal("model.too_many_numbers", what=what, shape=tuple(shape), limit=f"{MAX_NUMBERS:,}")
    budget[0] -= n


def finite(what: str, array: np.ndarray) -> np.ndarray:
    """The array as float64; ValueError names it if it holds NaN or an infinity."""
    array = np.asarray(array, dtype=np.float64)
    if not np.all(np.isfinite(array)):
        raise Refusal("model.not_finite", what=what)
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
            raise Refusal("model.h5_link", what=what, path=path)
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
        raise Refusal("model.h5_missing", what=what, path=path)
    if not isinstance(node, h5py.Dataset):
        raise Refusal("model.h5_not_dataset", what=what, path=path)
    if node.is_virtual or node.external:
        raise Refusal("model.h5_external", what=what, path=path)
    if node.chunks is not None or node.compression is not None or node.id.get_create_plist().get_nfilters():
        raise Refusal("model.h5_chunked", what=what, path=path)
    if node.dtype.kind != "f":
        raise Refusal("model.h5_not_float", what=what, dtype=str(node.dtype)[:20])
    check_numbers(what, node.shape, node.dtype.itemsize, budget)
    try:
        array = node[()]
    except (OSError, ValueError, RuntimeError) as err:
        raise Refusal("model.h5_unreadable", what=what, why=str(err)[:80]) from None
    return finite(what, array)


def h5_text(obj, name: str, what: str, limit: int = MAX_CONFIG_BYTES) -> str | None:
    """A text attribute (None when absent), at most `limit` characters. A fixed-size attribute's stored size is
    checked before it is read; a variable-length string lives in the file, which MAX_FILE_BYTES bounds."""
    if name not in obj.attrs:
        return None
    try:
        attr = obj.attrs.get_id(name)
        if attr.shape not in ((), (1,)):  # one string: an array of them may point many times at one heap object
            raise Refusal("model.attr_array", what=what, name=name, shape=attr.shape)
        size = attr.get_storage_size()
        if size > limit:
            raise Refusal("model.attr_too_big", what=what, name=name, size=f"{size:,}", limit=f"{limit:,}")
        value = obj.attrs[name]
    except (OSError, RuntimeError, KeyError, TypeError):
        raise Refusal("model.attr_unreadable", what=what, name=name) from None
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(())[()]
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if not isinstance(value, str):
        raise Refusal("model.attr_not_text", what=what, name=name)
    if len(value) > limit:
        raise Refusal("model.attr_too_long", what=what, name=name, size=f"{len(value):,}", limit=f"{limit:,}")
    return value


def h5_names(obj, name: str, what: str, limit: int = 64) -> list[str]:
    """A list-of-text attribute (Keras' layer_names, weight_names), at most `limit` entries of 200 characters.
    Its shape and type are checked before it is read, and it is read into fixed-size strings of 801 bytes
    (HDF5 cuts a longer one there), so that a variable-length array whose entries all point at one large heap
    object costs at most limit x 801 bytes."""
    import h5py

    if name not in obj.attrs:
        raise Refusal("model.attr_missing", what=what, name=name)
    try:
        attr = obj.attrs.get_id(name)
        shape, stored = attr.shape, attr.get_type()
        if len(shape) != 1 or shape[0] > limit or (shape[0] and not isinstance(stored, h5py.h5t.TypeStringID)):
            raise Refusal("model.attr_not_names", what=what, name=name)
        memory = h5py.h5t.C_S1.copy()
        memory.set_size(4 * 200 + 1)  # 200 characters of UTF-8, and one byte more to tell a longer name
        memory.set_cset(stored.get_cset() if shape[0] else h5py.h5t.CSET_ASCII)
        value = np.zeros(shape, dtype=f"S{4 * 200 + 1}")
        if shape[0]:
            attr.read(value, mtype=memory)
    except (OSError, RuntimeError, KeyError, TypeError):
        raise Refusal("model.attr_unreadable", what=what, name=name) from None
    names = [v.decode("utf-8", errors="replace") for v in value.tolist()]
    if any(len(v) > 4 * 200 for v in value.tolist()) or any(len(n) > 200 for n in names):
        raise Refusal("model.attr_long_name", what=what, name=name)
    return names
