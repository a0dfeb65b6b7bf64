"""``python -m letopis.cli``: the same as the ``letopis`` command."""

from letopis.cli import main

main()
