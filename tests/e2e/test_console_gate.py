"""The gate through the console, as a person types it: blocks, --override, --ack, hard limits."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.console_session import replies, run_console
from tests.fakes.images import image_bytes, jpeg


async def _run(script: str, tmp_path: Path, database_url: str) -> tuple[int, str]:
    (tmp_path / "photo.jpg").write_bytes(jpeg())
    (tmp_path / "poster.png").write_bytes(image_bytes("PNG"))
    (tmp_path / "gps.jpg").write_bytes(image_bytes("JPEG", gps=True))
    (tmp_path / "flyer.jpg").write_bytes(b"%PDF-1.7\nnot an image")
    script = script.replace("@", f"{tmp_path}/")
    return await run_console(script, tmp_path, database_url)


async def test_block_needs_override_and_the_card_shows_it(
    tmp_path: Path, default_database_url: str
) -> None:
    script = "\n".join(
        [
            "post --media @photo.jpg -- 展示のお知らせ。お問い合わせは090-1234-5678まで",
            "as officer",
            "click approve last",
            'click approve last --override "担当者の業務用携帯で、掲載の了承を得ています"',
            "show last",
        ]
    )
    _, output = await _run(script, tmp_path, default_database_url)
    refused = replies(output, "click approve last")
    assert refused.startswith("! ") and "要修正の指摘があります" in refused
    assert "--override" in refused
    shown = replies(output, "show last")
    assert "state=approved" in shown
    assert "担当者の業務用携帯で、掲載の了承を得ています" in shown and "pii.contact" in shown


async def test_warn_needs_ack(tmp_path: Path, default_database_url: str) -> None:
    script = "\n".join(
        [
            "lang en",
            "post --media @photo.jpg -- Details at http://example.com",
            "as officer",
            "click approve last",
            "click approve last --ack",
            "show last",
        ]
    )
    _, output = await _run(script, tmp_path, default_database_url)
    assert "There are findings to check: links.http" in replies(output, "click approve last")
    shown = replies(output, "show last")
    assert "state=approved" in shown and "acknowledged on approval: links.http" in shown


async def test_hard_limits_refuse_even_with_override(
    tmp_path: Path, default_database_url: str
) -> None:
    tags = " ".join(f"#tag{n}" for n in range(35))
    script = "\n".join(
        [
            f"post --media @photo.jpg -- 展示です {tags}",
            "post 画像のない投稿です",
            "post --media @flyer.jpg -- チラシです",
            "as officer",
            'click approve last --ack --override "責任者判断"',
            "show last",
        ]
    )
    code, output = await _run(script, tmp_path, default_database_url)
    first = output.split("> post 画像のない投稿です")[0]
    assert "ハッシュタグ" in first and "要修正" in first
    assert "画像が1枚以上必要です" in output
    assert "Instagram Instagram" not in output
    refused = replies(output, 'click approve last --ack --override "責任者判断"')
    assert refused.startswith("! ") and "上書き不可" in refused
    assert "disguised" in refused
    assert "state=awaiting_approval" in replies(output, "show last")
    assert "[承認: click approve" not in replies(output, "show last")  # no approve button
    assert code != 0  # a piped session with a failed command says so


async def test_png_becomes_jpeg_and_gps_is_flagged_or_stripped(
    tmp_path: Path, default_database_url: str
) -> None:
    script = "\n".join(
        [
            "post --media @poster.png -- ポスターです",
            "post --media @gps.jpg -- 位置情報つき",
            "post --media @gps.jpg --strip-location -- 位置情報を削除",
            "as officer",
            "click approve last",
            "clock +1m",
        ]
    )
    _, output = await _run(script, tmp_path, default_database_url)
    assert "位置情報" in replies(output, "post --media @gps.jpg -- 位置情報つき".replace(
        "@", f"{tmp_path}/"))  # fmt: skip
    stored = sorted(p.name for p in (tmp_path / "media").rglob("*") if p.is_file())
    assert stored and all(name.endswith(".jpg") for name in stored), stored
    assert "state=approved" in output or "承認しました" in output
