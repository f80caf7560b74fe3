package io.xueliang.synth.scene;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;

/**
 * Paints the static part of the scene once: asphalt with texture, lane markings, kerbs, pavement,
 * verge and roadside trees. The frame painter copies the result for every frame.
 */
final class BackgroundPainter {
    private static final double ROAD_HALF_WIDTH = 7.5;
    private final RoadCamera camera;

    BackgroundPainter(RoadCamera camera) {
        this.camera = camera;
    }

    BufferedImage paint(long seed) {
        BufferedImage image = new BufferedImage(RoadCamera.WIDTH, RoadCamera.HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Random random = new Random(seed ^ 0x5EED_BA5EL);
        // verge (grass) everywhere, then pavement, kerb and road on top
        g.setColor(new Color(0x5C, 0x70, 0x3E));
        g.fillRect(0, 0, RoadCamera.WIDTH, RoadCamera.HEIGHT);
        fillGround(g, -12.5, 12.5, new Color(0xA8, 0xA4, 0x9C));
        fillGround(g, -ROAD_HALF_WIDTH - 0.3, ROAD_HALF_WIDTH + 0.3, new Color(0xC4, 0xC2, 0xBC));
        fillGround(g, -ROAD_HALF_WIDTH, ROAD_HALF_WIDTH, new Color(0x5B, 0x5D, 0x60));
        paintPavingJoints(g);
        addNoise(image, random);
        paintPatches(g, random);
        paintMarkings(g);
        paintTrees(g, random);
        g.dispose();
        return image;
    }

    private void fillGround(Graphics2D g, double x0, double x1, Color colour) {
        g.setColor(colour);
        g.fill(groundQuad(x0, x1, 5, 80));
    }

    private Path2D groundQuad(double x0, double x1, double z0, double z1) {
        Path2D p = new Path2D.Double();
        Point2D a = camera.project(x0, 0, z0);
        Point2D b = camera.project(x1, 0, z0);
        Point2D c = camera.project(x1, 0, z1);
        Point2D d = camera.project(x0, 0, z1);
        p.moveTo(a.getX(), a.getY());
        p.lineTo(b.getX(), b.getY());
        p.lineTo(c.getX(), c.getY());
        p.lineTo(d.getX(), d.getY());
        p.closePath();
        return p;
    }

    private void paintPavingJoints(Graphics2D g) {
        g.setColor(new Color(0x8E, 0x8A, 0x84));
        g.setStroke(new BasicStroke(1.2f));
        for (double side : new double[] {-1, 1}) {
            for (double z = 5; z < 80; z += 0.6) {
                Point2D a = camera.project(side * (ROAD_HALF_WIDTH + 0.3), 0, z);
                Point2D b = camera.project(side * 12.5, 0, z);
                g.drawLine((int) a.getX(), (int) a.getY(), (int) b.getX(), (int) b.getY());
            }
            for (double x = ROAD_HALF_WIDTH + 0.9; x < 12.5; x += 0.6) {
                Point2D a = camera.project(side * x, 0, 5);
                Point2D b = camera.project(side * x, 0, 80);
                g.drawLine((int) a.getX(), (int) a.getY(), (int) b.getX(), (int) b.getY());
            }
        }
    }

    private void paintMarkings(Graphics2D g) {
        Color white = new Color(0xE8, 0xE8, 0xE4);
        Color yellow = new Color(0xE6, 0xB4, 0x1E);
        // double solid centre line, dashed lane dividers (6 m dash, 9 m gap), solid edge lines
        g.setColor(yellow);
        g.fill(groundQuad(-0.25, -0.1, 5, 80));
        g.fill(groundQuad(0.1, 0.25, 5, 80));
        g.setColor(white);
        for (double side : new double[] {-1, 1}) {
            for (double z = 2; z < 80; z += 15) {
                g.fill(groundQuad(side * 3.5 - 0.075, side * 3.5 + 0.075, z, z + 6));
            }
            g.fill(groundQuad(side * 7.0 - 0.1, side * 7.0 + 0.1, 5, 80));
        }
        // guide arrows in the inner lanes, straight ahead
        g.setColor(white);
        paintArrow(g, -1.75, 27, -1);
        paintArrow(g, 1.75, 24, 1);
    }

    private void paintArrow(Graphics2D g, double x, double z, int towards) {
        g.fill(groundQuad(x - 0.15, x + 0.15, z, z + 3.0));
        double tip = towards < 0 ? z - 1.5 : z + 4.5;
        double base = towards < 0 ? z : z + 3.0;
        Path2D p = new Path2D.Double();
        Point2D a = camera.project(x - 0.45, 0, base);
        Point2D b = camera.project(x + 0.45, 0, base);
        Point2D c = camera.project(x, 0, tip);
        p.moveTo(a.getX(), a.getY());
        p.lineTo(b.getX(), b.getY());
        p.lineTo(c.getX(), c.getY());
        p.closePath();
        g.fill(p);
    }

    private void paintPatches(Graphics2D g, Random random) {
        // repaired asphalt patches and a manhole cover break up the uniform surface
        for (int i = 0; i < 6; i++) {
            double x = -6 + random.nextDouble() * 12;
            double z = 12 + random.nextDouble() * 30;
            int shade = 0x50 + random.nextInt(0x10);
            g.setColor(new Color(shade, shade + 2, shade + 4, 160));
            g.fill(groundQuad(x, x + 0.6 + random.nextDouble() * 1.2, z, z + 0.8 + random.nextDouble() * 2));
        }
        Point2D m = camera.project(4.8, 0, 20);
        double r = camera.pixelsPerMetre(0, 20) * 0.35;
        g.setColor(new Color(0x3C, 0x3C, 0x3E));
        g.fillOval((int) (m.getX() - r), (int) (m.getY() - r * 0.45), (int) (2 * r), (int) (r * 0.9));
    }

    private void paintTrees(Graphics2D g, Random random) {
        for (double side : new double[] {-1, 1}) {
            for (double z = 14; z < 70; z += 8 + random.nextDouble() * 3) {
                double x = side * (13.5 + random.nextDouble());
                Point2D base = camera.project(x, 0, z);
                double ppm = camera.pixelsPerMetre(2, z);
                double crown = ppm * (1.6 + random.nextDouble() * 0.6);
                g.setColor(new Color(0x4A, 0x3A, 0x2A));
                g.fillRect((int) (base.getX() - ppm * 0.15), (int) (base.getY() - ppm * 2.2), (int) (ppm * 0.3),
                        (int) (ppm * 2.2));
                g.setColor(new Color(0x2E + random.nextInt(20), 0x5A + random.nextInt(30), 0x2A));
                g.fillOval((int) (base.getX() - crown), (int) (base.getY() - ppm * 2.2 - crown * 1.4),
                        (int) (2 * crown), (int) (crown * 1.8));
            }
        }
    }

    /** Fine grain, low amplitude so static keyframes stay cheap for the encoder. */
    private static void addNoise(BufferedImage image, Random random) {
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < data.length; i += 3) {
            int d = random.nextInt(13) - 6;
            for (int c = 0; c < 3; c++) {
                int v = (data[i + c] & 0xFF) + d;
                data[i + c] = (byte) Math.max(0, Math.min(255, v));
            }
        }
    }
}
