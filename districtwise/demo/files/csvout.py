"""Streaming CSV output with pyarrow: one plain header line, then appended chunks."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

CHUNK_ROWS = 1_000_000
_OPTIONS = pacsv.WriteOptions(include_header=False, quoting_style="needed")


def dict_column(codes: np.ndarray, labels: list[str], blank: int | None = None) -> pa.Array:
    """A dictionary-encoded text column; ``codes == blank`` (or out of range) is written empty."""
    codes = np.asarray(codes)
    mask = codes >= len(labels) if blank is None else codes == blank
    indices = pa.array(np.where(mask, 0, codes).astype(np.int32), mask=mask)
    return pa.DictionaryArray.from_arrays(indices, pa.array(labels, pa.string()))


def take_column(strings: pa.Array, index: np.ndarray) -> pa.Array:
    """Strings ``strings[index]`` as a dictionary column (no copy of the text)."""
    return pa.DictionaryArray.from_arrays(pa.array(index.astype(np.int32)), strings)


def date_column(days: np.ndarray) -> pa.Array:
    """A date column from days since 1970-01-01; negative values are written empty."""
    days = np.asarray(days)
    mask = days < 0
    return pa.array(days.astype(np.int32), type=pa.int32(), mask=mask).cast(pa.date32())


def number_column(values: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """A numeric column, blank where ``mask`` is true."""
    return pa.array(values, mask=mask)


class CsvFile:
    """One output CSV file, written in chunks under a single plain header."""

    def __init__(self, path: Path, columns: list[str]) -> None:
        self.path = path
        self.columns = columns
        self.rows = 0
        self._sink = pa.OSFile(str(path), "wb")
        self._sink.write((",".join(columns) + "\n").encode())

    def write(self, data: dict[str, pa.Array | np.ndarray]) -> None:
        """Append rows given as a column mapping (keys must equal the file's columns)."""
        if list(data) != self.columns:
            raise ValueError(f"{self.path.name}: columns {list(data)} != {self.columns}")
        table = pa.table(data)
        for start in range(0, table.num_rows, CHUNK_ROWS):
            pacsv.write_csv(table.slice(start, CHUNK_ROWS), self._sink, _OPTIONS)
        self.rows += table.num_rows

    def close(self) -> None:
        """Flush and close the file."""
        self._sink.close()


class CsvSet:
    """The set of open output files of one generation run."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.files: dict[str, CsvFile] = {}

    def open(self, name: str, columns: list[str]) -> CsvFile:
        """Open (create) ``name`` with its header."""
        handle = CsvFile(self.out_dir / name, columns)
        self.files[name] = handle
        return handle

    def __getitem__(self, name: str) -> CsvFile:
        return self.files[name]

    def row_counts(self) -> dict[str, int]:
        """Rows written per file name."""
        return {name: handle.rows for name, handle in self.files.items()}

    def __enter__(self) -> CsvSet:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for handle in self.files.values():
            handle.close()
