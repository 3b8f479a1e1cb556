"""The README's commands work as written for a new user in a fresh clone."""

from __future__ import annotations

import re
from pathlib import Path

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"```(?:bash|sh)\n(.*?)```", re.DOTALL)


def test_the_command_examples_say_they_assume_an_activated_venv_before_the_first_one():
    blocks = list(BLOCK.finditer(README))
    bare = [m for m in blocks if any(line.startswith(("python -m", "streamlit "))
                                     for line in m.group(1).splitlines())]
    assert bare, "the README shows command-line examples"
    said = README.find("command-line examples in this README assume the virtualenv is "
                       "activated (`source\n.venv/bin/activate`)")
    assert 0 <= said < bare[0].start()
    assert ".venv/bin/python -m followup" in README[said:bare[0].start()]
