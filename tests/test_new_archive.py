"""`sitegen new DIR`: a ready archive repository that builds at once, whose settings file lists every setting with its
default (and loads), and whose workflow names only official actions and really runs, step by step, in a clean venv."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from sitegen import __version__
from sitegen.cli import main
from sitegen.config import FILE_KEYS, Config, load_config
from sitegen.scaffold import new_archive
from sitegen.scaffold.settings import settings_file
from sitegen.scaffold.source import PLACEHOLDER, Source, installed_source, requirements_text

ROOT = Path(__file__).resolve().parent.parent
OFFICIAL = {"actions/checkout": "v4", "actions/setup-python": "v5", "actions/cache": "v4",
            "actions/configure-pages": "v5", "actions/upload-pages-artifact": "v4", "actions/deploy-pages": "v4"}
"""The actions a generated workflow may use, each at its major version (as sitegen's own workflow uses them)."""
LOCAL = Source(f"sitegen @ {ROOT.as_uri()}", True)
"""This source tree as the archive's sitegen: what a runner would get from a git URL, without the network."""


def workflow(folder: Path) -> dict:
    data = yaml.safe_load((folder / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def step(job: dict, name: str) -> dict:
    return next(s for s in job["steps"] if s.get("name") == name)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    new_archive(folder, LOCAL)
    return folder


def test_new_then_build_gives_a_site(tmp_path: Path, monkeypatch, capsys) -> None:
    folder = tmp_path / "my-archive"
    assert main(["new", str(folder), "--source", LOCAL.requirement]) == 0
    out = capsys.readouterr().out
    assert f"Wrote a new archive in {folder}/" in out and "Settings > Pages" in out
    assert {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} == {
        ".github/workflows/pages.yml", ".gitignore", "README.md", "requirements.txt", "sitegen.toml",
        "content/2025/001_7a41c3e09b5d2f68.txt", "content/notes/tarrow-landing-stage.md",
        "content/exports/lexisnexis-sample.txt", "content/exports/monitoring-mentions.csv"}
    monkeypatch.chdir(folder)
    assert main(["check", "--strict"]) == 0  # the examples are clean
    checked = capsys.readouterr().out  # the examples are one per format
    assert re.search(r"\nChecked 5 clippings in content/ in [\d.]+ s: no problems\.\n$", checked)
    for line in ("Monitoring text: 1 clipping from 1 file", "Markdown: 1 clipping from 1 file",
                 "LexisNexis TXT: 1 clipping from 1 file", "Spreadsheet: 2 clippings from 1 file"):
        assert f"  {line}\n" in checked
    assert main(["build"]) == 0
    public = folder / "public"
    home = (public / "index.html").read_text(encoding="utf-8")
    assert f'<meta name="generator" content="sitegen {__version__}">' in home
    assert "Night ferry to Tarrow Island returns for the summer season" in home
    assert "Tarrow Island landing stage reopens after rebuilding" in home
    assert "Harbour master retires after thirty years on Tarrow Sound" in home
    assert "Porthmere traders welcome late ferry" in home
    assert (public / "2025/05/14").is_dir() and (public / "2025/04/02").is_dir()
    assert (public / "search/index.html").is_file()
    ignored = (folder / ".gitignore").read_text(encoding="utf-8").split()
    assert "/public/" in ignored and ".sitegen-cache/" in ignored and (folder / ".sitegen-cache").is_dir()


def test_the_generator_is_named_on_the_home_page_only(archive: Path, monkeypatch) -> None:
    monkeypatch.chdir(archive)
    assert main(["build", "--no-search"]) == 0
    pages = [p for p in (archive / "public").rglob("*.html")]
    named = [p.relative_to(archive / "public").as_posix() for p in pages
             if 'name="generator"' in p.read_text(encoding="utf-8")]
    assert named == ["index.html"] and len(pages) > 10


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "thesis"
    folder.mkdir()
    (folder / "chapter1.docx").write_bytes(b"mine")
    assert main(["new", str(folder)]) == 1
    assert "is not empty (chapter1.docx)" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["chapter1.docx"]
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["new", str(tmp_path / "file")]) == 1
    clone = tmp_path / "clone"
    (clone / ".git").mkdir(parents=True)  # an empty clone of a new repository is a fine place to start
    new_archive(clone, LOCAL)
    assert (clone / "sitegen.toml").is_file() and (clone / ".git").is_dir()


def test_settings_file_lists_every_setting_with_its_default_and_loads(archive: Path) -> None:
    text = (archive / "sitegen.toml").read_text(encoding="utf-8")
    assert text == settings_file()
    assert load_config(archive / "sitegen.toml", {}) == Config(config_file=archive / "sitegen.toml")
    settings = re.findall(r"^#\[?(\w+)\]?(?: = |$)", text, flags=re.M)
    assert sorted(settings) == sorted(FILE_KEYS)
    # Every setting uncommented: still valid, still the defaults.
    uncommented = archive / "uncommented.toml"
    uncommented.write_text(re.sub(r"^#(?=\[?\w)", "", text, flags=re.M), encoding="utf-8")
    assert set(tomllib.loads(uncommented.read_text(encoding="utf-8"))) == set(FILE_KEYS)
    assert load_config(uncommented, {}) == Config(config_file=uncommented)
    # Each setting is described by its field's docstring.
    assert "# Site name, shown in the header and in page titles.\n#title = \"Clippings Archive\"" in text


def test_workflow_is_valid_and_names_only_official_actions_at_pinned_majors(archive: Path) -> None:
    data = workflow(archive)
    used = [s["uses"] for job in data["jobs"].values() for s in job["steps"] if "uses" in s]
    assert used and all(u.split("@")[0] in OFFICIAL and u.split("@")[1] == OFFICIAL[u.split("@")[0]] for u in used)
    own = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    for s in (s for job in own["jobs"].values() for s in job["steps"] if "uses" in s):
        assert s["uses"] in used, f"sitegen's own workflow uses {s['uses']}; the generated one another version"
    assert set(data["on"]) == {"pull_request", "push", "workflow_dispatch"}
    check, build, deploy = data["jobs"]["check"], data["jobs"]["build"], data["jobs"]["deploy"]
    assert check["if"] == "github.event_name == 'pull_request'" and check["permissions"] == {"contents": "read"}
    assert "github.event.repository.default_branch" in build["if"] and "pull_request" in build["if"]
    assert step(check, "Check the clippings")["run"] == "sitegen check --format github"
    assert step(build, "Install sitegen")["run"] == step(check, "Install sitegen")["run"] \
        == "pip install -r requirements.txt"
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in build["steps"] if "uses" in s] == [
        "actions/checkout", "actions/setup-python", "actions/configure-pages", "actions/cache",
        "actions/upload-pages-artifact"]


def test_workflow_restores_the_cache_keyed_by_version_settings_and_address(archive: Path) -> None:
    build = workflow(archive)["jobs"]["build"]
    names = [s.get("name") for s in build["steps"]]
    cache = step(build, "Restore the previous build")
    assert names.index("Restore the previous build") < names.index("Build the site")
    assert cache["with"]["path"].split() == [".sitegen-cache", "public", "~/.cache/sitegen"]  # and the sealing key
    key, restore = cache["with"]["key"], cache["with"]["restore-keys"].strip()
    for part in ("steps.sitegen.outputs.version", "steps.python.outputs.python-version",
                 "hashFiles('sitegen.toml', 'templates/**', 'static/**', 'locales/**')",
                 "steps.pages.outputs.base_url"):
        assert part in restore
    assert key == restore + "${{ github.run_id }}"  # a new entry per run; the newest one of the same kind restored
    assert step(build, "Show sitegen's version")["id"] == "sitegen"


def test_workflow_steps_run_in_a_clean_venv(tmp_path: Path) -> None:
    """The install, version, check and build steps, run as the runner runs them (bash -e, the step's env, outputs
    in $GITHUB_OUTPUT) in a new virtual environment with the pip it comes with, installing sitegen as a wheel
    built from this tree (pip keeps the wheel it builds from a folder, by the folder's address: installing
    `sitegen @ file:///this/tree` again would install the tree as it was the first time)."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path / "dist"), str(ROOT)], check=True)
    wheel = next((tmp_path / "dist").glob("sitegen-*.whl"))
    archive = tmp_path / "archive"
    new_archive(archive, Source(f"sitegen @ {wheel.as_uri()}", True))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    outputs = tmp_path / "github_output"
    outputs.touch()
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", "GITHUB_OUTPUT": str(outputs),
           "BASE_URL": "https://name.github.io/archive"}  # what configure-pages gives a project site
    env.pop("VIRTUAL_ENV", None)
    data = workflow(archive)
    check, build = data["jobs"]["check"], data["jobs"]["build"]

    def run(job: dict, name: str) -> subprocess.CompletedProcess:
        done = subprocess.run(["bash", "-e", "-c", step(job, name)["run"]], cwd=archive, env=env,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
        return done

    run(build, "Install sitegen")
    assert run(build, "Show sitegen's version").stdout.strip() == f"sitegen {__version__}"
    assert outputs.read_text(encoding="utf-8").splitlines() == [f"version={__version__}"]
    assert run(check, "Check the clippings").stdout == ""  # no problem, no annotation
    run(build, "Build the site")
    public = archive / "public"
    assert "<loc>https://name.github.io/archive/</loc>" in (public / "sitemap.xml").read_text(encoding="utf-8")
    assert 'href="/archive/style.css"' in (public / "index.html").read_text(encoding="utf-8")
    (archive / "content/bad.md").write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    failed = subprocess.run(["bash", "-e", "-c", step(check, "Check the clippings")["run"]], cwd=archive, env=env,
                            capture_output=True, text=True)
    assert failed.returncode == 1 and failed.stdout.startswith("::error file=content/bad.md,line=")


@pytest.mark.parametrize(("record", "expected", "reachable"), [
    (None, f"sitegen=={__version__}", True),
    ({"url": "https://github.com/someone/sitegen.git",
      "vcs_info": {"vcs": "git", "commit_id": "0123456789abcdef0123456789abcdef01234567", "requested_revision": "v1"}},
     "sitegen @ git+https://github.com/someone/sitegen.git@0123456789abcdef0123456789abcdef01234567", True),
    ({"url": "https://example.org/sitegen-0.2.0.tar.gz", "archive_info": {"hash": "sha256=ab12"}},
     "sitegen @ https://example.org/sitegen-0.2.0.tar.gz#sha256=ab12", True),
    ({"url": "file:///home/me/sitegen", "dir_info": {"editable": True}}, PLACEHOLDER, False),
    ({"url": "file:///home/me/dist/sitegen-0.2.0-py3-none-any.whl", "archive_info": {}}, PLACEHOLDER, False),
])
def test_the_workflow_installs_the_sitegen_that_made_the_archive_pinned(monkeypatch, record, expected,
                                                                        reachable) -> None:
    class Installed:
        def read_text(self, name: str) -> str | None:
            return json.dumps(record) if record is not None and name == "direct_url.json" else None

    monkeypatch.setattr("importlib.metadata.distribution", lambda name: Installed())
    source = installed_source()
    assert (source.requirement, source.reachable) == (expected, reachable)
    text = requirements_text(source)
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert lines == [expected]
    assert ("CHANGE THIS" in text) is not reachable
