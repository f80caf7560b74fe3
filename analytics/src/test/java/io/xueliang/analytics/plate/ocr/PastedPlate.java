package io.xueliang.analytics.plate.ocr;

import io.xueliang.analytics.image.Box;
import io.xueliang.synth.plate.ChinesePlateRenderer;
import io.xueliang.synth.plate.PlateSpec;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;

/**
 * A plate drawn by synth's renderer onto a picture at a known centre, width and angle, and where its
 * corners ended up: the ground truth of the detector tests.
 */
record PastedPlate(PlateSpec spec, double cx, double cy, double width, double degrees) {

    double height() {
        return width / spec.type().aspectRatio();
    }

    void paint(BufferedImage picture, ChinesePlateRenderer renderer) {
        Graphics2D g = picture.createGraphics();
        try {
            g.transform(transform());
            renderer.draw(g, spec, -width / 2, -height() / 2, width);
        } finally {
            g.dispose();
        }
    }

    /** Top-left, top-right, bottom-right, bottom-left as x0, y0, ... */
    double[] corners() {
        double w = width / 2;
        double h = height() / 2;
        double[] local = {-w, -h, w, -h, w, h, -w, h};
        double[] out = new double[8];
        transform().transform(local, 0, out, 0, 4);
        return out;
    }

    Box box() {
        double[] c = corners();
        double minX = Math.min(Math.min(c[0], c[2]), Math.min(c[4], c[6]));
        double maxX = Math.max(Math.max(c[0], c[2]), Math.max(c[4], c[6]));
        double minY = Math.min(Math.min(c[1], c[3]), Math.min(c[5], c[7]));
        double maxY = Math.max(Math.max(c[1], c[3]), Math.max(c[5], c[7]));
        return new Box(minX, minY, maxX - minX, maxY - minY);
    }

    private AffineTransform transform() {
        AffineTransform at = AffineTransform.getTranslateInstance(cx, cy);
        at.rotate(Math.toRadians(degrees));
        return at;
    }

    /** The angle of a candidate's top edge in degrees, clockwise positive as the plate's. */
    static double topEdgeDegrees(double[] corners) {
        return Math.toDegrees(Math.atan2(corners[3] - corners[1], corners[2] - corners[0]));
    }

    static Point2D.Double centre(double[] corners) {
        return new Point2D.Double((corners[0] + corners[2] + corners[4] + corners[6]) / 4,
                (corners[1] + corners[3] + corners[5] + corners[7]) / 4);
    }
}
