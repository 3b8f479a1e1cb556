"""The README's commands work as written for a new user in a fresh clone."""

from __future__ import annotations

import re
from pathlib import Path

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"```(?:bash|sh)\n(.*?)```", re.DOTALL)


def test_every_command_block_either_uses_the_venv_or_says_it_assumes_an_activated_one():
    blocks = list(BLOCK.finditer(README))
    bare = [m for m in blocks if any(line.startswith(("python -m", "streamlit "))
                                     for line in m.group(1).splitlines())]
    assert bare, "the README shows command-line examples"
    for block in bare:
        before = README[max(0, block.start() - 400):block.start()]
        assert "source .venv/bin/activate" in before and ".venv/bin/python -m followup" in before, \
            block.group(1)[:80]
