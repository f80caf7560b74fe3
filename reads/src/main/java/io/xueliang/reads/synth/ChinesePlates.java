package io.xueliang.reads.synth;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Valid, distinct mainland plates (GA 36): a province character, the issuing office's letter and five characters
 * (digits, with at most two letters), or six for a new-energy plate (D or F, then five digits). Never I or O, which
 * the standard leaves out for their likeness to 1 and 0.
 */
final class ChinesePlates {
    /** Letters GA 36 allows on a plate. */
    static final String LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String NEIGHBOURS = "粤鄂赣桂黔渝川京沪浙苏豫皖闽";
    /** 湘 offices around 湘潭: A Changsha, C Xiangtan, F Yueyang, E Shaoyang, N Loudi, D Hengyang. */
    private static final String LOCAL_OFFICES = "CCCCCAAAFEND";

    private final SplittableRandom random;
    private final Set<String> issued = new HashSet<>();

    ChinesePlates(SplittableRandom random) {
        this.random = random;
    }

    /** A plate of the county (mostly 湘C, 湘潭's office) or, when {@code visitor}, mostly of another province. */
    Plate next(boolean visitor) {
        while (true) {
            String province;
            char office;
            if (visitor && random.nextInt(10) < 7) {
                province = String.valueOf(NEIGHBOURS.charAt(random.nextInt(NEIGHBOURS.length())));
                office = LETTERS.charAt(random.nextInt(LETTERS.length()));
            } else {
                province = "湘";
                office = LOCAL_OFFICES.charAt(random.nextInt(LOCAL_OFFICES.length()));
            }
            int kind = random.nextInt(100);
            StringBuilder s = new StringBuilder(8).append(province).append(office);
            String colour;
            String format;
            if (kind < 15) {
                s.append(random.nextBoolean() ? 'D' : 'F');
                for (int i = 0; i < 5; i++) {
                    s.append((char) ('0' + random.nextInt(10)));
                }
                colour = "green";
                format = "NEW_ENERGY_SMALL";
            } else {
                int letters = random.nextInt(3);
                for (int i = 0; i < 5; i++) {
                    boolean letter = letters > 0 && random.nextInt(5 - i) < letters;
                    if (letter) {
                        letters--;
                        s.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
                    } else {
                        s.append((char) ('0' + random.nextInt(10)));
                    }
                }
                boolean truck = kind < 25;
                colour = truck ? "yellow" : "blue";
                format = truck ? "LARGE_VEHICLE" : "SMALL_CAR";
            }
            String text = s.toString();
            if (issued.add(text)) {
                return new Plate(text, colour, format);
            }
        }
    }

    record Plate(String text, String colour, String format) {
    }
}
