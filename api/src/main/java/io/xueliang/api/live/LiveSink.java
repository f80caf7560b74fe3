package io.xueliang.api.live;

import io.xueliang.storage.fmp4.LiveFragmenter.Chunk;

/** What a {@link LiveChannel} feeds: a WebSocket viewer, or a camera's LL-HLS window. */
interface LiveSink {
    /** Takes the channel's next init segment or fragment, on the channel's thread; must not block. */
    void send(Chunk chunk);
}
