package io.xueliang.ingest.gb28181;

import io.xueliang.media.Camera;
import java.util.List;

/** What the platform tells the rest of the process: a device's catalog, as cameras. Called on the signalling thread. */
public interface GbPlatformListener {
    /**
     * A device's catalog arrived.
     *
     * @param complete false when it ended before all its announced items came (a wrong {@code SumNum}, a lost
     *     message): its channels are added and updated, none is removed for missing from it
     */
    void catalog(String deviceId, List<Camera> channels, boolean complete);

    /** A device registered anew (first time, or back after it went offline or its registration ran out). */
    default void registered(String deviceId) {
    }
}
