"""`os.terminal_size`, the answer of `os.get_terminal_size()`: a
two-field tuple as CPython's struct sequence is (made from one sequence,
fields `columns` and `lines`). pvm's `posix` module imports it; finding
the size is `posix_fd.rs`."""


class terminal_size(tuple):
    n_fields = 2
    n_sequence_fields = 2
    n_unnamed_fields = 0

    def __new__(cls, sequence, dict=None):
        sequence = tuple(sequence)
        if len(sequence) != 2:
            raise TypeError("os.terminal_size() takes a 2-sequence "
                            f"({len(sequence)}-sequence given)")
        return tuple.__new__(cls, sequence)

    @property
    def columns(self):
        """width of the terminal window in characters"""
        return self[0]

    @property
    def lines(self):
        """height of the terminal window in characters"""
        return self[1]

    def __repr__(self):
        return f"os.terminal_size(columns={self[0]!r}, lines={self[1]!r})"

    def __reduce__(self):
        return (terminal_size, (tuple(self),))


terminal_size.__module__ = "os"
