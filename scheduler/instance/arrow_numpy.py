"""Arrow columns to numpy arrays and back, built on raw buffers.

pyarrow's own conversions between Arrow and numpy or Python lists (`to_numpy`,
`pa.array`, `pa.scalar`) start its pandas bridge, which imports pandas (0.2 s,
a small instance's whole time budget): the queue file reader uses these instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from scheduler.instance.arrays import IntArray

Column: TypeAlias = pa.ChunkedArray


def first_true(mask: Column) -> int | None:
    """The first row where `mask` is true, or None."""
    rows = np.flatnonzero(numpy_values(mask, pa.int8(), np.int8))
    return int(rows[0]) if len(rows) else None


def int64_values(column: Column) -> IntArray:
    """An integer column without nulls as int64."""
    return numpy_values(column, pa.int64(), np.int64)


def numpy_values(column: Column, kind: pa.DataType, dtype: type[np.generic]) -> npt.NDArray[Any]:
    """A column without nulls cast to `kind` and copied out of its value buffers."""
    size = np.dtype(dtype).itemsize
    column = column.cast(kind)
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    parts = [
        np.frombuffer(chunk.buffers()[1], dtype=dtype, count=len(chunk), offset=chunk.offset * size)
        for chunk in chunks
        if len(chunk)
    ]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)


def arrow_int64(values: IntArray) -> pa.Array:
    """An int64 Arrow array sharing the memory of `values`."""
    values = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(values), [None, pa.py_buffer(values)])


def int_scalar(value: int, kind: pa.DataType) -> pa.Scalar:
    """An integer scalar of exactly `kind` (`fill_null` converts any other through pandas)."""
    return arrow_int64(np.array([value], dtype=np.int64)).cast(kind)[0]


def text_array(values: Sequence[str]) -> pa.Array:
    """An Arrow string array of a few Python strings (instance ids)."""
    encoded = [value.encode() for value in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int32)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    data = pa.py_buffer(b"".join(encoded))
    return pa.Array.from_buffers(pa.string(), len(encoded), [None, pa.py_buffer(offsets), data])
