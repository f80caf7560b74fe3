package io.xueliang.storage.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link BlobStore} does, run against each implementation (the local directory and a real S3 server), so
 * that playback and export read the same bytes wherever a segment lives.
 */
abstract class BlobStoreContract {
    @TempDir
    Path temp;
    BlobStore store;

    /** A new, empty store. */
    abstract BlobStore newStore() throws IOException;

    abstract String expectedLocation();

    @BeforeEach
    void createStore() throws IOException {
        store = newStore();
    }

    TestFile file(String name, int size, long seed) throws IOException {
        return TestFile.write(temp.resolve("src"), name, size, seed);
    }

    @Test
    void putThenOpenReturnsTheFileWhole() throws IOException {
        TestFile f = file("seg.mp4", 100_000, 1);

        store.put("cam1/2024-05-01/120000.mp4", f.path(), f.size(), f.sha256());

        assertThat(TestFile.readAll(store.open("cam1/2024-05-01/120000.mp4", 0, f.size()))).isEqualTo(f.bytes());
        assertThat(store.size("cam1/2024-05-01/120000.mp4")).hasValue(f.size());
        assertThat(store.exists("cam1/2024-05-01/120000.mp4")).isTrue();
    }

    @Test
    void putWithoutSha256ChecksTheSizeOnly() throws IOException {
        TestFile f = file("a.bin", 1000, 2);

        store.put("a.bin", f.path(), f.size(), null);

        assertThat(TestFile.readAll(store.open("a.bin", 0, Long.MAX_VALUE))).isEqualTo(f.bytes());
    }

    @Test
    void putOfAnEmptyFileStoresAnEmptyBlob() throws IOException {
        TestFile f = file("empty.bin", 0, 3);

        store.put("empty.bin", f.path(), 0, f.sha256());

        assertThat(store.size("empty.bin")).hasValue(0);
        assertThat(TestFile.readAll(store.open("empty.bin", 0, 0))).isEmpty();
    }

    @Test
    void putIsIdempotentForTheSameFile() throws IOException {
        TestFile f = file("seg.mp4", 5000, 4);

        store.put("k/seg.mp4", f.path(), f.size(), f.sha256());
        store.put("k/seg.mp4", f.path(), f.size(), f.sha256());
        store.put("k/seg.mp4", f.path(), f.size(), null);

        assertThat(TestFile.readAll(store.open("k/seg.mp4", 0, f.size()))).isEqualTo(f.bytes());
    }

    @Test
    void putRefusesAnotherBlobUnderAKeyInUse() throws IOException {
        TestFile first = file("first.bin", 5000, 5);
        TestFile sameSize = file("same-size.bin", 5000, 6);
        TestFile longer = file("longer.bin", 5001, 7);
        store.put("k.bin", first.path(), first.size(), first.sha256());

        assertThatThrownBy(() -> store.put("k.bin", sameSize.path(), sameSize.size(), sameSize.sha256()))
                .isInstanceOf(BlobIntegrityException.class)
                .hasMessageContaining("another blob is stored under the key");
        assertThatThrownBy(() -> store.put("k.bin", longer.path(), longer.size(), null))
                .isInstanceOf(BlobIntegrityException.class)
                .satisfies(e -> assertThat(((BlobStoreException) e).retriable()).isFalse());
        assertThat(TestFile.readAll(store.open("k.bin", 0, 5000))).isEqualTo(first.bytes());
    }

    @Test
    void putRefusesAFileThatIsNotTheSizeRecorded() throws IOException {
        TestFile f = file("short.bin", 999, 8);

        assertThatThrownBy(() -> store.put("short.bin", f.path(), 1000, null))
                .isInstanceOf(BlobIntegrityException.class)
                .hasMessageContaining("wrong size: expected size 1000, found size 999");
        assertThat(store.exists("short.bin")).isFalse();
    }

    @Test
    void putRefusesAFileWhoseSha256IsNotTheOneRecorded() throws IOException {
        TestFile f = file("damaged.bin", 1000, 9);
        String other = TestFile.sha256(new byte[] {1});

        assertThatThrownBy(() -> store.put("damaged.bin", f.path(), f.size(), other))
                .isInstanceOf(BlobIntegrityException.class)
                .hasMessageContaining("wrong SHA-256")
                .satisfies(e -> assertThat(((BlobIntegrityException) e).actual()).isEqualTo("sha256 " + f.sha256()));
        assertThat(store.exists("damaged.bin")).isFalse();
    }

    @Test
    void putOfAMissingFileIsNotFoundAndNotRetriable() {
        assertThatThrownBy(() -> store.put("gone.bin", temp.resolve("gone.bin"), 10, null))
                .isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining("does not exist")
                .satisfies(e -> assertThat(((BlobStoreException) e).retriable()).isFalse());
    }

    static Stream<Arguments> ranges() {
        return Stream.of(
                arguments(0L, 10L, 0, 10),
                arguments(5L, 10L, 5, 15),
                arguments(990L, 100L, 990, 1000),      // runs past the end: cut at the end
                arguments(0L, Long.MAX_VALUE, 0, 1000),
                arguments(999L, 1L, 999, 1000),
                arguments(0L, 0L, 0, 0),
                arguments(1000L, 0L, 0, 0));           // empty read at the end
    }

    @ParameterizedTest
    @MethodSource("ranges")
    void openReadsTheRangeAsked(long offset, long length, int from, int to) throws IOException {
        TestFile f = file("r.bin", 1000, 10);
        store.put("r.bin", f.path(), f.size(), f.sha256());

        byte[] read = TestFile.readAll(store.open("r.bin", offset, length));

        assertThat(read).isEqualTo(Arrays.copyOfRange(f.bytes(), from, to));
    }

    @ParameterizedTest
    @ValueSource(longs = {1000, 1001, 5000})
    void openAtOrPastTheEndIsARangeFailure(long offset) throws IOException {
        TestFile f = file("r.bin", 1000, 11);
        store.put("r.bin", f.path(), f.size(), f.sha256());

        assertThatThrownBy(() -> TestFile.readAll(store.open("r.bin", offset, 1)))
                .isInstanceOf(BlobRangeException.class)
                .hasMessageContaining("offset " + offset);
    }

    @Test
    void openOfAMissingKeyIsNotFound() {
        assertThatThrownBy(() -> store.open("nope.bin", 0, 10)).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store.open("nope.bin", 0, 0)).isInstanceOf(BlobNotFoundException.class);
        assertThat(store.size("nope.bin")).isEmpty();
        assertThat(store.exists("nope.bin")).isFalse();
    }

    @Test
    void deleteRemovesTheBlobAndMayBeRepeated() throws IOException {
        TestFile f = file("d.bin", 100, 12);
        store.put("x/y/d.bin", f.path(), f.size(), f.sha256());

        store.delete("x/y/d.bin");
        store.delete("x/y/d.bin");
        store.delete("never/was.bin");

        assertThat(store.exists("x/y/d.bin")).isFalse();
        assertThat(store.list("x", null, 10).entries()).isEmpty();
    }

    /** Keys chosen so that '-' and '.' (before '/' in ASCII) and '/' compete: S3 sorts by bytes, not by path depth. */
    static final List<String> TRICKY_KEYS = List.of(
            "a/c/d", "a-c", "a.b", "a/b", "ab", "b", "a/c-e", "a0", "cam1/2024-05-01/120000.mp4",
            "cam1/2024-05-01/120100.mp4", "cam1/2024-05-02/000000.mp4", "cam10/2024-05-01/120000.mp4");

    void putAll(List<String> keys) throws IOException {
        for (int i = 0; i < keys.size(); i++) {
            TestFile f = file("k" + i, 10 + i, 100 + i);
            store.put(keys.get(i), f.path(), f.size(), f.sha256());
        }
    }

    List<String> listAll(String prefix, int pageSize) {
        List<String> keys = new ArrayList<>();
        String startAfter = null;
        for (int pages = 0; pages < 100; pages++) {
            BlobPage page = store.list(prefix, startAfter, pageSize);
            assertThat(page.entries().size()).isLessThanOrEqualTo(pageSize);
            page.entries().forEach(e -> keys.add(e.key()));
            if (page.next().isEmpty()) {
                return keys;
            }
            startAfter = page.next().get();
        }
        throw new AssertionError("listing did not end");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 1000})
    void listPagesThroughEveryKeyInByteOrder(int pageSize) throws IOException {
        putAll(TRICKY_KEYS);

        assertThat(listAll("", pageSize)).isEqualTo(TRICKY_KEYS.stream().sorted().toList());
    }

    static Stream<Arguments> prefixes() {
        return Stream.of(
                arguments("a", List.of("a-c", "a.b", "a/b", "a/c-e", "a/c/d", "a0", "ab")),
                arguments("a/", List.of("a/b", "a/c-e", "a/c/d")),
                arguments("a/c", List.of("a/c-e", "a/c/d")),
                arguments("cam1/", List.of("cam1/2024-05-01/120000.mp4", "cam1/2024-05-01/120100.mp4",
                        "cam1/2024-05-02/000000.mp4")),
                arguments("cam1/2024-05-01/", List.of("cam1/2024-05-01/120000.mp4", "cam1/2024-05-01/120100.mp4")),
                arguments("cam1", List.of("cam1/2024-05-01/120000.mp4", "cam1/2024-05-01/120100.mp4",
                        "cam1/2024-05-02/000000.mp4", "cam10/2024-05-01/120000.mp4")),
                arguments("zzz", List.of()),
                arguments("b/", List.of()));
    }

    @ParameterizedTest
    @MethodSource("prefixes")
    void listFindsTheKeysWithAPrefix(String prefix, List<String> expected) throws IOException {
        putAll(TRICKY_KEYS);

        assertThat(listAll(prefix, 2)).isEqualTo(expected);
    }

    @Test
    void listStartsAfterAKeyInsideADirectory() throws IOException {
        putAll(TRICKY_KEYS);

        BlobPage page = store.list("", "a/c-", 3);

        assertThat(page.entries()).extracting(BlobEntry::key).containsExactly("a/c-e", "a/c/d", "a0");
        assertThat(page.next()).isEqualTo(Optional.of("a0"));
        assertThat(store.list("", "cam10/2024-05-01/120000.mp4", 3).entries()).isEmpty();
    }

    @Test
    void listGivesSizes() throws IOException {
        TestFile f = file("s.bin", 4321, 13);
        store.put("s/s.bin", f.path(), f.size(), f.sha256());

        assertThat(store.list("s/", null, 10).entries()).containsExactly(new BlobEntry("s/s.bin", 4321));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, BlobStore.MAX_LIST_KEYS + 1})
    void listRefusesUnboundedPages(int maxKeys) {
        assertThatThrownBy(() -> store.list("", null, maxKeys)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxKeys must be between 1 and 1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape.bin", "/abs.bin", "a//b", ".hidden", "a/./b", "a/../b", "dir/", "a\\b",
            "a b", "caméra/x"})
    void invalidKeysAreRefusedBeforeAnythingIsWritten(String key) throws IOException {
        TestFile f = file("v.bin", 10, 14);

        assertThatThrownBy(() -> store.put(key, f.path(), f.size(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open(key, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(key)).isInstanceOf(IllegalArgumentException.class);
        assertThat(listAll("", 1000)).isEmpty();
    }

    /** Above the MinIO client's 5 MiB multipart threshold: S3 stores it in parts, reads must not see the seams. */
    @Test
    void aFileOfSeveralPartsRoundTrips() throws IOException {
        int size = 12 * 1024 * 1024 + 123;
        TestFile f = file("big.mp4", size, 15);

        store.put("cam1/big.mp4", f.path(), f.size(), f.sha256());

        byte[] all = TestFile.readAll(store.open("cam1/big.mp4", 0, size));
        assertThat(TestFile.sha256(all)).isEqualTo(f.sha256());
        int seam = 5 * 1024 * 1024;
        assertThat(TestFile.readAll(store.open("cam1/big.mp4", seam - 100, 200)))
                .isEqualTo(Arrays.copyOfRange(all, seam - 100, seam + 100));
    }

    @Test
    void locationNamesTheTier() {
        assertThat(store.location()).isEqualTo(expectedLocation());
    }
}
