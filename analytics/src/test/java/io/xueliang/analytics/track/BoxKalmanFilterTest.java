package io.xueliang.analytics.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.xueliang.analytics.image.Box;
import org.junit.jupiter.api.Test;

class BoxKalmanFilterTest {

    private static Box at(double t) {
        // 120 px/s right, 60 px/s down, width growing 10 px/s, plates 3.2:1
        double w = 60 + 10 * t;
        return new Box(100 + 120 * t - w / 2, 80 + 60 * t - w / 6.4, w, w / 3.2);
    }

    @Test
    void learnsTheVelocityAndPredictsWhereTheBoxWillBe() {
        BoxKalmanFilter filter = new BoxKalmanFilter(at(0));
        for (int k = 1; k <= 5; k++) {
            filter.predict(0.2);
            filter.update(at(k * 0.2));
        }

        filter.predict(0.4); // two frames ahead, none seen
        Box predicted = filter.box(null);

        Box truth = at(1.4);
        assertThat(predicted.centreX()).isCloseTo(truth.centreX(), within(2.0));
        assertThat(predicted.centreY()).isCloseTo(truth.centreY(), within(2.0));
        assertThat(predicted.width()).isCloseTo(truth.width(), within(2.0));
        assertThat(predicted.iou(truth)).isGreaterThan(0.85);
        assertThat(filter.velocity()[0]).isCloseTo(120, within(10.0));
    }

    @Test
    void aStandingBoxStaysWhereItIs() {
        Box box = new Box(300, 100, 60, 19);
        BoxKalmanFilter filter = new BoxKalmanFilter(box);
        for (int k = 0; k < 50; k++) {
            filter.predict(0.2);
            filter.update(box);
        }
        filter.predict(1);

        assertThat(filter.box(null).iou(box)).isGreaterThan(0.98);
    }

    @Test
    void aPredictionOfNoTimeChangesNothingAndShrinkingStopsAtZeroArea() {
        BoxKalmanFilter filter = new BoxKalmanFilter(new Box(0, 0, 60, 20));
        filter.predict(0.2);
        filter.update(new Box(0, 0, 20, 7));
        Box before = filter.box(null);
        filter.predict(-1);
        filter.predict(0);
        assertThat(filter.box(null)).isEqualTo(before);

        filter.predict(10); // the area velocity would drive it negative
        assertThat(filter.box(null).area()).isGreaterThan(0);
    }
}
