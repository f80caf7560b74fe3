package io.xueliang.synth.scene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class TrafficPlanTest {

    @Test
    void sameSeedGivesSamePlanAndDifferentSeedDiffers() {
        assertThat(new TrafficPlan(7, 16).vehicles()).isEqualTo(new TrafficPlan(7, 16).vehicles());
        assertThat(new TrafficPlan(7, 16).vehicles()).isNotEqualTo(new TrafficPlan(8, 16).vehicles());
    }

    @Test
    void everyVehicleHasAUniquePlateAndCrossesInsideTheLoop() {
        TrafficPlan plan = new TrafficPlan(1, 16);
        assertThat(plan.vehicles()).hasSize(8);
        HashSet<String> plates = new HashSet<>();
        for (Vehicle v : plan.vehicles()) {
            assertThat(plates.add(v.plate().text())).isTrue();
            assertThat(v.crossSeconds()).isBetween(0.0, 16.0);
            assertThat(plan.faceDistance(v, v.crossSeconds())).isCloseTo(RoadCamera.CHECKPOINT_Z,
                    org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void positionsRepeatEveryLoopSoTheClipJoinsSeamlessly() {
        TrafficPlan plan = new TrafficPlan(3, 16);
        for (Vehicle v : plan.vehicles()) {
            for (double t = 0; t < 16; t += 0.37) {
                double a = plan.faceDistance(v, t);
                double b = plan.faceDistance(v, t + 16);
                if (Double.isNaN(a)) {
                    assertThat(b).isNaN();
                } else {
                    assertThat(b).isCloseTo(a, org.assertj.core.data.Offset.offset(1e-6));
                }
            }
        }
    }

    @Test
    void approachingVehiclesGetCloserAndRecedingOnesFurther() {
        TrafficPlan plan = new TrafficPlan(1, 16);
        for (Vehicle v : plan.vehicles()) {
            double before = plan.faceDistance(v, v.crossSeconds() - 0.2);
            double after = plan.faceDistance(v, v.crossSeconds() + 0.2);
            if (v.direction() == Direction.APPROACHING) {
                assertThat(after).isLessThan(before);
            } else {
                assertThat(after).isGreaterThan(before);
            }
        }
    }
}
