package io.xueliang.storage.recording;

import io.xueliang.media.CameraId;
import java.time.Instant;

/**
 * Footage of one camera over a time range kept from deletion (retention and the free-space floor) for a case.
 *
 * @param id the hold's id
 * @param camera the camera
 * @param from start of the held range
 * @param to end of the held range
 * @param caseReference the case it is held for
 * @param reason free text, may be null
 * @param createdBy the user who placed it
 * @param createdAt when
 * @param releasedBy who released it, null while active
 * @param releasedAt when, null while active
 */
public record EvidenceHold(long id, CameraId camera, Instant from, Instant to, String caseReference, String reason,
        String createdBy, Instant createdAt, String releasedBy, Instant releasedAt) {

    public boolean active() {
        return releasedAt == null;
    }
}
