"""The channel layer that live sessions will use: Redis when REDIS_URL is set, and it carries
messages for real (no stand-in)."""

import os

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


def test_the_configured_layer_is_redis_when_redis_url_is_set(settings):
    backend = settings.CHANNEL_LAYERS["default"]["BACKEND"]
    if os.environ.get("REDIS_URL"):
        assert backend == "channels_redis.pubsub.RedisPubSubChannelLayer"
    else:
        assert backend == "channels.layers.InMemoryChannelLayer"


def test_a_group_message_reaches_a_member():
    layer = get_channel_layer()

    async def round_trip():
        channel = await layer.new_channel()
        await layer.group_add("room-test", channel)
        await layer.group_send("room-test", {"type": "question.open", "n": 3})
        message = await layer.receive(channel)
        await layer.group_discard("room-test", channel)
        return message

    assert async_to_sync(round_trip)() == {"type": "question.open", "n": 3}
