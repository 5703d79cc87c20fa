"""Every id Slack and shonin share: the command, events, view callbacks, and the API's scopes.

Button action ids are the ids of ``chatbot.actions`` (the one action table) themselves. The
manifest test checks this module against manifest.yml both ways.
"""

from __future__ import annotations

from chatbot import actions

PLATFORM = "slack"
COMMAND = "/shonin"

# Events the app listens to (Bolt's event types) and the manifest subscriptions that deliver them.
EVENTS: dict[str, tuple[str, ...]] = {
    "message": ("message.channels", "message.groups"),
    "app_home_opened": ("app_home_opened",),
}

# Modal callbacks (view_submission).
VIEW_REASON = "shonin_reason"  # 差し戻し / 却下 / approve with an override reason
VIEW_SCHEDULE = "shonin_schedule"
VIEW_POST = "shonin_post"
VIEWS = (VIEW_REASON, VIEW_SCHEDULE, VIEW_POST)

# Buttons: the action table's ids, plus App Home's.
ACTION_IDS = tuple(actions.ORDER)
HOME_POST = "home_post"
ALL_ACTION_IDS = (*ACTION_IDS, HOME_POST)

# Web API methods the code calls, with the bot scope each needs ("" when none).
METHOD_SCOPES: dict[str, str] = {
    "auth.test": "",
    "chat.postMessage": "chat:write",
    "chat.update": "chat:write",
    "chat.postEphemeral": "chat:write",
    "conversations.open": "im:write",
    "users.info": "users:read",
    "views.open": "",
    "views.publish": "",
    "files.download": "files:read",  # GET url_private_download with the bot token
}
# Scopes needed to receive events, and by the slash command.
EVENT_SCOPES: dict[str, str] = {
    "message.channels": "channels:history",
    "message.groups": "groups:history",
    "app_home_opened": "",
}
COMMAND_SCOPE = "commands"


def bot_scopes() -> set[str]:
    """Exactly the bot scopes the code needs."""
    needed = {*METHOD_SCOPES.values(), *EVENT_SCOPES.values(), COMMAND_SCOPE}
    return needed - {""}


def manifest_events() -> set[str]:
    return {name for names in EVENTS.values() for name in names}
