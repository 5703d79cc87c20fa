"""The bot's identity for the Agents SDK: MSAL connection settings and incoming-token validation.

Outgoing: a client secret, a certificate (a PFX file, optionally password-protected) or a managed
identity (user- or system-assigned), given to the SDK's MSAL provider as its connection settings.
Incoming: the SDK's ``JwtTokenValidator`` with issuer validation switched on; it reads the signing
keys from Microsoft's fixed JWKS endpoints (the SDK has no metadata setting), and only tests point
``keys_url`` at a local JWKS. No secret or password is ever put in a message or a log.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.serialization import pkcs12
from jwt import PyJWK, PyJWKClient
from microsoft_agents.authentication.msal import MsalAuth
from microsoft_agents.hosting.core import AgentAuthConfiguration, JwtTokenValidator
from microsoft_agents.hosting.core.authorization import AuthTypes
from msal import ConfidentialClientApplication, ManagedIdentityClient  # type: ignore[import-untyped]

from chatbot.i18n import t
from handlers.settings_values import Secret, TeamsSettings

_SDK_AUTH_TYPES = {
    "client_secret": AuthTypes.client_secret,
    "certificate": AuthTypes.certificate,
    "user_managed_identity": AuthTypes.user_managed_identity,
    "system_managed_identity": AuthTypes.system_managed_identity,
}


class TeamsStartupError(Exception):
    """Teams is configured but cannot start: one line in each language, never a secret."""

    def __init__(self, ja: str, en: str) -> None:
        super().__init__(en)
        self.ja, self.en = ja, en

    @classmethod
    def of(cls, key: str, **args: Any) -> TeamsStartupError:
        ja, en = (t(key, locale, **args) for locale in ("ja", "en"))
        return cls(ja, en)


def auth_configuration(teams: TeamsSettings, *, dev_no_auth: bool) -> AgentAuthConfiguration:
    """The SDK's MSAL connection settings from ours; anonymous only in development mode."""
    if not teams.has_credentials:
        return AgentAuthConfiguration(
            auth_type=AuthTypes.client_secret,
            client_id=teams.app_id or None,
            tenant_id=teams.tenant_id or None,
            anonymous_allowed=dev_no_auth,
        )
    kind = teams.auth_type
    secret = teams.app_password.reveal() if teams.app_password else None
    return AgentAuthConfiguration(
        auth_type=_SDK_AUTH_TYPES[kind],
        client_id=teams.app_id,
        tenant_id=teams.tenant_id or None,
        client_secret=secret if kind == "client_secret" else None,
        cert_pfx_file=teams.cert_pfx_file if kind == "certificate" else None,
        send_x5c=teams.send_x5c and kind == "certificate",
        anonymous_allowed=False,
        validate_issuer=True,  # only Bot Framework / the tenant's Entra issuers are accepted
    )


def check_credentials(teams: TeamsSettings) -> None:
    """Refuse to start, in one line, when the chosen credential is incomplete or unusable."""
    missing = teams.missing()
    if missing:
        raise TeamsStartupError.of(
            "teams.startup.no_credentials", kind=teams.auth_type, missing=", ".join(missing)
        )
    if teams.auth_type == "certificate":
        load_certificate(Path(teams.cert_pfx_file), teams.cert_password)


def load_certificate(path: Path, password: Secret | None) -> None:
    """Open the PFX as MSAL will (key and certificate, with the password if any)."""
    try:
        data = path.read_bytes()
    except OSError:
        raise TeamsStartupError.of("teams.startup.cert_unreadable", path=str(path)) from None
    secret = password.reveal().encode() if password else None
    try:
        key, certificate, _ = pkcs12.load_key_and_certificates(data, secret)
    except (ValueError, TypeError):  # a wrong password or not a PFX; never say which secret
        raise TeamsStartupError.of("teams.startup.cert_invalid", path=str(path)) from None
    if key is None or certificate is None:
        raise TeamsStartupError.of("teams.startup.cert_invalid", path=str(path))


def client_credential(config: AgentAuthConfiguration, password: Secret | None) -> dict[str, Any]:
    """MSAL's ``client_credential`` for a certificate, with its password (the SDK passes none)."""
    credential: dict[str, Any] = {"private_key_pfx_path": config.CERT_PFX_FILE}
    if password is not None:
        credential["passphrase"] = password.reveal()
    if config.SEND_X5C:
        credential["public_certificate"] = True
    return credential


class ShoninMsalAuth(MsalAuth):
    """The SDK's MSAL token provider, able to open a password-protected certificate."""

    def __init__(self, configuration: AgentAuthConfiguration, cert_password: Secret | None):
        super().__init__(configuration)
        self._cert_password = cert_password

    def _create_client_application(
        self, tenant_id: str | None = None
    ) -> ConfidentialClientApplication | ManagedIdentityClient:
        config = self._msal_configuration
        if config.AUTH_TYPE is not AuthTypes.certificate or self._cert_password is None:
            return super()._create_client_application(tenant_id)
        return ConfidentialClientApplication(
            client_id=config.CLIENT_ID,
            authority=MsalAuth._resolve_authority(config, tenant_id),
            client_credential=client_credential(config, self._cert_password),
            azure_region=MsalAuth._resolve_azure_region(config),
        )


def msal_provider(teams: TeamsSettings) -> Callable[[AgentAuthConfiguration], MsalAuth]:
    """The connection manager's provider factory for our settings."""
    password = teams.cert_password if teams.auth_type == "certificate" else None
    return lambda configuration: ShoninMsalAuth(configuration, password)


class _KeysAt:
    """Every signing-key lookup goes to one JWKS URL, whatever the token's issuer (tests)."""

    def __init__(self, url: str) -> None:
        self._client = PyJWKClient(url)
        self._lock = threading.Lock()

    async def get_signing_key(self, jwks_uri: str, header: dict[str, Any]) -> PyJWK:
        def fetch() -> PyJWK:
            with self._lock:
                return self._client.get_signing_key(str(header["kid"]))

        return await asyncio.to_thread(fetch)


class TokenValidator(JwtTokenValidator):
    """The SDK's validator (signature, audience, issuer, expiry, tenant binding).

    ``keys_url`` replaces Microsoft's JWKS endpoints; None (production) keeps them.
    """

    def __init__(self, configuration: AgentAuthConfiguration, keys_url: str | None = None):
        super().__init__(configuration)
        if keys_url:
            self._jwk_client_manager = _KeysAt(keys_url)  # type: ignore[assignment]
