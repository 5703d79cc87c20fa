"""The publishing part of the composition root: media store, media links and the publisher."""

from __future__ import annotations

from datetime import timedelta

from chatbot.adapters.instagram_graph import GraphPublisher
from chatbot.adapters.media_store import LocalMediaStore, MediaLinks
from chatbot.adapters.outbox import OutboxPublisher
from chatbot.ports import Clock, InstagramPublisher
from chatbot.services.context import PublishingConfig
from handlers.settings import Settings
from handlers.settings_values import ConfigError

MIN_SECRET = 16


def build_media(settings: Settings) -> LocalMediaStore:
    """The media store; with signed public URLs when public_base_url and the secret are set."""
    secret = settings.media_secret.reveal() if settings.media_secret else ""
    links = None
    if settings.public_base_url and len(secret) >= MIN_SECRET:
        links = MediaLinks(secret.encode(), settings.public_base_url)
    return LocalMediaStore(settings.media_dir, links)


def build_publisher(settings: Settings, media: LocalMediaStore, clock: Clock) -> InstagramPublisher:
    """The configured publisher; Instagram needs a token per account and media hosting."""
    if settings.publisher != "instagram":
        return OutboxPublisher(settings.outbox_dir, media, clock)
    secret = settings.media_secret.reveal() if settings.media_secret else ""
    if len(secret) < MIN_SECRET:
        raise ConfigError(
            "Instagram に画像を渡すため、環境変数 SHONIN_MEDIA_SECRET に"
            "16文字以上の秘密の値を設定してください",
            "set SHONIN_MEDIA_SECRET to a secret of at least 16 characters "
            "(media URLs are signed with it)",
            key="SHONIN_MEDIA_SECRET",
        )
    for index, account in enumerate(settings.accounts):
        if account.id not in settings.instagram_tokens:
            name = account.token_env or "token_env"
            raise ConfigError(
                f"アカウント {account.id} のアクセストークンがありません。"
                f"環境変数 {name} に設定してください",
                f"account {account.id} has no access token; set it in the env var {name}",
                key=f"accounts[{index}].token_env",
                file=settings.config_path,
            )
    tokens = {a: s.reveal() for a, s in settings.instagram_tokens.items()}
    envs = {a.id: a.token_env for a in settings.accounts}
    return GraphPublisher(
        settings.graph_api_base,
        tokens,
        media,
        clock,
        token_envs=envs,
        connections=settings.publish_concurrency,  # one per post in flight
    )


def publishing_config(settings: Settings) -> PublishingConfig:
    return PublishingConfig(
        lease=timedelta(seconds=settings.publish_lease_seconds),
        leader_lease=timedelta(seconds=settings.leader_lease_seconds),
        concurrency=settings.publish_concurrency,
        claim_batch=settings.publish_claim_batch,
    )
