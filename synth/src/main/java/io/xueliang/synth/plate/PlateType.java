package io.xueliang.synth.plate;

/**
 * The plate kinds the renderer draws, with their GA 36 outline in millimetres and the number of
 * characters they carry (province + issuing-authority letter + serial).
 */
public enum PlateType {
    /** Small passenger car: white characters on blue, 440 x 140 mm, 7 characters. */
    BLUE("blue", 440, 7),
    /** Large vehicle (front plate): black characters on yellow, 440 x 140 mm, 7 characters. */
    YELLOW("yellow", 440, 7),
    /** Small new-energy car: black characters on a white-to-green gradient, 480 x 140 mm, 8 characters. */
    GREEN_NEW_ENERGY("green", 480, 8);

    private final String colour;
    private final int widthMm;
    private final int characters;

    PlateType(String colour, int widthMm, int characters) {
        this.colour = colour;
        this.widthMm = widthMm;
        this.characters = characters;
    }

    /** The colour word used in ground truth files and plate reads ("blue", "yellow", "green"). */
    public String colour() {
        return colour;
    }

    public int widthMm() {
        return widthMm;
    }

    public int heightMm() {
        return 140;
    }

    /** Characters on the plate, separator excluded. */
    public int characters() {
        return characters;
    }

    /** Width over height of the plate outline. */
    public double aspectRatio() {
        return widthMm / (double) heightMm();
    }
}
