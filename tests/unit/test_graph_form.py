"""The Graph client's form encoding is byte for byte what ``urllib.parse.urlencode`` writes."""

from __future__ import annotations

import random
from urllib.parse import parse_qsl, urlencode

from chatbot.adapters.instagram_graph import form_encode


def test_form_encoding_matches_urlencode_for_captions_urls_and_every_byte() -> None:
    cases = [
        {
            "image_url": "https://example.org/media/a-b_c.d~e?x=1&y=2#z",
            "caption": "お知らせ\n#熊本",
        },
        {"caption": "100% a+b/c =d @user 🎉 \r\n\t", "creation_id": "17890012345"},
        {"fields": "status_code", "input_token": ""},
        {"": "", "é": "ß", "key with spaces": "value with spaces"},
        {chr(n): chr(n) for n in range(256)},
    ]
    rng = random.Random(11)
    alphabet = [chr(n) for n in range(128)] + ["é", "あ", "漢", "🎉", "\u2028"]
    for _ in range(200):
        cases.append({"k": "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))})
    for data in cases:
        assert form_encode(data) == urlencode(data)
        assert dict(parse_qsl(form_encode(data), keep_blank_values=True)) == data
