package io.xueliang.analytics.track;

import io.xueliang.analytics.image.Box;

/**
 * The constant-velocity Kalman filter of SORT over one box. State: centre x, centre y, area, aspect (width over
 * height), and the velocities of the first three; the aspect is taken as constant. The measurement is the box.
 *
 * <p>Unlike SORT, which steps one frame at a time with noise in pixels, time steps are in seconds (plates are
 * sampled at a configured rate with gaps) and every noise is relative to the box's size, so a distant 20-pixel plate
 * and a near 200-pixel one are tracked alike. Plain arrays: 7 states, 4 measurements, no matrix library.
 */
final class BoxKalmanFilter {
    private static final int N = 7;
    private static final int M = 4;

    /** Measurement noise: detector jitter as a fraction of the box's side (area twice that, relative). */
    private static final double MEASURE_SIDE = 0.05;
    private static final double MEASURE_ASPECT = 0.1;
    /** Initial velocity uncertainty, box sides per second: a plate can cross the picture in under a second. */
    private static final double INITIAL_SPEED = 10;
    /** Acceleration noise, box sides per second squared: perspective speeds plates up as they approach. */
    private static final double ACCELERATION = 10;
    /** Relative area growth noise per second squared: an approaching plate's area can double within a second. */
    private static final double AREA_ACCELERATION = 2;
    /** Aspect drift per square root of a second (perspective turns plates a little). */
    private static final double ASPECT_DRIFT = 0.05;

    private final double[] x = new double[N];
    private final double[] p = new double[N * N];

    BoxKalmanFilter(Box box) {
        double[] z = measurement(box);
        System.arraycopy(z, 0, x, 0, M);
        double side = side();
        double[] r = measurementNoise(side);
        for (int i = 0; i < M; i++) {
            p[i * N + i] = r[i];
        }
        double v = INITIAL_SPEED * side;
        p[4 * N + 4] = v * v;
        p[5 * N + 5] = v * v;
        double va = INITIAL_SPEED * x[2];
        p[6 * N + 6] = va * va;
    }

    /** Moves the state {@code dt} seconds ahead; a negative step (clock went back) counts as none. */
    void predict(double dt) {
        if (!(dt > 0)) {
            return;
        }
        if (x[2] + x[6] * dt <= 0) {
            x[6] = 0; // as SORT: an area cannot shrink through zero
        }
        x[0] += x[4] * dt;
        x[1] += x[5] * dt;
        x[2] += x[6] * dt;
        // P = F P F^T, F = I with F[i][i+4] = dt for i in 0..2
        for (int pass = 0; pass < 2; pass++) {
            // rows (pass 0) then columns (pass 1): row i += dt * row i+4
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < N; k++) {
                    if (pass == 0) {
                        p[i * N + k] += dt * p[(i + 4) * N + k];
                    } else {
                        p[k * N + i] += dt * p[k * N + i + 4];
                    }
                }
            }
        }
        // discrete white-noise acceleration per position/velocity pair, a random walk for the aspect
        double side = side();
        double[] sigma = {ACCELERATION * side, ACCELERATION * side, AREA_ACCELERATION * Math.max(x[2], 1)};
        for (int i = 0; i < 3; i++) {
            double q = sigma[i] * sigma[i];
            p[i * N + i] += q * dt * dt * dt * dt / 4;
            p[i * N + i + 4] += q * dt * dt * dt / 2;
            p[(i + 4) * N + i] += q * dt * dt * dt / 2;
            p[(i + 4) * N + i + 4] += q * dt * dt;
        }
        double drift = ASPECT_DRIFT * x[3];
        p[3 * N + 3] += drift * drift * dt;
    }

    /** Corrects the state with an observed box. */
    void update(Box box) {
        double[] z = measurement(box);
        double[] r = measurementNoise(Math.sqrt(Math.max(box.area(), 1)));
        double[] y = new double[M];
        double[] s = new double[M * M];
        for (int i = 0; i < M; i++) {
            y[i] = z[i] - x[i];
            for (int j = 0; j < M; j++) {
                s[i * M + j] = p[i * N + j];
            }
            s[i * M + i] += r[i];
        }
        double[] sInv = invert4(s);
        // K = P H^T S^-1: N x M
        double[] k = new double[N * M];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < M; j++) {
                double sum = 0;
                for (int l = 0; l < M; l++) {
                    sum += p[i * N + l] * sInv[l * M + j];
                }
                k[i * M + j] = sum;
            }
        }
        for (int i = 0; i < N; i++) {
            double sum = 0;
            for (int j = 0; j < M; j++) {
                sum += k[i * M + j] * y[j];
            }
            x[i] += sum;
        }
        // P = (I - K H) P, then made symmetric again against rounding
        double[] next = new double[N * N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                double sum = p[i * N + j];
                for (int l = 0; l < M; l++) {
                    sum -= k[i * M + l] * p[l * N + j];
                }
                next[i * N + j] = sum;
            }
        }
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                p[i * N + j] = (next[i * N + j] + next[j * N + i]) / 2;
            }
        }
    }

    /** The box the state describes now; {@code fallback} when the state has degenerated (no area or aspect). */
    Box box(Box fallback) {
        double area = x[2];
        double aspect = x[3];
        if (!(area > 0 && aspect > 0) || !Double.isFinite(x[0]) || !Double.isFinite(x[1])) {
            return fallback;
        }
        double w = Math.sqrt(area * aspect);
        double h = area / w;
        return new Box(x[0] - w / 2, x[1] - h / 2, w, h);
    }

    /** Velocity of the centre, pixels per second, x then y. */
    double[] velocity() {
        return new double[] {x[4], x[5]};
    }

    private double side() {
        return Math.sqrt(Math.max(x[2], 1));
    }

    private static double[] measurement(Box box) {
        double aspect = box.height() > 0 ? box.width() / box.height() : 1;
        return new double[] {box.centreX(), box.centreY(), box.area(), aspect};
    }

    private double[] measurementNoise(double side) {
        double pos = MEASURE_SIDE * side;
        double area = 2 * MEASURE_SIDE * Math.max(x[2], 1);
        double aspect = MEASURE_ASPECT * Math.max(x[3], 0.1);
        return new double[] {pos * pos, pos * pos, area * area, aspect * aspect};
    }

    /** Gauss-Jordan with partial pivoting; S is a covariance plus positive noise, so never singular in practice. */
    private static double[] invert4(double[] a) {
        double[] m = a.clone();
        double[] inv = new double[M * M];
        for (int i = 0; i < M; i++) {
            inv[i * M + i] = 1;
        }
        for (int col = 0; col < M; col++) {
            int pivot = col;
            for (int row = col + 1; row < M; row++) {
                if (Math.abs(m[row * M + col]) > Math.abs(m[pivot * M + col])) {
                    pivot = row;
                }
            }
            if (pivot != col) {
                swapRows(m, pivot, col);
                swapRows(inv, pivot, col);
            }
            double d = m[col * M + col];
            if (d == 0) {
                throw new ArithmeticException("singular innovation covariance");
            }
            for (int j = 0; j < M; j++) {
                m[col * M + j] /= d;
                inv[col * M + j] /= d;
            }
            for (int row = 0; row < M; row++) {
                if (row != col) {
                    double f = m[row * M + col];
                    for (int j = 0; j < M; j++) {
                        m[row * M + j] -= f * m[col * M + j];
                        inv[row * M + j] -= f * inv[col * M + j];
                    }
                }
            }
        }
        return inv;
    }

    private static void swapRows(double[] a, int r1, int r2) {
        for (int j = 0; j < M; j++) {
            double t = a[r1 * M + j];
            a[r1 * M + j] = a[r2 * M + j];
            a[r2 * M + j] = t;
        }
    }
}
