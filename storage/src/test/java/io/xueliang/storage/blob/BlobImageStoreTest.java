package io.xueliang.storage.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.media.CameraId;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobImageStoreTest {
    @TempDir
    Path dir;

    @Test
    void storesUnderCameraAndDayAndLeavesNoStagedFile() throws Exception {
        LocalBlobStore blobs = new LocalBlobStore(dir.resolve("plates"));
        BlobImageStore images = new BlobImageStore(blobs, dir.resolve("spool"));
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};

        String key = images.store(new CameraId("43032100001210000001"), Instant.parse("2026-11-30T08:01:02.345Z"),
                "r1-plate", jpeg);

        assertThat(key).isEqualTo("43032100001210000001/2026-11-30/080102345-r1-plate.jpg");
        try (InputStream in = blobs.open(key, 0, jpeg.length)) {
            assertThat(in.readAllBytes()).isEqualTo(jpeg);
        }
        try (var staged = Files.list(dir.resolve("spool"))) {
            assertThat(staged).isEmpty();
        }
    }

    @Test
    void refusesNamesThatWouldLeaveTheCameraDirectoryAndEmptyImages() throws Exception {
        BlobImageStore images = new BlobImageStore(new LocalBlobStore(dir.resolve("plates")), dir.resolve("spool"));
        CameraId camera = new CameraId("cam1");
        assertThatThrownBy(() -> images.store(camera, Instant.EPOCH, "../x", new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../x");
        assertThatThrownBy(() -> images.store(camera, Instant.EPOCH, "ok", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 bytes");
    }
}
