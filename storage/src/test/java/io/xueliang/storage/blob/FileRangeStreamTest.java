package io.xueliang.storage.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRangeStreamTest {
    @TempDir
    Path dir;

    @Test
    void readsItsRangeAndSkipsByMovingThePosition() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        try (InputStream in = FileRangeStream.strict(FileChannel.open(file, StandardOpenOption.READ), file, 2, 8)) {
            assertThat(in.read()).isEqualTo(2);
            assertThat(in.skip(2)).isEqualTo(2);
            assertThat(in.available()).isEqualTo(3);
            assertThat(in.readAllBytes()).containsExactly(5, 6, 7);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aShorterFileFailsAStrictRangeAndEndsALenientOne() throws Exception {
        Path file = Files.write(dir.resolve("short"), new byte[] {0, 1, 2, 3});
        try (InputStream in = FileRangeStream.strict(FileChannel.open(file, StandardOpenOption.READ), file, 0, 8)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(EOFException.class).hasMessageContaining("short")
                    .hasMessageContaining("ends at 4");
        }
        try (InputStream in = FileRangeStream.lenient(FileChannel.open(file, StandardOpenOption.READ), 0, 8)) {
            assertThat(in.readAllBytes()).containsExactly(0, 1, 2, 3);
        }
    }
}
