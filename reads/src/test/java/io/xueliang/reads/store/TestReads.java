package io.xueliang.reads.store;

import io.xueliang.media.CameraId;
import io.xueliang.media.PlateRead;
import java.time.Instant;
import java.util.Collections;
import java.util.UUID;

/** Plate reads for tests: a plate at a camera at a time, the rest plausible. */
public final class TestReads {
    private TestReads() {
    }

    public static PlateRead read(String camera, Instant time, String plate) {
        return read(UUID.randomUUID(), camera, time, plate, PlateRead.Direction.APPROACHING);
    }

    public static PlateRead read(UUID id, String camera, Instant time, String plate, PlateRead.Direction direction) {
        String normalised = PlateRead.normalise(plate);
        return new PlateRead(id, new CameraId(camera), time, plate, normalised, "blue", "BLUE", 0.93,
                Collections.nCopies(normalised.length(), 0.93), new PlateRead.Box(100, 200, 120, 40), 7, direction, 5,
                "plates/" + camera + "/crop.jpg", "plates/" + camera + "/overview.jpg");
    }
}
