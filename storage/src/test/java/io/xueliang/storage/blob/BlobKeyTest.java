package io.xueliang.storage.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BlobKeyTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "a.mp4", "cam1/2024-05-01/120000.mp4", "_x/-y/z..mp4", "43032100001210000001/x.mp4"})
    void acceptsRelativePathsOfPlainSegments(String key) {
        assertThat(BlobKey.requireValid(key)).isEqualTo(key);
        assertThat(BlobKey.requireValidPrefix(key)).isEqualTo(key);
    }

    static Stream<Arguments> invalidKeys() {
        String slashes = "a/".repeat(16) + "b";
        return Stream.of(
                arguments("", "must name a file, not be empty or end with '/', got ''"),
                arguments("dir/", "must name a file, not be empty or end with '/', got 'dir/'"),
                arguments("/abs", "must be relative, without empty segments ('//' or a leading '/'), got '/abs'"),
                arguments("a//b", "must be relative, without empty segments ('//' or a leading '/'), got 'a//b'"),
                arguments("../x", "segments must be of A-Z a-z 0-9 . _ - and not start with '.', got '../x'"),
                arguments("a/./x", "segments must be of A-Z a-z 0-9 . _ - and not start with '.', got 'a/./x'"),
                arguments(".tmp", "segments must be of A-Z a-z 0-9 . _ - and not start with '.', got '.tmp'"),
                arguments("a\\b", "segments must be of A-Z a-z 0-9 . _ - and not start with '.', got 'a\\b'"),
                arguments("a:b", "segments must be of A-Z a-z 0-9 . _ - and not start with '.', got 'a:b'"),
                arguments("a\u0000b", "segments must be of A-Z a-z 0-9 . _ - and not start with '.', got 'a\u0000b'"),
                arguments("a".repeat(256), "segments must be at most 255 characters, got '" + "a".repeat(80) + "...'"),
                arguments(slashes, "must have at most 16 segments, got '" + slashes + "'"),
                arguments(("a".repeat(200) + "/").repeat(2) + "a".repeat(111),
                        "must be at most 512 characters, got '" + "a".repeat(80) + "...'"));
    }

    @ParameterizedTest
    @MethodSource("invalidKeys")
    void refusesWithTheRuleBroken(String key, String message) {
        assertThatThrownBy(() -> BlobKey.requireValid(key)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("blob key " + message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "cam1/", "cam1/2024-", "a/b/", "c"})
    void prefixesMayEndInsideOrAfterASegment(String prefix) {
        assertThat(BlobKey.requireValidPrefix(prefix)).isEqualTo(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "a//", "../", "a/.", "a/..", "x y"})
    void refusesPrefixesNoKeyCouldStartWith(String prefix) {
        assertThatThrownBy(() -> BlobKey.requireValidPrefix(prefix)).isInstanceOf(IllegalArgumentException.class);
    }
}
