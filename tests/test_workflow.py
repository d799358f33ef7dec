"""The GitHub Pages workflow: the official actions in the right order, and its build command really builds."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github/workflows/pages.yml"


def load() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def uses(step: dict) -> str:
    return step.get("uses", "").split("@")[0]


def test_triggers_and_permissions() -> None:
    data = load()
    assert data["on"]["push"]["branches"] == ["main"] and "workflow_dispatch" in data["on"]
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert data["concurrency"]["cancel-in-progress"] is False


def test_official_actions_in_order() -> None:
    jobs = load()["jobs"]
    build = [uses(s) or s["name"] for s in jobs["build"]["steps"]]
    assert build == ["actions/checkout", "actions/setup-python", "actions/configure-pages", "Install sitegen",
                     "Build the site", "actions/upload-pages-artifact"]
    upload = jobs["build"]["steps"][-1]
    assert upload["with"]["path"] == "public"
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [uses(s) for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"


def test_build_step_uses_the_pages_base_url_and_builds(tmp_path: Path) -> None:
    steps = load()["jobs"]["build"]["steps"]
    configure = next(s for s in steps if uses(s) == "actions/configure-pages")
    build = next(s for s in steps if s.get("name") == "Build the site")
    assert build["env"]["BASE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}"
    # Run the step as the runner would, in a copy of this repository's archive, with the value
    # configure-pages gives a project site (no trailing slash).
    shutil.copytree(ROOT / "content", tmp_path / "content")
    env = {**os.environ, "BASE_URL": "https://name.github.io/sitegen",
           "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]}
    subprocess.run(["bash", "-e", "-c", build["run"]], cwd=tmp_path, env=env, check=True, capture_output=True)
    public = tmp_path / "public"
    assert (public / "index.html").is_file() and (public / "404.html").is_file()
    assert "<loc>https://name.github.io/sitegen/</loc>" in (public / "sitemap.xml").read_text(encoding="utf-8")
    assert 'href="/sitegen/style.css"' in (public / "index.html").read_text(encoding="utf-8")
