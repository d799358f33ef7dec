"""Issue 16, building someone else's archive: one hostile case per promise, each a real build or request that
asserts what the user needs (the victim file still there, the message, a loose time bound where linear code takes
well under a second). The time bounds are for a loaded CI machine: 20 s where the code takes < 1 s."""
from __future__ import annotations

import re
import time
from pathlib import Path

from helpers import export_text, parse, tree

from sitegen.cli import main

LINEAR = 20.0
"""Seconds a hostile input may take on a loaded machine; linear code takes under a second for each case here."""


def build(tmp_path: Path, capsys, *extra: str, expect: int = 0, leftovers: str = "\0") -> list[str]:
    """Build tmp_path/content into tmp_path/public; assert the exit code and that nothing beside public/ (and the
    build cache, and a killed build's `leftovers` folder) changed; return the lines it printed on stderr."""
    ours = (".sitegen-cache", "public/", leftovers)
    outside = {p for p in tree(tmp_path) if not p.startswith(ours) and p != "public"}
    code = main(["build", "--content", str(tmp_path / "content"), "--out", str(tmp_path / "public"), *extra])
    err = capsys.readouterr().err
    assert code == expect, err
    assert {p for p in tree(tmp_path) if not p.startswith(ours) and p != "public"} == outside
    return err.splitlines()


def reported(lines: list[str], file: str, severity: str, message: str) -> bool:
    return any(re.search(rf"/content/{re.escape(file)}(:\d+)?: {severity}: .*{message}", line) for line in lines)


def timed_build(tmp_path: Path, capsys) -> tuple[float, list[str]]:
    start = time.perf_counter()
    lines = build(tmp_path, capsys)
    return time.perf_counter() - start, lines


# --- 8: every pattern linear, field values capped ---------------------------------------------------------------

def test_08_a_date_of_commas_and_other_backtracking_lines_read_in_linear_time(tmp_path: Path, content_dir,
                                                                              capsys) -> None:
    """`Published on` + 60,000 commas took 61 s (the time pattern tried every split of the value)."""
    content_dir({
        "001_aaaaaaaa00000001.txt": export_text("Commas", date="," * 60_000),
        "002_bbbbbbbb00000002.txt": export_text("Spaced", captured="," * 30_000 + " 1:00 pm"),
        "003_cccccccc00000003.txt": export_text("Key", body="Note:" + " " * 300_000 + "x" * 300),
        "heading.md": "# A" + " " * 100_000 + "b\n\nThe heading line never ends.\n",
        "keys.md": "---\ntitle: Keys\ndate: 2025-03-11\nlist: [a,\nb" + " " * 100_000 + "c]\n---\nBody.\n",
        "damaged.txt": export_text("Damaged", body="AjansÄ± " * 200_000),
    })
    seconds, lines = timed_build(tmp_path, capsys)
    assert seconds < LINEAR, f"{seconds:.1f} s"
    assert reported(lines, "001_aaaaaaaa00000001.txt", "warning", r"cannot read published date ',{80}…'")
    assert not any(len(line) > 1000 for line in lines)  # a value is quoted by its start, not whole
    assert (tmp_path / "public/2025/03/11").is_dir()
    assert reported(lines, "damaged.txt", "warning", "looks like mis-decoded UTF-8")


# --- 9: paragraph rejoining linear -------------------------------------------------------------------------------

def test_09_a_body_of_thousands_of_rejoined_blocks_reads_in_linear_time(tmp_path: Path, content_dir,
                                                                       capsys) -> None:
    """Each block starts in lower case after one that ends no sentence, so all are joined into one paragraph:
    joining by copying the paragraph once per block (and once more to look past its closing quote) was quadratic
    (this 5 MB body: 40 s)."""
    body = "\n\n".join(['and "the text" goes "on"'] * 200_000)
    content_dir({"001_aaaaaaaa00000001.txt": export_text("Rejoined", body="It starts" + "\n\n" + body)})
    seconds, _ = timed_build(tmp_path, capsys)
    assert seconds < LINEAR, f"{seconds:.1f} s"
    (page,) = [p for p in (tmp_path / "public/2025/03/11").glob("*.html") if p.name != "index.html"]
    assert 'It starts and "the text" goes "on" and "the text" goes "on"' in parse(page).text


# --- 4: excerpts cut in every script -------------------------------------------------------------------------------

TAIL = "Zqxtail"
"""A word only in the part of each text an excerpt must not publish."""
EXCERPTED = {  # language: (title, a sentence of made-up news in that language)
    "ja": ("防潮堤の整備計画", "東京都は十一日、臨海部の新しい防潮堤の整備計画を発表した。"),
    "zh": ("新深水泊位", "上海港务局周二宣布，新的深水泊位将于明年投入使用。"),
    "th": ("ท่าเรือแห่งใหม่", "กรมเจ้าท่าประกาศว่าท่าเรือแห่งใหม่จะเปิดให้บริการในปีหน้า"),
    "ar": ("رصيف جديد", "أعلنت هيئة الميناء يوم الثلاثاء أن الرصيف الجديد سيفتح العام المقبل."),
}


def _every_file_as_text(public: Path) -> dict[str, str]:
    """Every file of the site as text (gzip-compressed ones, like the search index's, decompressed), without the
    zero-width spaces Pagefind puts between the words of scripts written without spaces."""
    import gzip

    texts = {}
    for path in public.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            texts[path.relative_to(public).as_posix()] = data.decode("utf-8", "replace").replace("\u200b", "")
    return texts


def test_04_an_excerpt_only_source_publishes_only_an_excerpt_in_every_script(tmp_path: Path, content_dir,
                                                                            capsys) -> None:
    """Split on spaces, a Japanese, Chinese or Thai text was one word, so the "60-word excerpt" was all of it."""
    files = {}
    for n, (lang, (title, sentence)) in enumerate(EXCERPTED.items(), start=1):
        files[f"{lang}.md"] = (f"---\ntitle: {title}\ndate: 2025-03-1{n}\nsource: Licensed Wire\nlang: {lang}\n"
                               f"url: https://wire.example.com/{lang}\n---\n{sentence * 40}\n\n{TAIL} {sentence}\n")
    files["own.md"] = f"---\ntitle: Own story\ndate: 2025-03-19\nsource: Own Paper\n---\nOur own {TAIL.lower()}.\n"
    content_dir(files)
    (tmp_path / "sitegen.toml").write_text('excerpt_only = ["Licensed Wire"]\nexport_text = true\n'
                                           'base_url = "https://archive.example.org/"\n', encoding="utf-8")
    build(tmp_path, capsys, "--config", str(tmp_path / "sitegen.toml"))
    public = tmp_path / "public"
    texts = _every_file_as_text(public)
    assert "feed.xml" in texts and "clippings.json" in texts and any(p.startswith("pagefind/") for p in texts)
    leaked = sorted(path for path, text in texts.items() if TAIL in text)
    assert leaked == [], "the part beyond the excerpt was published"
    assert any(TAIL.lower() in text for text in texts.values())  # the check can see a word: the own story's is there
    for n, (lang, (_, sentence)) in enumerate(EXCERPTED.items(), start=1):
        (page,) = [p for p in (public / f"2025/03/1{n}").glob("*.html") if p.name != "index.html"]
        shown = parse(page).text
        assert sentence.rstrip(".。") in shown and "excerpt" in shown.lower(), lang
        assert len(shown) < 2500, lang  # the start, not the 40 sentences


# --- beyond the list: Pagefind's own configuration file --------------------------------------------------------

def test_a_pagefind_config_in_the_archive_folder_writes_nothing(tmp_path: Path, content_dir, capsys,
                                                               monkeypatch) -> None:
    """Pagefind reads pagefind.yml from its working folder, which was the archive's: `logfile:` there made it
    overwrite any file the user can write."""
    victim = tmp_path.parent / f"{tmp_path.name}-victim.txt"
    victim.write_text("the user's notes\n", encoding="utf-8")
    content_dir({"a.md": "---\ntitle: Harbour\ndate: 2025-03-11\n---\nThe harbour reopened.\n"})
    (tmp_path / "pagefind.yml").write_text(f"logfile: ../{victim.name}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    try:
        build(tmp_path, capsys)
        assert victim.read_text(encoding="utf-8") == "the user's notes\n"
    finally:
        victim.unlink()
    assert list((tmp_path / "public/pagefind").iterdir())  # the index was still made


# --- 1: nothing read back from the site folder runs code ---------------------------------------------------------

class _Payload:
    """What an attacker commits as a cache file: unpickling it writes `marker`."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return Path.write_text, (self.marker, "code from the site folder ran")


def test_01_a_planted_cache_runs_no_code_and_is_rebuilt_with_one_notice(tmp_path: Path, content_dir, capsys,
                                                                        monkeypatch) -> None:
    import pickle

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path.parent / f"{tmp_path.name}-user-cache"))
    monkeypatch.chdir(tmp_path)  # the site folder, which holds the cache
    content_dir({"a.md": "---\ntitle: Harbour\ndate: 2025-03-11\n---\nThe harbour reopened.\n",
                 "b.md": "---\ntitle: Quay\ndate: 2025-03-12\n---\nThe quay was repaired.\n"})
    build(tmp_path, capsys, "--no-search")
    clean = {p.relative_to(tmp_path / "public"): p.read_bytes() for p in (tmp_path / "public").rglob("*")
             if p.is_file()}
    cache = next((tmp_path / ".sitegen-cache").iterdir())
    marker = tmp_path.parent / f"{tmp_path.name}-marker"
    planted = pickle.dumps(_Payload(marker))
    for path in [*cache.glob("*.pickle"), *cache.glob("templates/*")]:
        path.write_bytes(planted)  # the files the cache has, in place
    (cache / "templates" / "__jinja2_0a1b.cache").write_bytes(b"j2\x00" + planted)  # Jinja's own file cache
    (tmp_path / "content/b.md").write_text("---\ntitle: Quay\ndate: 2025-03-12\n---\nRepaired again.\n",
                                            encoding="utf-8")
    lines = build(tmp_path, capsys, "--no-search")
    assert not marker.exists(), "a cache file from the site folder ran code"
    notices = [line for line in lines if "build cache not used" in line]
    assert len(notices) == 1 and "notice" in notices[0] and "manifest.pickle" in notices[0]
    assert "Repaired again." in (next((tmp_path / "public/2025/03/12").glob("quay-*.html"))).read_text("utf-8")
    # the next build verifies what this one sealed: no notice, nothing to do
    lines = build(tmp_path, capsys, "--no-search")
    assert not [line for line in lines if "build cache" in line] and not marker.exists()
    assert {p.relative_to(tmp_path / "public") for p in (tmp_path / "public").rglob("*") if p.is_file()} == set(clean)


def test_01_the_key_lives_in_the_users_cache_folder_readable_by_the_user_alone(tmp_path: Path, content_dir,
                                                                              capsys, monkeypatch) -> None:
    user = tmp_path.parent / f"{tmp_path.name}-user-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(user))
    monkeypatch.chdir(tmp_path)
    content_dir({"a.md": "---\ntitle: Harbour\ndate: 2025-03-11\n---\nThe harbour reopened.\n"})
    build(tmp_path, capsys, "--no-search")
    key = user / "sitegen" / "key"
    assert key.is_file() and key.stat().st_mode & 0o777 == 0o600 and len(key.read_bytes()) == 32
    assert not [p for p in tree(tmp_path) if p.endswith("key")]
    # Another user (another key) building the same folder: the cache is not trusted, once, and then it is.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path.parent / f"{tmp_path.name}-other-user"))
    assert sum("build cache not used" in line for line in build(tmp_path, capsys, "--no-search")) == 1
    assert not [line for line in build(tmp_path, capsys, "--no-search") if "build cache" in line]


# --- 2: a journal's paths stay inside the output folder ----------------------------------------------------------

def test_02_a_planted_journal_deletes_and_moves_nothing_outside_the_output_folder(tmp_path: Path, content_dir,
                                                                                 capsys) -> None:
    import json

    content_dir({"a.md": "---\ntitle: Harbour\ndate: 2025-03-11\n---\nThe harbour reopened.\n"})
    build(tmp_path, capsys, "--no-search")
    outside = tmp_path / "outside"
    outside.mkdir()
    for name in ("victim.txt", "via-link.txt", "moved.txt"):
        (outside / name).write_text("the user's file\n", encoding="utf-8")
    (tmp_path / "victim.txt").write_text("the user's file\n", encoding="utf-8")
    # What a cloned archive can hold: a symbolic link inside the output folder, and a "killed build's" staging
    # folder whose journal names paths outside, through links, and absolute ones.
    (tmp_path / "public/docs").symlink_to(outside, target_is_directory=True)
    staging = tmp_path / ".public.building-999999-planted"
    staging.mkdir()
    (staging / "in").symlink_to(outside, target_is_directory=True)
    (staging / ".sitegen-journal").write_text(json.dumps({
        "deletions": ["../victim.txt", "docs/via-link.txt", str(outside / "victim.txt"), "a/../../victim.txt"],
        "renames": ["in/moved.txt"]}), encoding="utf-8")
    build(tmp_path, capsys, "--no-search", leftovers=staging.name)
    for path in (tmp_path / "victim.txt", *(outside / n for n in ("victim.txt", "via-link.txt", "moved.txt"))):
        assert path.read_text(encoding="utf-8") == "the user's file\n", path
    assert not (tmp_path / "public/in").exists() and not staging.exists()
    assert (tmp_path / "public/index.html").is_file()
    # A journal that is not even a list of paths is ignored, not a crash.
    staging.mkdir()
    (staging / ".sitegen-journal").write_text('{"deletions": 5, "renames": null}', encoding="utf-8")
    build(tmp_path, capsys, "--no-search", leftovers=staging.name)


# --- 11 and 12: settings a page or feed cannot hold are config errors ---------------------------------------------

def test_11_an_invalid_base_url_is_a_config_error(tmp_path: Path, content_dir, capsys) -> None:
    content_dir({"a.md": "---\ntitle: Harbour\ndate: 2025-03-11\n---\nThe harbour reopened.\n"})
    lines = build(tmp_path, capsys, "--base-url", "https://[::1/", expect=1)
    assert lines == ["sitegen: error: 'base_url' 'https://[::1/' is not a valid URL (Invalid IPv6 URL); "
                     "e.g. https://name.github.io/archive/"]
    (tmp_path / "sitegen.toml").write_text('base_url = "https://example.org:99999/"\n', encoding="utf-8")
    lines = build(tmp_path, capsys, "--config", str(tmp_path / "sitegen.toml"), expect=1)
    assert len(lines) == 1 and "'base_url'" in lines[0] and "not a valid URL" in lines[0]
    assert not (tmp_path / "public").exists()


def test_12_control_characters_in_the_settings_are_refused_by_name(tmp_path: Path, content_dir, capsys) -> None:
    content_dir({"a.md": "---\ntitle: Harbour\ndate: 2025-03-11\n---\nThe harbour reopened.\n"})
    config = tmp_path / "sitegen.toml"
    for key, value in (("title", "Harbour\\u0001 archive"), ("description", "Clippings\\u000b"),
                       ("language", "en\\u0000")):
        config.write_text(f'{key} = "{value}"\n', encoding="utf-8")
        lines = build(tmp_path, capsys, "--config", str(config), expect=1)
        assert len(lines) == 1 and f"'{key}' contains the control character U+00" in lines[0], lines
    assert not (tmp_path / "public").exists()


# --- 5: the preview server answers every request, and redirects only within the site -----------------------------

def test_05_the_preview_server_answers_hostile_paths_and_redirects_on_site(tmp_path: Path, content_dir) -> None:
    import http.client
    from urllib.parse import urljoin, urlsplit

    from test_serve import Server

    content_dir({"a.md": "---\ntitle: Harbour\ndate: 2025-03-11\n---\nThe harbour reopened.\n"})
    (tmp_path / "sitegen.toml").write_text('base_url = "/archive/"\nsearch = false\n', encoding="utf-8")
    server = Server(tmp_path)
    try:
        url = server.wait_for("Serving").split(" at ")[1].split()[0]
        origin = url.removesuffix("/archive/")
        port = urlsplit(origin).port

        def get(path: str) -> http.client.HTTPResponse:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            connection.close()
            return response

        for path in ("/archive/%5Cevil.com/..", "/archive/%5C%5Cevil.com/..", "/archive/\\evil.com/..",
                     "/archive/%2F%2Fevil.com/..", "/archive/2025/03/11/%5C..%5C..", "/archive/2025"):
            response = get(path)
            assert response.status in (301, 404), path
            if response.status == 301:
                location = response.getheader("Location")
                assert urlsplit(urljoin(url, location)).netloc == urlsplit(url).netloc, (path, location)
                assert location.startswith("/archive/") and not location.startswith(("//", "/\\")), location
        assert get("/archive/2025").getheader("Location") == "/archive/2025/"
        for path, status in (("/%00", 400), ("/archive/%00", 400), ("/archive/a%0Ab", 400),
                             ("/archive/" + "a" * 300, 404), ("/archive/" + "%C3%A9" * 200 + "/x", 404),
                             ("/archive/%ff%fe", 404)):
            assert get(path).status == status, path
        assert get("/archive/").status == 200  # still serving
    finally:
        server.process.send_signal(2)
        server.process.wait(timeout=60)
    assert "Traceback" not in "".join(server.output) + server.process.stdout.read()


# --- 3: a folder sitegen did not make is never replaced without --force ------------------------------------------

def test_03_a_folder_sitegen_did_not_make_is_refused_and_kept(tmp_path: Path, content_dir, capsys) -> None:
    """`--out ../docs` deleted the user's thesis.docx without a word."""
    content_dir({"a.md": "---\ntitle: Harbour\ndate: 2025-03-11\n---\nThe harbour reopened.\n"})
    docs = tmp_path / "docs"
    (docs / "chapters").mkdir(parents=True)
    (docs / "thesis.docx").write_bytes(b"PK the user's thesis")
    (docs / "chapters/one.md").write_text("# One\n", encoding="utf-8")
    before = tree(docs)

    def run(*extra: str) -> tuple[int, str]:
        code = main(["build", "--content", str(tmp_path / "content"), "--out", str(docs), "--no-search", *extra])
        return code, capsys.readouterr().err

    code, err = run()
    assert code == 1 and f"refusing to replace {docs}" in err and "--force" in err and "chapters" in err, err
    assert tree(docs) == before and (docs / "thesis.docx").read_bytes() == b"PK the user's thesis"
    assert not [p for p in tmp_path.iterdir() if ".building-" in p.name]
    # --force replaces it; the folder is then sitegen's (marked) and later builds need no --force.
    code, err = run("--force")
    assert code == 0, err
    assert not (docs / "thesis.docx").exists() and (docs / ".sitegen-output").is_file()
    (tmp_path / "content/b.md").write_text("---\ntitle: Quay\ndate: 2025-03-12\n---\nThe quay.\n", encoding="utf-8")
    code, err = run()
    assert code == 0 and (docs / "2025/03/12").is_dir(), err
    # An empty folder, or one that does not exist yet, is built into without a word.
    for fresh in (tmp_path / "empty", tmp_path / "new/site"):
        if fresh.name == "empty":
            fresh.mkdir()
        assert main(["build", "--content", str(tmp_path / "content"), "--out", str(fresh), "--no-search"]) == 0
        assert (fresh / "index.html").is_file()


def test_03_a_symlink_as_output_folder_and_the_old_refusals(tmp_path: Path, content_dir, capsys) -> None:
    content_dir({"a.md": "---\ntitle: Harbour\ndate: 2025-03-11\n---\nThe harbour reopened.\n"})
    real = tmp_path / "real"
    real.mkdir()
    (real / "notes.txt").write_text("mine\n", encoding="utf-8")
    (tmp_path / "public").symlink_to(real, target_is_directory=True)
    code = main(["build", "--content", str(tmp_path / "content"), "--out", str(tmp_path / "public"), "--no-search"])
    err = capsys.readouterr().err
    assert code == 1 and "symbolic link" in err and (real / "notes.txt").is_file(), err
    for out in (tmp_path, tmp_path / "content", Path("/")):  # the site folder, the content, the root: even forced
        code = main(["build", "--content", str(tmp_path / "content"), "--out", str(out), "--no-search", "--force"])
        assert code == 1 and "would replace the content folder" in capsys.readouterr().err, out
    assert (real / "notes.txt").is_file() and (tmp_path / "content/a.md").is_file()


# --- 6: names that are not UTF-8 ---------------------------------------------------------------------------------

def test_06_a_name_that_is_not_utf8_is_one_problem_and_the_rest_builds(tmp_path: Path, content_dir, capsys) -> None:
    """`caf\\xe9.txt` (Latin-1, from another system) crashed check and build with UnicodeEncodeError."""
    import os

    content_dir({"ok.md": "---\ntitle: Harbour\ndate: 2025-03-11\n---\nThe harbour reopened.\n"})
    content = os.fsencode(tmp_path / "content")
    with open(content + b"/caf\xe9.txt", "wb") as file:
        file.write(export_text("Cafe").encode("utf-8"))
    os.mkdir(content + b"/dir\xff")
    with open(content + b"/dir\xff/b.md", "wb") as file:
        file.write(b"---\ntitle: Quay\ndate: 2025-03-12\n---\nThe quay.\n")
    main(["check", "--content", str(tmp_path / "content")])
    checked = capsys.readouterr()
    assert r"caf\xe9.txt:1: error: file name is not valid UTF-8" in checked.out + checked.err
    assert "Traceback" not in checked.out + checked.err
    lines = build(tmp_path, capsys, "--no-search")
    assert reported(lines, r"caf\xe9.txt", "error", "file name is not valid UTF-8, skipped")
    assert reported(lines, r"dir\xff", "error", "folder name is not valid UTF-8, skipped")
    assert len([line for line in lines if "not valid UTF-8" in line]) == 2
    assert (tmp_path / "public/2025/03/11").is_dir() and not (tmp_path / "public/2025/03/12").exists()
    for path in (tmp_path / "public").rglob("*"):
        path.name.encode("utf-8")  # every name written is UTF-8


# --- 7: YAML that expands without bound ----------------------------------------------------------------------------

def _alias_bomb(levels: int = 10) -> str:
    lines = ['a0: &a0 [x,x,x,x,x,x,x,x,x]']
    lines += [f"a{n}: &a{n} [{','.join([f'*a{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines)


def test_07_yaml_alias_bombs_and_deep_nesting_are_left_out_field_by_field(tmp_path: Path, content_dir,
                                                                          capsys) -> None:
    """A 392-byte alias bomb in unknown fields grew to gigabytes (MemoryError); 990 nested lists gave a
    RecursionError traceback."""
    bomb = _alias_bomb()
    assert len(bomb) < 450
    content_dir({
        "bomb.md": f"---\ntitle: Bomb\ndate: 2025-03-11\n{bomb}\n---\nThe bomb's own text.\n",
        "deep.md": "---\ntitle: Deep\ndate: 2025-03-12\nx: " + "[" * 990 + "]" * 990 + "\n---\nDeep text.\n",
        "blocks.md": "---\ntitle: Blocks\ndate: 2025-03-13\ny:\n" + "".join("  " * n + "- \n" for n in range(300))
                     + "---\nBlock text.\n",
        "self.md": "---\ntitle: Itself\ndate: 2025-03-14\nz: &z [1, *z]\n---\nIts text.\n",
        "ok.md": "---\ntitle: Harbour\ndate: 2025-03-15\nshelf: B4\n---\nThe harbour reopened.\n",
    })
    seconds, lines = timed_build(tmp_path, capsys)
    assert seconds < LINEAR, f"{seconds:.1f} s"
    assert not any("Traceback" in line or "Error" in line for line in lines), lines
    assert reported(lines, "bomb.md", "warning", "field 'a9' expands to more than 10,000 values")
    assert not reported(lines, "bomb.md", "warning", "field 'a3' expands")  # 7,381 values: kept
    assert reported(lines, "deep.md", "warning", "field 'x' expands to more than 10,000 values or 20 levels")
    assert reported(lines, "self.md", "warning", "field 'z' expands")
    for day, text in ((11, "The bomb's own text."), (12, "Deep text."), (14, "Its text."),
                      (15, "The harbour reopened.")):
        (page,) = [p for p in (tmp_path / f"public/2025/03/{day}").glob("*.html") if p.name != "index.html"]
        assert text in parse(page).text
    export = (tmp_path / "public/clippings.json").read_text(encoding="utf-8")
    assert len(export) < 1_000_000 and "B4" in export


# --- 10: the output of one clipping is bounded -------------------------------------------------------------------

def test_10_ten_thousand_categories_on_one_clipping_publish_the_first_100(tmp_path: Path, content_dir,
                                                                         capsys) -> None:
    """Every category feed repeated the entry with all its categories: 10,000 categories on one of two clippings
    made a 2.7 GB site in 140 s."""
    names = [f"Topic {n:05}" for n in range(10_000)]
    content_dir({"001_aaaaaaaa00000001.txt": export_text("Everything at once", categories=",".join(names)),
                 "002_bbbbbbbb00000002.txt": export_text("Quiet day", date="March 12, 2025")})
    seconds, lines = timed_build(tmp_path, capsys)
    assert seconds < LINEAR, f"{seconds:.1f} s"
    assert reported(lines, "001_aaaaaaaa00000001.txt", "warning",
                    "10000 categories; only the first 100 are published")
    public = tmp_path / "public"
    assert sum(p.stat().st_size for p in public.rglob("*") if p.is_file()) < 20_000_000
    assert len(list((public / "categories").glob("topic-*/index.html"))) == 100
    assert (public / "categories/topic-00099").is_dir() and not (public / "categories/topic-00100").exists()
