package io.xueliang.synth.scene;

/** Body shapes with their outline in metres. */
public enum VehicleKind {
    CAR("car", 1.80, 1.45, 4.6),
    SUV("suv", 1.90, 1.75, 4.8),
    TRUCK("truck", 2.45, 3.10, 8.5);

    private final String label;
    private final double width;
    private final double height;
    private final double length;

    VehicleKind(String label, double width, double height, double length) {
        this.label = label;
        this.width = width;
        this.height = height;
        this.length = length;
    }

    public String label() {
        return label;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    public double length() {
        return length;
    }
}
