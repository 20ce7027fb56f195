"""Fields whose contents are encrypted before they reach the database.

Family members' words are the most sensitive data the service holds: a copy of the database, a
backup or a query log shows only ciphertext. The key comes from the environment
(FIELD_ENCRYPTION_KEY); several keys rotate, the first encrypting and all decrypting.
"""

import json
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@cache
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    return _fernet_for(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        # Never fall back to showing ciphertext or an empty value as if it were the text.
        raise ImproperlyConfigured(
            "Encrypted data cannot be read with the keys in FIELD_ENCRYPTION_KEY."
        ) from error


class EncryptedTextField(models.TextField):
    """Text encrypted at rest. It cannot be searched or ordered in the database, by design."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)


class EncryptedJSONField(models.TextField):
    """A JSON value (a dict of texts, say) encrypted at rest as one token."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return {}
        return json.loads(decrypt(value))

    def to_python(self, value):
        if isinstance(value, dict | list):
            return value
        if not value:
            return {}
        return json.loads(value)

    def get_prep_value(self, value):
        if value is None:
            return value
        return encrypt(json.dumps(value, ensure_ascii=False))
