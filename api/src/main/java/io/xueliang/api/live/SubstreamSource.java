package io.xueliang.api.live;

import io.xueliang.media.Camera;
import io.xueliang.media.CameraId;

/**
 * Pulls a camera's sub stream while someone watches it: a wall of small tiles needs a fraction of the main streams'
 * bytes and of the browser's decoding. The sub stream is only watched, never recorded or read for plates; its
 * units go to the hub of its feed id ({@link LiveChannels#subFeed}).
 */
public interface SubstreamSource {
    /** Nothing has a sub stream. */
    SubstreamSource NONE = new SubstreamSource() {
        @Override
        public boolean start(Camera camera, CameraId feed) {
            return false;
        }

        @Override
        public void stop(CameraId feed) {
        }
    };

    /** Starts pulling {@code camera}'s sub stream into {@code feed}'s hub; false when the camera has none. */
    boolean start(Camera camera, CameraId feed);

    /** Stops pulling a sub stream {@link #start started}. */
    void stop(CameraId feed);
}
