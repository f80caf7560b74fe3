package io.xueliang.storage.export;

import io.xueliang.media.CameraId;
import java.time.Instant;
import java.util.List;

/**
 * One evidence export.
 *
 * @param id random, unguessable (it names the download)
 * @param cameras the cameras exported, one MP4 each
 * @param from start of the range
 * @param to end of the range (exclusive)
 * @param caseReference the case it is for
 * @param reason why it was made
 * @param requestedBy the name of the user who asked, as it was then
 * @param requestedById the id of the user who asked ({@code Principal.userId}, never reused); null for jobs of users
 *     removed before ids existed
 * @param createdAt when
 * @param status where it is
 * @param progress 0 to 1
 * @param finishedAt when it finished (done or failed), else null
 * @param fileKey the package under the exports directory when done
 * @param bytes its size when done
 * @param sha256 its SHA-256 when done
 * @param error why it failed, else null
 */
public record ExportJob(String id, List<CameraId> cameras, Instant from, Instant to, String caseReference,
        String reason, String requestedBy, String requestedById, Instant createdAt, ExportStatus status, double progress, Instant finishedAt,
        String fileKey, Long bytes, String sha256, String error) {
    public ExportJob {
        cameras = List.copyOf(cameras);
    }
}
