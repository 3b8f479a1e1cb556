"""What the tests share that is not a fixture: workbook and database builders (`builders`,
`reminder_fixture`), the command line as a subprocess (`cli`), a running server and Chromium
(`browser`), an SMTP server (`smtp_server`), HTML reading (`htmldoc`) and the checks of a
database after a crash (`reliability_tools`). Fixtures are in tests/conftest.py."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard.py")
