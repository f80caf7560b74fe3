package io.xueliang.storage.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LocalBlobStoreTest extends BlobStoreContract {
    @Override
    BlobStore newStore() {
        return new LocalBlobStore(temp.resolve("blobs"));
    }

    @Override
    String expectedLocation() {
        return "local";
    }

    private Path root() {
        return ((LocalBlobStore) store).root();
    }

    @Test
    void keyIsTheRelativePathOfTheFile() throws IOException {
        TestFile f = file("seg.mp4", 100, 1);

        store.put("cam1/2024-05-01/120000.mp4", f.path(), f.size(), f.sha256());

        assertThat(root().resolve("cam1/2024-05-01/120000.mp4")).hasBinaryContent(f.bytes());
    }

    @Test
    void aRefusedPutLeavesNoTemporaryFileBehind() throws IOException {
        TestFile f = file("seg.mp4", 1000, 2);

        assertThatThrownBy(() -> store.put("cam1/seg.mp4", f.path(), 1001, null))
                .isInstanceOf(BlobIntegrityException.class);
        assertThatThrownBy(() -> store.put("cam1/seg.mp4", f.path(), 1000, TestFile.sha256(new byte[0])))
                .isInstanceOf(BlobIntegrityException.class);

        try (Stream<Path> files = Files.walk(root())) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void listIgnoresTemporaryFilesSymlinksAndForeignNames() throws IOException {
        TestFile f = file("seg.mp4", 10, 3);
        store.put("cam1/a.mp4", f.path(), f.size(), null);
        Files.writeString(root().resolve("cam1/.a.mp4.x1y2.tmp"), "half written");
        Files.writeString(root().resolve("cam1/with space.mp4"), "put here by hand");
        Files.createSymbolicLink(root().resolve("cam1/link.mp4"), root().resolve("cam1/a.mp4"));
        Files.createSymbolicLink(root().resolve("outside"), temp);

        assertThat(store.list("", null, 100).entries()).containsExactly(new BlobEntry("cam1/a.mp4", 10));
        assertThat(store.exists("cam1/link.mp4")).isFalse();
    }

    @Test
    void deleteRemovesTheDirectoriesItEmptiedButNotTheRoot() throws IOException {
        TestFile f = file("seg.mp4", 10, 4);
        store.put("cam1/2024-05-01/a.mp4", f.path(), f.size(), null);
        store.put("cam1/2024-05-02/b.mp4", f.path(), f.size(), null);

        store.delete("cam1/2024-05-01/a.mp4");

        assertThat(root().resolve("cam1/2024-05-01")).doesNotExist();
        assertThat(root().resolve("cam1/2024-05-02")).isDirectory();
        store.delete("cam1/2024-05-02/b.mp4");
        assertThat(root().resolve("cam1")).doesNotExist();
        assertThat(root()).isDirectory();
    }

    @Test
    void theSourceFileIsCopiedNotMoved() throws IOException {
        TestFile f = file("seg.mp4", 10, 5);

        store.put("a.mp4", f.path(), f.size(), f.sha256());

        assertThat(f.path()).exists();
    }
}
