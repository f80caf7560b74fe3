package io.xueliang.synth.scene;

import io.xueliang.synth.plate.ChinesePlateRenderer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;

/**
 * Paints a vehicle as a few projected boxes (lower body, cabin or cargo box, glass, lights) and
 * its plate as a cached image mapped onto the visible face.
 */
final class VehiclePainter {
    /**
     * Plates are drawn 1.6 times their real 440 mm so they reach reading size (120-180 px) while two
     * lanes stay in view; a real checkpoint camera zooms onto one lane instead.
     */
    static final double PLATE_SCALE = 1.6;
    private static final int PLATE_CACHE_WIDTH = 320;
    private static final Color GLASS = new Color(0x26, 0x32, 0x3E);
    private static final Color TYRE = new Color(0x18, 0x18, 0x18);

    private final RoadCamera camera;
    private final ChinesePlateRenderer plates;
    private final Map<Integer, BufferedImage> plateImages = new HashMap<>();

    VehiclePainter(RoadCamera camera, ChinesePlateRenderer plates) {
        this.camera = camera;
        this.plates = plates;
    }

    void paint(Graphics2D g, Vehicle v, double faceZ) {
        VehicleKind k = v.kind();
        double x0 = v.laneX() - k.width() / 2;
        double x1 = v.laneX() + k.width() / 2;
        double zBack = faceZ + k.length();
        boolean front = v.direction() == Direction.APPROACHING;
        Color body = v.body();
        Color side = shade(body, 0.72);
        Color top = shade(body, 1.08);

        g.setColor(new Color(0, 0, 0, 90));
        g.fill(quad(pt(x0 - 0.15, 0, faceZ - 0.1), pt(x1 + 0.25, 0, faceZ - 0.1), pt(x1 + 0.25, 0, zBack + 0.4),
                pt(x0 - 0.15, 0, zBack + 0.4)));

        double sideX = v.laneX() < 0 ? x1 : x0;
        if (k == VehicleKind.TRUCK) {
            double cabLength = 2.3;
            double cabZ0 = front ? faceZ : zBack - cabLength;
            double cargoZ0 = front ? faceZ + cabLength + 0.2 : faceZ;
            double cargoZ1 = front ? zBack : zBack - cabLength - 0.2;
            // cargo box, slightly taller than the cab
            box(g, x0, x1, 0.5, k.height() + 0.2, cargoZ0, cargoZ1, sideX, new Color(0xD8, 0xD6, 0xD0),
                    new Color(0xB0, 0xAE, 0xA8), new Color(0xE4, 0xE2, 0xDC));
            box(g, x0, x1, 0.4, k.height() - 0.3, cabZ0, cabZ0 + cabLength, sideX, body, side, top);
            if (front) {
                g.setColor(GLASS);
                g.fill(quad(pt(x0 + 0.15, k.height() - 0.5, faceZ), pt(x1 - 0.15, k.height() - 0.5, faceZ),
                        pt(x1 - 0.15, 1.7, faceZ), pt(x0 + 0.15, 1.7, faceZ)));
            } else {
                g.setColor(new Color(0x9A, 0x98, 0x92));
                Point2D a = pt(v.laneX(), 0.6, faceZ);
                Point2D b = pt(v.laneX(), k.height() + 0.1, faceZ);
                g.drawLine((int) a.getX(), (int) a.getY(), (int) b.getX(), (int) b.getY());
            }
            wheels(g, x0, x1, faceZ, sideX);
            lights(g, x0, x1, 0.8, faceZ, front);
            plate(g, v, faceZ);
            return;
        }
        double beltline = 0.85;
        wheels(g, x0, x1, faceZ, sideX);
        box(g, x0, x1, 0.25, beltline, faceZ, zBack, sideX, body, side, top);
        // cabin: hood in front of it when approaching, boot behind it when receding
        double cabin0 = faceZ + (front ? 0.30 : 0.22) * k.length();
        double cabin1 = faceZ + (front ? 0.82 : 0.72) * k.length();
        double inset = 0.14;
        double cx0 = x0 + inset;
        double cx1 = x1 - inset;
        double roofZ0 = cabin0 + 0.45;
        double roofZ1 = cabin1 - 0.35;
        // side glass
        g.setColor(shade(GLASS, 1.2));
        g.fill(quad(pt(sideX == x1 ? cx1 : cx0, beltline, cabin0), pt(sideX == x1 ? cx1 : cx0, k.height(), roofZ0),
                pt(sideX == x1 ? cx1 : cx0, k.height(), roofZ1), pt(sideX == x1 ? cx1 : cx0, beltline, cabin1)));
        // sloped windscreen (or rear window) facing the camera
        g.setColor(GLASS);
        g.fill(quad(pt(x0 + 0.05, beltline, cabin0), pt(x1 - 0.05, beltline, cabin0), pt(cx1, k.height(), roofZ0),
                pt(cx0, k.height(), roofZ0)));
        g.setColor(top);
        g.fill(quad(pt(cx0, k.height(), roofZ0), pt(cx1, k.height(), roofZ0), pt(cx1, k.height(), roofZ1),
                pt(cx0, k.height(), roofZ1)));
        lights(g, x0, x1, 0.62, faceZ, front);
        if (front) {
            g.setColor(shade(body, 0.35));
            g.fill(quad(pt(v.laneX() - 0.45, 0.62, faceZ), pt(v.laneX() + 0.45, 0.62, faceZ),
                    pt(v.laneX() + 0.45, 0.48, faceZ), pt(v.laneX() - 0.45, 0.48, faceZ)));
        }
        plate(g, v, faceZ);
    }

    private void box(Graphics2D g, double x0, double x1, double y0, double y1, double z0, double z1, double sideX,
            Color face, Color side, Color top) {
        g.setColor(side);
        g.fill(quad(pt(sideX, y0, z0), pt(sideX, y1, z0), pt(sideX, y1, z1), pt(sideX, y0, z1)));
        g.setColor(top);
        g.fill(quad(pt(x0, y1, z0), pt(x1, y1, z0), pt(x1, y1, z1), pt(x0, y1, z1)));
        g.setColor(face);
        g.fill(quad(pt(x0, y0, z0), pt(x1, y0, z0), pt(x1, y1, z0), pt(x0, y1, z0)));
    }

    private void wheels(Graphics2D g, double x0, double x1, double faceZ, double sideX) {
        g.setColor(TYRE);
        g.fill(quad(pt(x0 + 0.1, 0, faceZ + 0.3), pt(x0 + 0.35, 0, faceZ + 0.3), pt(x0 + 0.35, 0.3, faceZ + 0.3),
                pt(x0 + 0.1, 0.3, faceZ + 0.3)));
        g.fill(quad(pt(x1 - 0.35, 0, faceZ + 0.3), pt(x1 - 0.1, 0, faceZ + 0.3), pt(x1 - 0.1, 0.3, faceZ + 0.3),
                pt(x1 - 0.35, 0.3, faceZ + 0.3)));
    }

    private void lights(Graphics2D g, double x0, double x1, double y, double z, boolean front) {
        g.setColor(front ? new Color(0xF0, 0xF0, 0xE0) : new Color(0xC0, 0x18, 0x18));
        g.fill(quad(pt(x0 + 0.08, y + 0.14, z), pt(x0 + 0.42, y + 0.14, z), pt(x0 + 0.42, y, z), pt(x0 + 0.08, y, z)));
        g.fill(quad(pt(x1 - 0.42, y + 0.14, z), pt(x1 - 0.08, y + 0.14, z), pt(x1 - 0.08, y, z), pt(x1 - 0.42, y, z)));
    }

    private void plate(Graphics2D g, Vehicle v, double z) {
        BufferedImage image = plateImages.computeIfAbsent(v.id(), id -> plates.render(v.plate(), PLATE_CACHE_WIDTH));
        Point2D.Double[] corners = plateCorners(v, z);
        Point2D tl = corners[0];
        Point2D tr = corners[1];
        Point2D bl = corners[3];
        AffineTransform at = new AffineTransform((tr.getX() - tl.getX()) / image.getWidth(),
                (tr.getY() - tl.getY()) / image.getWidth(), (bl.getX() - tl.getX()) / image.getHeight(),
                (bl.getY() - tl.getY()) / image.getHeight(), tl.getX(), tl.getY());
        Object hint = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, at, null);
        if (hint != null) {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, hint);
        }
    }

    /** The plate's corners in the frame, top-left, top-right, bottom-right, bottom-left, with the face at {@code z}. */
    Point2D.Double[] plateCorners(Vehicle v, double z) {
        double centreY = v.kind() == VehicleKind.TRUCK ? 0.75 : 0.42;
        double w = v.plate().type().widthMm() / 1000.0 * PLATE_SCALE;
        double h = v.plate().type().heightMm() / 1000.0 * PLATE_SCALE;
        return new Point2D.Double[] {
            camera.project(v.laneX() - w / 2, centreY + h / 2, z), camera.project(v.laneX() + w / 2, centreY + h / 2, z),
            camera.project(v.laneX() + w / 2, centreY - h / 2, z), camera.project(v.laneX() - w / 2, centreY - h / 2, z),
        };
    }

    /** Width in pixels the vehicle's plate has when its face is at distance {@code z}. */
    double plateWidthPixels(Vehicle v, double z) {
        return v.plate().type().widthMm() / 1000.0 * PLATE_SCALE * camera.pixelsPerMetre(0.42, z);
    }

    private Point2D pt(double x, double y, double z) {
        return camera.project(x, y, z);
    }

    private static Path2D quad(Point2D a, Point2D b, Point2D c, Point2D d) {
        Path2D p = new Path2D.Double();
        p.moveTo(a.getX(), a.getY());
        p.lineTo(b.getX(), b.getY());
        p.lineTo(c.getX(), c.getY());
        p.lineTo(d.getX(), d.getY());
        p.closePath();
        return p;
    }

    private static Color shade(Color c, double f) {
        return new Color(clamp(c.getRed() * f), clamp(c.getGreen() * f), clamp(c.getBlue() * f));
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
