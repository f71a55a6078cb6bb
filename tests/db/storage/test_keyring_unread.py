"""A system keyring that cannot be read (issue #23) is said at once, in one line, with
how to keep the server's password (``office-ledger server-password``): not as the
server's refusal of a login made without it, nor as a backup tool's "no password
supplied". keyring's own ``fail`` backend stands for a headless Linux, a locked macOS
Keychain or a refusing Windows Credential Manager (a real backend, not a mock)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from db.storage.pg.connect import KeyringUnreadable, keyring_password


@pytest.fixture
def rings(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """keyrings.alt's plaintext file keyring (that works here) and keyring's ``fail``
    backend; the keyring in use put back as it was afterwards."""
    import keyring
    from keyring.backends.fail import Keyring
    from keyrings.alt.file import PlaintextKeyring  # type: ignore[import-untyped]

    works = PlaintextKeyring()
    works.file_path = str(tmp_path / "keyring.cfg")
    before = keyring.get_keyring()
    yield {"works": works, "fails": Keyring()}  # type: ignore[no-untyped-call]
    keyring.set_keyring(before)


def test_a_keyring_that_cannot_be_read_is_said_at_once(rings: dict[str, Any]) -> None:
    import keyring

    keyring.set_keyring(rings["fails"])
    url = "postgresql://clerk@hq.example/ledger"
    with pytest.raises(KeyringUnreadable) as unread:
        keyring_password(url)
    for lang in ("en", "ja"):
        said = unread.value.text(lang)
        assert "\n" not in said and "office-ledger server-password" in said
        assert "clerk@hq.example/ledger" in said
    assert "keyring could not be used" in unread.value.text("en")
    keyring.set_keyring(rings["works"])
    assert keyring_password(url) is None  # a keyring that works and keeps none: no error


def test_a_backup_with_the_keyring_unreadable_says_the_keyring(
    password_role: tuple[str, str], rings: dict[str, Any], tmp_path: Path
) -> None:
    import shutil

    import keyring

    from db.storage.database import open_database
    from db.storage.pg.backup import dump
    from db.storage.pg.connect import keep_password

    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not on PATH (Debian: apt-get install postgresql-client)")
    url, password = password_role
    keyring.set_keyring(rings["works"])
    keep_password(url, password)
    db = open_database(url)  # opened while the keyring could give the password
    try:
        keyring.set_keyring(rings["fails"])  # then locked (a laptop back from sleep)
        with pytest.raises(KeyringUnreadable) as unread:
            dump(db, url, tmp_path / "hq.dump")
        assert "server-password" in unread.value.text("en")
        assert "キーリング" in unread.value.text("ja")
        assert not (tmp_path / "hq.dump").exists()
    finally:
        db.close()


def test_a_login_refused_with_no_password_kept_says_how_to_keep_one(
    password_role: tuple[str, str], rings: dict[str, Any]
) -> None:
    import keyring

    from db.storage.database import open_database
    from db.storage.pg.connect import ServerRefused

    url, _password = password_role
    keyring.set_keyring(rings["works"])  # it works, and holds nothing for this server
    with pytest.raises(ServerRefused) as refused:
        open_database(url)
    for lang in ("en", "ja"):
        said = refused.value.text(lang)
        assert "\n" not in said and "office-ledger server-password" in said


def test_a_server_that_needs_no_password_opens_without_a_word_of_the_keyring(
    pg_url: str, tmp_path: Path
) -> None:
    """The test server trusts its socket's users: with no keyring at all (a headless
    computer: keyring's ``fail`` backend), the real command on it succeeds and says
    nothing of the keyring (it printed the keyring's line on every command)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "OFFICE_LEDGER_HOME": str(tmp_path / "home")}  # fmt: skip
    cli = [sys.executable, "-c", "import sys; from office_ledger.cli.commands import main; "
           "sys.exit(main())", "--db", pg_url]  # fmt: skip
    for args in (["init"], ["tally", "--fy", "2023", "--lang", "en"]):
        done = subprocess.run([*cli, *args], env=env, capture_output=True, text=True,
                              timeout=120, check=False)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "keyring" not in done.stderr.lower() and "キーリング" not in done.stderr, done.stderr
