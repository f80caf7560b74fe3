package io.xueliang.reads.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlateEditsTest {
    static Stream<Arguments> costs() {
        return Stream.of(
                arguments("湘A12345", "湘A12345", 0),
                arguments("湘AI2345", "湘A12345", 250),
                arguments("湘AOD8SZ", "湘A00B52", 1250),
                arguments("赣A12345", "湘A12345", 500),
                arguments("A12345", "湘A12345", 500),
                arguments("湘A12345", "A12345", 500),
                arguments("湘A1345", "湘A12345", 1000),
                arguments("湘A123456", "湘A12345", 1000),
                arguments("湘A12X45", "湘A12345", 1000),
                arguments("湘A1234", "湘B5678", 5000));
    }

    @ParameterizedTest(name = "{0} to {1} costs {2}")
    @MethodSource("costs")
    void weightedEditDistance(String typed, String plate, int cost) {
        assertThat(PlateEdits.cost(typed, plate)).isEqualTo(cost);
    }

    @Test
    void candidatesHoldEveryAllowedEditAtItsCostAndNoMore() {
        Map<String, Integer> c = FuzzyCandidates.of("湘A12345");
        assertThat(c).containsEntry("湘A12345", 0).containsEntry("湘AI2345", 250).containsEntry("湘AIZ34S", 750)
                .containsEntry("鄂A12345", 500).containsEntry("A12345", 500).containsEntry("湘A1345", 1000)
                .containsEntry("湘AX12345", 1000).containsEntry("湘AI345", 1250).containsEntry("鄂AIZ34S", 1250)
                .doesNotContainKey("鄂AIZ3AS").doesNotContainKey("鄂A1345");
        assertThat(c.size()).isLessThan(io.xueliang.reads.store.ReadStore.MAX_PLATES);
        assertThat(c.values()).allSatisfy(v -> assertThat(v).isBetween(0, PlateEdits.MAX_COST));
        c.forEach((plate, cost) -> assertThat(PlateEdits.cost("湘A12345", plate)).as(plate).isLessThanOrEqualTo(cost));
    }
}
