package io.xueliang.media;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * What a camera's own device recorded (an NVR's disk, a camera's SD card: GB/T 28181 RecordInfo), as opposed to this
 * server's recordings. The API checks who may ask; this says whether the camera's device can be asked, and asks it.
 */
public interface DeviceRecordings {
    /** Recordings one answer lists at most; a device announcing more is cut there. */
    int MAX_ITEMS = 10_000;

    /** No camera's device can be asked: a server without GB/T 28181. */
    DeviceRecordings NONE = new DeviceRecordings() {
        @Override
        public boolean asks(Camera camera) {
            return false;
        }

        @Override
        public CompletableFuture<Listing> list(Camera camera, Instant from, Instant to) {
            return CompletableFuture.failedFuture(new IllegalStateException("camera " + camera.id()
                    + " has no device to ask"));
        }
    };

    /**
     * One recording the device lists.
     *
     * @param type     the device's kind of recording: {@code time}, {@code alarm}, {@code manual} or what it wrote
     * @param name     its name, or empty
     * @param filePath where the device keeps it, or empty
     */
    record Item(Instant start, Instant end, String type, String name, String filePath) {
        public Item {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }
    }

    /** A device's answer: its recordings by start; complete false when parts never came or it was cut. */
    record Listing(List<Item> items, boolean complete) {
        public Listing {
            items = List.copyOf(items);
        }
    }

    /** Whether the camera's device can be asked (a GB/T 28181 channel). */
    boolean asks(Camera camera);

    /** Asks the device; fails when it is offline, refuses or never answers. */
    CompletableFuture<Listing> list(Camera camera, Instant from, Instant to);
}
