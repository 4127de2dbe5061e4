"""The system keyring (the ``keyring`` package: Windows Credential Manager, macOS Keychain, Secret Service): where
FINSAM Kansli keeps passwords – the shared database's, the e-mail server's – so that none is ever written to a file
or to the program's settings. Where there is no usable keyring (a headless Linux has only keyring's ``fail`` or
``null`` backend), every function here says so instead of raising, and the caller asks for the password each time.
"""

from __future__ import annotations

import contextlib


def _backend():
    """The keyring in use, or None when there is none that can keep a password."""
    try:
        import keyring
        from keyring.backends import fail, null
    except Exception:  # the package is missing (a trimmed install): no keyring
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    if isinstance(backend, fail.Keyring | null.Keyring):
        return None
    return backend


def available() -> bool:
    """True when a password can be kept (then the user is offered to save it)."""
    return _backend() is not None


def get_password(service: str, key: str) -> str | None:
    """The password kept under ``service``/``key``; None when nothing is kept or there is no keyring."""
    backend = _backend()
    if backend is None:
        return None
    try:
        return backend.get_password(service, key)
    except Exception:  # a locked or broken keyring: asked for instead
        return None


def set_password(service: str, key: str, password: str) -> bool:
    """Keep ``password``; False when there is no usable keyring (then it is asked for each time)."""
    backend = _backend()
    if backend is None:
        return False
    try:
        backend.set_password(service, key, password)
        return True
    except Exception:  # keyring.errors.NoKeyringError, PasswordSetError, a locked keyring
        return False


def delete_password(service: str, key: str) -> None:
    backend = _backend()
    if backend is None:
        return
    with contextlib.suppress(Exception):  # nothing kept (PasswordDeleteError) or a locked keyring: nothing to forget
        backend.delete_password(service, key)
