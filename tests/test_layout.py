"""The folders of followup/ are its stages, and imports only point down the pipeline."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "followup"
SHARED = {"followup", "followup.i18n", "followup.settings", "followup.filters", "followup.access"}
# What each stage may import from followup, besides itself and the shared modules.
ALLOWED = {
    "workbook": set(),
    "store": {"workbook"},
    "report": {"workbook", "store"},
    "reminders": {"workbook", "store", "report"},
    "cli": {"workbook", "store", "report", "reminders"},
    "ui": {"workbook", "store", "report", "reminders", "cli"},
}
MAIL = {"smtplib", "email"}
SHARED_MAY_IMPORT = {"followup.i18n", "followup.settings"}
WRITES = {"store.writer", "store.writer_lock", "store.create", "store.attached", "locks.exclusive"}


def _imports(path: Path) -> set[str]:
    """Return every module name a file imports (absolute imports only; we use no others)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import"
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "followup" and parts[1] in ALLOWED else None


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        yield path, ".".join(p for p in rel.parts if p != "__init__")


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_a_stage_imports_only_the_stages_before_it(stage):
    wrong = []
    for path, module in _modules():
        if _stage(module) != stage:
            continue
        for name in _imports(path):
            target = _stage(name)
            if target and target != stage and target not in ALLOWED[stage]:
                wrong.append(f"{module} imports {name}")
    assert wrong == []


def test_shared_modules_import_no_stage():
    wrong = [f"{module} imports {name}" for path, module in _modules()
             if module in SHARED and module != "followup"
             for name in _imports(path)
             if name.startswith("followup.") and _stage(name)
             and not any(name.startswith(s) for s in SHARED_MAY_IMPORT)]
    assert wrong == []


def test_only_ui_imports_streamlit():
    wrong = [module for path, module in _modules() if _stage(module) != "ui"
             and any(n.split(".")[0] == "streamlit" for n in _imports(path))]
    assert wrong == []


def test_report_never_opens_a_write_connection():
    wrong = []
    for path, module in _modules():
        if _stage(module) != "report":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and ast.unparse(node) in WRITES:
                wrong.append(f"{module}: {ast.unparse(node)}")
            if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("duckdb.connect"):
                wrong.append(f"{module}: {ast.unparse(node)}")
    assert wrong == []


def test_every_stage_says_what_it_takes_and_gives():
    for stage in ALLOWED:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text()))
        assert doc and len(doc) > 150, stage


def test_at_most_eight_modules_at_the_top():
    assert len(list(PACKAGE.glob("*.py"))) <= 8


def test_the_rule_catches_a_wrong_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from followup.report.figures import charts\nimport streamlit as st\n")
    assert {"followup.report.figures", "followup.report.figures.charts",
            "streamlit"} <= _imports(bad)
    assert _stage("followup.report.figures.charts") == "report" not in ALLOWED["workbook"]


def test_no_module_of_a_stage_hides_a_name_of_its_package():
    # regression: store/snapshots.py replaced store.snapshots() once imported
    hidden = []
    for stage in ALLOWED:
        tree = ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8"))
        names = {n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)}
        hidden += [f"{stage}.{p.stem}" for p in (PACKAGE / stage).glob("*.py") if p.stem in names]
    assert hidden == []


def test_mail_code_lives_only_in_reminders():
    wrong = [f"{module} imports {name}" for path, module in _modules()
             if _stage(module) != "reminders"
             for name in _imports(path) if name.split(".")[0] in MAIL]
    assert wrong == []


def test_report_holds_figures_apart_from_documents():
    loose = sorted(p.name for p in (PACKAGE / "report").glob("*.py") if p.name != "__init__.py")
    assert loose == []
    assert {p.parent.name for p in (PACKAGE / "report").rglob("*.py")} == {
        "report", "figures", "documents"}


def test_tests_hold_only_tests_and_conftest_at_their_top():
    top = sorted(p.name for p in (ROOT / "tests").glob("*.py"))
    assert [n for n in top if not n.startswith("test_")] == ["__init__.py", "conftest.py"]
    helpers = [p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").rglob("*.py")
               if not p.name.startswith("test_") and p.name not in ("__init__.py", "conftest.py")
               and p.parent.name != "support"]
    assert helpers == []


COMPAT = "followup.ui.compat"
# Modules of Streamlit's server and internals (anything under streamlit but its top-level API),
# and pandas' own internals: imported only by followup/ui/compat/.
INTERNAL_MODULES = ("streamlit.", "starlette", "uvicorn", "tornado", "pandas.core", "pandas._")
PUBLIC_MODULES = {"streamlit.column_config", "streamlit.components.v1"}
INTERNAL_NAMES = {"gc.get_objects", "PagesManager", "get_script_run_ctx"}
# Private names of other libraries, used where compat/ cannot serve them (it is under ui/, and
# a stage imports only the stages before it): none of them is Streamlit's or pandas'.
ELSEWHERE = {"followup.store.child": {"os._exit"},  # the standard library's documented exit
             "followup.workbook.forked": {"os._exit"},  # the same, in a forked copy
             "followup.report.figures.lean": {"_valid_props"},  # plotly's property names
             "followup.report.documents.slide_kit": {  # python-pptx's chart XML
                 "out._chartSpace", "axis._element", "drawn._element"}}


def _internals(path: Path) -> list[str]:
    """Return what a file uses of a framework's internals: modules, names, private attributes
    (a `_`-prefixed attribute of anything but self or cls)."""
    found = [name for name in _imports(path) if name not in PUBLIC_MODULES
             and name.startswith(INTERNAL_MODULES)]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Name) and node.id in INTERNAL_NAMES:
            found.append(node.id)
        elif isinstance(node, ast.Attribute):
            text = ast.unparse(node)
            private = node.attr.startswith("_") and not node.attr.startswith("__")
            if text in INTERNAL_NAMES or node.attr in INTERNAL_NAMES or (
                    private and not (isinstance(node.value, ast.Name)
                                     and node.value.id in ("self", "cls"))):
                found.append(text)
    return found


def test_framework_internals_only_under_ui_compat():
    wrong = []
    for path, module in _modules():
        if module == COMPAT or module.startswith(COMPAT + "."):
            continue
        allowed = ELSEWHERE.get(module, set())
        wrong += [f"{module}: {name}" for name in _internals(path)
                  if name not in allowed and name.rsplit(".", 1)[-1] not in allowed]
    for path in [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py"))]:
        wrong += [f"{path.name}: {name}" for name in _internals(path)]
    assert wrong == []


def test_the_internals_rule_catches_each_kind(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import gc\nfrom streamlit.runtime.pages_manager import PagesManager\n"
                   "from starlette.routing import Mount\nimport streamlit.components.v1\n"
                   "apps = gc.get_objects()\nPagesManager.uses_pages_directory = False\n"
                   "styler._compute()\nself._lock = None\nx.__class__\n")
    assert sorted(_internals(bad)) == sorted([
        "streamlit.runtime.pages_manager", "streamlit.runtime.pages_manager.PagesManager",
        "starlette.routing", "starlette.routing.Mount", "gc.get_objects", "PagesManager",
        "styler._compute"])


def test_importing_the_command_line_and_the_store_leaves_duckdb_to_overlap_the_parsing():
    # regression: regrouped by stage, `ingest` imported DuckDB with the store package (and then
    # the command line with its output module) before the largest sheet began to parse
    code = ("import sys, followup.cli, followup.store.ingest, followup.store.keeper; "
            "print('duckdb' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "False"


def test_an_import_loads_no_pandas_plotly_or_streamlit(tmp_path):
    # regression (issue 26): printing the proposed changes imported pandas with the grid's
    # module, 0.4 s on the chain of every `ingest` (1.47x the release before, 1.0x after)
    from tests.support.builders import earlier_workbook, standard_workbook

    db, log = tmp_path / "db" / "followup.duckdb", tmp_path / "imports.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FOLLOWUP_RUST_LOG": str(log)}
    for path, as_of in ((earlier_workbook(tmp_path / "juni.xlsx"), "2012-06-29"),
                        (standard_workbook(tmp_path / "desember.xlsx"), "2012-12-31")):
        done = subprocess.run([sys.executable, "-X", "importtime", "-m", "followup", "ingest",
                               str(path), "--db", str(db), "--as-of", as_of, "--lang", "en"],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    assert "The workbook proposes" in done.stdout  # the printing of proposed changes ran
    imported = {line.split("|")[-1].strip().split(".")[0]
                for line in (done.stderr + log.read_text()).splitlines() if "|" in line}
    assert "duckdb" in imported and "fastexcel" in imported
    assert not imported & {"pandas", "plotly", "streamlit", "openpyxl"}
