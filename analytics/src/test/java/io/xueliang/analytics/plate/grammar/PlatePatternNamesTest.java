package io.xueliang.analytics.plate.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import io.xueliang.config.PlatesConfig;
import org.junit.jupiter.api.Test;

/** The configuration accepts exactly the foreign formats the reader knows. */
class PlatePatternNamesTest {
    @Test
    void configurationNamesAreTheKnownPatterns() {
        assertThat(PlatePattern.KNOWN.stream().map(PlatePattern::name))
                .containsExactlyInAnyOrderElementsOf(PlatesConfig.KNOWN_PATTERNS);
        assertThat(PlatePattern.named("FR")).contains(PlatePattern.FRANCE);
        assertThat(PlatePattern.named("XX")).isEmpty();
    }
}
