"""The README says what the code does now: its examples run and print what it shows.

Convention: a fenced block right after a line ``<!-- readme-test -->`` is run by this test, in
document order, in one temporary directory that holds a copy of ``examples/``, ``queries/`` and
``tests/data/wikidata_countries.ttl``,
with the real ``kg`` console script and no ``$KG_STORE``:

- ```` ```console ````: each ``$ COMMAND`` line runs in bash and must exit 0; the lines after it,
  up to the next ``$``, are its output (standard output and error together, a progress bar as
  its last state). Runs of spaces and of dashes count as one, ``…`` in a line stands for any
  text, and a line that is only ``…`` for any number of lines. A command with no lines after it
  is only run.
- ```` ```bash ````: each line that is not a comment runs and must exit 0.
- ```` ```python ````: runs as a script; when the next fenced block is ```` ```text ````, that is
  what it prints (same matching).

Mark only what is safe to run anywhere: commands on the bundled examples, no servers, no
network. Besides, ``kg --help`` as shown must be exactly the current output (at 80 columns),
every ``kg`` command must appear in an example, the ontology diagram must be what
:mod:`kg.ontology_doc` generates from ``ontology/accord.ttl`` now, every relative link must
point to a file that exists, and CONTRIBUTING.md must describe every module of ``kg/``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.cli import cli
from kg.ontology_doc import ontology_markdown
from kg.resources import resource_dir

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
MARK = "<!-- readme-test -->"
#: files the README links to that a command writes (not in the repository until it runs)
_WRITTEN = {"benchmarks/RESULTS.md": "python benchmarks/run.py"}
_FENCE = re.compile(r"^```(\w*)\s*$")
_MERMAID = re.compile(r"^```mermaid\n(.*?)^```$", re.S | re.M)


@dataclass
class Block:
    lang: str
    lines: list[str]
    line: int  # 1-based line of the opening fence
    marked: bool


@dataclass
class Example:
    command: str
    expected: list[str] | None  # None: only run it
    line: int
    lang: str


def _blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        start = i
        i += 1
        while i < len(lines) and lines[i].rstrip() != "```":
            i += 1
        previous = next((ln.strip() for ln in reversed(lines[:start]) if ln.strip()), "")
        blocks.append(Block(m.group(1), lines[start + 1:i], start + 1, previous == MARK))
        i += 1
    return blocks


def _examples(blocks: list[Block]) -> list[Example]:
    out: list[Example] = []
    for n, b in enumerate(blocks):
        if not b.marked:
            continue
        if b.lang == "console":
            for k, ln in enumerate(b.lines):
                if ln.startswith("$ "):
                    out.append(Example(ln[2:], [], b.line + 1 + k, "console"))
                elif out and out[-1].line > b.line and out[-1].expected is not None:
                    out[-1].expected.append(ln)
            for ex in out:
                if ex.line > b.line and not ex.expected:
                    ex.expected = None
        elif b.lang == "bash":
            out += [Example(ln, None, b.line + 1 + k, "bash") for k, ln in enumerate(b.lines)
                    if ln.strip() and not ln.lstrip().startswith("#")]
        elif b.lang == "python":
            after = blocks[n + 1] if n + 1 < len(blocks) else None
            expected = after.lines if after is not None and after.lang == "text" else None
            out.append(Example("\n".join(b.lines), expected, b.line, "python"))
        else:
            raise AssertionError(f"README.md:{b.line}: {MARK} before a ```{b.lang} block, which this test cannot run")
    return out


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KG_", "COLUMNS", "LINES"))}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["COLUMNS"] = "80"
    return env


def _run(example: Example, cwd: Path) -> tuple[int, str]:
    if example.lang == "python":
        script = cwd / f"readme_example_{example.line}.py"
        script.write_text(example.command, encoding="utf-8")
        args = [sys.executable, script.name]
    else:
        args = ["bash", "-c", "set -o pipefail\n" + example.command]
    done = subprocess.run(args, cwd=cwd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          timeout=600, check=False)
    return done.returncode, done.stdout.decode("utf-8", "replace")


def _screen(output: str) -> list[str]:
    """The lines a terminal would show: a line rewritten with carriage returns shows its last state."""
    lines = output.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [ln.rsplit("\r", 1)[-1].rstrip() for ln in lines]


def _normal(line: str) -> str:
    line = re.sub(r"\s+", " ", line.strip())
    return "---" if line and set(line) <= {"-", " "} else line


def _pattern(expected: list[str]) -> re.Pattern[str]:
    parts = []
    for ln in expected:
        if ln.strip() == "…":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(".*?".join(re.escape(piece) for piece in _normal(ln).split("…")) + r"\n")
    return re.compile("".join(parts))


def _matches(expected: list[str], output: str) -> bool:
    actual = "".join(_normal(ln) + "\n" for ln in _screen(output))
    return _pattern(expected).fullmatch(actual) is not None


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh directory with the repository's example articles and named queries in it."""
    where = tmp_path_factory.mktemp("readme")
    for name in ("examples", "queries"):
        shutil.copytree(resource_dir(name), where / name)
    (where / "tests" / "data").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "data" / "wikidata_countries.ttl", where / "tests" / "data")
    assert shutil.which("kg", path=_env()["PATH"]), "the kg console script is not installed (pip install -e .)"
    return where


# ----------------------------------------------------------------------------------------- tests

def test_matching_rules() -> None:
    shown = ["name  count", "----  -----", "EU    …", "…", "(3 rows)"]
    assert _matches(shown, "name     count\n-------  -----\nEU       12\nUSA      3\nTUN 1\n(3 rows)\n")
    assert _matches(shown, "name count\n---- -----\nEU 1\n(3 rows)\n")
    assert not _matches(shown, "name count\n---- -----\nUSA 3\n(3 rows)\n")
    assert not _matches(shown, "name count\n---- -----\nEU 1\n(3 rows)\nmore\n")
    assert not _matches(["exactly this"], "exactly this\nand more\n")
    assert _screen("building:  20%|██\rbuilding: 100%|██████████| 5/5\ndone\n") == ["building: 100%|██████████| 5/5", "done"]


def test_readme_marks_runnable_examples() -> None:
    examples = _examples(_blocks(_readme()))
    commands = {m.group(1) for ex in examples if ex.lang != "python"
                for m in re.finditer(r"(?:^|[|;&]\s*)kg\s+([a-z][\w-]*)", ex.command)}
    wanted = {"build", "stats", "query", "queries", "export", "validate", "import", "ontology", "extract"}
    if "viz" in cli.commands:
        wanted.add("viz")
    assert wanted <= commands, f"README examples marked {MARK} do not run: {sorted(wanted - commands)}"
    assert any(ex.lang == "python" and ex.expected for ex in examples), "the Python API example is not tested"


def test_every_command_is_in_the_readme() -> None:
    shown = "\n".join("\n".join(b.lines) for b in _blocks(_readme()) if b.lang in {"console", "bash"})
    missing = [name for name in cli.commands if not re.search(rf"\bkg {re.escape(name)}\b", shown)]
    assert not missing, f"README.md shows no example of: {', '.join('kg ' + m for m in missing)}"


def test_kg_help_in_the_readme_is_current(workspace: Path) -> None:
    examples = [ex for ex in _examples(_blocks(_readme())) if ex.command.strip() == "kg --help"]
    assert len(examples) == 1, f"README.md should show `kg --help` once, in a block marked {MARK}"
    code, output = _run(examples[0], workspace)
    assert code == 0
    actual = _screen(output)
    assert examples[0].expected == actual, (
        "the `kg --help` in README.md is not the current one; paste this (README.md line "
        f"{examples[0].line}):\n" + "\n".join(actual))


@pytest.mark.slow
def test_readme_examples_run_and_print_what_they_show(workspace: Path) -> None:
    failures = []
    for ex in _examples(_blocks(_readme())):
        code, output = _run(ex, workspace)
        where = f"README.md:{ex.line}: {ex.command if ex.lang != 'python' else 'the Python example'}"
        if code != 0:
            failures.append(f"{where}\n  exited {code}:\n{output}")
        elif ex.expected is not None and not _matches(ex.expected, output):
            failures.append(f"{where}\n  shows:\n" + "\n".join(ex.expected) + "\n  prints:\n" + "\n".join(_screen(output)))
    assert not failures, "\n\n".join(failures)


def test_ontology_diagram_is_generated_from_the_ontology() -> None:
    shown = _MERMAID.findall(_readme())
    generated = _MERMAID.findall(ontology_markdown())
    assert len(generated) == 1
    assert shown == generated, (
        "the ontology diagram in README.md is not the one generated from ontology/accord.ttl; replace it "
        "with the ```mermaid block of docs/ontology.md (`kg ontology --doc docs/ontology.md` writes it)")


def test_readme_links_point_to_files_that_exist() -> None:
    text = _readme()
    targets = re.findall(r"\]\((?!https?:|mailto:|#)([^)\s]+)\)", text)
    targets += re.findall(r"<img [^>]*src=\"(?!https?:)([^\"]+)\"", text)
    assert "docs/ontology.md" in targets
    missing = [t for t in targets if not (ROOT / t.split("#")[0]).exists() and t not in _WRITTEN]
    assert not missing, f"README.md links to files that do not exist: {missing}"


def _anchors(text: str) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown text."""
    headings = [ln for b, ln in _outside_code(text) if b and re.match(r"#{1,6} ", ln)]
    return {re.sub(r"[^\w\- ]", "", h.lstrip("#").strip().lower()).replace(" ", "-") for h in headings}


def _outside_code(text: str) -> list[tuple[bool, str]]:
    """Each line, with whether it is outside fenced code."""
    out, fenced = [], False
    for ln in text.splitlines():
        if ln.startswith("```"):
            fenced = not fenced
        out.append((not fenced and not ln.startswith("```"), ln))
    return out


def test_readme_anchors_exist() -> None:
    text = _readme()
    pages = {"": _anchors(text), "CONTRIBUTING.md": _anchors(CONTRIBUTING.read_text(encoding="utf-8"))}
    for page, anchor in re.findall(r"\]\((|CONTRIBUTING\.md)#([^)\s]+)\)", text):
        assert anchor in pages[page], f"README.md links to {page}#{anchor}, a heading that does not exist"


def test_readme_names_every_named_query() -> None:
    from kg.queries import named_queries

    text = _readme()
    missing = [name for name in named_queries() if f"`{name}`" not in text]
    assert not missing, f"README.md does not name the queries {missing} (the list in its `kg query` section)"


def test_readme_keeps_the_test_command() -> None:
    text = _readme()
    block = text.split("<!-- test-command -->", 1)[1].split("<!-- /test-command -->", 1)[0]
    assert "bash tests/run.sh" in block and block.strip().startswith("```bash")
    setup = _blocks(text.split("<!-- test-command -->", 1)[0])
    assert setup and setup[-1].lang == "bash" and setup[-1].lines == ["pip install . && kg demo"]


def test_contributing_lists_every_module_of_the_package() -> None:
    listed = set(re.findall(r"^\| `(kg/[\w/]+\.py)` \|", CONTRIBUTING.read_text(encoding="utf-8"), re.M))
    present = {p.relative_to(ROOT).as_posix() for p in (ROOT / "kg").rglob("*.py")}
    assert not present - listed, f"CONTRIBUTING.md does not describe {sorted(present - listed)}"
    assert not listed - present, f"CONTRIBUTING.md describes modules that are gone: {sorted(listed - present)}"
