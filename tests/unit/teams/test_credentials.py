"""Teams credentials from the environment: client secret, certificate (PFX, with or without a
password) and managed identity, handed to the SDK's MSAL provider; incomplete or unusable ones
stop start-up with one line in each language that names what is missing; no secret is shown."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID
from microsoft_agents.hosting.core.authorization import AuthTypes
from msal import ManagedIdentityClient

from handlers.settings import load_settings
from handlers.settings_values import ConfigError, Secret
from handlers.teams import credentials
from handlers.teams.component import TeamsStartupError, teams_component
from handlers.teams.credentials import (
    ShoninMsalAuth,
    auth_configuration,
    check_credentials,
    client_credential,
)

SDK = "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__"
PASSWORD = "pfx-pass-9876"
CONFIG = """
[[accounts]]
id = "city"
instagram_user_id = "1"
policy_pack = "kumamoto-artistspot"
[accounts.channels]
teams = "19:x@thread.tacv2"
"""


def _pfx(path: Path, password: str | None) -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "shonin-bot")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    encryption: Any = (
        BestAvailableEncryption(password.encode())
        if password
        else pkcs12.serialization.NoEncryption()  # type: ignore[attr-defined]
    )
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"bot", key, certificate, None,
                                                           encryption))  # fmt: skip
    return path


def _settings(tmp_path: Path, env: dict[str, str], toml: str = "") -> Any:
    config = tmp_path / "shonin.toml"
    config.write_text(toml + CONFIG, encoding="utf-8")
    return load_settings(env, config)


def test_a_client_secret_is_the_default(tmp_path: Path) -> None:
    teams = _settings(tmp_path, {"MICROSOFT_APP_ID": "app", "MICROSOFT_APP_PASSWORD": "s3"}).teams
    assert teams.auth_type == "client_secret" and teams.has_credentials
    config = auth_configuration(teams, dev_no_auth=False)
    assert config.AUTH_TYPE is AuthTypes.client_secret and config.CLIENT_SECRET == "s3"
    assert config.VALIDATE_ISSUER and not config.ANONYMOUS_ALLOWED
    assert "s3" not in repr(teams)


def test_a_certificate_with_a_password_goes_to_msal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pfx = _pfx(tmp_path / "bot.pfx", PASSWORD)
    env = {
        f"{SDK}CLIENTID": "app",
        f"{SDK}TENANTID": "tenant-guid",
        f"{SDK}AUTHTYPE": "certificate",
        f"{SDK}CERTPFXFILE": str(pfx),
        f"{SDK}SENDX5C": "true",
        "SHONIN_TEAMS_CERT_PASSWORD": PASSWORD,
        "MICROSOFT_APP_PASSWORD": "a-secret-that-is-not-used",
    }
    teams = _settings(tmp_path, env).teams
    assert (teams.auth_type, teams.cert_pfx_file, teams.send_x5c) == ("certificate", str(pfx), True)
    assert teams.cert_password == Secret(PASSWORD) and PASSWORD not in repr(teams)
    check_credentials(teams)  # the PFX opens with its password
    config = auth_configuration(teams, dev_no_auth=False)
    assert config.AUTH_TYPE is AuthTypes.certificate
    assert str(pfx) == config.CERT_PFX_FILE
    assert config.CLIENT_SECRET is None and config.SEND_X5C and config.TENANT_ID == "tenant-guid"
    assert client_credential(config, teams.cert_password) == {
        "private_key_pfx_path": str(pfx),
        "passphrase": PASSWORD,
        "public_certificate": True,
    }
    built: dict[str, Any] = {}
    monkeypatch.setattr(credentials, "ConfidentialClientApplication",
                        lambda **kwargs: built.update(kwargs) or "msal-app")  # fmt: skip
    component = teams_component(_settings(tmp_path, env), dev_no_auth=False)
    assert component is not None and component.auth_on
    provider = component.connections.get_default_connection()
    assert isinstance(provider, ShoninMsalAuth)
    assert provider._create_client_application() == "msal-app"
    assert built["client_id"] == "app" and built["client_credential"]["passphrase"] == PASSWORD
    assert "tenant-guid" in built["authority"]


def test_a_certificate_without_a_password_and_from_the_file(tmp_path: Path) -> None:
    pfx = _pfx(tmp_path / "plain.pfx", None)
    toml = f'[teams]\napp_id = "app"\nauth_type = "certificate"\ncert_pfx_file = "{pfx}"\n'
    teams = _settings(tmp_path, {}, toml).teams
    assert teams.auth_type == "certificate" and teams.cert_password is None
    check_credentials(teams)
    config = auth_configuration(teams, dev_no_auth=False)
    assert client_credential(config, None) == {"private_key_pfx_path": str(pfx)}


@pytest.mark.parametrize(
    ("value", "kind", "sdk"),
    [
        ("UserManagedIdentity", "user_managed_identity", AuthTypes.user_managed_identity),
        ("system_managed_identity", "system_managed_identity", AuthTypes.system_managed_identity),
    ],
)
def test_a_managed_identity_needs_only_the_client_id(
    tmp_path: Path, value: str, kind: str, sdk: AuthTypes
) -> None:
    teams = _settings(tmp_path, {f"{SDK}CLIENTID": "mi-client", f"{SDK}AUTHTYPE": value}).teams
    assert teams.auth_type == kind and teams.has_credentials
    config = auth_configuration(teams, dev_no_auth=False)
    assert config.AUTH_TYPE is sdk and config.CLIENT_SECRET is None
    client = ShoninMsalAuth(config, None)._create_client_application()
    assert isinstance(client, ManagedIdentityClient)  # MSAL asks the Azure host, no secret


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({}, ["CLIENTID (MICROSOFT_APP_ID)", "CLIENTSECRET (MICROSOFT_APP_PASSWORD)"]),
        ({"MICROSOFT_APP_ID": "app"}, ["CLIENTSECRET (MICROSOFT_APP_PASSWORD)"]),
        ({"MICROSOFT_APP_ID": "app", f"{SDK}AUTHTYPE": "certificate"}, ["CERTPFXFILE"]),
        ({f"{SDK}AUTHTYPE": "UserManagedIdentity"}, ["CLIENTID (MICROSOFT_APP_ID)"]),
    ],
)
def test_start_up_names_what_is_missing_in_one_line(
    tmp_path: Path, env: dict[str, str], named: list[str]
) -> None:
    settings = _settings(tmp_path, env)
    with pytest.raises(TeamsStartupError) as refused:
        teams_component(settings, dev_no_auth=False)
    error = refused.value
    for line in (error.ja, error.en):
        assert "\n" not in line and "SHONIN_TEAMS_DEV_NO_AUTH=1" in line
        assert ", ".join(named) in line and settings.teams.auth_type in line
    assert "足りません" in error.ja and "incomplete" in error.en


def test_a_bad_certificate_stops_start_up_without_showing_the_password(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    pfx = _pfx(tmp_path / "bot.pfx", PASSWORD)
    garbage = tmp_path / "garbage.pfx"
    garbage.write_bytes(b"\x00not a pfx")
    base = {"MICROSOFT_APP_ID": "app", f"{SDK}AUTHTYPE": "certificate"}
    cases = [
        ({f"{SDK}CERTPFXFILE": str(tmp_path / "absent.pfx")}, "読めません", "Cannot read"),
        (
            {f"{SDK}CERTPFXFILE": str(pfx), "SHONIN_TEAMS_CERT_PASSWORD": "wrong-pw-4321"},
            "開けません",
            "Cannot open",
        ),
        ({f"{SDK}CERTPFXFILE": str(pfx)}, "開けません", "Cannot open"),  # the password is needed
        ({f"{SDK}CERTPFXFILE": str(garbage)}, "開けません", "Cannot open"),
    ]
    for extra, ja, en in cases:
        settings = _settings(tmp_path, {**base, **extra})
        with pytest.raises(TeamsStartupError) as refused:
            teams_component(settings, dev_no_auth=True)  # even in development: it would fail
        error = refused.value
        assert ja in error.ja and en in error.en and "\n" not in error.ja + error.en
        assert "wrong-pw-4321" not in error.ja + error.en + str(error)
        assert PASSWORD not in error.ja + error.en
    assert "wrong-pw-4321" not in caplog.text and PASSWORD not in caplog.text


def test_bad_credential_settings_are_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as refused:
        _settings(tmp_path, {f"{SDK}AUTHTYPE": "kerberos"})
    assert "system_managed_identity" in str(refused.value.message_en)
    with pytest.raises(ConfigError) as in_file:
        _settings(tmp_path, {}, '[teams]\ncert_password = "hunter2"\n')
    assert "cert_password_env" in in_file.value.message_en and "hunter2" not in str(in_file.value)
