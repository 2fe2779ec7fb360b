"""A report of any size reaches its reader whole: one write() of more than 2 GiB writes
only 0x7ffff000 bytes on Linux, and CPython's buffered writer returns that count without
writing the rest (a million-task JSON Lines report was cut short at 2 GiB, exit code 1 as
if nothing had happened)."""
import io

from cli_parts import output


class Capped(io.RawIOBase):
    """A stream that, like write(2), takes at most `cap` bytes a call and says how many."""

    def __init__(self, cap: int) -> None:
        self.cap, self.data, self.calls = cap, bytearray(), 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.calls += 1
        taken = bytes(data[:self.cap])
        self.data += taken
        return len(taken)


def test_every_byte_is_written_when_the_stream_takes_less_than_asked():
    data = bytes(range(256)) * 1000
    stream = Capped(cap=999)
    output.write_all(stream, data)
    assert bytes(stream.data) == data
    assert stream.calls == -(-len(data) // 999)


def test_large_data_goes_in_pieces_no_larger_than_the_piece_size(monkeypatch):
    monkeypatch.setattr(output, "PIECE", 4096)
    stream = Capped(cap=10 ** 9)
    data = b"x" * (4096 * 5 + 7)
    output.write_all(stream, data)
    assert bytes(stream.data) == data and stream.calls == 6


def test_nothing_to_write_writes_nothing():
    stream = Capped(cap=10)
    output.write_all(stream, b"")
    assert stream.calls == 0
