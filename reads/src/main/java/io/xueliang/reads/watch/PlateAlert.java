package io.xueliang.reads.watch;

import io.xueliang.media.CameraId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A read that matched a watch list: what an operator must act on. Stored once per (read, list); published on the
 * {@link #TOPIC} topic when first stored.
 *
 * @param id             the store's number for it, in raising order (the alert stream's event id)
 * @param readId         the read that matched
 * @param plate          the plate as read
 * @param normalised     the plate as matched
 * @param camera         where the vehicle passed
 * @param cameraRegion   the camera's region when the alert was raised
 * @param time           when it passed
 * @param watchlistId    the list it matched
 * @param watchlistName  the list's name
 * @param reason         the list's reason
 * @param caseReference  the list's case
 * @param matched        the entry of the list that matched (normalised pattern)
 * @param raisedAt       when the alert was raised
 * @param acknowledgedBy who acknowledged it, or null
 * @param acknowledgedAt when, or null
 * @param note           their note, or null
 */
public record PlateAlert(long id, UUID readId, String plate, String normalised, CameraId camera,
        List<String> cameraRegion, Instant time, long watchlistId, String watchlistName, String reason,
        String caseReference, String matched, Instant raisedAt, String acknowledgedBy, Instant acknowledgedAt,
        String note) {
    /** Topic of alerts on their event bus. */
    public static final String TOPIC = "plate-alerts";
    /** Longest acknowledgement note: a sentence or two of what was done. */
    public static final int MAX_NOTE_LENGTH = 1024;

    public PlateAlert {
        cameraRegion = List.copyOf(cameraRegion);
    }

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }

    /** This alert as stored under {@code storedId}. */
    public PlateAlert withId(long storedId) {
        return new PlateAlert(storedId, readId, plate, normalised, camera, cameraRegion, time, watchlistId,
                watchlistName, reason, caseReference, matched, raisedAt, acknowledgedBy, acknowledgedAt, note);
    }
}
