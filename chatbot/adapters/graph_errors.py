"""Instagram Graph API errors mapped to what shonin does and says (``publish.error.*``).

Codes from Meta's error reference: ``code`` and ``error_subcode`` of ``{"error": {...}}``.
"""

from __future__ import annotations

from typing import Any

from chatbot.ports import PublishError, Recovery

R = Recovery

# subcode -> (catalogue key, recovery); looked up before the code
SUBCODES: dict[int, tuple[str, Recovery]] = {
    2207052: ("publish.error.media_unfetchable", R.RETRY),
    2207003: ("publish.error.media_unfetchable", R.RETRY),
    2207042: ("publish.error.limit_reached", R.RETRY),
    2207026: ("publish.error.media_format", R.PERMANENT),
    2207009: ("publish.error.media_format", R.PERMANENT),
    2207004: ("publish.error.media_format", R.PERMANENT),
    2207005: ("publish.error.media_format", R.PERMANENT),
    2207023: ("publish.error.media_format", R.PERMANENT),
    2207020: ("publish.error.container_expired", R.NEW_CONTAINER),
    2207008: ("publish.error.container_expired", R.NEW_CONTAINER),
    2207032: ("publish.error.container_expired", R.NEW_CONTAINER),
    2207053: ("publish.error.container_expired", R.NEW_CONTAINER),
    2207001: ("publish.error.transient", R.RETRY),
    2207051: ("publish.error.other", R.PERMANENT),  # held as suspected spam: a person must look
}
CODES: dict[int, tuple[str, Recovery]] = {
    9004: ("publish.error.media_unfetchable", R.RETRY),
    9: ("publish.error.limit_reached", R.RETRY),
    36003: ("publish.error.media_format", R.PERMANENT),
    36000: ("publish.error.media_format", R.PERMANENT),
    190: ("publish.error.token_invalid", R.PERMANENT),
    10: ("publish.error.permission", R.PERMANENT),
    4: ("publish.error.rate_limited", R.RETRY),
    17: ("publish.error.rate_limited", R.RETRY),
    32: ("publish.error.rate_limited", R.RETRY),
    613: ("publish.error.rate_limited", R.RETRY),
    1: ("publish.error.transient", R.RETRY),
    2: ("publish.error.transient", R.RETRY),
}


def classify(status: int, code: int | None, subcode: int | None) -> tuple[str, Recovery]:
    if subcode is not None and subcode in SUBCODES:
        return SUBCODES[subcode]
    if code is not None:
        if code in CODES:
            return CODES[code]
        if 200 <= code <= 299:
            return "publish.error.permission", R.PERMANENT
    if status >= 500 or status in (408, 429):
        return "publish.error.transient", R.RETRY
    return "publish.error.other", R.PERMANENT


def from_response(status: int, body: dict[str, Any], *, env: str, secret: str) -> PublishError:
    error = body.get("error") if isinstance(body.get("error"), dict) else {}
    assert isinstance(error, dict)
    code = _int(error.get("code"))
    subcode = _int(error.get("error_subcode"))
    key, recovery = classify(status, code, subcode)
    message = str(error.get("message", ""))[:300]
    if secret:
        message = message.replace(secret, "***")
    text = f"Instagram error {code or status}/{subcode or '-'}: {message or f'HTTP {status}'}"
    args = {"code": str(code if code is not None else status), "env": env}
    return PublishError(
        text, recovery=recovery, key=key, args=args, code=code, token_invalid=code == 190
    )


def from_exception(error: BaseException) -> PublishError:
    """A timeout or a broken connection: try again (after asking whether the post went live)."""
    return PublishError(
        f"Instagram not reachable: {type(error).__name__}",
        recovery=Recovery.RETRY,
        key="publish.error.transient",
    )


def no_token(env: str) -> PublishError:
    return PublishError(
        f"no access token in {env or 'the account token_env'}",
        recovery=Recovery.PERMANENT,
        key="publish.error.no_token",
        args={"env": env},
        token_invalid=True,
    )


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None
