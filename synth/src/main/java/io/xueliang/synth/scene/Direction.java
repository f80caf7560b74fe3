package io.xueliang.synth.scene;

/** Which way a vehicle moves relative to the camera, which fixes whether its front or rear plate shows. */
public enum Direction {
    /** Driving towards the camera: the front plate is seen. */
    APPROACHING("approaching"),
    /** Driving away from the camera: the rear plate is seen. */
    RECEDING("receding");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
