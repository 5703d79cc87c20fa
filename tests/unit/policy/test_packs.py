"""Pack loading, extends, versions and lint."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chatbot.policy.packs import PackError, builtin_names, lint_pack, load_pack
from chatbot.policy.types import CATEGORIES

SEEDS = Path("/work/shared/seeds")
PACKS = ("kumamoto-artistspot", "kokuraminami")


@pytest.mark.parametrize("name", PACKS)
def test_builtin_packs_lint_clean_and_reach_every_category(name: str) -> None:
    assert lint_pack(name) == []
    pack = load_pack(name)
    assert {r.category for r in pack.rules} == set(CATEGORIES)
    for rule in pack.rules:
        assert rule.clause and rule.clause_text
        assert rule.message.ja and rule.message.en and rule.suggestion.ja and rule.suggestion.en


@pytest.mark.parametrize(
    ("name", "prefix"), [("kumamoto-artistspot", "000"), ("kokuraminami", "001")]
)
def test_clause_texts_are_copied_from_the_seed(name: str, prefix: str) -> None:
    seeds = list(SEEDS.glob(f"{prefix}_*.txt"))
    if not seeds:
        pytest.skip("seed documents not available")
    squash = re.compile(r"[\s　]+")
    seed = squash.sub("", seeds[0].read_text(encoding="utf-8"))
    for rule in load_pack(name).rules:
        assert squash.sub("", rule.clause_text) in seed, rule.id


def test_allow_lists_hold_the_published_contacts() -> None:
    kumamoto = load_pack("kumamoto-artistspot")
    assert "096-328-2039" in kumamoto.allow["phones"]
    assert "bunkaseisaku@city.kumamoto.lg.jp" in kumamoto.allow["emails"]
    assert "artistspot_kumamoto" in kumamoto.allow["mentions"]
    assert "instagram.com" in kumamoto.allow["domains"]  # inherited from base
    assert "093-951-5553" in load_pack("kokuraminami").allow["phones"]


def test_version_is_a_stable_content_hash_that_follows_the_base(tmp_path: Path) -> None:
    assert re.fullmatch(r"[0-9a-f]{12}", load_pack("kokuraminami").version)
    assert load_pack("kokuraminami").version == load_pack("kokuraminami").version
    assert load_pack("kokuraminami").version != load_pack("kumamoto-artistspot").version
    base = (Path(__file__).parents[3] / "chatbot/policy/packs/base.yml").read_text("utf-8")
    child = "name: office\nextends: base\nrules:\n" + "".join(
        f"  - {{id: {r.id}, clause: '1', clause_text: 'x'}}\n"
        for r in load_pack("kokuraminami").rules
    )
    (tmp_path / "base.yml").write_text(base, "utf-8")
    (tmp_path / "office.yml").write_text(child, "utf-8")
    before = load_pack(str(tmp_path / "office.yml")).version
    (tmp_path / "base.yml").write_text(
        base.replace("max_mentions: 20", "max_mentions: 10"), "utf-8"
    )
    assert load_pack(str(tmp_path / "office.yml")).version != before


def test_an_office_pack_extends_a_builtin_overrides_and_disables(tmp_path: Path) -> None:
    path = tmp_path / "ward.yml"
    path.write_text(
        "name: ward\nextends: kokuraminami\ndisable: [off_topic.private]\n"
        "allow: {phones: [093-000-0000]}\n"
        "rules:\n  - {id: commercial.discount, severity: info}\n",
        "utf-8",
    )
    pack = load_pack(str(path))
    ids = {r.id: r for r in pack.rules}
    assert "off_topic.private" not in ids
    assert ids["commercial.discount"].severity == "info"
    assert ids["commercial.discount"].clause == "3(3)"
    assert {"093-000-0000", "093-951-1024"} <= set(pack.allow["phones"])
    assert pack.name == "ward"


def test_extra_directories_add_named_packs(tmp_path: Path) -> None:
    (tmp_path / "ward.yml").write_text("name: ward\nextends: kokuraminami\n", "utf-8")
    assert "ward" in builtin_names([tmp_path])
    assert "base" not in builtin_names([tmp_path])
    assert load_pack("ward", [tmp_path]).name == "ward"


BROKEN = """\
name: broken
extends: kokuraminami
colour: red
rules:
  - id: x.one
    category: gossip
    severity: fatal
    clause: "1"
    clause_text: t
    detector: lexicon
    patterns: ['(unclosed']
    message: {ja: あ}
    suggestion: {ja: い, en: e}
  - id: x.one
    category: pii
    severity: warn
    clause: "1"
    clause_text: t
    detector: telepathy
    message: {ja: あ, en: a}
    suggestion: {ja: い, en: e}
"""


def test_lint_names_file_line_and_key_for_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "broken.yml"
    path.write_text(BROKEN, "utf-8")
    found = {(Path(i.file).name, i.line, i.key) for i in lint_pack(str(path))}
    assert ("broken.yml", 3, "colour") in found
    assert ("broken.yml", 14, "id") in found  # duplicate id
    # The second x.one wins the merge; its own keys are reported with their lines.
    assert ("broken.yml", 19, "rules[x.one].detector") in found
    messages = " ".join(str(i) for i in lint_pack(str(path)))
    assert "duplicate rule id" in messages


def test_lint_reports_bad_category_severity_regex_and_texts(tmp_path: Path) -> None:
    path = tmp_path / "bad.yml"
    path.write_text(BROKEN.split("  - id: x.one\n    category: pii")[0], "utf-8")
    found = {(i.line, i.key) for i in lint_pack(str(path))}
    assert (6, "rules[x.one].category") in found
    assert (7, "rules[x.one].severity") in found
    assert (11, "rules[x.one].patterns") in found
    assert (12, "rules[x.one].message.en") in found


def test_broken_extends_and_unknown_packs(tmp_path: Path) -> None:
    path = tmp_path / "orphan.yml"
    path.write_text("name: orphan\nextends: nowhere\n", "utf-8")
    [issue] = lint_pack(str(path))
    assert (issue.line, issue.key) == (2, "extends")
    with pytest.raises(PackError):
        load_pack(str(path))
    with pytest.raises(PackError):
        load_pack("no-such-pack")
    loop = tmp_path / "loop.yml"
    loop.write_text("name: loop\nextends: loop.yml\n", "utf-8")
    assert any("circular" in i.message for i in lint_pack(str(loop)))


def test_yaml_syntax_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "syntax.yml"
    path.write_text("name: s\nrules: [\n  {id: a: b}\n", "utf-8")
    [issue] = lint_pack(str(path))
    assert issue.file.endswith("syntax.yml") and issue.line >= 2
